// The mock server's speed against a plain `ws` server doing the same work, measured interleaved in
// the same run: messages sent to one client, broadcast to many, connections accepted, and memory per
// idle client. The clients live in a child process (lib/loadGenerator.ts): raw sockets that count
// frames, so that the server, not the client, sets the pace.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import type * as MockModule from '../src/core/mock/mockServer';
import type { BenchContext, Benchmark, Metric } from './lib/benchmark';
import { loadBundled } from './lib/bundle';
import { startLoadGenerator, type LoadGenerator } from './lib/load';
import { interleave, median } from './lib/measure';
import { startServer, type MessageKind, type ServerUnderTest, type Side } from './lib/serverUnderTest';

const SIZE = 256;
/** Issue 5's bounds. */
const SEND_TARGET = 1_000_000;
const ACCEPT_TARGET = 3_000;
/** Messages handed over per turn of the event loop; the sender then waits while a client has more than HIGH_WATER bytes queued. */
const BURST = 1000;
const HIGH_WATER = 1 << 20;
const BROADCAST_CLIENTS = 100;
const ACCEPTS_IN_FLIGHT = 32;

type Mock = typeof MockModule.MockServer;

export interface Run {
  readonly context: BenchContext;
  readonly load: LoadGenerator;
  readonly Mock: Mock;
}

const thousands = (n: number): string => `${(n / 1000).toFixed(1)}k`;

/** Starts a server, connects `clients` to it from the load generator, runs `measure`, and tears both down. */
async function withClients<T>(run: Run, side: Side, clients: number, measure: (server: ServerUnderTest) => Promise<T>): Promise<T> {
  const server = await startServer(side, run.Mock);
  try {
    await run.load.connect(server.url, clients);
    server.refresh();
    return await measure(server);
  } finally {
    await run.load.disconnect();
    await server.close();
  }
}

/** Calls `send` `count` times, BURST per turn of the loop, holding back while `server` has too much queued; returns messages delivered per second. */
async function pump(run: Run, server: ServerUnderTest, count: number, perSend: number, send: () => void): Promise<number> {
  const start = performance.now();
  const delivered = run.load.awaitFrames(count * perSend);
  const burst = Math.max(1, Math.round(BURST / perSend));
  for (let sent = 0; sent < count; ) {
    const n = Math.min(burst, count - sent);
    for (let k = 0; k < n; k++) send();
    sent += n;
    do await yieldToLoop();
    while (server.buffered() > HIGH_WATER);
  }
  await delivered;
  return (count * perSend * 1000) / (performance.now() - start);
}

export function sendRate(run: Run, side: Side, kind: MessageKind, count: number): Promise<number> {
  const payload = new Uint8Array(SIZE).fill(0x61);
  return withClients(run, side, 1, async (server) => {
    const rate = await pump(run, server, count, 1, () => server.send(kind, payload));
    server.checkSent(count, SIZE);
    return rate;
  });
}

function broadcastRate(run: Run, side: Side, count: number): Promise<number> {
  const payload = new Uint8Array(SIZE).fill(0x62);
  return withClients(run, side, BROADCAST_CLIENTS, async (server) => {
    const rate = await pump(run, server, count, BROADCAST_CLIENTS, () => server.broadcast('binary', payload));
    server.checkSent(count, SIZE);
    return rate;
  });
}

export async function acceptRate(run: Run, side: Side, durationMs: number): Promise<number> {
  const server = await startServer(side, run.Mock);
  try {
    const { perSecond, errors } = await run.load.churn(server.url, ACCEPTS_IN_FLIGHT, 300, durationMs);
    if (errors > 0) throw new Error(`${side}: ${errors} connections failed while measuring accepts`);
    return perSecond;
  } finally {
    await server.close();
  }
}

