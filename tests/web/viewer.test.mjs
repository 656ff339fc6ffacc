// The web viewer in a real headless Chromium against a real luna-sender: sign-in with a wrong and
// the right token, subscribers appearing and vanishing, a subscriber closed from the page, events
// from a real publisher (one with <script> and HTML in its fields, shown as text), alerts raised,
// acknowledged from the page and seen acknowledged over the monitoring API, the history's figures
// in the overview (and "off" without history), the language switch, the tablet width, and no CSP
// violation or page error along the way. Screenshots of every view go to $WEB_ARTEFACTS.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import crypto from 'node:crypto';
import { Service, launchBrowser, closeBrowser, until, artefactDir } from './support.mjs';

const ACCOUNT = crypto.randomUUID();
const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><b>bold</b>';

let service, browser, page;
const problems = []; // page errors, console errors, CSP violations
const requestedUrls = [];
const subscriptions = []; // the page's {"subscribe": ...} messages on its stream (never the auth one)
// The sample rate the page asks for, read from the page's own source like soak.mjs reads MAX_ROWS.
const EVENTS_MAX_RATE = Number(/export const EVENTS_MAX_RATE = (\d+);/.exec(
  fs.readFileSync(new URL('../../resources/web/view-events.js', import.meta.url), 'utf8'))[1]);

async function shot(name) {
  await page.screenshot({ path: path.join(artefactDir(), `${name}.png`), fullPage: false });
}

async function showView(name) {
  await page.click(`#tab-${name}`);
  await page.waitForSelector(`#view-${name}:not([hidden])`);
}

function event(n, extra = {}) {
  return {
    event_id: crypto.randomUUID(), source: `cam-${n % 3}`, user_data: `visitor ${n}`, tags: ['entrance'],
    face_attributes: { basic_attributes: { age: 30 + (n % 20), gender: n % 2 } },
    matches: [{ label: 'staff', candidates: [{ similarity: 0.5 }] }],
    ...extra,
  };
}

before(async () => {
  service = new Service();
  // One alert rule from the start: a spoofed face is critical (issue 14's rules file).
  const rules = path.join(service.dir, 'alerts.json');
  fs.writeFileSync(rules, JSON.stringify({ rules: [{ name: 'spoof', severity: 'critical', condition: 'liveness=0' }] }));
  // Qt's HTTP server asked to log every request with its headers: the token must stay out anyway.
  await service.start(`[ALERTS]\nRULES_FILE = ${rules}\n[LOGGING]\nRULES = qt.httpserver*.debug=true`);
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A 401 on the wrong-token sign-in is the browser reporting the refused request, expected.
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => requestedUrls.push(r.url()));
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketCreated', (e) => requestedUrls.push(e.url));
  cdp.on('Network.webSocketFrameSent', (e) => {
    try {
      const msg = JSON.parse(e.response.payloadData);
      if (msg && msg.subscribe) subscriptions.push(msg);
    } catch { /* not JSON: not ours to check here */ }
  });
  await page.evaluateOnNewDocument(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

after(async () => {
  await closeBrowser(browser);
  if (service) await service.stop();
});

test('the page is served with its headers and a 304 for an unchanged file', async () => {
  const r = await fetch(`${service.base}/monitor/`, { headers: { 'Accept-Encoding': 'deflate' } });
  assert.equal(r.status, 200);
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /img-src 'self' blob:;/);
  assert.doesNotMatch(csp, /unsafe/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  const etag = r.headers.get('etag');
  assert.ok(etag);
  // The files revalidate by ETag; the monitoring API next to them is never stored.
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  assert.equal((await service.api('GET', 'overview')).headers.get('cache-control'), 'no-store');
  const again = await fetch(`${service.base}/monitor/`, { headers: { 'If-None-Match': etag, 'Accept-Encoding': 'deflate' } });
  assert.equal(again.status, 304);
  // Browsers ask for /favicon.ico on every load: the viewer's icon, without a token (was 401).
  const icon = await fetch(`${service.base}/favicon.ico`);
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
  assert.match(await icon.text(), /<svg/);
});

test('the stream signs in by its first message: a wrong token is closed with 4401', async () => {
  const open = (token) => new Promise((resolve, reject) => {
    const ws = new WebSocket(`${service.base.replace('http', 'ws')}/monitor/v1/stream`);
    const got = [];
    ws.on('open', () => {
      ws.send(JSON.stringify({ auth: token }));
      ws.send(JSON.stringify({ subscribe: ['overview'] }));
    });
    ws.on('message', (data) => {
      got.push(JSON.parse(data.toString()));
      if (got.some((m) => m.type === 'overview')) { ws.close(1000); }
    });
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString(), got }));
    ws.on('error', reject);
  });
  const wrong = await open('not-the-token');
  assert.equal(wrong.code, 4401);
  assert.deepEqual(wrong.got, []);
  const right = await open(service.monitorToken);
  assert.ok(right.got.some((m) => m.type === 'overview'), JSON.stringify(right));
  assert.ok(!service.log.includes('not-the-token'), 'a presented token in the service log');
});

