// Ingest: how many messages per second a `ClientConnection` — ws, with the tap decoding every
// frame and the session log storing every message, as the extension opens one — takes in from a
// sender in a child process, against a bare `ws` client on the same stream, interleaved A B B A …
// After each round the log must account for every message: stored, or counted as evicted.
import type * as ClientModule from '../src/core/client/clientConnection';
import type { BenchContext, Benchmark, Metric } from './lib/benchmark';
import { loadBundled } from './lib/bundle';
import { clientReceiveRate, type ClientConnectionClass } from './lib/clientRate';
import { rawReadRate, receiveRate, startFloodSender, type FloodSender, type RoundTiming } from './lib/flood';
import { floodFrame } from './lib/floodFrames';
import { accountForIngest, type IngestAccount } from './lib/ingestAccounting';
import { comparePaired, logSenderHeadroom, type PairedResult } from './lib/paired';

/** One stream of text messages, all of one size. */
interface Series {
  readonly label: string;
  readonly size: number;
  /** The sender compresses every message (permessage-deflate negotiated). */
  readonly deflate: boolean;
}

const S256: Series = { label: '256b', size: 256, deflate: false };
const S16: Series = { label: '16b', size: 16, deflate: false };
const S64K: Series = { label: '64k', size: 64 * 1024, deflate: false };
const DEFLATE: Series = { label: 'deflate 256b', size: 256, deflate: true };

/** The bounds. */
const TARGETS = { ratio256: 0.65, msgs256: 600_000, msgs16: 1_000_000, bytes64k: 1.2e9, deflateRatio: 0.9 } as const;

interface Run {
  readonly sender: FloodSender;
  readonly Client: ClientConnectionClass;
  readonly context: BenchContext;
  readonly timing: RoundTiming;
  readonly rounds: number;
}

const perSecond = (n: number): string => (n >= 1e8 ? `${(n / 1e9).toFixed(2)} G/s` : `${(n / 1000).toFixed(1)}k/s`);

/** Messages per second of a bare ws client, offering permessage-deflate as the product's client does. */
function bare(run: Run, series: Series): Promise<number> {
  return receiveRate(run.sender.url(series.size, undefined, series.deflate), { ...run.timing, perMessageDeflate: true });
}

/** Messages per second into a ClientConnection's log; its accounting goes to `accounts`. */
function client(run: Run, series: Series, accounts: IngestAccount[]): Promise<number> {
  return clientReceiveRate(run.Client, run.sender.url(series.size, undefined, series.deflate), {
    ...run.timing,
    perMessageDeflate: true,
    check: (connection) => {
      try {
        accounts.push(accountForIngest(connection.log, series));
      } catch (error) {
        throw new Error(`${series.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  });
}

/** Bare ws against ClientConnection on one series, interleaved; the log's accounting summed up. */
async function compare(run: Run, series: Series, warmupRounds: number): Promise<PairedResult> {
  const { context } = run;
  const accounts: IngestAccount[] = [];
  const result = await comparePaired(() => bare(run, series), () => client(run, series, accounts), {
    label: series.label, names: ['bare ws', 'ClientConnection'], rounds: run.rounds, warmupRounds, format: (n) => `${perSecond(n)} msg`, log: context.log,
  });
  const sum = (key: keyof IngestAccount): number => accounts.reduce((total, account) => total + account[key], 0);
  context.log(`${series.label}: the logs account for all ${sum('appended').toLocaleString('en')} messages of ${accounts.length} connections (${sum('evicted').toLocaleString('en')} evicted and counted, ${sum('undelivered')} cut off undelivered at the end)`);
  if (!context.quick) {
    // What a reader that does nothing gets: if bare ws comes near it, the ratio understates the cost.
    const raw = (await rawReadRate(run.sender.url(series.size, undefined, series.deflate), run.timing, series.deflate)) / floodFrame(series.size, undefined, series.deflate).length;
    logSenderHeadroom(series.label, raw, result.base, (n) => `${perSecond(n)} msg`, context.log);
  }
  return result;
}

function ingestMetrics(s256: PairedResult, s16: PairedResult, s64k: PairedResult, deflate: PairedResult): Metric[] {
  const bytes64k = S64K.size;
  return [
    { name: 'ingest_256b_msgs_per_s', value: s256.value, unit: 'msg/s', baseline: s256.base, ratio: s256.value / s256.base, target: { op: '>=', value: TARGETS.msgs256 } },
    { name: 'ingest_256b_ratio', value: s256.ratio, unit: 'client/bare', baseline: null, ratio: null, target: { op: '>=', value: TARGETS.ratio256 } },
    { name: 'ingest_16b_msgs_per_s', value: s16.value, unit: 'msg/s', baseline: s16.base, ratio: s16.value / s16.base, target: { op: '>=', value: TARGETS.msgs16 } },
    { name: 'ingest_16b_ratio', value: s16.ratio, unit: 'client/bare', baseline: null, ratio: null },
    { name: 'ingest_64k_bytes_per_s', value: s64k.value * bytes64k, unit: 'bytes/s', baseline: s64k.base * bytes64k, ratio: s64k.value / s64k.base, target: { op: '>=', value: TARGETS.bytes64k } },
    { name: 'ingest_64k_ratio', value: s64k.ratio, unit: 'client/bare', baseline: null, ratio: null },
    { name: 'deflate_ratio', value: deflate.ratio, unit: 'client/bare', baseline: null, ratio: null, target: { op: '>=', value: TARGETS.deflateRatio } },
    { name: 'deflate_256b_msgs_per_s', value: deflate.value, unit: 'msg/s', baseline: deflate.base, ratio: deflate.value / deflate.base },
  ];
}

export const benchmark: Benchmark = {
  name: 'ingest',
  description: 'ClientConnection (ws + tap + session log) vs a bare ws client: 256-byte, 16-byte, 64 KiB and deflated text messages (sender in a child process)',
  async run(context) {
    // --quick: about 14 s. The settle stays 300 ms: for its first few hundred thousand messages a
    // new connection's log is still filling its budget (fresh arena chunks, columns grown by
    // doubling), and a count that starts earlier measures that more than the steady state (0.37
    // instead of 0.56 at 256 B).
    const timing: RoundTiming = context.quick ? { settleMs: 300, durationMs: 300 } : { settleMs: 300, durationMs: 2000 };
    // The connection as shipped: bundled by esbuild, ws left external and shared (bundle.ts).
    const { ClientConnection } = loadBundled<typeof ClientModule>('src/core/client/clientConnection.ts');
    const sender = await startFloodSender();
    try {
      const run: Run = { sender, Client: ClientConnection, context, timing, rounds: context.quick ? 3 : 9 };
      const s256 = await compare(run, S256, 1);
      const others = { ...run, rounds: context.quick ? 2 : 5 };
      const s16 = await compare(others, S16, context.quick ? 0 : 1);
      const s64k = await compare(others, S64K, context.quick ? 0 : 1);
      // Each deflated message waits for a zlib thread, so its rate follows the machine's load closely: more rounds.
      const deflate = await compare({ ...others, rounds: context.quick ? 2 : 7 }, DEFLATE, context.quick ? 0 : 1);
      return ingestMetrics(s256, s16, s64k, deflate);
    } finally {
      await sender.close();
    }
  },
};
