// Alerts: new ones on top, severity colours, the key attributes at a glance, the JSON a click away,
// acknowledge with a name and a comment. A new critical alert plays a sound and blinks the tab title
// until the alerts view is looked at. Kept to MAX_ALERTS items; rows are keyed by alert id. Each
// alarm shows the captured face beside the match's enrolled face, fetched while the item is in view
// and released when the item is replaced or leaves.

import { $, el, setText, formatDateTime } from './dom.js';
import { t, lang, onLangChange } from './i18n.js';
import { request } from './api.js';
import { keyAttributes } from './eventinfo.js';
import { showDetail, hideDetail, pictureRow } from './detail.js';
import { watchBox, release } from './pictures.js';
import { playAlarm, startBlinking, stopBlinking } from './notify.js';

const MAX_ALERTS = 500;
const OPERATOR_KEY = 'luna-monitor-operator';

export class AlertsView {
  constructor(announce, isVisible) {
    this.announce = announce;
    this.isVisible = isVisible;
    this.alerts = [];       // newest first
    this.items = new Map(); // id -> li
    this.total = 0;
    this.pending = false;
    this.list = $('alerts-list');
    this.dialog = $('ack-dialog');
    this.dialog.addEventListener('close', () => this.onDialogClosed());
    $('ack-confirm').addEventListener('click', (e) => {
      if (!$('ack-name').value.trim()) { e.preventDefault(); setText($('ack-error'), t('ack.noname')); $('ack-name').focus(); }
    });
    $('al-detail-close').addEventListener('click', () => hideDetail('al'));
    onLangChange(() => { release(this.list); this.items.clear(); this.list.replaceChildren(); this.schedule(); });
  }

  async load() {
    try {
      const reply = await request('GET', 'alerts?limit=100');
      this.alerts = Array.isArray(reply.alerts) ? reply.alerts.slice(0, MAX_ALERTS) : [];
      this.total = Number(reply.total) || this.alerts.length;
      this.available = true;
    } catch (e) {
      this.available = e.status !== 404 ? true : false;
    }
    this.schedule();
  }

  // A new alert from the stream.
  add(alert) {
    if (!alert || alert.id === undefined) return;
    const at = this.alerts.findIndex((a) => a.id === alert.id);
    if (at >= 0) { this.alerts[at] = alert; this.schedule(); return; }
    this.alerts.unshift(alert);
    this.total++;
    if (this.alerts.length > MAX_ALERTS) {
      for (const gone of this.alerts.splice(MAX_ALERTS)) {
        const li = this.items.get(gone.id);
        if (li) { release(li); li.remove(); }
        this.items.delete(gone.id);
      }
    }
    if (alert.severity === 'critical' && alert.state !== 'acknowledged') {
      playAlarm();
      if (!this.isVisible()) startBlinking();
    }
    this.announce(`${t(`sev.${alert.severity}`)}: ${alert.rule}`);
    this.schedule();
  }

  // An acknowledgement (from this page or anyone else).
  update(alert) {
    const at = this.alerts.findIndex((a) => a.id === alert.id);
    if (at >= 0) this.alerts[at] = alert;
    this.schedule();
  }

  unacknowledged() {
    return this.alerts.filter((a) => a.state !== 'acknowledged').length;
  }

