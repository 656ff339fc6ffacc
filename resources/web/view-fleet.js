// The fleet: every instance on this service's Redis (GET /monitor/v1/instances, what this service
// last read there; the page never reaches the other instances, and this token opens only this
// one). Polled about once per announce interval while signed in, since the connections view names
// the instance its subscribers are on from the same answer. The service drops an instance that
// stopped cleanly from its list at once; a user who saw it serving expects to read that it
// stopped, so such a row stays here as "stopped" (at most MAX_STOPPED of them). A gone row that
// leaves the list was forgotten by the service (FLEET.GONE_KEEP_SECONDS) and goes here too.

import { $, el, setText, formatNumber, formatDateTime, formatDuration, shortId } from './dom.js';
import { t, lang, onLangChange } from './i18n.js';
import { request } from './api.js';

const MAX_ROWS = 500;
const MAX_STOPPED = 100;
const FIRST_POLL_MS = 1000, MIN_POLL_MS = 250, MAX_POLL_MS = 10000;

export class FleetView {
  constructor(onSelf) {
    this.onSelf = onSelf; // told the attached instance after each answer
    this.fleet = null;
    this.rows = new Map(); // id -> { instance, state, stoppedAt }
    this.error = null;
    this.timer = 0;
    this.running = false;
    this.pending = false;
    this.body = $('fleet-table').tBodies[0];
    onLangChange(() => this.schedule());
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.poll();
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
    this.rows.clear();
    this.fleet = null;
  }

  async poll() {
    let interval = FIRST_POLL_MS;
    try {
      const fleet = await request('GET', 'instances');
      if (!this.running) return;
      this.set(fleet);
      this.error = null;
      if (fleet.announce_interval_ms > 0) interval = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, fleet.announce_interval_ms));
    } catch (e) {
      // Kept as it was, with the reason: a service that cannot answer says nothing about the others.
      this.error = e.status ? t('err.http', { status: e.status, desc: e.message }) : t('err.network');
      this.schedule();
    }
    if (this.running) this.timer = setTimeout(() => this.poll(), interval);
  }

  set(fleet) {
    this.fleet = fleet && typeof fleet === 'object' ? fleet : {};
    const incoming = new Map();
    for (const i of Array.isArray(this.fleet.instances) ? this.fleet.instances : []) {
      if (i && typeof i.id === 'string' && i.id) incoming.set(i.id, i);
    }
    const now = new Date().toISOString();
    for (const [id, row] of this.rows) {
      if (incoming.has(id)) continue;
      if (row.state === 'gone') this.rows.delete(id);
      else if (row.state !== 'stopped') Object.assign(row, { state: 'stopped', stoppedAt: now, instance: { ...row.instance, self: false } });
    }
    for (const [id, i] of incoming) this.rows.set(id, { instance: i, state: i.state, stoppedAt: null });
    const stopped = [...this.rows].filter(([, r]) => r.state === 'stopped').sort((a, b) => a[1].stoppedAt.localeCompare(b[1].stoppedAt));
    while (stopped.length > MAX_STOPPED) this.rows.delete(stopped.shift()[0]);
    const self = [...incoming.values()].find((i) => i.self);
    if (self && this.onSelf) this.onSelf(self);
    this.schedule();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.render(); });
  }

  stateText(row) {
    const l = lang();
    if (row.state === 'gone' && row.instance.gone_since) return t('fl.gone_since', { t: formatDateTime(row.instance.gone_since, l) });
    if (row.state === 'stopped') return t('fl.stopped_at', { t: formatDateTime(row.stoppedAt, l) });
    return t(`fl.state.${row.state}`);
  }

  render() {
    const l = lang();
    // The service's order (itself first, then by name), the stopped ones after.
    const rows = [...this.rows.values()].sort((a, b) => (a.state === 'stopped') - (b.state === 'stopped')).slice(0, MAX_ROWS);
    this.body.replaceChildren(...rows.map((row) => {
      const i = row.instance;
      const live = row.state === 'serving' || row.state === 'draining';
      const name = el('td', { class: 'nowrap' }, el('span', { text: i.name ?? '' }));
      if (i.self) name.append(' ', el('span', { class: 'badge', text: t('fl.attached') }));
      return el('tr', { dataset: { id: i.id, state: row.state }, class: i.self ? 'self' : (live ? null : 'muted') },
        name,
        el('td', { class: `fleet-state ${row.state}`, text: this.stateText(row) }),
        el('td', { text: i.host ?? '' }),
        el('td', { class: 'mono', text: i.listen ?? '' }),
        el('td', { class: 'mono', text: i.monitor || t('fl.none') }),
        el('td', { text: i.version ?? '' }),
        el('td', { class: 'num', text: live ? formatDuration(i.uptime_seconds, l) : '' }),
        el('td', { class: 'num', title: t('fl.connections_hint', { n: i.connections ?? 0, s: i.subscribers ?? 0 }), text: live ? formatNumber(i.connections, l) : '' }),
        el('td', { class: 'num', text: live ? formatNumber(Math.round((i.events_per_second ?? 0) * 10) / 10, l) : '' }),
        el('td', { class: 'num', text: live ? formatNumber(Math.round((i.deliveries_per_second ?? 0) * 10) / 10, l) : '' }),
        el('td', { class: 'mono small', title: i.id, text: shortId(i.id) }));
    }));
    $('fleet-empty').hidden = rows.length > 0;
    setText($('fleet-summary'), this.summary());
  }

  summary() {
    const f = this.fleet;
    if (this.error) return t('fl.error', { msg: this.error });
    if (!f) return t('fl.unknown');
    if (!f.shared) return t('fl.embedded');
    const live = (f.instances || []).filter((i) => i.state !== 'gone').length;
    const count = t('fl.count', { n: live });
    const redis = f.redis || {};
    return redis.up ? count : t('fl.redis_down', { count, detail: redis.detail || '' });
  }
}
