// Autobahn 1 (framing at every length boundary), 2 (ping/pong), 3 (reserved bits), 4 (reserved opcodes).
import { binary, bytes, filled, ping, pong, text, type ConformanceCase } from '../conformanceCase';

const LENGTHS = [0, 1, 125, 126, 127, 128, 1000, 65535, 65536, 65537, 131072];

export const framingCases: ConformanceCase[] = [
  ...LENGTHS.map((n, k): ConformanceCase => ({ id: `1.1.${k + 1}`, description: `text message of ${n} bytes`, frames: [text(filled(n))], expect: null })),
  ...LENGTHS.map((n, k): ConformanceCase => ({ id: `1.2.${k + 1}`, description: `binary message of ${n} bytes`, frames: [binary(filled(n).map((b) => b ^ 0xa5))], expect: null })),
  ...[1, 7, 997].map((chop, k): ConformanceCase => ({ id: `1.3.${k + 1}`, description: `65535-byte text written in ${chop}-byte chops`, frames: [text(filled(65535))], pacing: { chop }, expect: null })),
  ...[16, 64].map((encoding, k): ConformanceCase => ({ id: `1.4.${k + 1}`, description: `5-byte text with its length in the ${encoding}-bit form`, frames: [text('short', { lengthEncoding: encoding as 16 | 64 })], expect: null })),
];

export const pingPongCases: ConformanceCase[] = [
  { id: '2.1', description: 'ping without payload', frames: [ping()], expect: null },
  { id: '2.2', description: 'ping with a small text payload', frames: [ping('Hello, world!')], expect: null },
  { id: '2.3', description: 'ping with a small binary payload', frames: [ping(bytes(0x00, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0x00, 0xff))], expect: null },
  { id: '2.4', description: 'ping with a 125-byte payload', frames: [ping(filled(125))], expect: null },
  { id: '2.5', description: 'ping with a 126-byte payload', frames: [ping(filled(126))], expect: 1002 },
  { id: '2.6', description: 'ping with a 125-byte payload, written byte by byte', frames: [ping(filled(125))], pacing: { chop: 1, delayMs: 0 }, expect: null },
  { id: '2.7', description: 'unsolicited pong without payload', frames: [pong()], expect: null },
  { id: '2.8', description: 'unsolicited pong with payload', frames: [pong('unsolicited pong payload')], expect: null },
  { id: '2.9', description: 'unsolicited pong, then ping', frames: [pong('unsolicited'), ping('my ping')], expect: null },
  { id: '2.10', description: '10 pings in a row', frames: Array.from({ length: 10 }, (_, k) => ping(`ping ${k}`)), expect: null },
  { id: '2.11', description: '10 pings, written in 1-byte chops with delays', frames: Array.from({ length: 10 }, (_, k) => ping(`ping ${k}`)), pacing: { chop: 1, delayMs: 1 }, expect: null },
  { id: '2.12', description: 'ping with a 5-byte payload in the 16-bit length form', frames: [ping('abcde', { lengthEncoding: 16 })], expect: 1002 },
];

const RSV_COMBOS = [1, 2, 3, 4, 5, 6, 7];
const rsv = (bits: number) => ({ rsv1: (bits & 4) !== 0, rsv2: (bits & 2) !== 0, rsv3: (bits & 1) !== 0 });
const RSV_TARGETS = [
  { name: 'small text', frame: (bits: number) => text('Hello, world!', rsv(bits)) },
  { name: 'small binary', frame: (bits: number) => binary(bytes(0, 1, 2, 3), rsv(bits)) },
  { name: 'ping', frame: (bits: number) => ping('Hello', rsv(bits)) },
];

export const reservedBitCases: ConformanceCase[] = RSV_TARGETS.flatMap((target, t) =>
  RSV_COMBOS.flatMap((bits): ConformanceCase[] => [
    { id: `3.${t + 1}.${bits}`, description: `${target.name} with RSV = ${bits}`, frames: [target.frame(bits)], expect: 1002 },
    { id: `3.${t + 4}.${bits}`, description: `text, then ${target.name} with RSV = ${bits}, then ping`, frames: [text('before'), target.frame(bits), ping('after')], failsAt: 1, expect: 1002 },
  ]),
);

const RESERVED_OPCODES = [3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf];

export const reservedOpcodeCases: ConformanceCase[] = RESERVED_OPCODES.flatMap((opcode, k): ConformanceCase[] => {
  const family = opcode < 8 ? 1 : 2;
  return [
    { id: `4.${family}.${k + 1}.1`, description: `reserved opcode ${opcode}`, frames: [{ opcode }], expect: 1002 },
    { id: `4.${family}.${k + 1}.2`, description: `text, reserved opcode ${opcode} with payload, ping`, frames: [text('before'), { opcode, payload: 'reserved' }, ping()], failsAt: 1, expect: 1002 },
    { id: `4.${family}.${k + 1}.3`, description: `text, reserved opcode ${opcode}, written in 1-byte chops`, frames: [text('before'), { opcode, payload: filled(4) }], pacing: { chop: 1 }, expect: 1002 },
  ];
});