test('sockets that never sign in are bounded apart (4503: the oldest make room), never take a signed-in monitor\'s place, and are closed after 3 s (4401)', async () => {
  const url = `${service.base.replace('http', 'ws')}/monitor/v1/stream`;
  const opened = (ws) => new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });
  const closed = (ws) => new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  // More than MONITOR.MAX_CLIENTS (16) from one address, none of which signs in.
  const silent = [];
  for (let i = 0; i < 17; ++i) silent.push(new WebSocket(url));
  const silentClosed = silent.map(closed);
  await Promise.all(silent.map(opened));
  // A monitor with the token in its handshake still gets in.
  const header = new WebSocket(url, { headers: { Authorization: `Bearer ${service.monitorToken}` } });
  await opened(header);
  header.send(JSON.stringify({ subscribe: ['overview'] }));
  await new Promise((resolve) => header.once('message', resolve));
  header.close(1000);
  // The sign-in pool (4 per address) made room by closing the oldest with 4503; those left are
  // closed with 4401 at the sign-in deadline.
  const codes = await Promise.all(silentClosed);
  assert.ok(codes.every((c) => c === 4503 || c === 4401), JSON.stringify(codes));
  assert.ok(codes.filter((c) => c === 4401).length <= 4, JSON.stringify(codes));
  assert.ok(codes.filter((c) => c === 4503).length >= 13, JSON.stringify(codes));
});

test('a wrong token is refused with a clear message', async () => {
  await page.goto(`${service.base}/monitor/`);
  await page.waitForSelector('#token-input');
  await shot('01-signin');
  await page.type('#token-input', 'not-the-token');
  await page.click('#signin-submit');
  await page.waitForFunction(() => document.getElementById('signin-error').textContent.includes('Wrong token'));
  assert.equal(await page.$eval('#signin', (n) => n.hidden), false);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  await shot('02-signin-wrong-token');
});

test('the right token signs in, the stream goes live, and the token is in no URL', async () => {
  await page.$eval('#token-input', (n) => { n.value = ''; });
  await page.type('#token-input', service.monitorToken);
  await page.click('#signin-submit');
  await page.waitForSelector('#view-overview:not([hidden])');
  await page.waitForSelector('#link-state[data-state=live]');
  assert.equal(await page.evaluate(() => Object.keys(localStorage).some((k) => localStorage.getItem(k).length > 16)), false);
  assert.equal(await page.evaluate((t) => Object.values(sessionStorage).includes(t), service.monitorToken), true);
  assert.ok(requestedUrls.some((u) => u.includes('/monitor/v1/stream')), 'the stream was opened');
  for (const url of requestedUrls) assert.ok(!url.includes(service.monitorToken), `token in URL ${url}`);
  assert.ok(!service.log.includes(service.monitorToken), 'token in the service log');
});

