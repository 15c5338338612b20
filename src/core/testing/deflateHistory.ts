// permessage-deflate's compression history (RFC 7692 §7.2.3): window bits, and whether each side
// keeps its LZ77 window from one message to the next (context takeover). With takeover, a
// message may refer back into the messages compressed before it, so compressing or inflating it
// needs that history; it is kept here as a preset dictionary (the uncompressed text of the
// earlier compressed messages, the window's worth). For tests that write or read such streams.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ExtensionParam } from '../protocol/negotiation';

export interface DeflateSettings {
  /** server_max_window_bits and client_max_window_bits, both (9–15). */
  readonly windowBits: number;
  /** Each side keeps its window across messages (no *_no_context_takeover). */
  readonly takeover: boolean;
}

/** Full windows, no context takeover either way. */
export const NO_TAKEOVER: DeflateSettings = { windowBits: 15, takeover: false };

/** How permessage-deflate was negotiated: `true` is no context takeover either way, full windows. */
export type NegotiatedDeflate = boolean | DeflateSettings;

/** The settings negotiated, or undefined when permessage-deflate was not. */
export function settingsOf(deflate: NegotiatedDeflate | undefined): DeflateSettings | undefined {
  return deflate === true ? NO_TAKEOVER : deflate || undefined;
}

/** The permessage-deflate parameters (RFC 7692 §7.1) that negotiate `settings`, the same both ways. */
export function deflateParameters({ windowBits, takeover }: DeflateSettings): ExtensionParam[] {
  const noTakeover: ExtensionParam[] = takeover ? [] : [{ name: 'client_no_context_takeover', value: true }, { name: 'server_no_context_takeover', value: true }];
  const bits = String(windowBits);
  return windowBits === 15 ? noTakeover : [...noTakeover, { name: 'server_max_window_bits', value: bits }, { name: 'client_max_window_bits', value: bits }];
}

const DEFLATE_TAIL = Uint8Array.of(0x00, 0x00, 0xff, 0xff);
/** Z_SYNC_FLUSH: a message ends on a byte boundary without a final block (RFC 7692 §7.2.1). */
const SYNC_FLUSH = 2;

/** One direction's compression history: what the window holds before the next message. */
export class DeflateHistory {
  private window = Buffer.alloc(0);

  constructor(private readonly settings: DeflateSettings) {}

  /** `payload` compressed as the next message of this direction, its 00 00 FF FF tail removed. */
  deflate(payload: Uint8Array): Uint8Array {
    const deflated = deflateRawSync(payload, { finishFlush: SYNC_FLUSH, windowBits: this.settings.windowBits, ...this.dictionary() });
    this.remember(payload);
    return deflated.subarray(0, deflated.length - DEFLATE_TAIL.length);
  }

  /** The next compressed message of this direction, inflated (throws when it does not inflate). */
  inflate(bytes: Uint8Array): Uint8Array {
    const inflated = Uint8Array.from(inflateRawSync(Buffer.concat([bytes, DEFLATE_TAIL]), { finishFlush: SYNC_FLUSH, ...this.dictionary() }));
    this.remember(inflated);
    return inflated;
  }

  private dictionary(): { dictionary?: Buffer } {
    return this.window.length > 0 ? { dictionary: this.window } : {};
  }

  private remember(plain: Uint8Array): void {
    if (!this.settings.takeover) return;
    const size = 1 << this.settings.windowBits;
    this.window = Buffer.concat([this.window, plain]);
    if (this.window.length > size) this.window = this.window.subarray(this.window.length - size);
  }
}
