// Overview: source states, counters (the history's among them), rates and the rates chart. The
// cards are built once and then only their text changes, so ten overview messages a second cost ten
// small text writes each.

import { $, el, setText, formatNumber, formatBytes, formatDuration, formatDateTime } from './dom.js';
import { t, lang, onLangChange } from './i18n.js';
import { RatesChart } from './chart.js';

const CARDS = [
  ['rate_in', (o) => o.rates && o.rates.events_in_per_s, 'num'],
  ['rate_out', (o) => o.rates && o.rates.deliveries_per_s, 'num'],
  ['connections', (o) => o.connections, 'num'],
  ['subscribers', (o) => o.subscribers, 'num'],
  ['accounts', (o) => o.accounts, 'num'],
  ['filter_sets', (o) => o.filter_sets, 'num'],
  ['events_in', (o) => sum(o.events_in), 'num'],
  ['deliveries', (o) => o.deliveries, 'num'],
  ['filtered_out', (o) => o.filtered_out, 'num'],
  ['malformed', (o) => o.malformed, 'num'],
  ['dropped_frames', (o) => o.dropped_frames, 'num'],
  ['slow_consumer_closes', (o) => o.slow_consumer_closes, 'num'],
  ['bytes_sent', (o) => o.bytes_sent, 'bytes'],
  ['send_queue_bytes', (o) => o.send_queue_bytes, 'bytes'],
  ['alerts', (o) => o.alerts && o.alerts.unacknowledged, 'num'],
  // What the history for resuming clients holds; while it is off, one card says so.
  ['history_events', (o) => historyFigure(o, 'events', true), 'num'],
  ['history_bytes', (o) => historyFigure(o, 'bytes'), 'bytes'],
  ['history_accounts', (o) => historyFigure(o, 'accounts'), 'num'],
  ['history_evictions', (o) => historyFigure(o, 'evictions'), 'num'],
];

const OFF = Symbol('off');

// undefined hides the card (a service without history figures), OFF shows "off".
function historyFigure(o, key, saysOff = false) {
  const h = o.history;
  if (!h || typeof h !== 'object') return undefined;
  if (h.enabled !== true) return saysOff ? OFF : undefined;
  return h[key];
}

function sum(map) {
  if (!map || typeof map !== 'object') return undefined;
  return Object.values(map).reduce((a, b) => a + (Number(b) || 0), 0);
}

export class OverviewView {
  constructor() {
    this.chart = new RatesChart($('ov-chart'));
    this.cards = new Map();
    this.last = null;
    const box = $('ov-cards');
    for (const [name] of CARDS) {
      const label = el('div', { class: 'label' });
      const value = el('div', { class: 'value', text: '–' });
      const card = el('div', { class: 'stat card', dataset: { stat: name } }, value, label);
      this.cards.set(name, { card, label, value });
      box.append(card);
    }
    this.relabel();
    onLangChange(() => { this.relabel(); if (this.last) this.update(this.last, false); });
  }

  relabel() {
    for (const [name, c] of this.cards) {
      setText(c.label, t(`ov.${name}`));
      if (name.startsWith('history_')) c.card.title = t('ov.history_hint');
    }
  }

  update(o, addToChart = true) {
    this.last = o;
    const l = lang();
    for (const [name, read, kind] of CARDS) {
      const c = this.cards.get(name);
      const v = read(o);
      c.card.hidden = v === undefined;
      if (v === OFF) setText(c.value, t('ov.history_off'));
      else setText(c.value, kind === 'bytes' ? formatBytes(v, l) : formatNumber(v, l));
      if (name === 'alerts') c.card.classList.toggle('warn', v > 0);
    }
    if (addToChart && o.rates) this.chart.add(o.rates.events_in_per_s, o.rates.deliveries_per_s);
    this.renderSources(o.sources || []);
    this.renderInfo(o, l);
  }

  renderSources(sources) {
    const box = $('ov-sources');
    // Rebuilt each time, but it is a handful of nodes.
    const items = sources.map((s) => {
      const parts = [t(`state.${s.state}`)];
      if (s.state !== 'up' && typeof s.next_retry_ms === 'number' && s.next_retry_ms >= 0) {
        parts.push(t('src.retry', { s: Math.ceil(s.next_retry_ms / 1000) }));
      }
      if (s.reconnects) parts.push(t('src.reconnects', { n: s.reconnects }));
      return el('div', { class: `source card state-${s.state}`, dataset: { kind: s.kind } },
        el('span', { class: 'dot', 'aria-hidden': 'true' }),
        el('strong', { text: t(`src.${s.kind}`) }), ' ',
        el('span', { class: 'state', text: parts.join(' · ') }),
        s.detail ? el('div', { class: 'muted small', text: s.detail }) : null);
    });
    if (!items.length) items.push(el('p', { class: 'muted', text: t('ov.nosources') }));
    box.replaceChildren(...items);
  }

  renderInfo(o, l) {
    const rows = [
      ['ov.version', o.version],
      ['ov.uptime', formatDuration(o.uptime_seconds, l)],
      ['ov.started', formatDateTime(o.started_at, l)],
      ['ov.listen_sender', o.listen && o.listen.sender],
      ['ov.listen_monitor', o.listen && o.listen.monitor],
      ['ov.running', o.running === undefined ? undefined : t(o.running ? 'yes' : 'no')],
    ].filter(([, v]) => v !== undefined && v !== null);
    const box = $('ov-info');
    if (box.childElementCount !== rows.length * 2) {
      box.replaceChildren(...rows.flatMap(([k]) => [el('dt', { dataset: { k } }), el('dd')]));
    }
    rows.forEach(([k, v], i) => {
      setText(box.children[i * 2], t(k));
      setText(box.children[i * 2 + 1], v);
    });
  }
}
