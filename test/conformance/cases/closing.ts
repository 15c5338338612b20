// Autobahn 7: the closing handshake — every valid and invalid code, reasons of every length,
// invalid UTF-8 reasons, what comes after a close frame.
import { Opcode } from '../../../src/core/protocol/opcodes';
import { bytes, close, ping, text, type ConformanceCase } from '../conformanceCase';

const VALID_CODES = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999];
const INVALID_CODES = [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535];
const REASON_LENGTHS = [0, 1, 2, 10, 50, 100, 122, 123];

export const closingCases: ConformanceCase[] = [
  { id: '7.1.1', description: 'text, then close 1000', frames: [text('Hello World!'), close(1000)], expect: null },
  { id: '7.1.2', description: 'close 1000, then a second close', frames: [close(1000), close(1001)], expect: null },
  { id: '7.1.3', description: 'close 1000, then a ping (not read)', frames: [close(1000), ping('after close')], expect: null },
  { id: '7.1.4', description: 'close 1000, then a text message (not read)', frames: [close(1000), text('after close')], expect: null },
  { id: '7.1.5', description: 'text started, close, then its end (not read)', frames: [text('frag', { fin: false }), close(1000), { opcode: Opcode.continuation, payload: 'ment' }], expect: null },
  { id: '7.1.6', description: 'close without payload', frames: [close()], expect: null },
  { id: '7.2.1', description: 'close with a 1-byte payload', frames: [{ opcode: Opcode.close, payload: bytes(0x03) }], expect: 1002 },
  { id: '7.2.2', description: 'close with a 2-byte payload in the 64-bit length form', frames: [{ ...close(1000), lengthEncoding: 64 }], expect: 1002 },
  ...REASON_LENGTHS.map((n, k): ConformanceCase => ({ id: `7.3.${k + 1}`, description: `close 1000 with a ${n}-byte reason`, frames: [close(1000, 'r'.repeat(n))], expect: null })),
  { id: '7.3.9', description: 'close 1000 with a 123-byte multibyte reason', frames: [close(1000, '€'.repeat(41))], expect: null },
  { id: '7.3.10', description: 'close 1000 with a 124-byte reason (payload 126)', frames: [close(1000, 'r'.repeat(124))], expect: 1002 },
  { id: '7.5.1', description: 'close 1000 with an invalid UTF-8 reason', frames: [close(1000, bytes(0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80, 0x65, 0x64))], expect: 1007 },
  { id: '7.5.2', description: 'close 1000 with a reason cut inside a code point', frames: [close(1000, bytes(0x61, 0xe2, 0x82))], expect: 1007 },
  { id: '7.5.3', description: 'close 1000 with an overlong reason byte', frames: [close(1000, bytes(0xc0, 0xaf))], expect: 1007 },
  ...VALID_CODES.map((code, k): ConformanceCase => ({ id: `7.7.${k + 1}`, description: `close with valid code ${code}`, frames: [close(code, 'reason')], expect: null })),
  ...INVALID_CODES.map((code, k): ConformanceCase => ({ id: `7.9.${k + 1}`, description: `close with invalid code ${code}`, frames: [close(code)], expect: 1002 })),
  ...INVALID_CODES.map((code, k): ConformanceCase => ({ id: `7.10.${k + 1}`, description: `text, then close with invalid code ${code} and a reason`, frames: [text('before'), close(code, 'why')], expect: 1002 })),
];