test('subscribers appear with their conditions and vanish; one is closed from the page', async () => {
  await showView('connections');
  const a = await service.subscribe(ACCOUNT, 'age__gte=30&gender=1');
  const b = await service.subscribe(ACCOUNT);
  await page.waitForFunction(() => document.querySelectorAll('#conn-table tbody tr').length === 2);
  const chips = await page.$$eval('#conn-table tbody tr .chip', (n) => n.map((x) => x.textContent));
  assert.ok(chips.length >= 2, `conditions shown: ${chips}`);
  await page.type('#conn-search', 'age');
  await page.waitForFunction(() => document.querySelectorAll('#conn-table tbody tr').length === 1);
  await page.$eval('#conn-search', (n) => { n.value = ''; n.dispatchEvent(new Event('input')); });
  await page.waitForFunction(() => document.querySelectorAll('#conn-table tbody tr').length === 2);
  await shot('03-connections');

  b.close();
  await page.waitForFunction(() => document.querySelectorAll('#conn-table tbody tr').length === 1);

  // Closing needs a confirmation; cancelling keeps the subscriber.
  await page.click('#conn-table tbody tr button.danger');
  await page.waitForSelector('#close-dialog[open]');
  await shot('04-close-confirmation');
  await page.click('#close-dialog button[value=cancel]');
  await page.waitForSelector('#close-dialog:not([open])');
  assert.equal(a.readyState, a.OPEN);
  await page.click('#conn-table tbody tr button.danger');
  await page.waitForSelector('#close-dialog[open]');
  await page.type('#close-reason', 'closed by the web test');
  await page.click('#close-confirm');
  await until(() => a.closeInfo, 'the subscriber to be closed');
  await page.waitForFunction(() => document.querySelectorAll('#conn-table tbody tr').length === 0);
});

test('events from a real publisher arrive; HTML in their fields stays text', async () => {
  const sub = await service.subscribe(ACCOUNT);
  await showView('events');
  let n = 0;
  // The stream samples; publish until the hostile event shows and the real subscriber has events
  // too (bounded): the monitoring stream may show the first event before the subscriber's
  // subscription is in force on the service, or before its message is read here.
  await until(async () => {
    await service.publish(ACCOUNT, [event(++n), event(++n, { user_data: HOSTILE, source: HOSTILE })]);
    return sub.messages.length > 0 &&
      page.evaluate(() => [...document.querySelectorAll('#ev-table tbody td')].some((td) => td.textContent.includes('<script>')));
  }, 'the hostile event in the table and events at the real subscriber', 20000);
  assert.ok(sub.messages.length > 0, 'the real subscriber got events too');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // Only the viewer's own thumbnails (blob: URLs of pictures.js) are images in the table.
  assert.equal(await page.$$eval('#ev-table tbody img:not(.pic-img), #ev-table tbody img:not([src^="blob:"]), #ev-table tbody b, #ev-table tbody script', (x) => x.length), 0);

  // The detail panel: the JSON as a tree, the key attributes highlighted, all text.
  const row = await page.evaluateHandle(() => [...document.querySelectorAll('#ev-table tbody tr')].find((tr) => tr.textContent.includes('<script>')));
  await row.click();
  await page.waitForSelector('#ev-detail:not([hidden])');
  const keys = await page.$eval('#ev-detail-keys', (n) => n.textContent);
  assert.ok(keys.includes(HOSTILE), 'user data shown as text in the key attributes');
  assert.ok(await page.$('#ev-detail-tree .key'), 'a key attribute is highlighted in the tree');
  assert.equal(await page.$$eval('#ev-detail img, #ev-detail script, #ev-detail-tree b', (x) => x.length), 0);
  // No picture in this event: placeholders, drawn by the page, for the capture and the match.
  assert.deepEqual(await page.$$eval('#ev-detail-pics .pic', (x) => x.map((b) => b.dataset.state)), ['none', 'none']);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await shot('05-events-detail');

  // Pause stops the table; resume catches up.
  await page.click('#ev-pause');
  assert.equal(await page.$eval('#ev-pause', (n) => n.getAttribute('aria-pressed')), 'true');
  await page.click('#ev-pause');
  sub.close();

  await showView('filtersets');
  await shot('06-filter-sets');
  await showView('overview');
  await page.waitForFunction(() => Number(document.querySelector('[data-stat=events_in] .value').textContent.replace(/\D/g, '')) > 0);
  // The history (on by default) holds what was published, in figures the overview shows.
  const figure = (name) => page.$eval(`[data-stat=${name}]`, (n) => ({ hidden: n.hidden, value: n.querySelector('.value').textContent, title: n.title }));
  await page.waitForFunction(() => Number(document.querySelector('[data-stat=history_events] .value').textContent.replace(/\D/g, '')) >= 2);
  const overview = (await service.api('GET', 'overview')).json;
  assert.equal(overview.history.enabled, true, JSON.stringify(overview.history));
  assert.match((await figure('history_bytes')).value, /^[\d.,\s]+ (B|KB|MB)$/);
  assert.equal((await figure('history_accounts')).value, '1');
  const evictions = await figure('history_evictions');
  assert.equal(evictions.hidden, false);
  assert.match(evictions.value, /^\d+$/);
  assert.match((await figure('history_events')).title, /HISTORY\.MAX_EVENTS/);
  await shot('07-overview');
});

