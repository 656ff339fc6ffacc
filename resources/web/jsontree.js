// The JSON of an event as a tree of <details> elements (keyboard-operable without any script),
// built with text nodes only. Key attributes (eventinfo.KEY_PATHS) get the "key" class.
// Bounded: at most MAX_NODES nodes, so a huge event cannot freeze the page.

import { el } from './dom.js';
import { KEY_PATHS } from './eventinfo.js';

const MAX_NODES = 3000;

export function renderTree(container, value) {
  const budget = { left: MAX_NODES };
  container.replaceChildren(node(null, value, '', 0, budget));
  if (budget.left < 0) container.append(el('p', { class: 'muted', text: '…' }));
}

function node(key, value, path, depth, budget) {
  budget.left--;
  const keyPart = key === null ? null : el('span', { class: 'k', text: typeof key === 'number' ? `${key}` : `"${key}"` });
  const isKey = KEY_PATHS.has(path);
  if (value !== null && typeof value === 'object') {
    const isArray = Array.isArray(value);
    const entries = isArray ? value.map((v, i) => [i, v]) : Object.entries(value);
    const details = el('details', { class: isKey ? 'key' : null, role: 'treeitem' });
    if (depth < 3) details.open = true;
    details.append(el('summary', null, keyPart, keyPart ? ': ' : '',
      el('span', { class: 'meta', text: isArray ? `[${entries.length}]` : `{${entries.length}}` })));
    const group = el('div', { class: 'children', role: 'group' });
    for (const [k, v] of entries) {
      if (budget.left <= 0) { budget.left = -1; break; }
      const childPath = path === '' ? String(isArray ? '*' : k) : `${path}.${isArray ? '*' : k}`;
      group.append(node(k, v, childPath, depth + 1, budget));
    }
    details.append(group);
    return details;
  }
  const type = value === null ? 'null' : typeof value;
  const text = type === 'string' ? JSON.stringify(value) : String(value);
  return el('div', { class: isKey ? 'leaf key' : 'leaf', role: 'treeitem' },
    keyPart, keyPart ? ': ' : '', el('span', { class: `v ${type}`, text }));
}
