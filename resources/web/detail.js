// The detail panel shared by the event stream and the alerts: the pictures (the captured face, the
// body when there is one, and beside them the top match's enrolled face with its list and
// similarity), the key attributes highlighted, then the whole JSON as a tree. Text only.

import { $, el } from './dom.js';
import { t } from './i18n.js';
import { keyAttributes } from './eventinfo.js';
import { renderTree } from './jsontree.js';
import { pictureRefs, pictureBox, showBox, release } from './pictures.js';

// The pictures of one event side by side, as figures with captions: for the detail pane ('large',
// shown at once) and for an alarm in the list ('alarm', fetched when in view by the caller).
export function pictureRow(event, kind) {
  const refs = pictureRefs(event);
  const figures = [];
  const captured = refs.face || !refs.body ? 'face' : 'body';
  figures.push(pictureBox(refs.id, captured, kind, {
    available: refs[captured], caption: el('span', { class: 'pic-kind', text: t(`pic.cap.${captured}`) }),
  }));
  if (kind === 'large' && refs.body && captured === 'face') {
    figures.push(pictureBox(refs.id, 'body', kind, { caption: el('span', { class: 'pic-kind', text: t('pic.cap.body') }) }));
  }
  if (refs.similarity !== null) {
    figures.push(pictureBox(refs.id, 'match', kind, {
      available: refs.match,
      caption: [el('span', { class: 'pic-kind', text: t('pic.cap.match') }),
        el('strong', { class: 'pic-label', text: refs.label || t('pic.nolabel') }),
        el('span', { class: 'pic-sim', text: t('pic.similarity', { s: refs.similarity.toFixed(3) }) })],
    }));
  }
  return figures;
}

export function showDetail(prefix, event, extra = []) {
  const pics = $(`${prefix}-detail-pics`);
  release(pics);
  const figures = pictureRow(event, 'large');
  pics.replaceChildren(...figures);
  for (const f of figures) showBox(f);
  const keys = $(`${prefix}-detail-keys`);
  const rows = [...extra, ...keyAttributes(event)];
  keys.replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: t(k) }), el('dd', { text: v })]));
  renderTree($(`${prefix}-detail-tree`), event ?? null);
  const panel = $(`${prefix}-detail`);
  panel.hidden = false;
  panel.closest('.view').classList.add('with-detail');
}

export function hideDetail(prefix) {
  const panel = $(`${prefix}-detail`);
  panel.hidden = true;
  panel.closest('.view').classList.remove('with-detail');
  release($(`${prefix}-detail-pics`));
  $(`${prefix}-detail-pics`).replaceChildren();
  $(`${prefix}-detail-tree`).replaceChildren();
}
