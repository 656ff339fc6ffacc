// Pictures of events (the captured face and body, the top match's enrolled face), fetched from the
// service's GET /monitor/v1/events/{id}/images/{face|body|match} with the token in the header (an
// <img src> cannot carry it, and a token in a URL ends up in logs) and shown through blob: URLs.
//
// Bounded on every side:
// - only a box that is displayed asks: a table row's thumbnail when it scrolls into view (an
//   IntersectionObserver), a detail pane when it opens; a burst of events is a burst of rows, not of
//   fetches;
// - at most MAX_FETCHES at once; the queue holds only boxes still wanting, newest first (what the
//   user looks at now), so a row that scrolled past never costs a fetch;
// - at most MAX_CACHED pictures are kept, each with its blob: URL; one that no box shows is revoked
//   and forgotten first, oldest first (answers that failed are cached the same way, so a 404 is not
//   asked again for every scroll);
// - a box that goes away is released (its owner calls release()); its picture stays in the cache.
// Whatever fails (no picture, 4xx, 5xx, an answer that is not an image, bytes that do not decode)
// shows a placeholder drawn by app.css, never a broken image and never a spinner that never ends.

import { el } from './dom.js';
import { t } from './i18n.js';
import { requestImage } from './api.js';
import { recognitionEvent } from './eventinfo.js';

const MAX_FETCHES = 3;
const MAX_CACHED = 120;
const MAX_BUSY_RETRIES = 3;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

// Which pictures an event has, read the way the service reads them (server/images/ImageRef.cpp):
// the first face and body sample of the detections, and the enrolled face (avatar) of the best
// candidate over every list, with that list's label and the similarity.
export function pictureRefs(message) {
  const ev = recognitionEvent(message);
  const refs = { id: null, face: false, body: false, match: false, label: '', similarity: null };
  if (!ev || typeof ev !== 'object') return refs;
  if (typeof ev.event_id === 'string' && UUID.test(ev.event_id)) refs.id = ev.event_id.toLowerCase();
  const hasSample = (s) => s && typeof s === 'object' && (typeof s.url === 'string' || typeof s.sample_id === 'string');
  for (const d of Array.isArray(ev.detections) ? ev.detections : []) {
    const samples = d && typeof d === 'object' ? d.samples : null;
    if (!samples || typeof samples !== 'object') continue;
    if (hasSample(samples.face)) refs.face = true;
    if (hasSample(samples.body)) refs.body = true;
  }
  let best = null;
  for (const m of Array.isArray(ev.matches) ? ev.matches : []) {
    for (const c of (m && Array.isArray(m.candidates) ? m.candidates : [])) {
      const s = c && typeof c.similarity === 'number' ? c.similarity : -1;
      if (s > (refs.similarity ?? -1)) {
        refs.similarity = s;
        refs.label = m && typeof m.label === 'string' ? m.label : '';
        best = c;
      }
    }
  }
  const avatar = best && best.face && typeof best.face === 'object' ? best.face.avatar : undefined;
  refs.match = typeof avatar === 'string' && avatar !== '';
  if (!refs.id) refs.face = refs.body = refs.match = false;
  return refs;
}

// key "id/slot" -> { key, state: 'loading'|'ok'|'failed', url, why, users: boxes that want it,
//   shown: boxes whose <img> shows url, tries, started }
const cache = new Map();
const queue = [];        // boxes waiting for a fetch, the newest last
let inFlight = 0;
let generation = 0;      // bumped by forgetPictures(): answers for an older session are dropped
let io = null;            // one IntersectionObserver on the viewport for every list's boxes

function touch(entry) {
  cache.delete(entry.key);
  cache.set(entry.key, entry);
}

// An entry leaves the cache: a box out of view that still shows its picture goes back to the
// placeholder first, so no <img> ever points at a revoked URL.
function forget(entry) {
  for (const box of new Set([...entry.shown, ...entry.users])) {
    box.pic.wanted = false;
    setPlaceholder(box, 'loading', '');
  }
  entry.shown.clear();
  entry.users.clear();
  if (entry.url) URL.revokeObjectURL(entry.url);
  entry.url = null;
}

function trim() {
  if (cache.size <= MAX_CACHED) return;
  for (const entry of cache.values()) {
    if (cache.size <= MAX_CACHED) break;
    if (entry.users.size || entry.state === 'loading') continue;
    forget(entry);
    cache.delete(entry.key);
  }
}

// A box: a fixed-size element that holds a placeholder until its picture is there. kind is
// 'thumb' (a table cell) or 'large' (detail and alarms); caption is shown under a large one.
export function pictureBox(id, slot, kind, { available = true, caption = null } = {}) {
  const box = el('span', { class: `pic pic-${kind}`, dataset: { slot } });
  box.pic = { key: available && id ? `${id}/${slot}` : null, id, slot, wanted: false };
  if (!box.pic.key) setPlaceholder(box, 'none', '');
  else setPlaceholder(box, 'loading', '');
  if (caption === null) return box;
  return el('figure', { class: `pic-figure pic-figure-${slot}` }, box, el('figcaption', null, caption));
}

function boxOf(node) {
  return node && node.pic ? node : node.querySelector('.pic');
}

function setPlaceholder(box, state, reason) {
  box.dataset.state = state;
  const text = t(`pic.${state}`);
  box.title = reason ? `${text}: ${reason}` : text;
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', box.title);
  box.replaceChildren(el('span', { class: 'pic-text', text }));
}

