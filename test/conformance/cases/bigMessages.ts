// Autobahn 9 (big messages, many fragments, many messages) and 10 (payload limits, auto-fragmentation).
import { Opcode } from '../../../src/core/protocol/opcodes';
import { binary, cont, filled, fragmented, text, type ConformanceCase } from '../conformanceCase';

const KIB = 1024;
const SIZES = [64 * KIB, 256 * KIB, 1024 * KIB, 4096 * KIB];
const sizeName = (n: number) => (n >= 1024 * KIB ? `${n / 1024 / KIB} MiB` : `${n / KIB} KiB`);

export const bigMessageCases: ConformanceCase[] = [
  ...SIZES.map((n, k): ConformanceCase => ({ id: `9.1.${k + 1}`, description: `text of ${sizeName(n)} in one frame`, frames: [text(filled(n))], expect: null })),
  ...SIZES.map((n, k): ConformanceCase => ({ id: `9.2.${k + 1}`, description: `binary of ${sizeName(n)} in one frame`, frames: [binary(filled(n))], expect: null })),
  ...[64, 4 * KIB, 64 * KIB].map((size, k): ConformanceCase => ({ id: `9.3.${k + 1}`, description: `1 MiB text in ${size}-byte fragments`, frames: fragmented(filled(1024 * KIB), size), expect: null })),
  ...[64, 4 * KIB, 64 * KIB].map((size, k): ConformanceCase => ({ id: `9.4.${k + 1}`, description: `1 MiB binary in ${size}-byte fragments`, frames: fragmented(filled(1024 * KIB), size, Opcode.binary), expect: null })),
  ...[97, 1460, 65537].map((chop, k): ConformanceCase => ({ id: `9.5.${k + 1}`, description: `256 KiB text written in ${chop}-byte chops`, frames: [text(filled(256 * KIB))], pacing: { chop }, expect: null })),
  ...[16, 256, 1024].map((size, k): ConformanceCase => ({ id: `9.7.${k + 1}`, description: `500 text messages of ${size} bytes`, frames: Array.from({ length: 500 }, () => text(filled(size))), expect: null })),
  ...[16, 256].map((size, k): ConformanceCase => ({ id: `9.8.${k + 1}`, description: `500 binary messages of ${size} bytes`, frames: Array.from({ length: 500 }, () => binary(filled(size))), expect: null })),
];

const LIMIT = 1024;

export const limitCases: ConformanceCase[] = [
  // ws limits a message to 16384 fragments by default (more: 1008), a safe limit kept on.
  { id: '10.1.1', description: '16384-byte text in 1-byte fragments (ws: at most 16384)', frames: fragmented(filled(16384), 1), expect: null },
  { id: '10.1.2', description: 'text of exactly the 1024-byte limit', frames: [text(filled(LIMIT))], maxPayload: LIMIT, expect: null },
  { id: '10.1.3', description: 'text one byte over the 1024-byte limit', frames: [text(filled(LIMIT + 1))], maxPayload: LIMIT, expect: 1009 },
  { id: '10.1.4', description: 'binary of 64 KiB over the 1024-byte limit', frames: [binary(filled(64 * KIB))], maxPayload: LIMIT, expect: 1009 },
  { id: '10.1.5', description: 'fragments each under the 1024-byte limit, over it together', frames: [text(filled(600), { fin: false }), cont(filled(600))], maxPayload: LIMIT, expect: 1009 },
  { id: '10.1.6', description: 'a small message, then one over the 1024-byte limit', frames: [text('fits'), binary(filled(2000))], maxPayload: LIMIT, expect: 1009 },
  {
    id: '10.1.7',
    description: 'a declared length of 2^40 (no payload follows)',
    frames: [binary(new Uint8Array(0), { declaredLength: 2 ** 40 })],
    expect: 1009,
  },
];
