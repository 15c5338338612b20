// Autobahn 5: fragmentation, control frames between fragments, fragments out of sequence.
import { Opcode } from '../../../src/core/protocol/opcodes';
import { binary, cont, filled, fragmented, ping, pong, text, type ConformanceCase } from '../conformanceCase';

const CHOPS = [0, 1, 3];
const chopped = (chop: number) => (chop ? { chop, delayMs: chop === 1 ? 0 : 1 } : undefined);
const chopName = (chop: number) => (chop ? `, in ${chop}-byte chops` : '');

export const fragmentationCases: ConformanceCase[] = [
  { id: '5.1', description: 'ping in 2 fragments', frames: [ping('frag', { fin: false }), cont('mented')], failsAt: 0, expect: 1002 },
  { id: '5.2', description: 'pong in 2 fragments', frames: [{ ...pong('frag'), fin: false }, cont('mented')], failsAt: 0, expect: 1002 },
  ...CHOPS.flatMap((chop, k): ConformanceCase[] => [
    { id: `5.3.${k + 1}`, description: `text in 2 fragments${chopName(chop)}`, frames: [text('frag', { fin: false }), cont('ment')], pacing: chopped(chop), expect: null },
    { id: `5.4.${k + 1}`, description: `text in 2 fragments, a ping between${chopName(chop)}`, frames: [text('frag', { fin: false }), ping('between'), cont('ment')], pacing: chopped(chop), expect: null },
    { id: `5.5.${k + 1}`, description: `binary in 3 fragments, a pong and a ping between${chopName(chop)}`, frames: [binary(filled(10), { fin: false }), pong('x'), cont(filled(20), false), ping('y'), cont(filled(5))], pacing: chopped(chop), expect: null },
    { id: `5.6.${k + 1}`, description: `continuation with no message started${chopName(chop)}`, frames: [cont('alone')], pacing: chopped(chop), expect: 1002 },
    { id: `5.7.${k + 1}`, description: `non-final continuation with no message started, then text${chopName(chop)}`, frames: [cont('alone', false), text('next')], failsAt: 0, pacing: chopped(chop), expect: 1002 },
    { id: `5.8.${k + 1}`, description: `text started, then a new text frame before it ends${chopName(chop)}`, frames: [text('one', { fin: false }), text('two')], pacing: chopped(chop), expect: 1002 },
    { id: `5.9.${k + 1}`, description: `text started, then a binary frame, then its end${chopName(chop)}`, frames: [text('one', { fin: false }), binary(filled(3)), cont('end')], failsAt: 1, pacing: chopped(chop), expect: 1002 },
  ]),
  { id: '5.10', description: 'a valid message, then a stray final continuation', frames: [text('ok'), cont('stray')], expect: 1002 },
  { id: '5.11', description: 'empty fragments around a 1-byte one', frames: [text('', { fin: false }), cont('', false), cont('x', false), cont('')], expect: null },
  { id: '5.12', description: 'empty text message in 3 empty fragments', frames: [text('', { fin: false }), cont('', false), cont('')], expect: null },
  ...[1, 2, 7, 100].map((size, k): ConformanceCase => ({ id: `5.13.${k + 1}`, description: `1000-byte text in ${size}-byte fragments`, frames: fragmented(filled(1000), size), expect: null })),
  ...[1, 16, 300].map((size, k): ConformanceCase => ({
    id: `5.14.${k + 1}`,
    description: `4096-byte binary in ${size}-byte fragments, a ping after each 10th`,
    frames: fragmented(filled(4096), size, Opcode.binary).flatMap((f, n) => (n % 10 === 9 ? [f, ping(`p${n}`)] : [f])),
    expect: null,
    // With 1-byte fragments the 409 pings arrive in one read: ws's client answers each with an
    // automatic pong and ends the connection once more than 60 are waiting to be written
    // (maxPendingAutoPongs, its defence against ping floods), as a plain ws client does; our
    // client then says so (misbehavingServers.test.ts). The mock answers pings itself, without
    // that limit. So this one runs against the mock only.
    roles: size === 1 ? ['client'] : undefined,
  })),
  { id: '5.15', description: 'two fragmented messages back to back, pings between', frames: [text('a', { fin: false }), ping('1'), cont('b'), binary(filled(2), { fin: false }), ping('2'), cont(filled(2))], expect: null },
  { id: '5.16', description: 'text started, fragment, then close inside the message', frames: [text('a', { fin: false }), cont('b', false), { opcode: Opcode.close }], expect: null },
  { id: '5.17', description: 'a close frame in 2 fragments', frames: [{ opcode: Opcode.close, fin: false }, cont('')], failsAt: 0, expect: 1002 },
];
