// CPU time per message of the ingest path without sockets or ws: a SocketTap on a fake socket
// fed 64 KiB reads of N-byte text frames, the WireJoiner, the SessionLog (the product's default
// budget), and ws's part played by handing each payload over as ConnectionAttempt does. Steadier
// than the socket benchmark on a busy machine, for comparing two versions of src/core:
//   node --import tsx bench/ingestPath.ts [--size 256] [--root DIR] [--stamp]
// DIR: another checkout's root. --stamp: pass the time to every delivered() call, as
// ConnectionAttempt did before the joiner took it itself.
import { buildSync } from 'esbuild';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type * as LogModule from '../src/core/log/sessionLog';
import type * as TapModule from '../src/core/tap/socketTap';
import type * as JoinerModule from '../src/core/tap/wireJoiner';
import { floodFrame } from './lib/floodFrames';
import { median } from './lib/measure';

type Modules = typeof TapModule & typeof JoinerModule & typeof LogModule;

const READ_BYTES = 64 * 1024;
const MESSAGES = 1_000_000;
const RUNS = 7;

/** Bundles the three modules of `root` into one file, as the extension's build does, and loads it. */
function load(root: string): Modules {
  const outfile = join(import.meta.dirname, '..', '.cache', 'bench', `ingestPath_${root.replace(/\W/g, '_')}.js`);
  const entry = ['tap/socketTap', 'tap/wireJoiner', 'log/sessionLog'].map((path) => `export * from './src/core/${path}';`).join('\n');
  buildSync({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  return createRequire(import.meta.url)(outfile) as Modules;
}

/** CPU nanoseconds per message over `MESSAGES` messages of `size` bytes. */
function run(modules: Modules, size: number, stamp: boolean): number {
  const frame = floodFrame(size);
  const header = frame.length - size;
  const perRead = Math.max(1, Math.floor(READ_BYTES / frame.length));
  const read = Buffer.concat(Array.from({ length: perRead }, () => frame));
  const log = new modules.SessionLog();
  const socket = Object.assign(new EventEmitter(), { write: () => true, destroy: () => socket, read: () => null }) as unknown as Socket;
  const joiner: JoinerModule.WireJoiner = new modules.WireJoiner(log, { closeFrame() {}, violation() {}, tcp() {} });
  joiner.readFrom(modules.SocketTap.attach(socket, { role: 'client', perMessageDeflate: false, maxPayloadBytes: 16 << 20, receiverChecksUtf8: true }, joiner));
  const start = process.cpuUsage();
  for (let sent = 0; sent < MESSAGES; sent += perRead) {
    const chunk = Buffer.from(read); // a fresh read, as the socket gives
    socket.emit('data', chunk);
    for (let k = 0; k < perRead; k++) joiner.delivered('text', chunk.subarray(k * frame.length + header, (k + 1) * frame.length), stamp ? performance.timeOrigin + performance.now() : undefined);
  }
  const used = process.cpuUsage(start);
  const expected = Math.ceil(MESSAGES / perRead) * perRead;
  if (log.nextId - 1 !== expected) throw new Error(`${log.nextId - 1} messages reached the log, not ${expected}`);
  return ((used.user + used.system) * 1000) / expected;
}

const { values } = parseArgs({ options: { size: { type: 'string', default: '256' }, root: { type: 'string', default: join(import.meta.dirname, '..') }, stamp: { type: 'boolean', default: false } } });
const modules = load(values.root!);
const size = Number(values.size);
const samples = Array.from({ length: RUNS }, () => run(modules, size, values.stamp ?? false));
// The first two runs warm up the JIT.
console.log(`${size}-byte messages: ${median(samples.slice(2)).toFixed(0)} ns/msg CPU (runs: ${samples.map((s) => s.toFixed(0)).join(' ')}) — ${values.root}`);
