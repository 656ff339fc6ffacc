// One console's worth of monitoring stream for the fan-out bench's luna-mon target (issue 13): it
// subscribes to what an attached console asks for (overview, connections, filter sets and event
// samples) and reads everything as fast as it comes, like a console that keeps up. Prints what
// it received when it gets SIGTERM or SIGUSR1.
//
//   node monitor_client.mjs <monitor port> <token> <ready file>
//
// Uses ws from tests/web/node_modules (installer/setup.sh installs it).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../web/package.json'));
const WebSocket = require('ws');

const [port, token, readyFile] = process.argv.slice(2);
const counts = { overview: 0, connections: 0, filter_sets: 0, events: 0, samples: 0, dropped: 0, other: 0, bytes: 0 };
const socket = new WebSocket(`ws://127.0.0.1:${port}/monitor/v1/stream`, {
    headers: { Authorization: `Bearer ${token}` },
    maxPayload: 64 * 1024 * 1024,
});
socket.on('open', () => {
    socket.send(JSON.stringify({ subscribe: ['overview', 'connections', 'filter_sets', 'events', 'alerts'] }));
});
let ready = false;
socket.on('message', (data) => {
    counts.bytes += data.length;
    const message = JSON.parse(data.toString());
    if (message.type in counts && message.type !== 'events') counts[message.type] += 1;
    else if (message.type === 'events') {
        counts.events += 1;
        counts.samples += message.events.length;
        counts.dropped += message.dropped || 0;
    } else counts.other += 1;
    if (!ready && message.type === 'overview') {
        ready = true;
        writeFileSync(readyFile, 'ready\n');
    }
});
socket.on('close', (code, reason) => {
    console.log(JSON.stringify({ closed: code, reason: reason.toString(), ...counts }));
    process.exit(code === 1000 || code === 1001 ? 0 : 1);
});
socket.on('error', (error) => { console.error(String(error)); process.exit(1); });
const report = () => { console.log(JSON.stringify(counts)); process.exit(0); };
process.on('SIGTERM', report);
process.on('SIGUSR1', report);
