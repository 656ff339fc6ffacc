// Filter sets: subscribers grouped by account and canonical filter, with their counters.
// Rebuilt on change (at most twice a second), capped like every list on this page.

import { $, el, formatNumber } from './dom.js';
import { lang, onLangChange } from './i18n.js';
import { conditionChips } from './view-connections.js';

const MAX_ROWS = 500;

export class FilterSetsView {
  constructor() {
    this.items = [];
    this.pending = false;
    this.body = $('fs-table').tBodies[0];
    onLangChange(() => this.schedule());
  }

  set(filterSets) {
    this.items = Array.isArray(filterSets) ? filterSets : [];
    this.schedule();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.render(); });
  }

  render() {
    const l = lang();
    const rows = this.items.slice(0, MAX_ROWS).map((f) => el('tr', null,
      el('td', { class: 'mono', text: f.account ?? '' }),
      el('td', null, conditionChips(f)),
      el('td', { class: 'num', text: formatNumber(f.members, l) }),
      el('td', { class: 'num', text: formatNumber(f.passed, l) }),
      el('td', { class: 'num', text: formatNumber(f.filtered_out, l) })));
    this.body.replaceChildren(...rows);
    $('fs-empty').hidden = rows.length > 0;
  }
}
