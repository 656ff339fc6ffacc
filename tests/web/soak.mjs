// The web viewer's soak measurement (issue 16, point 4): the real luna-sender with its demo source
// at 5 000 events/s and a few real subscribers (so fan-out happens), the viewer in Debian's
// chromium signed in and showing the event stream, for SOAK_SECONDS (default one hour). Not a
// ctest test: it is a measurement, like a benchmark, run by hand (see resources/docs/dev/web-viewer.html).
//
// Every SOAK_SAMPLE_SECONDS (30) it forces a garbage collection in the page (CDP
// HeapProfiler.collectGarbage) and records Performance.getMetrics (JS heap used/total, DOM nodes,
// event listeners, documents), the rows in the events table, the service's counters from
// GET /monitor/v1/overview (the achieved rate), the service's RSS, and a responsiveness probe: the
// round trip of a requestAnimationFrame through page.evaluate (also probed every 5 s between
// samples; reported, not asserted). Every SOAK_SWITCH_SECONDS (300) it walks the other views and
// ends the cycle on the events view again.
//
// Writes samples.csv, samples.json and summary.json to SOAK_OUT and prints the summary. Exits 1 if,
// between the first and the last window after the warm-up (ten minutes each in a one-hour run),
// the median JS heap grew by more than max(2 MiB, 20 %), the median DOM node count by more than
// 20 %, or the events table ever held more rows than the page's MAX_ROWS; exits 2 on a broken run
// (the page crashed, the service exited, samples failed).
//
//   LUNA_SENDER_BINARY=build/app/luna-sender CHROMIUM=/usr/bin/chromium node tests/web/soak.mjs
//
// Environment: SOAK_SECONDS (3600), SOAK_RATE (5000 demo events/s), SOAK_SUBSCRIBERS (3),
// SOAK_SAMPLE_SECONDS (30), SOAK_SWITCH_SECONDS (300), SOAK_WARMUP_SECONDS (300, at most a tenth
// of the run), SOAK_WINDOW_SECONDS (600, at most a third of what follows the warm-up),
// SOAK_OUT (a new directory under the system temp directory), SOAK_WEB_DIR (serve the viewer's files
// from this directory instead of the binary's resources: to measure a page change without a rebuild).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { Service, launchBrowser, closeBrowser, until } from './support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = (name, fallback) => (process.env[name] !== undefined && process.env[name] !== '' ? Number(process.env[name]) : fallback);

const DURATION = env('SOAK_SECONDS', 3600);
const RATE = env('SOAK_RATE', 5000);
const SUBSCRIBERS = env('SOAK_SUBSCRIBERS', 3);
const SAMPLE_EVERY = env('SOAK_SAMPLE_SECONDS', 30);
const SWITCH_EVERY = env('SOAK_SWITCH_SECONDS', 300);
const PROBE_EVERY = 5;
const WARMUP = Math.min(env('SOAK_WARMUP_SECONDS', 300), DURATION / 10);
const WINDOW = Math.min(env('SOAK_WINDOW_SECONDS', 600), (DURATION - WARMUP) / 3);
const WEB_DIR = process.env.SOAK_WEB_DIR ? path.resolve(process.env.SOAK_WEB_DIR) : '';
const OUT = process.env.SOAK_OUT || fs.mkdtempSync(path.join(os.tmpdir(), 'luna-web-soak-'));
const HEAP_BOUND_BYTES = 2 * 1024 * 1024;
const HEAP_BOUND_RATIO = 0.20;
const NODES_BOUND_RATIO = 0.20;
const DEMO_ACCOUNT = '8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a'; // DEMO.ACCOUNT's default
// The cap the page promises, read from the page's own source so the bound follows it.
const MAX_ROWS = Number(/const MAX_ROWS = (\d+);/.exec(fs.readFileSync(path.join(here, '../../resources/web/view-events.js'), 'utf8'))[1]);
// Other views walked through on each switch cycle, each shown for a few seconds; a cycle ends on events.
const CYCLE = ['overview', 'connections', 'filtersets', 'alerts'];
const CYCLE_HOLD_MS = 5000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(new Date().toISOString(), ...a);
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}

