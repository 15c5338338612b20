import { now } from '../clock';
import { isPlainDataFrame, plainFrameRecord, plainWire } from '../log/compactWire';
import type { Direction, LogEntryInput, MessageKind, SessionLog, WireInfo } from '../log/sessionLog';
import type { FrameRecord, MessageRecord } from '../protocol/frameDecoder';
import { isControlOpcode, Opcode } from '../protocol/opcodes';
import { findInvalidUtf8 } from '../protocol/utf8Stream';
import { invalidTextViolation, NO_VIOLATIONS, violation, type Violation } from '../protocol/violations';
import { RawWrites } from './rawWrites';
import { readMessagePayload, type StreamReader, type UnmaskedInPlace } from './recentChunks';
import type { TapDirection, TapListener, TcpEvent } from './socketTap';
import { FifoQueue } from './fifoQueue';
import { HeldFrame, Ready, Waiting, type MessageWire } from './waitingMessage';

export interface WireJoinerEvents {
  /** A close frame crossed the wire (code undefined when its payload was empty). */
  closeFrame(direction: Direction, code: number | undefined, reason: string, time: number): void;
  /** Something on the wire breaks RFC 6455; `frameIndex` counts frames in that direction. */
  violation(direction: Direction, frameIndex: number, violation: Violation, time: number): void;
  tcp(event: TcpEvent, time: number, hadError: boolean): void;
}

type Pending = Ready | Waiting;

/** Outstanding pings remembered for round-trip times; older ones are forgotten. */
const PING_MEMORY = 64;
const EMPTY = new Uint8Array(0);

/** Incoming stream bytes the tap still holds, and which masked payloads ws unmasked in place there (SocketTap has both). */
export interface InboundBytes {
  readonly inboundBytes: StreamReader;
  readonly inboundInOneChunk: UnmaskedInPlace;
}

const NO_INBOUND: InboundBytes = { inboundBytes: () => undefined, inboundInOneChunk: () => false };

/**
 * Joins what the tap decoded (frames, with their timing and violations) to what `ws` delivered
 * (inflated, validated messages) and writes each message to the session log once, in wire order.
 *
 * Entries reach the log in the order their bytes crossed the wire. The tap reads a chunk before
 * `ws` does (and `ws` inflates compressed messages later still), so an incoming message waits in
 * a queue until `ws` delivers it, and everything the tap saw after it — control frames either
 * way, outgoing messages — waits behind it. What the application asked to send waits until the
 * tap sees its frames written.
 */
export class WireJoiner implements TapListener {
  private readonly queue = new FifoQueue<Pending>();
  private readonly openFrames: Record<Direction, FrameRecord[]> = { in: [], out: [] };
  /** A plain frame whose message comes next, per direction. */
  private readonly held: Record<Direction, HeldFrame> = { in: new HeldFrame(), out: new HeldFrame() };
  /** What the application handed to ws, in order, until the tap sees it written. */
  private readonly sends = new FifoQueue<{ readonly kind: 'text' | 'binary'; readonly payload: Uint8Array }>();
  // Made on the first ping: a mock keeps a joiner per client.
  private readonly pings: Partial<Record<Direction, Map<string, number>>> = {};
  /** An incoming close frame's reason is invalid UTF-8 (ws fails with the same error as for text). */
  private closeReasonInvalid = false;
  private readonly rawWrites = new RawWrites();
  /** The peer's close frame came: ws reads nothing after it. */
  private peerClosed = false;
  private inbound: InboundBytes = NO_INBOUND;

  constructor(
    private readonly log: SessionLog,
    private readonly events: WireJoinerEvents,
    /** What to call the other side in messages. */
    private readonly peerName: 'server' | 'client' = 'server',
  ) {}

  /** Where refused or discarded incoming messages are read back from: the tap, once attached. */
  readFrom(inbound: InboundBytes): void {
    this.inbound = inbound;
  }

  // ── from the tap ──

  frame(direction: TapDirection, frame: FrameRecord): void {
    // Checked first: most frames have none, and the list is a frozen empty array.
    if (frame.violations.length > 0) for (const found of frame.violations) this.events.violation(direction, frame.index, found, frame.time);
    if (isControlOpcode(frame.opcode) && frame.opcode <= Opcode.pong) {
      this.control(direction, frame);
    } else if (frame.messageIndex !== undefined) {
      const open = this.openFrames[direction];
      const held = this.held[direction];
      // The common message, one plain frame: its numbers are kept, not a copy of its record.
      if (open.length === 0 && !held.held && isPlainDataFrame(frame)) {
        held.hold(frame);
        return;
      }
      this.releaseHeld(direction);
      open.push({ ...frame });
    }
  }

