// The event stream: the newest samples at the bottom, following the tail unless the user scrolls
// up or pauses. Bounded and batched: at most MAX_ROWS entries are kept (older ones leave the DOM and
// memory), incoming batches are queued and drawn once per animation frame with one fragment, and
// a row is created only for an entry that is shown. Search filters the kept entries.

import { $, el, setText, formatTime, shortId } from './dom.js';
import { t, lang, onLangChange } from './i18n.js';
import { recognitionEvent, summary } from './eventinfo.js';
import { showDetail, hideDetail } from './detail.js';

const MAX_ROWS = 500;

export class EventsView {
  constructor() {
    this.entries = [];      // kept, oldest first
    this.incoming = [];     // received, not yet drawn
    this.seq = 0;
    this.droppedByService = 0;
    this.droppedHere = 0;   // arrived while paused beyond the cap
    this.paused = false;
    this.query = '';
    this.pending = false;
    this.selected = null;
    this.scroller = $('ev-scroll');
    this.body = $('ev-table').tBodies[0];
    this.follow = $('ev-follow');
    this.pauseButton = $('ev-pause');

    this.pauseButton.addEventListener('click', () => this.setPaused(!this.paused));
    this.follow.addEventListener('change', () => { if (this.follow.checked) this.scrollToEnd(); });
    // Following stops when the user scrolls up and resumes when they scroll back to the end; our
    // own scrolls (and the shift when old rows leave the top) are told apart by the position.
    this.lastTop = 0;
    this.scroller.addEventListener('scroll', () => {
      const top = this.scroller.scrollTop;
      const atEnd = this.scroller.scrollHeight - top - this.scroller.clientHeight < 4;
      if (atEnd) this.follow.checked = true;
      else if (this.userScrolling) this.follow.checked = false;
      this.lastTop = top;
    }, { passive: true });
    for (const type of ['wheel', 'touchstart', 'pointerdown', 'keydown']) {
      this.scroller.addEventListener(type, () => { this.userScrolling = true; }, { passive: true });
    }
    for (const type of ['touchend', 'pointerup']) this.scroller.addEventListener(type, () => { this.userScrolling = false; });
    $('ev-search').addEventListener('input', (e) => { this.query = e.target.value.trim().toLowerCase(); this.rebuild(); });
    this.body.addEventListener('click', (e) => { const tr = e.target.closest('tr'); if (tr) this.open(tr); });
    this.body.addEventListener('keydown', (e) => this.onKey(e));
    this.scroller.addEventListener('keydown', (e) => {
      if (e.target === this.scroller && ['ArrowDown', 'ArrowUp', 'Enter'].includes(e.key)) { e.preventDefault(); this.focusFirstRow(); }
    });
    $('ev-detail-close').addEventListener('click', () => this.closeDetail());
    onLangChange(() => { this.rebuild(); this.updatePauseLabel(); if (this.selected) this.showSelected(); });
  }

  add(message) {
    this.droppedByService += Number(message.dropped) || 0;
    for (const e of (Array.isArray(message.events) ? message.events : [])) {
      this.incoming.push({ n: ++this.seq, e, tr: null, hay: null });
    }
    if (this.incoming.length > MAX_ROWS) {
      const excess = this.incoming.length - MAX_ROWS;
      this.incoming.splice(0, excess);
      if (this.paused) this.droppedHere += excess;
    }
    this.schedule();
  }

  setPaused(paused) {
    this.paused = paused;
    this.pauseButton.setAttribute('aria-pressed', String(paused));
    this.updatePauseLabel();
    if (!paused) { this.droppedHere = 0; this.schedule(); }
    else this.updateCount();
  }