  // The user is looking at the alerts: stop the blinking.
  seen() {
    stopBlinking();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.render(); });
  }

  render() {
    let previous = null;
    for (const a of this.alerts) {
      let li = this.items.get(a.id);
      const stamp = `${a.state}|${a.acknowledged_at ?? ''}`;
      if (!li || li.stamp !== stamp) {
        const fresh = this.item(a);
        if (li) { release(li); li.replaceWith(fresh); }
        li = fresh;
        li.stamp = stamp;
        this.items.set(a.id, li);
      }
      const expected = previous ? previous.nextSibling : this.list.firstChild;
      if (expected !== li) this.list.insertBefore(li, expected);
      previous = li;
    }
    const n = this.unacknowledged();
    setText($('alerts-count'), t('al.count', { n, total: this.total }));
    $('alerts-empty').hidden = this.alerts.length > 0;
    const badge = $('alert-badge');
    badge.hidden = n === 0;
    setText(badge, n);
    badge.classList.toggle('critical', this.alerts.some((a) => a.severity === 'critical' && a.state !== 'acknowledged'));
  }

  item(a) {
    const l = lang();
    const acked = a.state === 'acknowledged';
    const attrs = a.attributes && typeof a.attributes === 'object' && Object.keys(a.attributes).length
      ? Object.entries(a.attributes).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])
      : keyAttributes(a.event).map(([k, v]) => [t(k), v]);
    const details = el('button', { type: 'button', class: 'secondary small', text: t('al.details') });
    details.addEventListener('click', () => showDetail('al', a.event, [
      ['attr.rule', a.rule ?? ''], ['attr.severity', t(`sev.${a.severity}`)], ['attr.account', a.account ?? ''],
    ]));
    let action;
    if (acked) {
      action = el('div', { class: 'acked' },
        el('span', { text: t('al.acked', { by: a.acknowledged_by ?? '?', at: formatDateTime(a.acknowledged_at, l) }) }),
        a.comment ? el('div', { class: 'muted', text: t('al.comment', { c: a.comment }) }) : null);
    } else {
      action = el('button', { type: 'button', class: 'ack', text: t('al.ack') });
      action.addEventListener('click', () => this.confirmAck(a));
    }
    // An alert about a subscriber (lag) has no event and no pictures.
    const figures = a.event && typeof a.event === 'object' && Object.keys(a.event).length ? pictureRow(a.event, 'alarm') : [];
    const li = el('li', { class: `alert sev-${a.severity} ${acked ? 'is-acked' : 'is-new'}`, dataset: { id: a.id } },
      el('div', { class: 'alert-head' },
        el('span', { class: `sev sev-${a.severity}`, text: t(`sev.${a.severity}`) }),
        el('strong', { class: 'rule', text: a.rule ?? '' }),
        el('span', { class: 'muted', text: formatDateTime(a.time, l) }),
        el('span', { class: 'muted', text: a.source ?? '' })),
      el('div', { class: 'alert-body' },
        figures.length ? el('div', { class: 'pics' }, figures) : null,
        el('div', { class: 'alert-attrs' }, attrs.map(([k, v]) => el('span', { class: 'chip' }, el('b', { text: `${k}: ` }), v)))),
      el('div', { class: 'alert-foot' }, action, details));
    for (const f of figures) watchBox(f);
    return li;
  }

  confirmAck(a) {
    this.acking = a;
    this.returnFocus = document.activeElement;
    setText($('ack-dialog-text'), t('ack.text', { id: a.id, rule: a.rule ?? '', severity: t(`sev.${a.severity}`), time: formatDateTime(a.time, lang()) }));
    setText($('ack-error'), '');
    $('ack-name').value = localStorage.getItem(OPERATOR_KEY) || '';
    $('ack-comment').value = '';
    this.dialog.returnValue = '';
    this.dialog.showModal();
    if ($('ack-name').value) $('ack-comment').focus();
  }

  async onDialogClosed() {
    const a = this.acking;
    if (this.dialog.returnValue !== 'confirm' || !a) {
      if (this.returnFocus && this.returnFocus.isConnected) this.returnFocus.focus();
      return;
    }
    const by = $('ack-name').value.trim();
    const comment = $('ack-comment').value.trim();
    localStorage.setItem(OPERATOR_KEY, by);
    try {
      const updated = await request('POST', `alerts/${encodeURIComponent(a.id)}/ack`, { by, comment });
      this.update(updated && updated.id !== undefined ? updated : { ...a, state: 'acknowledged', acknowledged_by: by, comment });
      this.list.focus();
    } catch (e) {
      const msg = e.status ? t('err.http', { status: e.status, desc: e.message }) : t('err.network');
      setText($('ack-error'), t('ack.failed', { msg }));
      this.dialog.showModal();
    }
  }
}
