import { bytesFromHex } from '../core/client/outgoing';
import { CONNECT_USAGE, parseConnectArgs, splitOption, type ConnectArgs } from './connectArgs';
import { DEFAULT_PREVIEW_BYTES, type DecodeArgs, type DecodeInput } from './decodeCommand';
import { MOCK_USAGE, parseMockArgs, type MockArgs } from './mockArgs';

/** Parsed command line of `socket-lens`. Usage errors carry the message to print. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | ({ readonly kind: 'connect' } & ConnectArgs)
  | ({ readonly kind: 'decode' } & DecodeArgs)
  | ({ readonly kind: 'mock' } & MockArgs)
  | { readonly kind: 'usage-error'; readonly message: string };

export const USAGE = `Usage: socket-lens <command> [options]

Commands:
${CONNECT_USAGE}
${MOCK_USAGE}
  decode FILE | - | --hex HEX --sender client|server
                         Decode the bytes one side sent after the handshake: every frame
                         (header fields, masking key, length form, payload preview), every
                         message, and every RFC 6455 violation with the close code it earns.
                         FILE is streamed; - reads standard input; --hex takes the bytes as
                         hex digits (spaces, colons, newlines and 0x allowed).
    --sender SIDE        Who sent the bytes: client (frames must be masked) or server
                         (frames must not be). Required.
    --deflate            permessage-deflate was negotiated (RSV1 marks compressed messages).
    --preview-bytes N    Payload bytes shown per frame and per message (default ${DEFAULT_PREVIEW_BYTES}).
    --max-payload N      Flag frames longer than N bytes with 1009, as a receiver with that
                         limit would.
    --json               Print one JSON object per line instead of a listing.
                         Exit code: 0 clean, 1 a violation or the input ends inside a frame
                         or message, 2 a usage or input error.

Options:
  -h, --help             Show this help.
  -v, --version          Show the version.
`;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return { kind: 'help' };
  if (command === '-v' || command === '--version') return { kind: 'version' };
  if (command === 'connect') return parseConnect(rest);
  if (command === 'decode') return parseDecode(rest);
  if (command === 'mock') {
    const parsed = parseMockArgs(rest);
    return typeof parsed === 'string' ? usageError(parsed) : { kind: 'mock', ...parsed };
  }
  return { kind: 'usage-error', message: `Unknown command "${command}". Run socket-lens --help to see the commands.` };
}

function parseConnect(args: readonly string[]): CliCommand {
  const parsed = parseConnectArgs(args);
  return typeof parsed === 'string' ? usageError(parsed) : { kind: 'connect', ...parsed };
}

/** The largest --preview-bytes: every message allocates its preview up front. */
const MAX_PREVIEW_BYTES = 16 * 1024 * 1024;

const usageError = (message: string): CliCommand => ({ kind: 'usage-error', message });

interface DecodeOptions {
  input?: DecodeInput;
  sender?: 'client' | 'server';
  json: boolean;
  deflate: boolean;
  previewBytes: number;
  maxPayload: number | undefined;
}

function parseDecode(args: readonly string[]): CliCommand {
  const options: DecodeOptions = { json: false, deflate: false, previewBytes: DEFAULT_PREVIEW_BYTES, maxPayload: undefined };
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = splitOption(args[i]!);
    const value = () => inline ?? args[++i];
    const problem = applyDecodeArg(options, name, value);
    if (problem) return usageError(problem);
  }
  if (options.input === undefined) return usageError('decode needs input: a FILE, - for standard input, or --hex "81 05 48 65 6c 6c 6f".');
  if (options.sender === undefined) return usageError('decode needs --sender client or --sender server: client frames must be masked, server frames must not, so the violations depend on it.');
  return { kind: 'decode', ...options, input: options.input, sender: options.sender };
}

/** Applies one argument; returns what is wrong with it, if anything. */
function applyDecodeArg(options: DecodeOptions, name: string, value: () => string | undefined): string | undefined {
  switch (name) {
    case '--json':
      options.json = true;
      return undefined;
    case '--deflate':
      options.deflate = true;
      return undefined;
    case '--sender': {
      const side = value();
      if (side !== 'client' && side !== 'server') return `--sender needs client or server${side === undefined ? '' : `, not "${side}"`}.`;
      options.sender = side;
      return undefined;
    }
    case '--preview-bytes':
      return parseByteCount(name, value(), MAX_PREVIEW_BYTES, (n) => (options.previewBytes = n));
    case '--max-payload':
      return parseByteCount(name, value(), Number.MAX_SAFE_INTEGER, (n) => (options.maxPayload = n));
    case '--hex': {
      const hex = value();
      if (hex === undefined) return '--hex needs the bytes as hex digits, for example --hex "81 05 48 65 6c 6c 6f".';
      const parsed = hexArgument(hex);
      return typeof parsed === 'string' ? parsed : setInput(options, { from: 'hex', bytes: parsed }, '--hex');
    }
  }
  if (name.startsWith('-') && name !== '-') return `Unknown option "${name}" for decode. Run socket-lens --help.`;
  return setInput(options, name === '-' ? { from: 'stdin' } : { from: 'file', path: name }, name);
}

function setInput(options: DecodeOptions, input: DecodeInput, given: string): string | undefined {
  if (options.input !== undefined) return `decode reads one input (a FILE, - or --hex), but got ${describeInput(options.input)} and ${given === '--hex' ? '--hex' : `"${given}"`}.`;
  options.input = input;
  return undefined;
}

function describeInput(input: DecodeInput): string {
  return input.from === 'hex' ? '--hex' : input.from === 'stdin' ? '"-"' : `"${input.path}"`;
}

function parseByteCount(name: string, text: string | undefined, max: number, set: (n: number) => void): string | undefined {
  const n = text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n <= max)) return `${name} needs a whole number of bytes from 0 to ${max}${text === undefined ? '' : `, not "${text}"`}.`;
  set(n);
  return undefined;
}

/** --hex's bytes, or what is wrong with them. */
function hexArgument(text: string): Uint8Array | string {
  try {
    const bytes = bytesFromHex(text);
    return bytes.length > 0 ? bytes : '--hex has no hex digits; give the bytes like --hex "81 05 48 65 6c 6c 6f".';
  } catch (error) {
    return `--hex: ${(error as Error).message}`;
  }
}