function showEntry(box, entry) {
  if (entry.state === 'loading') { setPlaceholder(box, 'loading', ''); return; }
  if (entry.state === 'failed') { setPlaceholder(box, 'failed', why(entry.why)); return; }
  if (box.dataset.state === 'ok' && box.firstChild && box.firstChild.src === entry.url) return;
  const img = el('img', { alt: t(`pic.alt.${box.pic.slot}`), decoding: 'async', class: 'pic-img' });
  // Shown once decoded: bytes that are not a picture after all become the placeholder, never a
  // broken-image icon.
  img.addEventListener('load', () => { box.dataset.state = 'ok'; }, { once: true });
  img.addEventListener('error', () => {
    if (box.firstChild === img) setPlaceholder(box, 'failed', t('pic.undecodable'));
  }, { once: true });
  box.dataset.state = 'decoding';
  box.removeAttribute('role');
  box.removeAttribute('aria-label');
  box.title = t(`pic.alt.${box.pic.slot}`);
  box.replaceChildren(img);
  img.src = entry.url;
  entry.shown.add(box);
}

// Why a picture failed, in the current language (the cache outlives a switch of language).
function why(r) {
  if (r.notImage) return t('pic.notimage', { type: r.desc || '?' });
  if (!r.status) return t('err.network');
  return t('err.http', { status: r.status, desc: r.desc || '' });
}

// The box is displayed: show its picture, from the cache or by a fetch in turn.
function want(box, urgent) {
  const p = box.pic;
  if (!p.key || p.wanted) return;
  p.wanted = true;
  let entry = cache.get(p.key);
  if (!entry) {
    entry = { key: p.key, state: 'loading', url: null, why: null, users: new Set(), shown: new Set(), tries: 0, started: false };
    cache.set(p.key, entry);
  } else {
    touch(entry);
  }
  entry.users.add(box);
  showEntry(box, entry);
  if (entry.state === 'loading' && !entry.started) enqueue(box, urgent);
  trim();
}

function unwant(box) {
  const p = box.pic;
  if (!p || !p.wanted) return;
  p.wanted = false;
  const entry = cache.get(p.key);
  if (entry) {
    entry.users.delete(box);
    // Nobody else waits for an unstarted fetch: it is not made (a row that scrolled past).
    if (entry.state === 'loading' && !entry.started && entry.users.size === 0) cache.delete(entry.key);
  }
  const at = queue.indexOf(box);
  if (at >= 0) queue.splice(at, 1);
  trim();
}

function enqueue(box, urgent) {
  if (urgent) queue.push(box);
  else queue.splice(Math.max(0, queue.length - urgentCount()), 0, box);
  pump();
}

function urgentCount() {
  let n = 0;
  for (let i = queue.length - 1; i >= 0 && queue[i].pic.urgent; --i) n++;
  return n;
}

function pump() {
  while (inFlight < MAX_FETCHES && queue.length) {
    const box = queue.pop();
    const entry = cache.get(box.pic.key);
    if (!entry || entry.started || entry.state !== 'loading' || !entry.users.size) continue;
    fetchEntry(entry);
  }
}

async function fetchEntry(entry) {
  entry.started = true;
  inFlight++;
  const mine = generation;
  const [id, slot] = entry.key.split('/');
  let result;
  try {
    result = await requestImage(`events/${id}/images/${slot}`);
  } catch (e) {
    result = { ok: false, status: 0, desc: '' };
  }
  inFlight--;
  if (mine !== generation) { pump(); return; }
  if (result.busy && entry.tries < MAX_BUSY_RETRIES && entry.users.size) {
    // 503 29133: the service has too many pictures waiting; ask again when it says, if still shown.
    entry.tries++;
    entry.started = false;
    setTimeout(() => {
      if (mine !== generation || cache.get(entry.key) !== entry) return;
      const box = [...entry.users][0];
      if (box) enqueue(box, box.pic.urgent);
      else cache.delete(entry.key);
    }, result.retryMs);
    pump();
    return;
  }
  if (result.ok) {
    entry.state = 'ok';
    entry.url = URL.createObjectURL(result.blob);
  } else {
    entry.state = 'failed';
    entry.why = result;
  }
  if (cache.get(entry.key) === entry) {
    for (const box of entry.users) showEntry(box, entry);
  } else if (entry.url) {
    URL.revokeObjectURL(entry.url);
  }
  trim();
  pump();
}

// The viewport as the root: a box counts as shown only when every scrolling box around it and the
// page show it, and a hidden view (display: none) shows none of its boxes.
function observer() {
  if (!io) {
    io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) want(e.target, false);
        else unwant(e.target);
      }
    }, { rootMargin: '48px 0px' });
  }
  return io;
}

// A box in a list (a table row, an alarm): fetched while it is in view.
export function watchBox(node) {
  const box = boxOf(node);
  if (!box || !box.pic.key) return;
  box.pic.watched = true;
  observer().observe(box);
}

// A box shown as it is (a detail pane): fetched now, before the list's thumbnails.
export function showBox(node) {
  const box = boxOf(node);
  if (!box || !box.pic.key) return;
  box.pic.urgent = true;
  want(box, true);
}

// Every box inside node goes away (a row dropped, a pane closed, a list redrawn).
export function release(node) {
  if (!node) return;
  const boxes = node.pic ? [node] : node.querySelectorAll('.pic');
  for (const box of boxes) {
    if (!box.pic) continue;
    if (box.pic.watched) { io.unobserve(box); box.pic.watched = false; }
    unwant(box);
    cache.get(box.pic.key)?.shown.delete(box);
  }
}

// Signing out: every picture is forgotten and its URL revoked.
export function forgetPictures() {
  generation++;
  for (const entry of cache.values()) forget(entry);
  cache.clear();
  queue.length = 0;
}

// For the tests and the soak: what is held.
export function pictureStats() {
  let urls = 0;
  for (const entry of cache.values()) if (entry.url) urls++;
  return { cached: cache.size, urls, queued: queue.length, inFlight };
}
