import type { Direction, MessageKind } from '../log/sessionLog';
import { harError, isObject } from './harEntries';

/** A message of an imported session, ready for `SessionLog.append`. */
export interface ImportedMessage {
  readonly direction: Direction;
  readonly kind: MessageKind;
  readonly payload: Uint8Array;
  /** Milliseconds since the epoch. */
  readonly time: number;
}

/** RFC 6455 §5.2 opcodes that carry a whole message or control frame (0, continuation, never reaches a HAR). */
const KINDS: ReadonlyMap<number, MessageKind> = new Map([
  [1, 'text'],
  [2, 'binary'],
  [8, 'close'],
  [9, 'ping'],
  [10, 'pong'],
]);

const DIRECTIONS: ReadonlyMap<unknown, Direction> = new Map([
  ['send', 'out'],
  ['receive', 'in'],
]);

/** Strict base64 as Chrome writes it (standard alphabet, padded). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The `_webSocketMessages` of entry `entryNumber` (from 1); a bad one throws, saying which. */
export function harMessages(value: unknown, entryNumber: number): ImportedMessage[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw harError(`Entry ${entryNumber}`, '_webSocketMessages is not a list. Save the HAR again from Chrome DevTools or Socket Lens.');
  return value.map((message: unknown, i) => harMessage(message, `Entry ${entryNumber}, message ${i + 1}`));
}

function harMessage(message: unknown, where: string): ImportedMessage {
  if (!isObject(message)) throw harError(where, 'is not an object with type, time, opcode and data.');
  const direction = DIRECTIONS.get(message.type);
  if (!direction) throw harError(where, `type ${JSON.stringify(message.type) ?? 'undefined'} is neither "send" nor "receive".`);
  const kind = typeof message.opcode === 'number' ? KINDS.get(message.opcode) : undefined;
  if (!kind) throw harError(where, `opcode ${JSON.stringify(message.opcode) ?? 'undefined'} is not a WebSocket opcode (1 text, 2 binary, 8 close, 9 ping, 10 pong).`);
  if (typeof message.time !== 'number' || !Number.isFinite(message.time) || message.time < 0) throw harError(where, `time ${JSON.stringify(message.time) ?? 'undefined'} is not a number of seconds since the epoch.`);
  const data = message.data ?? '';
  if (typeof data !== 'string') throw harError(where, 'data is not a string (text for opcode 1, base64 for the others).');
  return { direction, kind, payload: payloadOf(kind, data), time: message.time * 1000 };
}

/**
 * CDP's rule: opcode 1 is the text itself, any other opcode base64. Data that is not base64
 * is taken as text: some tools write a binary frame they could decode as UTF-8 that way.
 */
export function payloadOf(kind: MessageKind, data: string): Uint8Array {
  const bytes = kind !== 'text' && BASE64.test(data) ? Buffer.from(data, 'base64') : Buffer.from(data, 'utf8');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
