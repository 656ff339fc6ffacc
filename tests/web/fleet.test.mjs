// The web viewer's Fleet view (issue 27, point 4) in a real headless Chromium: two real
// luna-sender processes on one real redis-server; signed in to alpha, the page lists alpha
// (marked attached) and beta as serving, the connections view names alpha as its subscribers'
// instance, beta's clean stop shows as "stopped", alpha's token opens nothing on beta, the
// Russian texts are there, and no CSP violation or page error happens along the way.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { Service, launchBrowser, closeBrowser, until, artefactDir } from './support.mjs';

let redis, redisPort, alpha, beta, browser, page;
const problems = [];
let signedIn = false; // before: the page's quiet probe for a tokenless port answers 401, expected

// A free port for redis-server (which cannot be told to pick one and say which).
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

async function startRedis() {
  redisPort = await freePort();
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  redis.stdout.on('data', (c) => { log += c; });
  redis.stderr.on('data', (c) => { log += c; });
  await until(() => {
    if (redis.exitCode !== null) throw new Error(`redis-server exited:\n${log}`);
    return /Ready to accept connections/.test(log);
  }, `redis-server ready:\n${log}`);
}

// A fleet member announcing every 200 ms, so the test waits little.
function fleetConfig(name) {
  return `[SERVER]\nINSTANCE_NAME = ${name}\nDRAIN_SECONDS = 0\n[REDIS]\nURL = redis://127.0.0.1:${redisPort}\n`
    + '[FLEET]\nANNOUNCE_INTERVAL_MS = 200\n';
}

async function rowState(name) {
  return page.evaluate((n) => {
    for (const tr of document.querySelectorAll('#fleet-table tbody tr')) {
      if (tr.cells[0].querySelector('span').textContent === n) return tr.dataset.state;
    }
    return null;
  }, name);
}

before(async () => {
  await startRedis();
  alpha = new Service();
  beta = new Service();
  await alpha.start(fleetConfig('alpha'));
  await beta.start(fleetConfig('beta'));
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && (signedIn || !/status of 401/.test(m.text()))) problems.push(`console: ${m.text()}`);
  });
  await page.evaluateOnNewDocument(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

after(async () => {
  await closeBrowser(browser);
  if (alpha) await alpha.stop();
  if (beta) await beta.stop();
  if (redis && redis.exitCode === null) redis.kill('SIGKILL');
});

test('the fleet view lists both instances, alpha marked attached', async () => {
  await page.goto(`${alpha.base}/monitor/#fleet`);
  await page.waitForSelector('#token-input');
  await page.type('#token-input', alpha.monitorToken);
  await page.click('#signin-submit');
  await page.waitForSelector('#view-fleet:not([hidden])');
  signedIn = true;
  await until(async () => (await rowState('beta')) === 'serving', 'beta serving in the fleet view');
  assert.equal(await rowState('alpha'), 'serving');
  const rows = await page.$$eval('#fleet-table tbody tr', (trs) => trs.map((tr) => ({
    name: tr.cells[0].querySelector('span').textContent, attached: !!tr.querySelector('.badge'),
    state: tr.cells[1].textContent, monitor: tr.cells[4].textContent,
  })));
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((r) => [r.name, r.attached, r.state]), [['alpha', true, 'serving'], ['beta', false, 'serving']]);
  assert.equal(rows[0].monitor, `127.0.0.1:${alpha.monitorPort}`);
  assert.equal(rows[1].monitor, `127.0.0.1:${beta.monitorPort}`);
  assert.match(await page.$eval('#fleet-summary', (n) => n.textContent), /Instances on this Redis: 2/);
  await page.screenshot({ path: path.join(artefactDir(), 'fleet-1-serving.png') });
});

test("the connections view names the subscribers' instance", async () => {
  const ws = await alpha.subscribe(crypto.randomUUID());
  await page.click('#tab-connections');
  await page.waitForSelector('#view-connections:not([hidden])');
  await until(() => page.$eval('#conn-table tbody', (b) => b.rows.length === 1 && b.rows[0].cells[10].textContent === 'alpha'),
    'the subscriber on alpha');
  ws.close();
});

test("alpha's token opens nothing on beta's monitoring port", async () => {
  const r = await fetch(`${beta.base}/monitor/v1/instances`, { headers: { Authorization: `Bearer ${alpha.monitorToken}` } });
  assert.equal(r.status, 401);
});

test("beta's clean stop shows as stopped; the texts are in Russian too", async () => {
  await page.click('#tab-fleet');
  await page.waitForSelector('#view-fleet:not([hidden])');
  await beta.stop();
  await until(async () => (await rowState('beta')) === 'stopped', 'beta stopped in the fleet view');
  assert.match(await page.$$eval('#fleet-table tbody tr', (trs) => trs[1].cells[1].textContent), /^stopped at /);
  assert.equal(await rowState('alpha'), 'serving');
  await page.screenshot({ path: path.join(artefactDir(), 'fleet-2-stopped.png') });
  await page.select('#lang-select', 'ru');
  await until(() => page.$eval('#tab-fleet', (n) => n.textContent === 'Парк'), 'the Russian tab');
  await until(async () => /^остановлен в /.test(await page.$$eval('#fleet-table tbody tr', (trs) => trs[1].cells[1].textContent)),
    'the Russian state');
  await page.select('#lang-select', 'en');
});

test('no CSP violation, page error or console error', async () => {
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
});