// Real subscribers on the Sender port that only count what they receive (the soak must not hold an
// hour of events in node), in a worker thread so their thousands of frames a second do not delay
// this thread's probes of the page. A subscriber the service closes is reopened after 1 s, and the
// close is counted.
const SUBSCRIBER_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.ws);
const subs = workerData.queries.map((query) => ({ query, messages: 0, bytes: 0, closes: [], open: false }));
let stopped = false;
function open(sub) {
  const ws = new WebSocket('ws://127.0.0.1:' + workerData.port + '/2/ws' + (sub.query ? '?' + sub.query : ''), { headers: { 'Luna-Account-Id': workerData.account } });
  sub.ws = ws;
  ws.on('open', () => { sub.open = true; parentPort.postMessage({ opened: subs.filter((s) => s.open).length }); });
  ws.on('message', (data) => { sub.messages += 1; sub.bytes += data.length; });
  ws.on('close', (code, reason) => {
    sub.open = false;
    if (stopped) return;
    sub.closes.push({ at: new Date().toISOString(), code, reason: reason.toString() });
    setTimeout(() => { if (!stopped) open(sub); }, 1000);
  });
  ws.on('error', () => {});
}
subs.forEach(open);
parentPort.on('message', (m) => {
  if (m === 'stop') { stopped = true; subs.forEach((s) => s.ws.close(1000)); setTimeout(() => process.exit(0), 200); }
  else parentPort.postMessage({ counts: subs.map(({ query, messages, bytes, closes, open }) => ({ query, messages, bytes, closes, open })) });
});
`;

function startSubscribers(service, queries) {
  const worker = new Worker(SUBSCRIBER_WORKER, {
    eval: true,
    workerData: { port: service.senderPort, account: DEMO_ACCOUNT, queries, ws: createRequire(import.meta.url).resolve('ws') },
  });
  const waiters = [];
  let opened = 0;
  worker.on('message', (m) => {
    if (m.opened !== undefined) opened = Math.max(opened, m.opened);
    if (m.counts) waiters.shift()?.(m.counts);
  });
  return {
    worker,
    opened: () => opened,
    counts: () => new Promise((resolve) => { waiters.push(resolve); worker.postMessage('counts'); }),
    stop: () => new Promise((resolve) => { worker.once('exit', resolve); worker.postMessage('stop'); }),
  };
}

// SOAK_WEB_DIR: the viewer's files come from this directory (e.g. resources/web of a work tree)
// instead of the ones compiled into the binary, with the service's own headers (CSP and the rest):
// to measure a change of the page against the same service without rebuilding it.
let viewerFilesServed = 0;
async function serveViewerFrom(page, dir) {
  await page.setRequestInterception(true);
  page.on('request', async (request) => {
    const url = new URL(request.url());
    const m = /^\/monitor\/([\w.-]*)$/.exec(url.pathname);
    const file = m ? path.join(dir, m[1] || 'index.html') : null;
    if (!file || !fs.existsSync(file)) { await request.continue(); return; }
    const original = await fetch(url.href);
    const headers = {};
    for (const [k, v] of original.headers) if (!['content-length', 'content-encoding', 'etag', 'transfer-encoding'].includes(k)) headers[k] = v;
    await request.respond({ status: original.status, headers, body: fs.readFileSync(file) });
    viewerFilesServed += 1;
  });
}

function serviceRssKiB(service) {
  try {
    const status = fs.readFileSync(`/proc/${service.process.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  } catch { return NaN; }
}

