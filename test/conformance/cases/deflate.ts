// A subset of Autobahn 12 and 13: permessage-deflate (RFC 7692). 12.x and 13.1–13.2 with no
// context takeover either way; 13.3–13.6 with smaller windows and with context takeover, where
// each message may refer back into the ones compressed before it.
import { Opcode } from '../../../src/core/protocol/opcodes';
import { compressed, compressedMessages, cont, filled, ping, text, utf8, type ConformanceCase } from '../conformanceCase';
import type { DeflateSettings } from '../deflateStream';

const SIZES = [0, 16, 64, 256, 1024, 4096, 16384, 65536, 131072];
/** The windows and takeover of 13.3–13.6, as both sides negotiate them. */
const WINDOWS: readonly [string, DeflateSettings][] = [
  ['13.3', { windowBits: 9, takeover: true }],
  ['13.4', { windowBits: 9, takeover: false }],
  ['13.5', { windowBits: 12, takeover: true }],
  ['13.6', { windowBits: 15, takeover: true }],
];
const WINDOW_SIZES = [16, 256, 4096, 65536];
/** Messages per window case: with takeover, the second and later refer back into the first. */
const WINDOW_MESSAGES = 10;
const TEXT = utf8('permessage-deflate ✓ κόσμε '.repeat(5000));
/** Cut at a code point boundary so the text stays valid. */
const textOf = (n: number) => {
  let end = n;
  while (end > 0 && (TEXT[end]! & 0xc0) === 0x80) end--;
  return TEXT.subarray(0, end);
};

export const deflateCases: ConformanceCase[] = [
  ...SIZES.map((n, k): ConformanceCase => ({ id: `12.1.${k + 1}`, description: `compressed text of ${n} bytes`, frames: [compressed(Opcode.text, textOf(n))], deflate: true, expect: null })),
  ...SIZES.map((n, k): ConformanceCase => ({ id: `12.2.${k + 1}`, description: `compressed binary of ${n} bytes`, frames: [compressed(Opcode.binary, filled(n))], deflate: true, expect: null })),
  ...[1, 13].map((chop, k): ConformanceCase => ({ id: `12.3.${k + 1}`, description: `10 compressed 1 KiB texts in ${chop}-byte chops`, frames: Array.from({ length: 10 }, () => compressed(Opcode.text, textOf(1024))), pacing: { chop }, deflate: true, expect: null })),
  { id: '13.1.1', description: 'compressed text in 2 fragments, a ping between', frames: (() => {
    const whole = compressed(Opcode.text, textOf(2000)).payload as Uint8Array;
    return [{ opcode: Opcode.text, payload: whole.subarray(0, 10), rsv1: true, fin: false }, ping('between'), cont(whole.subarray(10))];
  })(), deflate: true, expect: null },
  { id: '13.1.2', description: 'uncompressed text on a deflate connection', frames: [text(textOf(100))], deflate: true, expect: null },
  { id: '13.2.1', description: 'RSV1 on a ping', frames: [ping('x', { rsv1: true })], deflate: true, expect: 1002 },
  { id: '13.2.2', description: 'RSV1 on a continuation frame', frames: [text('a', { fin: false }), cont('b', true, { rsv1: true })], deflate: true, expect: 1002 },
  { id: '13.2.3', description: 'RSV2 on a compressed text', frames: [compressed(Opcode.text, textOf(100), { rsv2: true })], deflate: true, expect: 1002 },
  ...WINDOWS.flatMap(([group, deflate]) =>
    WINDOW_SIZES.map((n, k): ConformanceCase => ({
      id: `${group}.${k + 1}`,
      description: `${WINDOW_MESSAGES} compressed texts of ${n} bytes, ${deflate.windowBits}-bit windows, ${deflate.takeover ? 'context takeover' : 'no context takeover'}`,
      frames: compressedMessages(Opcode.text, Array.from({ length: WINDOW_MESSAGES }, () => textOf(n)), deflate),
      deflate,
      expect: null,
    })),
  ),
];