test('the page asks for a sampled stream and says how much of it it shows', async () => {
  assert.ok(EVENTS_MAX_RATE >= 1 && EVENTS_MAX_RATE <= 100000, `EVENTS_MAX_RATE ${EVENTS_MAX_RATE}`);
  assert.ok(subscriptions.length > 0, 'the page subscribed');
  for (const msg of subscriptions) {
    assert.ok(msg.subscribe.includes('events'), JSON.stringify(msg));
    assert.equal(msg.events_max_rate, EVENTS_MAX_RATE, JSON.stringify(msg));
  }
  await showView('events');
  // More events a second than the page asks for, until its count line says it is sampled
  // (bounded). The service counts what it did not send as dropped, the page turns both into rates.
  let n = 0;
  const sampled = /^([\d,]+) rows · showing ([\d,]+) of ([\d,]+) events\/s/;
  let line = '';
  let tableRows = 0;
  await until(async () => {
    await service.publish(ACCOUNT, Array.from({ length: 200 }, () => event(++n)));
    // The line and the table together (between two frames they agree).
    ({ line, tableRows } = await page.evaluate(() => ({
      line: document.getElementById('ev-count').textContent,
      tableRows: document.querySelectorAll('#ev-table tbody tr').length,
    })));
    return sampled.test(line);
  }, 'the count line to say the stream is sampled', 20000);
  const [, rows, shown, offered] = sampled.exec(line).map((x) => Number(String(x).replace(/,/g, '')));
  assert.ok(offered > shown, line);
  assert.ok(shown > 0, line);
  assert.ok(rows > 0 && rows <= 500, line);
  assert.equal(rows, tableRows, line);
  await shot('05b-events-sampled');
  // Russian too, with the same figures' meaning.
  await page.select('#lang-select', 'ru');
  const sampledRu = /^строк: [\d\s\u00a0]+ · показано [\d\s\u00a0]+ из [\d\s\u00a0]+ событий\/с/;
  await until(async () => {
    await service.publish(ACCOUNT, Array.from({ length: 200 }, () => event(++n)));
    line = await page.$eval('#ev-count', (node) => node.textContent);
    return sampledRu.test(line);
  }, 'the Russian count line to say the stream is sampled', 20000);
  await page.select('#lang-select', 'en');

  // Search narrows the kept rows and keeps narrowing what arrives (old rows still leave the
  // table, with the search on, once MAX_ROWS entries are kept).
  await page.type('#ev-search', 'cam-1');
  const onlyCam1 = () => page.$$eval('#ev-table tbody tr', (trs) => trs.length > 0 && trs.every((tr) => tr.cells[2].textContent === 'cam-1'));
  await until(async () => {
    await service.publish(ACCOUNT, Array.from({ length: 200 }, () => event(++n)));
    return onlyCam1();
  }, 'only cam-1 rows while searching', 20000);
  for (let i = 0; i < 5; ++i) {
    await service.publish(ACCOUNT, Array.from({ length: 200 }, () => event(++n)));
    assert.ok(await onlyCam1(), 'a row that does not match the search');
    assert.ok(await page.$$eval('#ev-table tbody tr', (x) => x.length) <= 500);
  }
  await page.$eval('#ev-search', (input) => { input.value = ''; input.dispatchEvent(new Event('input')); });

  // Pause freezes the table while events keep coming, and says how many wait; resume draws them.
  await page.click('#ev-pause');
  const frozen = await page.$eval('#ev-table tbody', (b) => b.lastElementChild.dataset.n);
  await until(async () => {
    await service.publish(ACCOUNT, Array.from({ length: 200 }, () => event(++n)));
    return /paused, [1-9][\d,]* new/.test(await page.$eval('#ev-count', (node) => node.textContent));
  }, 'the paused line to count new events', 20000);
  assert.equal(await page.$eval('#ev-table tbody', (b) => b.lastElementChild.dataset.n), frozen);
  await page.click('#ev-pause');
  await page.waitForFunction((f) => document.querySelector('#ev-table tbody').lastElementChild.dataset.n !== f, {}, frozen);
  assert.ok(await page.$$eval('#ev-table tbody tr', (x) => x.length) <= 500);

  // When the events stop, the rates leave the line within a few seconds instead of freezing.
  await page.waitForFunction(() => /^[\d,]+ rows$/.test(document.getElementById('ev-count').textContent), { timeout: 15000 });
});