let running = null; // the service, killed if the soak dies half-way
process.on('exit', () => { if (running && running.process.exitCode === null) running.process.kill('SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  log(`soak: ${DURATION} s, demo at ${RATE} events/s, ${SUBSCRIBERS} subscribers, sample every ${SAMPLE_EVERY} s, `
    + `views switched every ${SWITCH_EVERY} s, warm-up ${WARMUP} s, windows of ${WINDOW} s, rows cap ${MAX_ROWS}; out ${OUT}`
    + `${WEB_DIR ? `; viewer files from ${WEB_DIR}` : ''}`);

  const service = new Service();
  running = service;
  // LOGGING.STATS_INTERVAL 0: the service's log is kept in memory by support.mjs, an hour of summaries is noise.
  await service.start(`[DEMO]\nENABLED = 1\nRATE = ${RATE}\n[LOGGING]\nSTATS_INTERVAL = 0`);
  // Every third subscriber has a filter, so the service also evaluates conditions per event.
  const subscribers = startSubscribers(service, Array.from({ length: SUBSCRIBERS }, (_, i) => (i % 3 === 2 ? 'gender=1' : '')));
  await until(() => subscribers.opened() >= SUBSCRIBERS, 'the subscribers open', 15000);

  // A page answered by interception has no address of its own, so Chromium's Local Network Access
  // checks would block its stream to 127.0.0.1: off when SOAK_WEB_DIR serves the files.
  const browser = await launchBrowser(WEB_DIR ? ['--disable-features=LocalNetworkAccessChecks'] : []);
  const problems = [];
  let broken = null;
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // The page asks GET overview once without a token to learn whether the port needs one: that 401 is expected.
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`); });
  // Chromium asks for /favicon.ico (outside /monitor/; answered 401 until the port served the viewer's
  // icon there, 58 times in the first hour): a refusal of it is counted apart.
  let faviconRefusals = 0;
  let unsignedOverview = 0;
  page.on('response', (r) => {
    const url = r.url().replace(/\?.*/, '');
    if (r.status() < 400) return;
    if (url.endsWith('/favicon.ico')) faviconRefusals += 1;
    else if (r.status() === 401 && url.endsWith('/monitor/v1/overview') && unsignedOverview++ === 0) { /* the page's first, unsigned, look */ }
    else problems.push(`HTTP ${r.status()} ${r.request().method()} ${url}`);
  });
  page.on('error', (e) => { broken = `page crashed: ${e.message}`; });
  let stopping = false;
  service.exited.then((r) => { if (!stopping) broken = broken || `luna-sender exited: ${JSON.stringify(r)}`; });
  // Long tasks (> 50 ms on the main thread), counted in the page: another view of responsiveness.
  await page.evaluateOnNewDocument(() => {
    window.__longTasks = { count: 0, totalMs: 0, maxMs: 0 };
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          window.__longTasks.count += 1;
          window.__longTasks.totalMs += e.duration;
          window.__longTasks.maxMs = Math.max(window.__longTasks.maxMs, e.duration);
        }
      }).observe({ type: 'longtask' });
    } catch { /* no longtask support: counts stay 0 */ }
  });
  if (WEB_DIR) await serveViewerFrom(page, WEB_DIR);
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');

  await page.goto(`${service.base}/monitor/`);
  await page.waitForSelector('#token-input');
  await page.type('#token-input', service.monitorToken);
  await page.click('#signin-submit');
  await page.waitForSelector('#view-overview:not([hidden])');
  await page.waitForSelector('#link-state[data-state=live]');
  const showView = async (name) => {
    await page.click(`#tab-${name}`);
    await page.waitForSelector(`#view-${name}:not([hidden])`);
  };
  await showView('events');
  await until(async () => (await page.$$eval('#ev-table tbody tr', (r) => r.length)) > 0, 'rows in the events table', 30000);
  await until(async () => (await service.api('GET', 'connections')).json.connections.length >= SUBSCRIBERS, 'the subscribers listed', 15000);
  log('signed in, events flowing');

  const start = Date.now();
  // Page access goes one call at a time, so a probe never measures a sample's forced GC.
  let chain = Promise.resolve();
  const serial = (fn) => { const p = chain.then(fn); chain = p.catch(() => {}); return p; };
  const rafProbe = () => serial(async () => {
    const t0 = performance.now();
    const inPage = await page.evaluate(() => new Promise((r) => { const s = performance.now(); requestAnimationFrame(() => r([performance.now() - s, location.hash.slice(1)])); }));
    return { t: Math.round((Date.now() - start) / 1000), view: inPage[1], roundTripMs: Number((performance.now() - t0).toFixed(2)), inPageMs: Number(inPage[0].toFixed(2)) };
  });
  const probes = []; // every probe, for the median and p99
  const probeTimer = setInterval(() => {
    if (broken) return;
    rafProbe().then((p) => probes.push(p), (e) => problems.push(`probe: ${e.message}`));
  }, PROBE_EVERY * 1000);

  const samples = [];
  const t0Overview = (await service.api('GET', 'overview')).json;
  let lastOverview = { at: start, json: t0Overview };
  let lastReceived = (await subscribers.counts()).reduce((a, c) => a + c.messages, 0);
  let nextSwitch = start + SWITCH_EVERY * 1000;
  let cycles = 0;

  const metric = (metrics, name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const sum = (o) => Object.values(o || {}).reduce((a, b) => a + Number(b || 0), 0);

  async function sample() {
    const probe = await rafProbe();
    const m = await serial(async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const dom = await page.evaluate(() => ({
        rows: document.querySelectorAll('#ev-table tbody tr').length,
        view: location.hash.slice(1),
        countText: document.getElementById('ev-count').textContent,
        link: document.getElementById('link-state').dataset.state,
        longTasks: window.__longTasks,
      }));
      return { metrics, dom };
    });
    const now = Date.now();
    const ov = (await service.api('GET', 'overview')).json;
    const counts = await subscribers.counts();
    const received = counts.reduce((a, c) => a + c.messages, 0);
    const dt = (now - lastOverview.at) / 1000;
    const s = {
      t: Math.round((now - start) / 1000),
      at: new Date(now).toISOString(),
      view: m.dom.view,
      link: m.dom.link,
      jsHeapUsed: metric(m.metrics, 'JSHeapUsedSize'),
      jsHeapTotal: metric(m.metrics, 'JSHeapTotalSize'),
      nodes: metric(m.metrics, 'Nodes'),
      listeners: metric(m.metrics, 'JSEventListeners'),
      documents: metric(m.metrics, 'Documents'),
      rows: m.dom.rows,
      eventsIn: sum(ov.events_in),
      deliveries: ov.deliveries,
      inRate: (sum(ov.events_in) - sum(lastOverview.json.events_in)) / dt,
      deliveryRate: (ov.deliveries - lastOverview.json.deliveries) / dt,
      subscribers: ov.subscribers,
      subscriberRate: (received - lastReceived) / dt,
      subscriberCloses: counts.reduce((a, c) => a + c.closes.length, 0),
      droppedFrames: ov.dropped_frames,
      sendQueueBytes: ov.send_queue_bytes,
      slowConsumerCloses: ov.slow_consumer_closes,
      serviceRssKiB: serviceRssKiB(service),
      loadAvg1: Number(os.loadavg()[0].toFixed(2)), // the machine may be shared: read the rates with it
      rafRoundTripMs: Number(probe.roundTripMs.toFixed(2)),
      rafInPageMs: Number(probe.inPageMs.toFixed(2)),
      longTasks: m.dom.longTasks.count,
      longTaskMs: Math.round(m.dom.longTasks.totalMs),
      pageCount: m.dom.countText,
    };
    lastOverview = { at: now, json: ov };
    lastReceived = received;
    samples.push(s);
    log(`t=${s.t}s heap ${(s.jsHeapUsed / 1048576).toFixed(2)} MiB nodes ${s.nodes} listeners ${s.listeners} rows ${s.rows} `
      + `in ${s.inRate.toFixed(0)}/s deliveries ${s.deliveryRate.toFixed(0)}/s received ${s.subscriberRate.toFixed(0)}/s rAF ${s.rafRoundTripMs} ms load ${s.loadAvg1} rss ${(s.serviceRssKiB / 1024).toFixed(0)} MiB`);
    return s;
  }

  const writeOut = () => {
    const keys = Object.keys(samples[0] || {});
    const csv = [keys.join(','), ...samples.map((s) => keys.map((k) => JSON.stringify(s[k] ?? '')).join(','))].join('\n');
    fs.writeFileSync(path.join(OUT, 'samples.csv'), `${csv}\n`);
    fs.writeFileSync(path.join(OUT, 'samples.json'), JSON.stringify(samples, null, 1));
  };

  let nextSample = start + SAMPLE_EVERY * 1000;
  while (!broken) {
    const endAt = start + DURATION * 1000;
    const wait = Math.min(nextSample, endAt) - Date.now();
    if (wait > 0) await sleep(wait);
    if (broken) break;
    if (Date.now() >= nextSwitch && Date.now() + CYCLE.length * CYCLE_HOLD_MS < endAt) {
      for (const v of CYCLE) { await showView(v); await sleep(CYCLE_HOLD_MS); }
      await showView('events');
      cycles += 1;
      nextSwitch += SWITCH_EVERY * 1000;
      log(`view cycle ${cycles} done, back on events`);
    }
    try {
      await sample();
    } catch (e) {
      problems.push(`sample: ${e.message}`);
      if (samples.length === 0 || problems.filter((p) => p.startsWith('sample:')).length > 3) broken = broken || `samples failing: ${e.message}`;
    }
    writeOut();
    while (nextSample <= Date.now()) nextSample += SAMPLE_EVERY * 1000;
    if (Date.now() >= endAt - 1000) break;
  }
  clearInterval(probeTimer);
  await chain;

  // Analysis: the first and the last window after the warm-up, medians of what was sampled there.
  const endT = samples.length ? samples[samples.length - 1].t : 0;
  const first = samples.filter((s) => s.t >= WARMUP && s.t <= WARMUP + WINDOW);
  const last = samples.filter((s) => s.t >= endT - WINDOW);
  const med = (xs, k) => median(xs.map((s) => s[k]));
  const rates = samples.map((s) => s.inRate);
  const elapsed = (Date.now() - start) / 1000;
  const finalOverview = lastOverview.json;
  const finalCounts = await subscribers.counts();
  const heapFirst = med(first, 'jsHeapUsed');
  const heapLast = med(last, 'jsHeapUsed');
  const nodesFirst = med(first, 'nodes');
  const nodesLast = med(last, 'nodes');
  const heapBound = Math.max(HEAP_BOUND_BYTES, HEAP_BOUND_RATIO * heapFirst);
  const nodesBound = NODES_BOUND_RATIO * nodesFirst;
  const maxRows = Math.max(0, ...samples.map((s) => s.rows));
  const failures = [];
  if (!first.length || !last.length) failures.push(`too short to compare: ${first.length} samples in the first window, ${last.length} in the last`);
  else if (!(heapLast - heapFirst <= heapBound)) failures.push(`JS heap grew ${((heapLast - heapFirst) / 1048576).toFixed(2)} MiB (bound ${(heapBound / 1048576).toFixed(2)} MiB)`);
  if (first.length && last.length && !(nodesLast - nodesFirst <= nodesBound)) failures.push(`DOM nodes grew ${nodesLast - nodesFirst} (bound ${nodesBound.toFixed(0)})`);
  if (maxRows > MAX_ROWS) failures.push(`${maxRows} rows in the events table (cap ${MAX_ROWS})`);
  const summary = {
    command: `SOAK_SECONDS=${DURATION} SOAK_RATE=${RATE} SOAK_SUBSCRIBERS=${SUBSCRIBERS} node tests/web/soak.mjs`,
    binary: process.env.LUNA_SENDER_BINARY,
    viewerFilesFrom: WEB_DIR ? `${WEB_DIR} (${viewerFilesServed} files served from there)` : 'the binary',
    startedAt: new Date(start).toISOString(),
    durationSeconds: Math.round(elapsed),
    samples: samples.length,
    viewCycles: cycles,
    configuredRate: RATE,
    achievedInRate: {
      overall: (sum(finalOverview.events_in) - sum(t0Overview.events_in)) / ((lastOverview.at - start) / 1000),
      medianPerSample: median(rates), minPerSample: Math.min(...rates), maxPerSample: Math.max(...rates),
    },
    achievedDeliveryRate: (finalOverview.deliveries - t0Overview.deliveries) / ((lastOverview.at - start) / 1000),
    subscribers: SUBSCRIBERS,
    cpus: os.cpus().length,
    loadAvg1: { median: median(samples.map((s) => s.loadAvg1)), max: Math.max(...samples.map((s) => s.loadAvg1)) },
    subscriberCounts: finalCounts.map(({ query, messages, bytes, closes }) => ({ query, messages, bytes, closes: closes.length })),
    subscriberCloses: finalCounts.flatMap((s) => s.closes).slice(0, 50),
    slowConsumerCloses: finalOverview.slow_consumer_closes,
    droppedFrames: finalOverview.dropped_frames,
    warmupSeconds: WARMUP,
    windowSeconds: WINDOW,
    firstWindow: { from: WARMUP, to: WARMUP + WINDOW, samples: first.length, jsHeapUsedMedian: heapFirst, nodesMedian: nodesFirst, listenersMedian: med(first, 'listeners'), serviceRssKiBMedian: med(first, 'serviceRssKiB') },
    lastWindow: { from: endT - WINDOW, to: endT, samples: last.length, jsHeapUsedMedian: heapLast, nodesMedian: nodesLast, listenersMedian: med(last, 'listeners'), serviceRssKiBMedian: med(last, 'serviceRssKiB') },
    bounds: { heapBytes: heapBound, nodes: nodesBound, rows: MAX_ROWS },
    maxRows,
    maxDocuments: Math.max(0, ...samples.map((s) => s.documents)),
    rafProbe: {
      count: probes.length,
      onEvents: probes.filter((p) => p.view === 'events').length,
      eventsRoundTripMedianMs: median(probes.filter((p) => p.view === 'events').map((p) => p.roundTripMs)),
      eventsRoundTripP99Ms: quantile(probes.filter((p) => p.view === 'events').map((p) => p.roundTripMs), 0.99),
      roundTripMedianMs: median(probes.map((p) => p.roundTripMs)), roundTripP99Ms: quantile(probes.map((p) => p.roundTripMs), 0.99),
      roundTripMaxMs: Math.max(...probes.map((p) => p.roundTripMs)),
      inPageMedianMs: median(probes.map((p) => p.inPageMs)), inPageP99Ms: quantile(probes.map((p) => p.inPageMs), 0.99),
    },
    linkNotLive: samples.filter((s) => s.link !== 'live').map((s) => `${s.t}:${s.link}`),
    longTasks: samples.length ? { count: samples[samples.length - 1].longTasks, totalMs: samples[samples.length - 1].longTaskMs } : null,
    problems,
    faviconRefusals,
    broken,
    failures,
    out: OUT,
  };
  // The service's own log (support.mjs keeps it in memory and removes its directory on stop).
  fs.writeFileSync(path.join(OUT, 'service.log'), service.log);
  summary.monitorStreamCloses = (service.log.match(/does not read its stream/g) || []).length;
  fs.writeFileSync(path.join(OUT, 'summary.json'), JSON.stringify(summary, null, 2));
  fs.writeFileSync(path.join(OUT, 'probes.json'), JSON.stringify(probes));

  stopping = true;
  await subscribers.stop();
  await closeBrowser(browser).catch(() => {});
  await service.stop();

  const mib = (b) => `${(b / 1048576).toFixed(2)} MiB`;
  console.log('\n== web viewer soak ==');
  console.log(`duration ${summary.durationSeconds} s, ${samples.length} samples, ${cycles} view cycles`);
  console.log(`achieved events in: ${summary.achievedInRate.overall.toFixed(0)}/s overall (per sample median ${summary.achievedInRate.medianPerSample.toFixed(0)}, min ${summary.achievedInRate.minPerSample.toFixed(0)}, max ${summary.achievedInRate.maxPerSample.toFixed(0)}); deliveries ${summary.achievedDeliveryRate.toFixed(0)}/s`);
  console.log(`JS heap used, median: first window ${mib(heapFirst)}, last window ${mib(heapLast)} (bound +${mib(heapBound)})`);
  console.log(`DOM nodes, median: first window ${nodesFirst}, last window ${nodesLast} (bound +${nodesBound.toFixed(0)})`);
  console.log(`listeners, median: ${summary.firstWindow.listenersMedian} -> ${summary.lastWindow.listenersMedian}; service RSS ${(summary.firstWindow.serviceRssKiBMedian / 1024).toFixed(0)} -> ${(summary.lastWindow.serviceRssKiBMedian / 1024).toFixed(0)} MiB`);
  console.log(`max rows ${maxRows} (cap ${MAX_ROWS}); rAF probe round trip median ${summary.rafProbe.roundTripMedianMs.toFixed(1)} ms, p99 ${summary.rafProbe.roundTripP99Ms.toFixed(1)} ms over ${probes.length} probes; long tasks ${summary.longTasks?.count}`);
  console.log(`page stream not live at ${summary.linkNotLive.length} of ${samples.length} samples; the service closed a monitor that did not read its stream ${summary.monitorStreamCloses} times`);
  if (problems.length) console.log(`problems (${problems.length}):\n  ${problems.slice(0, 20).join('\n  ')}`);
  console.log(`samples and summary in ${OUT}`);
  if (broken) { console.log(`BROKEN: ${broken}`); process.exit(2); }
  if (failures.length) { console.log(`FAIL: ${failures.join('; ')}`); process.exit(1); }
  console.log('PASS');
  process.exit(0);
}

main().catch((e) => { console.error(e); process.exit(2); });
