// The session log at a million messages: what each stored message costs beyond its payload, and
// how long the queries the panel makes take over all of them.
import { performance } from 'node:perf_hooks';
import type * as LogModule from '../src/core/log/sessionLog';
import type { Benchmark, Metric } from './lib/benchmark';
import { loadBundled } from './lib/bundle';
import { median } from './lib/measure';

/** The bound: a stored 256-byte message costs at most its payload plus 32 bytes. */
const OVERHEAD_TARGET = 32;
const PAYLOAD = 256;

/** One frame as the tap records it for a plain 256-byte text message from a server. */
function frameOf(index: number, time: number) {
  return {
    offset: index * (PAYLOAD + 4), fin: true, rsv1: false, rsv2: false, rsv3: false, opcode: 1, masked: false, maskingKey: null, payloadLength: PAYLOAD,
    lengthEncoding: 16 as const, minimalLength: true, lengthHigh: 0, lengthLow: 0, headerLength: 4, index, opcodeName: 'text' as const, messageIndex: index,
    time, payloadPreview: undefined, closeCode: undefined, closeReason: undefined, violations: [],
  };
}

function heapBytes(): number {
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

export const benchmark: Benchmark = {
  name: 'log',
  description: 'session log: bytes per stored 256-byte message beyond its payload, and query times over all of them',
  async run(context) {
    const { SessionLog } = loadBundled<typeof LogModule>('src/core/log/sessionLog.ts');
    // Just under a power of two, as a million is: the columns grow by doubling, and at 200,000 the
    // unused quarter of 262,144 rows added 9 bytes a message.
    const count = context.quick ? 500_000 : 1_000_000;
    const payloads = Array.from({ length: 64 }, (_, k) => Buffer.from(`{"seq":${k},"price":${(k * 1.5).toFixed(2)},"side":"${k % 2 ? 'buy' : 'sell'}"}`.padEnd(PAYLOAD, ' ')));
    const before = heapBytes();
    const log = new SessionLog({ byteBudget: count * (PAYLOAD + 64) });
    for (let i = 0; i < count; i++) {
      const time = 1_700_000_000_000 + i;
      log.append({ direction: 'in', kind: 'text', payload: payloads[i % 64]!, time, wire: { frames: [frameOf(i, time)], compressed: false, wireLength: PAYLOAD, violations: [] } });
    }
    const overhead = (heapBytes() - before) / count - PAYLOAD;
    context.log(`${count.toLocaleString('en')} messages: ${(overhead + PAYLOAD).toFixed(1)} bytes each in memory${globalThis.gc ? '' : ' (run node with --expose-gc for a steadier figure)'}; the log counts ${(log.bytes / count).toFixed(1)}`);
    const time = (query: () => unknown): number => {
      const runs = Array.from({ length: context.quick ? 3 : 5 }, () => {
        const start = performance.now();
        query();
        return performance.now() - start;
      });
      return median(runs);
    };
    const queries: [string, () => unknown][] = [
      ['log_count_kind_ms', () => log.count({ kinds: ['text'] })],
      ['log_count_text_ms', () => log.count({ text: '"seq":63' })],
      ['log_count_regex_ms', () => log.count({ regex: 'price":9[0-9]\\.' })],
      ['log_page_text_ms', () => log.query({ text: 'buy', limit: 100 })],
    ];
    const metrics: Metric[] = [{ name: 'log_overhead_bytes_per_msg', value: overhead, unit: 'bytes', baseline: null, ratio: null, target: { op: '<=', value: OVERHEAD_TARGET } }];
    for (const [name, query] of queries) {
      const ms = time(query);
      context.log(`${name}: ${ms.toFixed(1)} ms over ${count.toLocaleString('en')} messages`);
      metrics.push({ name, value: ms, unit: 'ms', baseline: null, ratio: null });
    }
    log.dispose();
    return metrics;
  },
};
