// permessage-deflate (issue 28) with a real browser: headless Chromium offers it on the Sender port
// by default, the server accepts it (server_no_context_takeover, client_no_context_takeover), and
// the text the page reads is exactly what a plain subscriber on the same account reads.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import crypto from 'node:crypto';
import { Service, launchBrowser, closeBrowser, until } from './support.mjs';

const ACCOUNT = crypto.randomUUID();
let service, browser, page;

before(async () => {
  service = new Service();
  await service.start(); // WEBSOCKET.COMPRESSION is on by default
  browser = await launchBrowser();
  page = await browser.newPage();
});

after(async () => {
  await closeBrowser(browser);
  if (service) await service.stop();
});

test('chromium negotiates permessage-deflate and reads the same text as a plain subscriber', async () => {
  // The account header on the page's handshake (a page cannot set it itself).
  await page.setExtraHTTPHeaders({ 'Luna-Account-Id': ACCOUNT });

  const plain = new WebSocket(`ws://127.0.0.1:${service.senderPort}/2/ws`,
    { headers: { 'Luna-Account-Id': ACCOUNT }, perMessageDeflate: false });
  const plainTexts = [];
  plain.on('message', (data) => plainTexts.push(data.toString()));
  await new Promise((resolve, reject) => { plain.on('open', resolve); plain.on('error', reject); });

  const extensions = await page.evaluate((url) => new Promise((resolve, reject) => {
    window.got = [];
    const ws = new WebSocket(url);
    ws.onmessage = (m) => window.got.push(m.data);
    ws.onopen = () => resolve(ws.extensions);
    ws.onerror = () => reject(new Error('the page could not subscribe'));
  }), `ws://127.0.0.1:${service.senderPort}/2/ws`);
  // What the browser itself says it negotiated (WebSocket.extensions: the server's answer).
  assert.equal(extensions, 'permessage-deflate; server_no_context_takeover; client_no_context_takeover');

  const big = {
    event_id: crypto.randomUUID(), source: 'cam-01-main-entrance', stream_id: crypto.randomUUID(),
    face_attributes: { basic_attributes: { age: 41, gender: 1, ethnicities: { predominant_ethnicity: 'caucasian' } } },
    detections: Array.from({ length: 6 }, (_, i) => ({
      sample_id: crypto.randomUUID(),
      detection: { rect: { x: 10 * i, y: 20, width: 120, height: 160 }, attributes: { liveness: { prediction: 'real', estimations: { score: 0.97 } } } },
    })),
  };
  const small = { event_id: crypto.randomUUID() };
  await service.publish(ACCOUNT, [big, small]);
  await until(async () => (await page.evaluate(() => window.got.length)) === 2 && plainTexts.length === 2,
    'both events in the page and in the plain subscriber');
  const got = await page.evaluate(() => window.got);
  assert.deepEqual(got, plainTexts);
  assert.equal(JSON.parse(got[0]).event.event_id, big.event_id);
  plain.close();
});