  message(direction: TapDirection, message: MessageRecord): void {
    const held = this.held[direction];
    if (held.held && held.isWholeOf(message)) {
      if (direction === 'in' && !this.peerClosed) {
        held.held = false;
        this.queue.push(new Waiting(message, undefined, held));
        return;
      }
      if (direction === 'out' && this.sends.length > 0 && !this.rawWrites.holds(held.offset)) {
        held.held = false;
        const sent = this.sends.shift()!;
        if (this.queue.length > 0) this.queue.push(new Ready({ direction, kind: sent.kind, payload: sent.payload, time: held.time, wire: plainWire(held) }));
        else this.log.appendPlain(direction, sent.kind, sent.payload, held);
        return;
      }
    }
    this.releaseHeld(direction);
    const frames = this.openFrames[direction];
    this.openFrames[direction] = [];
    for (const found of message.violations) if (!frames.some((f) => f.violations.includes(found))) this.events.violation(direction, message.firstFrameIndex, found, message.time);
    if (direction === 'in' && this.peerClosed) {
      this.afterPeerClose(message, frames);
      return;
    }
    if (direction === 'in') {
      this.queue.push(new Waiting(message, frames, undefined));
      return;
    }
    // A message written raw is read back from what was written; the others match ws's sends in order.
    const raw = frames.length > 0 && this.rawWrites.holds(frames[0]!.offset);
    const sent = raw ? { kind: message.kind, payload: readMessagePayload(frames, this.rawWrites.read) } : this.sends.shift();
    this.enqueue({ direction, kind: sent?.kind ?? message.kind, payload: sent?.payload ?? EMPTY, time: message.time, wire: wireInfo(message, frames) });
  }

  tcp(event: TcpEvent, time: number, hadError: boolean): void {
    this.events.tcp(event, time, hadError);
  }

  cutFrame(direction: TapDirection, frameIndex: number, violations: readonly Violation[], time: number): void {
    for (const found of violations) this.events.violation(direction, frameIndex, found, time);
  }

  // ── from ws and the application ──

  /** The application is about to hand `payload` to ws.send (call before, ws may write synchronously). */
  sending(kind: 'text' | 'binary', payload: Uint8Array): void {
    this.sends.push({ kind, payload });
  }

  /** `bytes` are about to be written straight to the socket, at `offset` in the outgoing stream (SocketTap.outboundOffset). */
  writingRaw(offset: number, bytes: Uint8Array): void {
    this.rawWrites.add(offset, bytes);
  }

  /**
   * ws delivered a data message. It takes the time its frames crossed, as the tap saw them; `time`
   * (default: now) only for one the tap did not see.
   */
  delivered(kind: 'text' | 'binary', payload: Uint8Array, time?: number): void {
    const queue = this.queue;
    if (queue.first instanceof Ready) this.flushReady();
    const next = queue.first;
    if (next instanceof Waiting) {
      queue.shift();
      if (next.plain) this.log.appendPlain('in', kind, payload, next);
      else this.log.append({ direction: 'in', kind, payload, time: next.time, wire: wireInfo(next, next.frames) });
      if (queue.first instanceof Ready) this.flushReady();
    } else {
      this.log.append({ direction: 'in', kind, payload, time: time ?? now() });
    }
  }

  /** Stream offset of the oldest incoming message ws has not delivered yet, or Infinity. */
  undeliveredFrom(): number {
    return this.waiting()?.offset ?? Infinity;
  }

  /**
   * ws failed the connection with `error`. When it refused text as invalid UTF-8
   * (WS_ERR_INVALID_UTF8) that the tap left to it, read the message back from the tap to find the
   * invalid byte and keep the bytes for the log. ws raises the same error for a close reason.
   */
  receiverError(error: Error): void {
    if (!('code' in error) || error.code !== 'WS_ERR_INVALID_UTF8') return;
    const waiting = this.waiting();
    // ws delivers in order, so the message it refused is the oldest waiting one.
    if (!waiting || waiting.kind !== 'text' || !(waiting.utf8Deferred || waiting.compressed)) return;
    const { frames, compressed, index } = waiting;
    // ws has read every frame of the message it refused: those inside one chunk it unmasked there.
    const payload = compressed ? undefined : readMessagePayload(frames, this.inbound.inboundBytes, this.inbound.inboundInOneChunk);
    const offset = payload ? findInvalidUtf8(payload) : -1;
    if (payload && offset < 0) return; // valid text: ws's complaint is about a close reason
    if (!payload && this.closeReasonInvalid) return; // nothing to tell the two apart: the tap saw the bad reason
    const fragment = offset >= 0 ? fragmentAt(frames, offset) : 1;
    const found =
      offset >= 0
        ? invalidTextViolation(index, offset, fragment)
        : violation('8.1', 1007, `Text message ${index} is not valid UTF-8${compressed ? ' once inflated' : ''}: ws refused it${compressed ? '' : ', and its bytes are no longer held to find where'}.`);
    waiting.rejected = { payload: payload ?? EMPTY, violation: found };
    const frame = frames[fragment - 1] ?? frames[0]!;
    this.events.violation('in', frame.index, found, frame.time);
  }

