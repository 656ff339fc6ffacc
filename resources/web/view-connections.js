// Connections: sortable by any column, searchable, with the parsed filter conditions, and a close
// action behind a confirmation dialog. Rows are keyed by connection id and reused, so a refresh
// (at most twice a second) touches only the cells that changed and keeps keyboard focus.

import { $, el, setText, formatNumber, formatBytes, formatDateTime, shortId } from './dom.js';
import { t, lang, onLangChange } from './i18n.js';
import { request } from './api.js';

const MAX_ROWS = 500;

export function conditionChips(item) {
  const conditions = Array.isArray(item.conditions) ? item.conditions : [];
  if (!conditions.length) return [el('span', { class: 'muted', text: item.filter_text || t('conn.nofilter') })];
  return conditions.map((c) => el('span', {
    class: 'chip',
    title: c.parameter ? `${c.parameter}=${(c.values || []).join(',')}` : null,
    text: c.text || `${c.parameter} ${c.operator} ${(c.values || []).join(', ')}`,
  }));
}

function field(item, key) {
  return key.split('.').reduce((o, k) => (o == null ? undefined : o[k]), item);
}

export class ConnectionsView {
  constructor(announce) {
    this.announce = announce;
    this.items = [];
    this.rows = new Map();
    this.sortKey = 'id';
    this.sortDir = 1;
    this.query = '';
    this.pending = false;
    this.table = $('conn-table');
    this.body = this.table.tBodies[0];
    for (const th of this.table.tHead.rows[0].cells) {
      if (!th.dataset.key) continue;
      const label = th.dataset.i18n;
      th.removeAttribute('data-i18n');
      const button = el('button', { type: 'button', class: 'sort', dataset: { i18n: label } });
      button.addEventListener('click', () => this.sortBy(th.dataset.key));
      th.replaceChildren(button);
    }
    $('conn-search').addEventListener('input', (e) => { this.query = e.target.value.trim().toLowerCase(); this.schedule(); });
    onLangChange(() => { this.rows.clear(); this.body.replaceChildren(); this.schedule(); });
    this.dialog = $('close-dialog');
    this.dialog.addEventListener('close', () => this.onDialogClosed());
  }

  set(connections) {
    this.items = Array.isArray(connections) ? connections : [];
    this.schedule();
  }

  // The instance these subscribers are on: the one this page is signed in to.
  setInstance(instance) {
    if (this.instance && instance && this.instance.id === instance.id && this.instance.name === instance.name) return;
    this.instance = instance;
    this.schedule();
  }

  sortBy(key) {
    if (this.sortKey === key) this.sortDir = -this.sortDir;
    else { this.sortKey = key; this.sortDir = 1; }
    this.schedule();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.render(); });
  }

  matches(c) {
    if (!this.query) return true;
    const hay = [c.id, c.peer, c.account, c.filter_text, c.filter_query, c.request_id, this.instance?.name,
      ...(c.conditions || []).map((x) => x.text)].join(' ').toLowerCase();
    return hay.includes(this.query);
  }

  render() {
    for (const th of this.table.tHead.rows[0].cells) {
      if (!th.dataset.key) continue;
      if (th.dataset.key === this.sortKey) th.setAttribute('aria-sort', this.sortDir > 0 ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
    const key = this.sortKey, dir = this.sortDir;
    const shown = this.items.filter((c) => this.matches(c)).sort((a, b) => {
      // A key may name a field of an object ("lag.ms").
      const x = field(a, key) ?? '', y = field(b, key) ?? '';
      const r = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return r * dir || (a.id - b.id);
    }).slice(0, MAX_ROWS);
    const keep = new Set(shown.map((c) => c.id));
    for (const [id, tr] of this.rows) if (!keep.has(id)) { tr.remove(); this.rows.delete(id); }
    let previous = null;
    for (const c of shown) {
      let tr = this.rows.get(c.id);
      if (!tr) { tr = this.createRow(c); this.rows.set(c.id, tr); }
      this.updateRow(tr, c);
      const expected = previous ? previous.nextSibling : this.body.firstChild;
      if (expected !== tr) this.body.insertBefore(tr, expected);
      previous = tr;
    }
    setText($('conn-count'), t('conn.count', { shown: shown.length, n: this.items.length }));
    $('conn-empty').hidden = shown.length > 0;
  }

  createRow(c) {
    const tr = el('tr', { dataset: { id: c.id } });
    for (let i = 0; i < 11; i++) tr.append(el('td'));
    for (const i of [5, 6, 7, 8]) tr.cells[i].className = 'num';
    tr.cells[2].className = 'mono nowrap';
    tr.cells[9].className = 'mono small';
    const button = el('button', { type: 'button', class: 'danger small', text: t('conn.close'),
      'aria-label': t('conn.close_label', { id: c.id }) });
    button.addEventListener('click', () => this.confirmClose(c.id));
    tr.append(el('td', null, button));
    tr.filterKey = null;
    return tr;
  }

  updateRow(tr, c) {
    const l = lang();
    const cells = tr.cells;
    tr.item = c;
    setText(cells[0], c.id);
    setText(cells[1], c.peer ?? '');
    setText(cells[2], c.subscribed === false ? t('conn.unsubscribed') : shortId(c.account));
    cells[2].title = c.account ?? '';
    const filterKey = JSON.stringify(c.conditions ?? c.filter_text ?? '');
    if (tr.filterKey !== filterKey) {
      tr.filterKey = filterKey;
      cells[3].replaceChildren(...conditionChips(c));
    }
    setText(cells[4], formatDateTime(c.subscribed_at || c.connected_at, l));
    setText(cells[5], formatNumber(c.delivered, l));
    setText(cells[6], formatNumber(c.dropped, l));
    setText(cells[7], formatBytes(c.queue_bytes, l));
    // Empty while it keeps up, so that who is behind stands out.
    const lag = c.lag ?? { events: 0, ms: 0 };
    setText(cells[8], lag.events > 0 ? t('conn.lag_value', {
      events: formatNumber(lag.events, l), seconds: formatNumber(Math.round(lag.ms / 100) / 10, l),
    }) : '');
    setText(cells[9], c.request_id ?? '');
    // Every subscriber listed here is on the instance the page is signed in to (from the fleet).
    setText(cells[10], this.instance ? this.instance.name ?? '' : '');
    cells[10].title = this.instance ? this.instance.id ?? '' : '';
  }

  confirmClose(id) {
    const tr = this.rows.get(id);
    const c = tr ? tr.item : { id };
    this.closing = id;
    this.returnFocus = document.activeElement;
    setText($('close-dialog-text'), t('close.text', { id, peer: c.peer ?? '?' }));
    setText($('close-error'), '');
    $('close-reason').value = '';
    this.dialog.returnValue = '';
    this.dialog.showModal();
  }

  async onDialogClosed() {
    const id = this.closing;
    if (this.dialog.returnValue !== 'confirm' || id === undefined) {
      if (this.returnFocus) this.returnFocus.focus();
      return;
    }
    const reason = $('close-reason').value.trim();
    try {
      await request('POST', `connections/${encodeURIComponent(id)}/close`, reason ? { reason } : {});
      this.announce(t('close.done', { id }));
      this.items = this.items.filter((c) => c.id !== id);
      this.schedule();
      $('conn-search').focus();
    } catch (e) {
      const msg = e.status ? t('err.http', { status: e.status, desc: e.message }) : t('err.network');
      setText($('close-error'), t('close.failed', { msg }));
      this.dialog.showModal();
    }
  }
}
