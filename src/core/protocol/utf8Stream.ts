import { isUtf8 } from 'node:buffer';

/**
 * Validates UTF-8 that arrives in pieces (a message split into frames, a frame split into TCP
 * reads), reporting the byte offset of the first invalid byte. Whole runs of complete code points
 * go to the native validator; only the ≤3 bytes of a code point split across pieces are checked
 * here byte by byte.
 */
export class Utf8Stream {
  /** Continuation bytes still expected by the code point in progress. */
  private need = 0;
  private low = 0x80;
  private high = 0xbf;
  private fed = 0;
  /** Offset of the first invalid byte; once set, later input is ignored. */
  private invalidAt = -1;

  /**
   * Validates `bytes[start, end)`. Returns the offset (counted from the first byte ever pushed) of
   * the first invalid byte, or -1.
   */
  push(bytes: Uint8Array, start = 0, end = bytes.length): number {
    if (this.invalidAt >= 0) return this.invalidAt;
    let i = start;
    while (this.need > 0 && i < end) {
      if (!this.step(bytes[i]!)) return this.fail(i - start);
      i++;
    }
    const tail = incompleteTailStart(bytes, i, end);
    if (tail > i && !isUtf8(view(bytes, i, tail))) {
      for (let k = i; k < end; k++) if (!this.step(bytes[k]!)) return this.fail(k - start);
    }
    for (let k = tail; k < end; k++) if (!this.step(bytes[k]!)) return this.fail(k - start);
    this.fed += end - start;
    return -1;
  }

  /** Call at the end of the message: a code point cut off at the end is invalid too. Returns its offset or -1. */
  end(): number {
    if (this.invalidAt >= 0) return this.invalidAt;
    if (this.need > 0) this.invalidAt = this.fed;
    return this.invalidAt;
  }

  /** Starts a new, empty string. */
  reset(): void {
    this.need = 0;
    this.low = 0x80;
    this.high = 0xbf;
    this.fed = 0;
    this.invalidAt = -1;
  }

  get invalidOffset(): number {
    return this.invalidAt;
  }

  private fail(index: number): number {
    this.invalidAt = this.fed + index;
    return this.invalidAt;
  }

  /** One byte of the UTF-8 grammar of RFC 3629 §4 (no overlongs, no surrogates, nothing above U+10FFFF). */
  private step(b: number): boolean {
    if (this.need > 0) {
      if (b < this.low || b > this.high) return false;
      this.need--;
      this.low = 0x80;
      this.high = 0xbf;
      return true;
    }
    if (b < 0x80) return true;
    if (b >= 0xc2 && b <= 0xdf) this.need = 1;
    else if (b >= 0xe0 && b <= 0xef) this.need = 2;
    else if (b >= 0xf0 && b <= 0xf4) this.need = 3;
    else return false;
    // The second byte's range excludes overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
    if (b === 0xe0) this.low = 0xa0;
    else if (b === 0xed) this.high = 0x9f;
    else if (b === 0xf0) this.low = 0x90;
    else if (b === 0xf4) this.high = 0x8f;
    return true;
  }
}

/**
 * Where the last, possibly incomplete, code point of `bytes[from, end)` starts, or `end` when
 * the range ends with an ASCII byte or no lead byte is in its last three.
 */
function incompleteTailStart(bytes: Uint8Array, from: number, end: number): number {
  for (let k = end - 1; k >= from && k >= end - 3; k--) {
    const b = bytes[k]!;
    if (b < 0x80) return end;
    if (b >= 0xc0) return k;
  }
  return end;
}

/** `bytes[start, end)` without copying; a plain Uint8Array is cheaper to make than a Buffer's subarray. */
function view(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return start === 0 && end === bytes.length ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
}

/** Offset of the first invalid byte of a complete UTF-8 string, or -1 when it is valid. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  const stream = new Utf8Stream();
  const offset = stream.push(bytes);
  return offset >= 0 ? offset : stream.end();
}

// ignoreBOM: a leading byte order mark stays in the text, so decoding never drops a byte.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** `bytes` as text when they are valid UTF-8, else undefined (no byte is ever replaced). */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}
