// What the browser tests run against: the built luna-sender as a real headless child process (the
// Sender port and the monitoring port on free ports, the publish resource on with its token), real
// WebSocket subscribers from node, and Debian's chromium driven by puppeteer-core.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import puppeteer from 'puppeteer-core';
import WebSocket from 'ws';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Waits for fn() to return a truthy value, polling on a timer; never a fixed sleep.
export async function until(fn, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export class Service {
  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luna-web-'));
    this.monitorToken = crypto.randomBytes(18).toString('base64url');
    this.publishToken = crypto.randomBytes(18).toString('base64url');
    this.log = '';
  }

  // withToken false: a monitoring port on loopback without MONITOR.TOKEN.
  async start(extraConfig = '', withToken = true) {
    const binary = process.env.LUNA_SENDER_BINARY;
    if (!binary || !fs.existsSync(binary)) throw new Error(`LUNA_SENDER_BINARY not built: ${binary}`);
    // Tokens go in a file of the test's own directory, never on the command line.
    const config = path.join(this.dir, 'luna-sender.conf');
    fs.writeFileSync(config, [
      '[SERVER]', 'HOST = 127.0.0.1', 'PORT = 0',
      '[MONITOR]', 'ENABLED = 1', 'HOST = 127.0.0.1', 'PORT = 0', withToken ? `TOKEN = ${this.monitorToken}` : '',
      '[PUBLISH]', 'ENABLED = 1', `TOKEN = ${this.publishToken}`,
      extraConfig, ''].join('\n'), { mode: 0o600 });
    const env = { ...process.env, NO_COLOR: '1' };
    for (const k of Object.keys(env)) if (k.startsWith('LUNA_SENDER_') || k.startsWith('QT_QPA_') || k === 'DISPLAY') delete env[k];
    this.process = spawn(binary, ['--headless', '--config', config], { cwd: this.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk) => { this.log += chunk.toString(); };
    this.process.stdout.on('data', collect);
    this.process.stderr.on('data', collect);
    this.exited = new Promise((resolve) => this.process.on('exit', (code, signal) => resolve({ code, signal })));
    await until(() => {
      if (this.process.exitCode !== null) throw new Error(`luna-sender exited:\n${this.log}`);
      // "sender.engine: listening on 127.0.0.1:N" and "sender.monitor: monitoring port listening on 127.0.0.1:M".
      this.senderPort = lastPort(this.log, /sender\.engine: listening on \S+:(\d+)[ ;\n]/g);
      this.monitorPort = lastPort(this.log, /monitoring port listening on \S+:(\d+)[ ;\n]/g);
      return this.senderPort && this.monitorPort;
    }, `both ports in the log:\n${this.log}`, 20000);
    this.base = `http://127.0.0.1:${this.monitorPort}`;
  }

  async stop() {
    if (this.process && this.process.exitCode === null) {
      this.process.kill('SIGTERM');
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, 10000))]);
      if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  // The monitoring API, as a script would call it.
  async api(method, pathAndQuery, body = undefined) {
    const r = await fetch(`${this.base}/monitor/v1/${pathAndQuery}`, {
      method,
      headers: { Authorization: `Bearer ${this.monitorToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : null, headers: r.headers };
  }

  // One Redis-format message through POST /1/publish (the embedded bus), as a handler would.
  async publish(account, events) {
    const r = await fetch(`http://127.0.0.1:${this.senderPort}/1/publish`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.publishToken}`, 'Luna-Account-Id': account, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        handler_id: crypto.randomUUID(), 'Luna-Request-Id': `${Math.floor(Date.now() / 1000)},${crypto.randomUUID()}`,
        events, event_create_time: new Date().toISOString(), event_end_time: new Date().toISOString(),
      }),
    });
    if (r.status >= 300) throw new Error(`publish answered ${r.status}: ${await r.text()}`);
  }

  // A real subscriber on the Sender port; resolves once open. messages collects what it receives.
  subscribe(account, query = '') {
    const ws = new WebSocket(`ws://127.0.0.1:${this.senderPort}/2/ws${query ? `?${query}` : ''}`, { headers: { 'Luna-Account-Id': account } });
    ws.messages = [];
    ws.closeInfo = null;
    ws.on('message', (data) => ws.messages.push(JSON.parse(data.toString())));
    ws.on('close', (code, reason) => { ws.closeInfo = { code, reason: reason.toString() }; });
    return new Promise((resolve, reject) => { ws.on('open', () => resolve(ws)); ws.on('error', reject); });
  }
}

function lastPort(log, re) {
  let port = 0;
  for (const m of log.matchAll(re)) port = Number(m[1]);
  return port;
}

export async function launchBrowser(extraArgs = []) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'luna-web-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required', '--lang=en-US', `--user-data-dir=${profile}`, ...extraArgs],
  });
  browser.profile = profile;
  return browser;
}

export async function closeBrowser(browser) {
  if (!browser) return;
  await browser.close();
  fs.rmSync(browser.profile, { recursive: true, force: true });
}

// Screenshots are the test's artefacts: kept in the build tree for a person to look at.
export function artefactDir() {
  const dir = process.env.WEB_ARTEFACTS || path.join(os.tmpdir(), 'luna-web-artefacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
