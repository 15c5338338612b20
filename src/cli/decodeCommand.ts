import { createReadStream } from 'node:fs';
import { errorMessage, fileErrorKind, type FileErrorKind, SocketLensError } from '../core/errors';
import { FrameDecoder, type FrameRecord, type MessageRecord, type Sender } from '../core/protocol/frameDecoder';
import { Opcode } from '../core/protocol/opcodes';
import type { Violation } from '../core/protocol/violations';
import type { CliIo } from './connectCommand';
import { jsonDecodePrinter, textDecodePrinter, type DecodeSummary, type DecodePrinter, type OpenMessage } from './decodeFormat';

/** Where `socket-lens decode` reads the bytes from. */
export type DecodeInput = { readonly from: 'file'; readonly path: string } | { readonly from: 'stdin' } | { readonly from: 'hex'; readonly bytes: Uint8Array };

export interface DecodeArgs {
  readonly input: DecodeInput;
  readonly sender: Sender;
  readonly json: boolean;
  /** permessage-deflate was negotiated: RSV1 may mark the first frame of a message. */
  readonly deflate: boolean;
  readonly previewBytes: number;
  readonly maxPayload: number | undefined;
}

/**
 * The command's input and output. `out` may buffer: `flush` is awaited after each chunk of
 * input, so a slow reader of the output slows the decoding instead of filling memory.
 */
export interface DecodeIo extends CliIo {
  readonly flush?: () => Promise<void>;
}

export const DEFAULT_PREVIEW_BYTES = 4096;

const READ_CHUNK_BYTES = 64 * 1024;

/**
 * `socket-lens decode`: decodes the bytes one side sent after the handshake into frames and
 * messages, printing each as it completes. Resolves with the exit code: 0 when no violation
 * would make a receiver close, 1 when one would or the input ends inside a frame or message,
 * 2 when the input cannot be read.
 */
export async function runDecode(args: DecodeArgs, io: DecodeIo): Promise<number> {
  const printer = args.json ? jsonDecodePrinter(io, args) : textDecodePrinter(io, args);
  const session = new DecodeSession(printer, args);
  if (args.input.from === 'stdin' && (io.stdin as { isTTY?: boolean }).isTTY) {
    io.err('socket-lens: reading frames from the terminal; end the input with Ctrl+D.');
  }
  try {
    for await (const chunk of readInput(args.input, io.stdin)) {
      session.push(chunk);
      await io.flush?.();
    }
  } catch (error) {
    if (!(error instanceof SocketLensError)) throw error;
    await io.flush?.();
    io.err(`socket-lens: ${error.message}`);
    return 2;
  }
  const code = session.finish();
  await io.flush?.();
  return code;
}

/** The chunks of the input, as they arrive; a file is streamed, never read whole. */
async function* readInput(input: DecodeInput, stdin: NodeJS.ReadableStream): AsyncGenerator<Uint8Array> {
  if (input.from === 'hex') {
    yield input.bytes;
    return;
  }
  const stream = input.from === 'file' ? createReadStream(input.path, { highWaterMark: READ_CHUNK_BYTES }) : stdin;
  const name = input.from === 'file' ? `"${input.path}"` : 'standard input';
  try {
    for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : (chunk as Uint8Array);
  } catch (error) {
    throw new SocketLensError('decode/input', readFailure(name, error));
  }
}

/** What to say, after "Cannot read <file>: ", about a file the system would not give. */
const READ_FAILURES: Readonly<Record<FileErrorKind, string>> = {
  missing: 'there is no such file. Check the path, or pass - to read standard input.',
  folder: 'it is a folder. Pass a file with the bytes one side sent after the handshake.',
  denied: "permission denied. Check the file's permissions.",
};

function readFailure(name: string, error: unknown): string {
  const kind = fileErrorKind(error);
  return `Cannot read ${name}: ${kind ? READ_FAILURES[kind] : errorMessage(error)}`;
}

/** Feeds the decoder, keeps what the output needs across records, and counts what it saw. */
class DecodeSession {
  private readonly decoder: FrameDecoder;
  private readonly summary: DecodeSummary = { bytes: 0, frames: 0, messages: 0, errors: 0, warnings: 0, truncated: false, unfinishedMessage: false, exitCode: 0 };
  /** The data message the latest data frame belongs to, until its message record arrives. */
  private open: OpenMessage | undefined;
  /** Violations already counted on a frame; a message repeats its frame's violation objects. */
  private readonly counted = new WeakSet<Violation>();
  private readonly deflate: boolean;

  constructor(
    private readonly printer: DecodePrinter,
    args: DecodeArgs,
  ) {
    this.deflate = args.deflate;
    this.decoder = new FrameDecoder(
      { frame: (f) => this.frame(f), message: (m) => this.message(m) },
      { sender: args.sender, perMessageDeflate: args.deflate, maxPayloadBytes: args.maxPayload, previewBytes: args.previewBytes },
    );
  }

  push(chunk: Uint8Array): void {
    this.decoder.push(chunk);
  }

  /** Reports what the end of the input left unfinished and the totals; returns the exit code. */
  finish(): number {
    const summary = this.summary;
    summary.bytes = this.decoder.offset;
    const pending = this.decoder.pending();
    if (pending) {
      summary.truncated = true;
      this.count(pending.violations ?? []);
      this.printer.truncated(pending, this.decoder.nextFrameIndex, this.decoder.offset - pending.offset);
    }
    if (this.open) {
      summary.unfinishedMessage = true;
      this.printer.unfinishedMessage(this.open);
    }
    summary.exitCode = summary.errors > 0 || summary.truncated || summary.unfinishedMessage ? 1 : 0;
    this.printer.summary(summary);
    return summary.exitCode;
  }

  private frame(frame: FrameRecord): void {
    this.summary.frames++;
    this.count(frame.violations);
    if (frame.messageIndex !== undefined) this.trackMessage(frame, frame.messageIndex);
    this.printer.frame(frame, this.open);
  }

  private message(message: MessageRecord): void {
    this.summary.messages++;
    this.count(message.violations);
    if (this.open?.index === message.index) this.open = undefined;
    this.printer.message(message);
  }

  private trackMessage(frame: FrameRecord, index: number): void {
    if (frame.opcode === Opcode.text || frame.opcode === Opcode.binary) {
      // RFC 7692 §6: RSV1 on the first frame marks the whole message as compressed.
      this.open = { index, kind: frame.opcode === Opcode.text ? 'text' : 'binary', compressed: frame.rsv1 && this.deflate, firstFrameIndex: frame.index, frameCount: 0, wireLength: 0 };
    }
    if (this.open?.index !== index) return;
    this.open.frameCount++;
    this.open.wireLength += frame.payloadLength;
  }

  private count(violations: readonly Violation[]): void {
    for (const found of violations) {
      if (this.counted.has(found)) continue;
      this.counted.add(found);
      if (found.closeCode === null) this.summary.warnings++;
      else this.summary.errors++;
    }
  }
}
