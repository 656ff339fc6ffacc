// Entry point: sign-in, tabs, the live stream and its dispatch to the views.

import { $, setText } from './dom.js';
import { t, lang, setLang, onLangChange, applyStatic } from './i18n.js';
import { request, storedToken, storeToken, Stream } from './api.js';
import { OverviewView } from './view-overview.js';
import { ConnectionsView } from './view-connections.js';
import { FilterSetsView } from './view-filtersets.js';
import { EventsView, EVENTS_MAX_RATE } from './view-events.js';
import { AlertsView } from './view-alerts.js';
import { FleetView } from './view-fleet.js';
import { unlockAudio, setBaseTitle, stopBlinking } from './notify.js';
import { forgetPictures } from './pictures.js';

const VIEWS = ['overview', 'connections', 'filtersets', 'events', 'fleet', 'alerts'];
let current = 'overview';
let stream = null;
let linkState = { state: 'connecting', delay: 0 };

function signinError(key) {
  const node = $('signin-error');
  if (key) node.dataset.key = key;
  else delete node.dataset.key;
  setText(node, key ? t(key) : '');
}

function announce(text) {
  setText($('announcer'), text);
}

const views = {
  overview: new OverviewView(),
  connections: new ConnectionsView(announce),
  filtersets: new FilterSetsView(),
  events: new EventsView(),
  fleet: new FleetView((self) => views.connections.setInstance(self)),
  alerts: new AlertsView(announce, () => current === 'alerts' && document.visibilityState === 'visible'),
};

function show(name, focus = false) {
  if (!VIEWS.includes(name)) name = 'overview';
  current = name;
  for (const v of VIEWS) {
    const tab = $(`tab-${v}`);
    const selected = v === name;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    $(`view-${v}`).hidden = !selected;
  }
  if (focus) $(`tab-${name}`).focus();
  if (name === 'alerts' && document.visibilityState === 'visible') views.alerts.seen();
  if (name === 'overview') views.overview.chart.schedule();
  if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
}

// Tabs: click, or the arrow keys / Home / End within the tab list (WAI-ARIA tabs pattern).
$('tabs').addEventListener('click', (e) => {
  const tab = e.target.closest('[role=tab]');
  if (tab) show(tab.dataset.view);
});
$('tabs').addEventListener('keydown', (e) => {
  const i = VIEWS.indexOf(current);
  let next = null;
  if (e.key === 'ArrowRight') next = VIEWS[(i + 1) % VIEWS.length];
  else if (e.key === 'ArrowLeft') next = VIEWS[(i + VIEWS.length - 1) % VIEWS.length];
  else if (e.key === 'Home') next = VIEWS[0];
  else if (e.key === 'End') next = VIEWS[VIEWS.length - 1];
  if (next) { e.preventDefault(); show(next, true); }
});
window.addEventListener('hashchange', () => show(location.hash.slice(1)));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && current === 'alerts') views.alerts.seen();
});
// "/" focuses the search of the current view, as in many web consoles; Escape inside a detail
// panel closes it.
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && e.target.closest && e.target.closest('.detail')) {
    const close = e.target.closest('.detail').querySelector('.detail-head button');
    if (close) close.click();
    return;
  }
  if (e.key !== '/' || e.target.closest('input, textarea, select')) return;
  const search = $(`view-${current}`).querySelector('input[type=search]');
  if (search) { e.preventDefault(); search.focus(); }
});

function renderLink() {
  const node = $('link-state');
  node.dataset.state = linkState.state;
  if (linkState.state === 'live') setText(node, t('link.live'));
  else if (linkState.state === 'lost') setText(node, t('link.lost', { s: Math.round(linkState.delay / 1000) }));
  else setText(node, t('link.connecting'));
}

function onMessage(msg) {
  switch (msg.type) {
    case 'overview': views.overview.update(msg); break;
    case 'connections': views.connections.set(msg.connections); break;
    case 'filter_sets': views.filtersets.set(msg.filter_sets); break;
    case 'events': views.events.add(msg); break;
    case 'alert': views.alerts.add(msg.alert); break;
    case 'alert_ack': views.alerts.update(msg.alert); break;
    default: break; // types added later are ignored
  }
}

function onStreamState(state, delay = 0) {
  if (state === 'unauthorized') { signOut('signin.expired'); return; }
  linkState = { state, delay };
  renderLink();
  document.body.classList.toggle('stale', state !== 'live');
}

async function enter() {
  $('signin').hidden = true;
  $('tabs').hidden = false;
  $('sign-out').hidden = false;
  show(VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'overview');
  stream = new Stream({
    subscribe: ['overview', 'connections', 'filter_sets', 'events', 'alerts'],
    events_max_rate: EVENTS_MAX_RATE,
  }, onMessage, onStreamState);
  stream.start();
  views.fleet.start(); // polled: the fleet is not on the stream
  // The lists are pushed only when they change, so the first picture comes over HTTP.
  const loads = [
    request('GET', 'connections').then((r) => views.connections.set(r.connections)),
    request('GET', 'filter-sets').then((r) => views.filtersets.set(r.filter_sets)),
    views.alerts.load(),
  ];
  await Promise.allSettled(loads);
}

function signOut(reasonKey = null) {
  if (stream) stream.stop();
  stream = null;
  views.fleet.stop();
  storeToken('');
  forgetPictures();
  stopBlinking();
  $('tabs').hidden = true;
  $('sign-out').hidden = true;
  for (const v of VIEWS) $(`view-${v}`).hidden = true;
  $('signin').hidden = false;
  setText($('link-state'), '');
  signinError(reasonKey);
  $('token-input').value = '';
  $('token-input').focus();
}

async function signIn(token) {
  storeToken(token);
  try {
    const overview = await request('GET', 'overview');
    views.overview.update(overview);
    return null;
  } catch (e) {
    storeToken('');
    if (e.status === 401 || e.status === 403) return 'signin.wrong';
    if (e.status === 503) return 'signin.busy';
    return 'signin.unreachable';
  }
}

$('signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  unlockAudio(); // a user gesture: the alarm sound may play later
  const token = $('token-input').value.trim();
  if (!token) { signinError('signin.empty'); return; }
  const button = $('signin-submit');
  button.disabled = true;
  signinError(null);
  const error = await signIn(token);
  button.disabled = false;
  if (error) {
    signinError(error);
    $('token-input').select();
    return;
  }
  $('token-input').value = '';
  enter();
});
$('sign-out').addEventListener('click', () => signOut());

$('lang-select').addEventListener('change', (e) => setLang(e.target.value));
onLangChange(() => {
  setBaseTitle(t('app.title'));
  renderLink();
  signinError($('signin-error').dataset.key || null);
});

// Start: translate the static page, then resume a session of this tab if it has a token.
applyStatic(document);
$('lang-select').value = lang();
setBaseTitle(t('app.title'));
if (storedToken()) {
  signIn(storedToken()).then((error) => {
    if (error) signOut(error);
    else enter();
  });
} else {
  $('token-input').focus();
  // A monitoring port on loopback may run without a token (MONITOR.TOKEN empty): then the API
  // answers without one and there is nothing to sign in with. Otherwise this is a quiet 401.
  request('GET', 'overview').then((overview) => {
    if (storedToken() || $('signin').hidden) return;
    views.overview.update(overview);
    enter();
  }, () => {});
}