function heapAndExternal(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** Bytes of heap and external memory per idle connected client. */
async function idleBytes(run: Run, side: Side, clients: number): Promise<number> {
  const server = await startServer(side, run.Mock);
  try {
    await sleep(200); // the sockets of the round before are gone, so the gc can take them
    const before = heapAndExternal();
    await run.load.connect(server.url, clients);
    await sleep(200);
    const after = heapAndExternal();
    return (after - before) / clients;
  } finally {
    await run.load.disconnect();
    await server.close();
  }
}

/** The soft limit on open files (Linux), or undefined when it cannot be read. */
function openFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === 'unlimited' ? Infinity : soft ? Number(soft) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs mock and ws interleaved, logs each round, and returns the medians and the median of the paired ratios. */
async function compare(run: Run, label: string, unit: string, rounds: number, measure: (side: Side) => Promise<number>, show = thousands, warmupRounds = 1): Promise<{ mock: number; ws: number; ratio: number }> {
  // Each side starts from a collected heap, not the garbage of the round before it (a million logged messages after a send round).
  const fresh = (side: Side): Promise<number> => {
    globalThis.gc?.();
    return measure(side);
  };
  const samples = await interleave(
    { mock: () => fresh('mock'), ws: () => fresh('ws') },
    { rounds, warmupRounds, onRound: (round, [m, w], warmup) => run.context.log(`${label} ${warmup ? 'warm-up' : `round ${round}/${rounds}`}: mock ${show(m!)} ${unit}, ws ${show(w!)} ${unit} (${(m! / w!).toFixed(3)})`) },
  );
  const ratio = median(samples.mock.map((m, i) => m / samples.ws[i]!));
  const result = { mock: median(samples.mock), ws: median(samples.ws), ratio };
  run.context.log(`${label}: median mock ${show(result.mock)}, ws ${show(result.ws)} ${unit}; median of paired ratios ${ratio.toFixed(3)}`);
  return result;
}

function metric(name: string, unit: string, result: { mock: number; ws: number; ratio: number }, target?: Metric['target']): Metric {
  return { name, value: result.mock, unit, baseline: result.ws, ratio: result.ratio, ...(target ? { target } : {}) };
}

async function idleMetric(run: Run, quick: boolean): Promise<Metric> {
  const wanted = quick ? 2000 : 10_000;
  const limit = openFileLimit();
  // Each process holds one descriptor per client, plus a few of its own.
  const clients = limit === undefined ? Math.min(wanted, 900) : Math.min(wanted, Math.max(0, limit - 100));
  run.context.log(`idle: ${clients.toLocaleString('en')} clients (open-file limit ${limit ?? 'unknown'}${clients < wanted ? `; scaled down from ${wanted.toLocaleString('en')}, raise ulimit -n for the full count` : ''}); figures are MB for 10k clients`);
  const toMb = (bytes: number): number => (bytes * 10_000) / (1 << 20);
  // --quick: no warm-up round (memory needs no warmed-up JIT; the first round reads ~2% higher).
  const result = await compare(run, 'idle', 'MB/10k', quick ? 1 : 3, async (side) => toMb(await idleBytes(run, side, clients)), (mb) => mb.toFixed(1), quick ? 0 : 1);
  return metric('mock_idle_10k_mb', 'MB', result, { op: '<=', value: 100 });
}

export const benchmark: Benchmark = {
  name: 'mock',
  description: 'mock server vs plain ws: 256-byte messages to one client, broadcast to 100, accepts per second, memory per idle client (clients in a child process)',
  async run(context) {
    const quick = context.quick;
    const { MockServer } = loadBundled<typeof MockModule>('src/core/mock/mockServer.ts');
    const rounds = quick ? 1 : 5;
    const count = quick ? 200_000 : 1_000_000;
    /**
     * Each figure from a fresh load generator. Accepts come first: after the million-message rounds
     * both sides accepted ~20% fewer connections (the leftover heap of both processes), and an
     * accept round is short enough to feel it.
     */
    const phase = async <T>(measure: (run: Run) => Promise<T>): Promise<T> => {
      const load = await startLoadGenerator();
      try {
        return await measure({ context, load, Mock: MockServer });
      } finally {
        await load.close();
      }
    };
    const accepts = await phase((run) => compare(run, 'accepts', 'conn/s', rounds, (side) => acceptRate(run, side, quick ? 700 : 2000)));
    const binary = await phase((run) => compare(run, 'send binary', 'msg/s', rounds, (side) => sendRate(run, side, 'binary', count)));
    // Text and broadcast have no target: --quick leaves them out to stay short.
    const extra = quick
      ? []
      : [
          metric(`mock_send_${SIZE}b_text_msgs_per_s`, 'msg/s', await phase((run) => compare(run, 'send text', 'msg/s', 3, (side) => sendRate(run, side, 'text', count)))),
          metric(`mock_broadcast_${SIZE}b_${BROADCAST_CLIENTS}_clients_msgs_per_s`, 'msg/s', await phase((run) => compare(run, `broadcast to ${BROADCAST_CLIENTS}`, 'msg/s', rounds, (side) => broadcastRate(run, side, count / BROADCAST_CLIENTS)))),
        ];
    const idle = await phase((run) => idleMetric(run, quick));
    return [
      metric(`mock_send_${SIZE}b_msgs_per_s`, 'msg/s', binary, { op: '>=', value: SEND_TARGET }),
      ...extra,
      metric('mock_accepts_per_s', 'conn/s', accepts, { op: '>=', value: ACCEPT_TARGET }),
      idle,
    ];
  },
};
