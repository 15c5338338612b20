// A subset of Autobahn 12 and 13: permessage-deflate (RFC 7692), no context takeover either way.
import { Opcode } from '../../../src/core/protocol/opcodes';
import { compressed, cont, filled, ping, text, utf8, type ConformanceCase } from '../conformanceCase';

const SIZES = [0, 16, 64, 256, 1024, 4096, 16384, 65536, 131072];
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
];
