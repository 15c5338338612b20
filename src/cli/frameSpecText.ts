import { bytesFromHex } from '../core/client/outgoing';
import { SocketLensError } from '../core/errors';
import type { LengthEncoding } from '../core/protocol/frameParser';
import type { FrameSpec } from '../core/protocol/frameEncoder';

export const FRAME_SPEC_HELP = `/frame op=OPCODE [fin=0|1] [rsv1=1] [rsv2=1] [rsv3=1] [mask=random|none|HEX8] [len=7|16|64] [declared=N] [hex=HEX | text=TEXT…]
    op: text, binary, cont, close, ping, pong or 0-15; text= takes the rest of the line.
    Example: /frame op=ping fin=0 text=fragmented ping   (breaks RFC 6455 §5.5)`;

const OPCODES: Record<string, number> = { cont: 0, continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 };

type Draft = { -readonly [K in keyof FrameSpec]?: FrameSpec[K] };

/**
 * A frame described as `key=value` words, for `/frame` in `socket-lens connect`: every header
 * field can be set to what RFC 6455 forbids. The client masks by default, as it must.
 */
export function parseFrameSpec(text: string): FrameSpec {
  const draft: Draft = { mask: true };
  let rest = text.trim();
  while (rest !== '') {
    const match = /^(\w+)=(\S*)\s*/.exec(rest);
    if (!match) throw specError(`"${rest.split(/\s/)[0]}" is not key=value.`);
    const [whole, key, value] = match as unknown as [string, string, string];
    if (key === 'text') {
      draft.payload = rest.slice(rest.indexOf('=') + 1);
      break;
    }
    apply(draft, key, value);
    rest = rest.slice(whole.length);
  }
  if (draft.opcode === undefined) throw specError('op= is required, for example op=text.');
  return draft as FrameSpec;
}

function apply(draft: Draft, key: string, value: string): void {
  switch (key) {
    case 'op':
      draft.opcode = OPCODES[value] ?? number(value, 'op', 0, 15);
      return;
    case 'fin':
    case 'rsv1':
    case 'rsv2':
    case 'rsv3':
      draft[key] = bit(value, key);
      return;
    case 'mask':
      draft.mask = value === 'none' ? false : value === 'random' ? true : maskKey(value);
      return;
    case 'len':
      if (value !== '7' && value !== '16' && value !== '64') throw specError(`len=${value}: the length form is 7, 16 or 64 (bits).`);
      draft.lengthEncoding = Number(value) as LengthEncoding;
      return;
    case 'declared':
      if (!/^\d+$/.test(value)) throw specError(`declared=${value}: give the length to put in the header, a whole number.`);
      draft.declaredLength = BigInt(value);
      return;
    case 'hex':
      draft.payload = bytesFromHex(value);
      return;
  }
  throw specError(`Unknown key "${key}". ${FRAME_SPEC_HELP}`);
}

function bit(value: string, key: string): boolean {
  if (value !== '0' && value !== '1') throw specError(`${key}=${value}: use 0 or 1.`);
  return value === '1';
}

function number(value: string, key: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw specError(`${key}=${value}: use a name or a number from ${min} to ${max}.`);
  return n;
}

function maskKey(value: string): Uint8Array {
  const key = bytesFromHex(value);
  if (key.length !== 4) throw specError(`mask=${value}: a masking key is 4 bytes (8 hex digits), or random, or none.`);
  return key;
}

function specError(message: string): SocketLensError {
  return new SocketLensError('frame/invalid-spec', message);
}
