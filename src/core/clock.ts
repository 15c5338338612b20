import { performance } from 'node:perf_hooks';

/** Milliseconds since the epoch with sub-millisecond precision, monotonic within a process. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
