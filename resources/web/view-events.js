// The event stream: the newest samples at the bottom, following the tail unless the user scrolls
// up or pauses. Bounded and batched: at most MAX_ROWS entries are kept (older ones leave the DOM and
// memory), incoming batches are queued and drawn once per animation frame with one fragment, within
// a time budget (what does not fit waits for the next frame), and a row is created only for an
// entry that is shown. Search filters the kept entries. Each row has a thumbnail (the face, else
// the body), fetched only while the row is in view (pictures.js) and released with the row.

import { $, el, setText, formatTime, formatNumber, shortId } from './dom.js';
import { t, lang, onLangChange } from './i18n.js';
import { recognitionEvent, summary } from './eventinfo.js';
import { showDetail, hideDetail } from './detail.js';
import { pictureRefs, pictureBox, watchBox, release } from './pictures.js';

const MAX_ROWS = 500;

// The event samples a second the page asks the stream for (events_max_rate). Nobody reads more
// than a few rows a second, and at 100/s the 500 rows still span five seconds; the service counts
// the rest as dropped, which gives the "showing n of m events/s" line. Taking everything the
// socket carries (2 500/s at 5 000 events/s through the service) kept the page in long tasks
// half the time and made the service close its lagging stream (tests/web/README.md).
export const EVENTS_MAX_RATE = 100;

// Main-thread time a frame may spend drawing rows; a burst (the first second's worth, a resume
// after a pause) is spread over several frames instead of one long task.
const FRAME_BUDGET_MS = 6;
// The shown/offered rates are averaged over about this long.
const RATE_WINDOW_MS = 2000;

export class EventsView {
  constructor() {
    this.entries = [];      // kept, oldest first
    this.incoming = [];     // received, not yet drawn
    this.seq = 0;
    // Samples received and offered (received + dropped by the service) per message, for the
    // rates of the count line: [time, received, offered], the last RATE_WINDOW_MS or so.
    this.arrivals = [];
    this.rates = null;      // { shown, offered } per second over the last RATE_WINDOW_MS
    this.rateTimer = 0;     // while there are rates: redraws the line when the stream goes quiet
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
    const events = Array.isArray(message.events) ? message.events : [];
    const dropped = Number(message.dropped) || 0;
    this.arrivals.push([performance.now(), events.length, events.length + dropped]);
    for (const e of events) {
      this.incoming.push({ n: ++this.seq, e, tr: null, hay: null });
    }
    // Whatever would not fit in the table anyway is never drawn (a long pause, a slow tab).
    if (this.incoming.length > MAX_ROWS) this.incoming.splice(0, this.incoming.length - MAX_ROWS);
    this.schedule();
  }

  setPaused(paused) {
    this.paused = paused;
    this.pauseButton.setAttribute('aria-pressed', String(paused));
    this.updatePauseLabel();
    if (!paused) this.schedule();
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
    if (this.incoming.length) {
      const start = performance.now();
      const fragment = document.createDocumentFragment();
      let taken = 0;
      while (taken < this.incoming.length) {
        const entry = this.incoming[taken++];
        this.entries.push(entry);
        if (this.matches(entry)) fragment.append(this.row(entry));
        // The clock is read every 16 rows: cheap, and a row takes far less than the budget.
        if ((taken & 15) === 0 && performance.now() - start > FRAME_BUDGET_MS) break;
      }
      this.incoming.splice(0, taken);
      this.body.append(fragment);
      this.dropOldest();
      if (this.follow.checked) this.scrollToEnd();
      if (this.incoming.length) this.schedule();
    }
    this.updateCount();
  }

  // Entries beyond MAX_ROWS leave with their rows. The rows are in the order of the entries, so
  // the old ones are the first rows of the table: removed with one range, not one call each.
  dropOldest() {
    const excess = this.entries.length - MAX_ROWS;
    if (excess <= 0) return;
    let last = null;
    for (const old of this.entries.splice(0, excess)) {
      if (old.tr && old.tr.parentNode === this.body) last = old.tr;
      this.forgetRow(old);
    }
    if (!last) return;
    const range = document.createRange();
    range.setStartBefore(this.body.firstChild);
    range.setEndAfter(last);
    range.deleteContents();
  }

  // The shown and offered samples a second over the last RATE_WINDOW_MS: "showing 100 of 4 998
  // events/s" while the stream is sampled, the rate alone while every event gets through.
  measureRates() {
    const now = performance.now();
    while (this.arrivals.length && now - this.arrivals[0][0] > RATE_WINDOW_MS) this.arrivals.shift();
    if (!this.arrivals.length) { this.rates = null; return; }
    const span = Math.max(1000, now - this.arrivals[0][0]);
    let shown = 0;
    let offered = 0;
    for (const [, r, o] of this.arrivals) { shown += r; offered += o; }
    this.rates = { shown: Math.round((shown * 1000) / span), offered: Math.round((offered * 1000) / span) };
  }

  updateCount() {
    this.measureRates();
    const l = lang();
    const shown = this.body.childElementCount;
    let text = t('ev.rows', { shown: formatNumber(shown, l) });
    if (this.rates) {
      const { shown: rate, offered } = this.rates;
      text += ' · ' + (offered > rate
        ? t('ev.sampled', { rate: formatNumber(rate, l), offered: formatNumber(offered, l) })
        : t('ev.all', { offered: formatNumber(offered, l) }));
    }
    if (this.paused) text += ` · ${t('ev.paused', { n: this.incoming.length })}`;
    setText($('ev-count'), text);
    // Rates go stale when nothing arrives (no message, no frame): look again in a second.
    if (this.rates && !this.rateTimer) {
      this.rateTimer = setTimeout(() => { this.rateTimer = 0; this.updateCount(); }, 1000);
    }
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
    const refs = pictureRefs(ev);
    const thumb = pictureBox(refs.id, refs.face ? 'face' : 'body', 'thumb', { available: refs.face || refs.body });
    const tr = el('tr', { tabindex: '-1', dataset: { n: entry.n } },
      el('td', { class: 'thumb' }, thumb),
      el('td', { class: 'nowrap', text: formatTime(e.received_at, l) }),
      el('td', { text: typeof ev.source === 'string' ? ev.source : (e.source ?? '') }),
      el('td', { class: 'mono small nowrap', title: e.account ?? null, text: shortId(e.account) }),
      el('td', { class: 'summary', text: summary(ev) }),
      el('td', { class: 'num', text: e.recipients ?? '' }));
    tr.entry = entry;
    entry.tr = tr;
    entry.thumb = thumb;
    watchBox(thumb);
    return tr;
  }

  // The row leaves (dropped, or redrawn): its thumbnail stops wanting its picture.
  forgetRow(entry) {
    if (entry.thumb) release(entry.thumb);
    entry.thumb = null;
    entry.tr = null;
  }

  rebuild() {
    for (const entry of this.entries) this.forgetRow(entry);
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
