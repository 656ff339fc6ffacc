// The monitoring API of the same origin (/monitor/v1/...). The token lives in sessionStorage only
// (gone when the tab closes) and travels in the Authorization header for HTTP. The stream sends it
// in its first message instead of the URL, because URLs end up in logs and browser history.

const TOKEN_KEY = 'luna-monitor-token';
const BASE = new URL('v1/', new URL('./', location.href)).pathname; // "/monitor/v1/"

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.desc ? String(body.desc) : `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function storeToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export async function request(method, path, body = undefined) {
  const headers = { 'Authorization': `Bearer ${storedToken()}`, 'Accept': 'application/json' };
  const init = { method, headers, cache: 'no-store', credentials: 'omit', redirect: 'error' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(BASE + path, init);
  } catch (e) {
    throw new ApiError(0, null);
  }
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = null;
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

// A picture of the monitoring API (events/{id}/images/{slot}) as a Blob, with the token in the
// header like every other call. Never throws: { ok, blob } or { ok: false, status, desc } (status 0:
// no answer; notImage: an answer that is not a picture), and { busy, retryMs } for 503 (the service's picture queue is full). An
// answer whose type is not an image is refused here too, whatever its status.
export async function requestImage(path) {
  let response;
  try {
    response = await fetch(BASE + path, {
      headers: { 'Authorization': `Bearer ${storedToken()}`, 'Accept': 'image/*' },
      credentials: 'omit', redirect: 'error',
    });
  } catch (e) {
    return { ok: false, status: 0, desc: '' };
  }
  const type = (response.headers.get('Content-Type') || '').toLowerCase();
  if (response.ok && type.startsWith('image/')) {
    try {
      const blob = await response.blob();
      if (blob.size > 0) return { ok: true, status: response.status, blob };
    } catch (e) { /* the body broke off */ }
    return { ok: false, status: 0, desc: '' };
  }
  if (response.ok) return { ok: false, notImage: true, status: response.status, desc: type };
  let body = null;
  try {
    body = type.includes('json') ? await response.json() : null;
  } catch (e) {
    body = null;
  }
  if (response.status === 503) {
    const after = Number(response.headers.get('Retry-After'));
    return { ok: false, busy: true, status: 503, retryMs: 1000 * (after > 0 && after <= 30 ? after : 1) };
  }
  return { ok: false, status: response.status, desc: body && body.desc ? String(body.desc) : '' };
}

// The live stream with reconnection. onMessage gets each parsed message; onState gets
// 'connecting' | 'live' | 'lost' (with the retry delay in ms) | 'unauthorized'.
export class Stream {
  constructor(subscription, onMessage, onState) {
    this.subscription = subscription;
    this.onMessage = onMessage;
    this.onState = onState;
    this.socket = null;
    this.retryMs = 1000;
    this.timer = 0;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close(1000);
      this.socket = null;
    }
  }

  connect() {
    const url = new URL(BASE + 'stream', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.onState('connecting');
    const socket = new WebSocket(url.href);
    this.socket = socket;
    let authorized = false;
    socket.onopen = () => {
      // First message: the token (never in the URL), then what to receive.
      socket.send(JSON.stringify({ auth: storedToken() }));
      socket.send(JSON.stringify(this.subscription));
    };
    socket.onmessage = (e) => {
      let msg;
      try {
        msg = JSON.parse(e.data);
      } catch (err) {
        return;
      }
      if (!authorized && msg.type !== 'error') {
        authorized = true;
        this.retryMs = 1000;
        this.onState('live');
      }
      this.onMessage(msg);
    };
    socket.onclose = (e) => {
      this.socket = null;
      if (this.stopped) return;
      // 4401 (or 1008 before any message): the token is no longer accepted; retrying cannot help.
      // 4503 (too many monitors) and the rest: retry with a growing delay.
      if (e.code === 4401 || (!authorized && e.code === 1008)) {
        this.onState('unauthorized');
        return;
      }
      const delay = this.retryMs;
      this.retryMs = Math.min(this.retryMs * 2, 15000);
      this.onState('lost', delay);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }
}
