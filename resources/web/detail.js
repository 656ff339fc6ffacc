// The detail panel shared by the event stream and the alerts: the key attributes highlighted at the
// top, then the whole JSON as a tree. Text only.

import { $, el } from './dom.js';
import { t } from './i18n.js';
import { keyAttributes } from './eventinfo.js';
import { renderTree } from './jsontree.js';

export function showDetail(prefix, event, extra = []) {
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
  $(`${prefix}-detail-tree`).replaceChildren();
}