  /** The connection is over: log what is still waiting, marked as never delivered or never sent. */
  finish(reason: string): void {
    for (const item of this.queue.drain()) {
      if (item instanceof Ready) this.log.append(item.entry);
      else this.log.append({ direction: 'in', kind: item.kind, payload: item.rejected?.payload ?? EMPTY, time: item.time, wire: wireInfo(item, item.frames, item.rejected?.violation), undelivered: { reason } });
    }
    for (const send of this.sends.drain()) {
      this.log.append({ direction: 'out', kind: send.kind, payload: send.payload, time: now(), undelivered: { reason: 'The connection closed before this message was written to the socket.' } });
    }
  }

  /** ws never delivers a message that follows the peer's close frame: it is logged now, read back from the wire. */
  private afterPeerClose(message: MessageRecord, frames: FrameRecord[]): void {
    const payload = message.compressed ? undefined : readMessagePayload(frames, this.inbound.inboundBytes);
    const reason = `ws discarded it: it came after the ${this.peerName}'s close frame (RFC 6455 §5.5.1)${payload ? '' : message.compressed ? '; it was compressed and is not inflated here' : '; its bytes are no longer held'}.`;
    this.enqueue({ direction: 'in', kind: message.kind, payload: payload ?? EMPTY, time: message.time, wire: wireInfo(message, frames), undelivered: { reason } });
  }

  private control(direction: Direction, frame: FrameRecord): void {
    const payload = frame.payloadPreview ?? EMPTY;
    const kind: MessageKind = frame.opcode === Opcode.ping ? 'ping' : frame.opcode === Opcode.pong ? 'pong' : 'close';
    const rttMs = kind === 'ping' || kind === 'pong' ? this.roundTrip(direction, kind, payload, frame.time) : undefined;
    if (kind === 'close') {
      if (direction === 'in') this.peerClosed = true;
      if (direction === 'in' && frame.violations.some((v) => v.closeCode === 1007)) this.closeReasonInvalid = true;
      this.events.closeFrame(direction, frame.closeCode, frame.closeReason ?? '', frame.time);
    }
    this.enqueue({ direction, kind, payload, time: frame.time, rttMs, wire: { frames: [{ ...frame }], compressed: false, wireLength: frame.payloadLength, violations: frame.violations } });
  }

  /** Remembers a ping; for a pong, the time since the ping it answers (same payload, other direction). */
  private roundTrip(direction: Direction, kind: 'ping' | 'pong', payload: Uint8Array, time: number): number | undefined {
    const key = Buffer.from(payload).toString('latin1');
    if (kind === 'ping') {
      remember((this.pings[direction] ??= new Map()), key, time);
      return undefined;
    }
    const pings = this.pings[direction === 'in' ? 'out' : 'in'];
    const sentAt = pings?.get(key);
    if (sentAt === undefined) return undefined;
    pings?.delete(key);
    return time - sentAt;
  }

  /** Appends now, unless an incoming message still waits for ws: then after it. */
  private enqueue(entry: LogEntryInput): void {
    if (this.queue.length > 0) this.queue.push(new Ready(entry));
    else this.log.append(entry);
  }

  /** A held frame that is not its message's whole goes first into the message's frame list, as a record. */
  private releaseHeld(direction: Direction): void {
    const held = this.held[direction];
    if (!held.held) return;
    held.held = false;
    this.openFrames[direction].unshift(plainFrameRecord(held));
  }

  private waiting(): Waiting | undefined {
    return this.queue.find((item): item is Waiting => item instanceof Waiting);
  }

  private flushReady(): void {
    while (this.queue.first instanceof Ready) this.log.append((this.queue.shift() as Ready).entry);
  }
}

function wireInfo(message: MessageWire, frames: readonly FrameRecord[], rejected?: Violation): WireInfo {
  let any = rejected !== undefined || message.violations.length > 0;
  for (let k = 0; !any && k < frames.length; k++) any = frames[k]!.violations.length > 0;
  const violations = any ? [...new Set([...frames.flatMap((f) => f.violations), ...message.violations, ...(rejected ? [rejected] : [])])] : NO_VIOLATIONS;
  return { frames, compressed: message.compressed, wireLength: message.wireLength, violations };
}

/** Which fragment (from 1) holds byte `offset` of a message. */
function fragmentAt(frames: readonly FrameRecord[], offset: number): number {
  let end = 0;
  for (let k = 0; k < frames.length; k++) {
    end += frames[k]!.payloadLength;
    if (offset < end) return k + 1;
  }
  return frames.length;
}

function remember(pings: Map<string, number>, key: string, time: number): void {
  pings.set(key, time);
  if (pings.size > PING_MEMORY) pings.delete(pings.keys().next().value!);
}