test('a critical alert sounds, blinks the title, and is acknowledged from the page', async () => {
  await showView('events');
  await service.publish(ACCOUNT, [event(1, {
    source: 'gate-3',
    detections: [{ samples: { face: { detection: { attributes: { liveness: { prediction: 'spoof' } } } } } }],
  })]);
  await page.waitForFunction(() => document.querySelector('#alerts-list li.alert.sev-critical.is-new'));
  await page.waitForFunction(() => document.title.includes('CRITICAL'));
  assert.ok(Number(await page.evaluate(() => document.documentElement.dataset.alarms)) >= 1, 'the alarm sounded');
  await showView('alerts');
  await page.waitForFunction(() => !document.title.includes('CRITICAL'));
  await shot('08-alerts-new');

  await page.click('#alerts-list li.is-new button.ack');
  await page.waitForSelector('#ack-dialog[open]');
  await page.type('#ack-name', 'ivanov');
  await page.type('#ack-comment', 'checked at the gate');
  await shot('09-acknowledge');
  await page.click('#ack-confirm');
  await page.waitForFunction(() => document.querySelector('#alerts-list li.is-acked'));
  const acked = await service.api('GET', 'alerts?state=acknowledged');
  assert.equal(acked.status, 200);
  const alert = acked.json.alerts.find((a) => a.rule === 'spoof');
  assert.ok(alert, JSON.stringify(acked.json));
  assert.equal(alert.acknowledged_by, 'ivanov');
  assert.equal(alert.comment, 'checked at the gate');
  await shot('10-alerts-acknowledged');
});

test('the language follows the switch and the browser', async () => {
  await showView('overview');
  await page.select('#lang-select', 'ru');
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
  assert.equal(await page.$eval('#tab-overview', (n) => n.textContent), 'Обзор');
  assert.match(await page.$eval('[data-stat=connections] .label', (n) => n.textContent), /Подключения/);
  assert.match(await page.$eval('[data-stat=history_events] .label', (n) => n.textContent), /История/);
  await shot('11-overview-ru');
  await page.select('#lang-select', 'en');
  assert.equal(await page.$eval('#tab-overview', (n) => n.textContent), 'Overview');

  // A new tab of a Russian browser starts in Russian (the choice of the switch is per browser).
  const ru = await browser.newPage();
  await ru.evaluateOnNewDocument(() => {
    localStorage.removeItem('luna-monitor-lang');
    Object.defineProperty(navigator, 'languages', { get: () => ['ru-RU', 'ru'] });
  });
  await ru.goto(`${service.base}/monitor/`);
  await ru.waitForFunction(() => document.documentElement.lang === 'ru');
  assert.equal(await ru.$eval('#signin-submit', (n) => n.textContent), 'Войти');
  await ru.close();
});

test('a monitoring port without a token opens the viewer without a sign-in', async () => {
  const open = new Service();
  const tab = await browser.newPage();
  try {
    // With the history off, the overview says so instead of showing zeros.
    await open.start('[HISTORY]\nENABLED = 0', false);
    await tab.goto(`${open.base}/monitor/`);
    await tab.waitForSelector('#view-overview:not([hidden])');
    await tab.waitForSelector('#link-state[data-state=live]');
    assert.equal(await tab.$eval('#signin', (n) => n.hidden), true);
    await tab.waitForFunction(() => ['off', 'выкл.'].includes(document.querySelector('[data-stat=history_events] .value').textContent));
    for (const name of ['history_bytes', 'history_accounts', 'history_evictions']) {
      assert.equal(await tab.$eval(`[data-stat=${name}]`, (n) => n.hidden), true, name);
    }
    await tab.screenshot({ path: path.join(artefactDir(), '13-no-token-overview.png') });
  } finally {
    await tab.close();
    await open.stop();
  }
});

test('tablet width: the views fit 768 px', async () => {
  await page.setViewport({ width: 768, height: 1024 });
  for (const view of ['overview', 'connections', 'events', 'alerts']) {
    await showView(view);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${view} overflows by ${overflow} px`);
    await shot(`12-tablet-${view}`);
  }
  await page.setViewport({ width: 1280, height: 800 });
});

test('no CSP violation, page error or console error', async () => {
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
});