  updatePauseLabel() {
    setText(this.pauseButton, t(this.paused ? 'ev.resume' : 'ev.pause'));
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.flush(); });
  }

  flush() {
    if (this.paused) { this.updateCount(); return; }
    const fresh = this.incoming;
    this.incoming = [];
    if (fresh.length) {
      const fragment = document.createDocumentFragment();
      for (const entry of fresh) {
        this.entries.push(entry);
        if (this.matches(entry)) fragment.append(this.row(entry));
      }
      this.body.append(fragment);
      const excess = this.entries.length - MAX_ROWS;
      if (excess > 0) {
        for (const old of this.entries.splice(0, excess)) if (old.tr) old.tr.remove();
      }
      if (this.follow.checked) this.scrollToEnd();
    }
    this.updateCount();
  }

  updateCount() {
    let text = t('ev.count', { shown: this.body.childElementCount, dropped: this.droppedByService + this.droppedHere });
    if (this.paused) text += ` · ${t('ev.paused', { n: this.incoming.length })}`;
    setText($('ev-count'), text);
  }

  scrollToEnd() {
    this.userScrolling = false;
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  matches(entry) {
    if (!this.query) return true;
    if (entry.hay === null) entry.hay = `${entry.e.account} ${entry.e.source} ${JSON.stringify(entry.e.event)}`.toLowerCase();
    return entry.hay.includes(this.query);
  }

  row(entry) {
    if (entry.tr) return entry.tr;
    const l = lang();
    const e = entry.e;
    const ev = recognitionEvent(e.event && typeof e.event === 'object' ? e.event : {});
    const tr = el('tr', { tabindex: '-1', dataset: { n: entry.n } },
      el('td', { class: 'nowrap', text: formatTime(e.received_at, l) }),
      el('td', { text: typeof ev.source === 'string' ? ev.source : (e.source ?? '') }),
      el('td', { class: 'mono small nowrap', title: e.account ?? null, text: shortId(e.account) }),
      el('td', { class: 'summary', text: summary(ev) }),
      el('td', { class: 'num', text: e.recipients ?? '' }));
    tr.entry = entry;
    entry.tr = tr;
    return tr;
  }

  rebuild() {
    for (const entry of this.entries) entry.tr = null;
    const fragment = document.createDocumentFragment();
    for (const entry of this.entries) if (this.matches(entry)) fragment.append(this.row(entry));
    this.body.replaceChildren(fragment);
    if (this.follow.checked) this.scrollToEnd();
    this.updateCount();
  }

  open(tr) {
    if (this.selectedRow) this.selectedRow.removeAttribute('aria-selected');
    this.selectedRow = tr;
    tr.setAttribute('aria-selected', 'true');
    tr.tabIndex = 0;
    this.selected = tr.entry;
    this.showSelected();
  }

  showSelected() {
    const e = this.selected.e;
    showDetail('ev', e.event, [['attr.received', formatTime(e.received_at, lang())], ['attr.account', e.account ?? '']]);
  }

  closeDetail() {
    hideDetail('ev');
    this.selected = null;
    if (this.selectedRow && this.selectedRow.isConnected) this.selectedRow.focus();
  }

  // Arrow keys move between rows, Enter opens the detail, Escape closes it.
  onKey(e) {
    const tr = e.target.closest('tr');
    if (!tr) return;
    let next = null;
    if (e.key === 'ArrowDown') next = tr.nextElementSibling;
    else if (e.key === 'ArrowUp') next = tr.previousElementSibling;
    else if (e.key === 'Home') next = this.body.firstElementChild;
    else if (e.key === 'End') next = this.body.lastElementChild;
    else if (e.key === 'Enter' || e.key === ' ') { this.open(tr); e.preventDefault(); return; }
    else if (e.key === 'Escape') { this.closeDetail(); return; }
    if (next) {
      e.preventDefault();
      tr.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
      this.follow.checked = false;
    }
  }

  // The table itself takes focus with Tab; from there the arrow keys work.
  focusFirstRow() {
    const first = this.selectedRow && this.selectedRow.isConnected ? this.selectedRow : this.body.lastElementChild;
    if (first) { first.tabIndex = 0; first.focus(); }
  }
}
