import { performance } from 'node:perf_hooks';

// Fixed for the life of the process; read once, as the getter costs more than `now()` itself
// and the tap stamps every chunk and message with the time.
const ORIGIN = performance.timeOrigin;

/** Milliseconds since the epoch with sub-millisecond precision, monotonic within a process. */
export function now(): number {
  return ORIGIN + performance.now();
}
