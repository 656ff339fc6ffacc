// Small DOM helpers. Every piece of text goes in through textContent (or a text node): nothing that
// came from the service is ever parsed as HTML, so an event field holding "<script>" stays text.

export function el(tag, props = null, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = String(value);
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children) append(node, child);
  return node;
}

function append(node, child) {
  if (child === undefined || child === null || child === false) return;
  if (Array.isArray(child)) { for (const c of child) append(node, c); return; }
  node.append(child instanceof Node ? child : document.createTextNode(String(child)));
}

export function clear(node) {
  node.replaceChildren();
}

export function $(id) {
  return document.getElementById(id);
}

// Sets text only when it changed: a live page updates the same cells many times a second, and an
// unchanged write would still invalidate layout.
export function setText(node, text) {
  const s = String(text);
  if (node.textContent !== s) node.textContent = s;
}

// One Intl formatter per language and kind, made once: toLocaleString() with options builds a new
// formatter (and loads its locale data) on every call, about a hundred times the cost of format()
// on a kept one, and the event stream formats a time for every row it draws.
const formatters = new Map();
function formatter(kind, lang) {
  const key = `${kind}:${lang}`;
  let f = formatters.get(key);
  if (!f) {
    const ru = lang === 'ru';
    const time = { hour: 'numeric', minute: 'numeric', second: 'numeric', hour12: false };
    if (kind === 'number') f = new Intl.NumberFormat(ru ? 'ru-RU' : 'en-US', { maximumFractionDigits: 1 });
    else if (kind === 'time') f = new Intl.DateTimeFormat(ru ? 'ru-RU' : 'en-GB', time);
    else f = new Intl.DateTimeFormat(ru ? 'ru-RU' : 'en-GB', { year: 'numeric', month: 'numeric', day: 'numeric', ...time });
    formatters.set(key, f);
  }
  return f;
}

export function formatNumber(n, lang) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '–';
  return formatter('number', lang).format(n);
}

export function formatBytes(n, lang) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '–';
  const units = lang === 'ru' ? ['Б', 'КБ', 'МБ', 'ГБ'] : ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${formatNumber(i === 0 ? n : Math.round(n * 10) / 10, lang)} ${units[i]}`;
}

export function formatTime(iso, lang) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return formatter('time', lang).format(d);
}

export function formatDateTime(iso, lang) {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return formatter('datetime', lang).format(d);
}

export function formatDuration(seconds, lang) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '–';
  const s = Math.floor(seconds);
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  const u = lang === 'ru' ? ['д', 'ч', 'мин', 'с'] : ['d', 'h', 'min', 's'];
  if (d) return `${d} ${u[0]} ${h} ${u[1]}`;
  if (h) return `${h} ${u[1]} ${m} ${u[2]}`;
  if (m) return `${m} ${u[2]} ${s % 60} ${u[3]}`;
  return `${s} ${u[3]}`;
}

// An account UUID is long; its first block tells accounts apart on a site (the title has it whole).
export function shortId(id) {
  return typeof id === 'string' && id.length > 13 ? `${id.slice(0, 8)}…` : (id ?? '');
}
