import type { StreamReader } from './recentChunks';

/** Raw writes remembered: a user types them one at a time, so a few are plenty. */
const KEPT = 64;

/**
 * Bytes written straight to the socket (past ws), by their place in the outgoing stream, so the
 * messages they hold can be read back as sent — ws never saw them, so no send carries their
 * payload.
 */
export class RawWrites {
  private readonly writes: { readonly start: number; readonly bytes: Uint8Array }[] = [];

  add(start: number, bytes: Uint8Array): void {
    this.writes.push({ start, bytes: Uint8Array.from(bytes) });
    if (this.writes.length > KEPT) this.writes.shift();
  }

  /** Whether the outgoing stream byte at `offset` was written raw. */
  holds(offset: number): boolean {
    return this.writes.some((w) => offset >= w.start && offset < w.start + w.bytes.length);
  }

  /** Stream bytes `[start, end)` when raw writes that follow each other hold all of them. */
  readonly read: StreamReader = (start, end) => {
    const out = new Uint8Array(end - start);
    let at = start;
    for (const w of this.writes) {
      if (at >= end) break;
      if (at < w.start || at >= w.start + w.bytes.length) continue;
      const take = Math.min(end, w.start + w.bytes.length) - at;
      out.set(w.bytes.subarray(at - w.start, at - w.start + take), at - start);
      at += take;
    }
    return at === end ? out : undefined;
  };
}
