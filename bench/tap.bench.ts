// The tap's cost: how many messages per second a `ws` client receives with SocketTap on its socket
// (B) against the same client bare (A), interleaved A B A B … against a sender in a child process.
// The tap here has a listener that only counts: the session log is another benchmark's business.
import type { Socket } from 'node:net';
import type { FrameRecord, MessageRecord } from '../src/core/protocol/frameDecoder';
import type * as TapModule from '../src/core/tap/socketTap';
import type { TapDirection, TapListener } from '../src/core/tap/socketTap';
import type { BenchContext, Benchmark, Metric } from './lib/benchmark';
import { loadBundled } from './lib/bundle';
import { receiveRate, rawReadRate, startFloodSender, type FloodSender, type RoundTiming } from './lib/flood';
import { floodFrame } from './lib/floodFrames';
import { comparePaired, logSenderHeadroom, type PairedResult } from './lib/paired';

/** The bound: with the tap, at least 95% of the bare throughput (256-byte messages). */
const TARGET_RATIO = 0.95;

interface Series {
  /** Payload bytes of each text message. */
  readonly size: number;
  readonly label: string;
}

const MAIN: Series = { size: 256, label: '256b' };
const EXTRA: readonly Series[] = [
  { size: 16, label: '16b' },
  { size: 64 * 1024, label: '64k' },
];

/** The least a tap listener can do: count, and remember anything that is not what was sent. */
class CountingListener implements TapListener {
  messages = 0;
  frames = 0;
  problems: string[] = [];

  constructor(private readonly size: number) {}

  frame(direction: TapDirection, frame: FrameRecord): void {
    if (direction === 'in') this.frames++;
    if (frame.violations.length > 0) this.problem(`frame ${frame.index} (${direction}): ${frame.violations.map((v) => v.message).join('; ')}`);
  }

  message(direction: TapDirection, message: MessageRecord): void {
    if (direction === 'in') this.messages++;
    if (message.violations.length > 0) this.problem(`message ${message.index} (${direction}): ${message.violations.map((v) => v.message).join('; ')}`);
    else if (direction !== 'in' || message.kind !== 'text' || message.wireLength !== this.size || !message.complete) {
      this.problem(`message ${message.index} (${direction}) is ${message.complete ? '' : 'incomplete '}${message.kind}, ${message.wireLength} bytes; expected complete text, ${this.size} bytes in`);
    }
  }

  tcp(): void {}

  private problem(text: string): void {
    if (this.problems.length < 5) this.problems.push(text);
  }
}

async function bare(sender: FloodSender, series: Series, timing: RoundTiming): Promise<number> {
  return receiveRate(sender.url(series.size), timing);
}

type SocketTap = typeof TapModule.SocketTap;

async function tapped(sender: FloodSender, series: Series, timing: RoundTiming, SocketTap: SocketTap): Promise<number> {
  const listener = new CountingListener(series.size);
  return receiveRate(sender.url(series.size), {
    ...timing,
    onUpgrade: (socket: Socket) => SocketTap.attach(socket, { role: 'client', perMessageDeflate: false, receiverChecksUtf8: true }, listener),
    check: (delivered) => {
      if (listener.messages !== delivered) throw new Error(`${series.label}: the tap saw ${listener.messages} messages, ws delivered ${delivered}`);
      if (listener.frames !== delivered) throw new Error(`${series.label}: the tap saw ${listener.frames} frames for ${delivered} single-frame messages`);
      if (listener.problems.length > 0) throw new Error(`${series.label}: the tap reported ${listener.problems.join(' | ')}`);
    },
  });
}

const thousands = (n: number): string => `${(n / 1000).toFixed(1)}k msg/s`;

/** Medians of bare and tapped throughput for one message size, measured interleaved, and the median of the paired ratios. */
async function compare(sender: FloodSender, tap: SocketTap, series: Series, context: BenchContext, rounds: number, timing: RoundTiming): Promise<PairedResult> {
  // What a reader that does nothing gets: if ws alone comes near it, the ratio understates the tap's cost.
  const rawMsgs = (await rawReadRate(sender.url(series.size), timing)) / floodFrame(series.size).length;
  const result = await comparePaired(
    () => bare(sender, series, timing),
    () => tapped(sender, series, timing, tap),
    { label: series.label, names: ['bare', 'tap'], rounds, warmupRounds: 1, format: thousands, log: context.log },
  );
  logSenderHeadroom(series.label, rawMsgs, result.base, thousands, context.log);
  return result;
}

export const benchmark: Benchmark = {
  name: 'tap',
  description: 'ws client throughput with SocketTap attached vs bare (text messages, sender in a child process)',
  async run(context) {
    const timing: RoundTiming = context.quick ? { settleMs: 150, durationMs: 400 } : { settleMs: 300, durationMs: 2000 };
    const rounds = context.quick ? 3 : 11;
    // The tap as shipped: bundled by esbuild, not loaded module by module through tsx (bundle.ts).
    const { SocketTap } = loadBundled<typeof TapModule>('src/core/tap/socketTap.ts');
    const sender = await startFloodSender();
    try {
      const main = await compare(sender, SocketTap, MAIN, context, rounds, timing);
      const metrics: Metric[] = [
        { name: 'tap_ratio', value: main.ratio, unit: 'tap/bare', baseline: null, ratio: null, target: { op: '>=', value: TARGET_RATIO } },
        { name: `tap_${MAIN.label}_msgs_per_s`, value: main.value, unit: 'msg/s', baseline: main.base, ratio: main.value / main.base },
        { name: `bare_${MAIN.label}_msgs_per_s`, value: main.base, unit: 'msg/s', baseline: null, ratio: null },
      ];
      // --quick: the 256-byte series only, the one with a target.
      for (const series of context.quick ? [] : EXTRA) {
        const result = await compare(sender, SocketTap, series, context, context.quick ? 3 : 5, timing);
        metrics.push({ name: `tap_${series.label}_ratio`, value: result.ratio, unit: 'tap/bare', baseline: null, ratio: null });
      }
      return metrics;
    } finally {
      await sender.close();
    }
  },
};
