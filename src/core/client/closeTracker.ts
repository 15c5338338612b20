import type { Direction } from '../log/sessionLog';
import { describeCloseCode } from '../protocol/closeCodes';
import { rfcLabel, type Violation } from '../protocol/violations';
import type { TcpEvent } from '../tap/socketTap';
import type { WireJoinerEvents } from '../tap/wireJoiner';
import type { CloseFrameInfo, CloseInfo, CloseInitiator, LifecycleKind, TcpEndedFirstBy } from './connectionTypes';

/** Violations recorded in the lifecycle; a stream of garbage must not flood it. */
const MAX_VIOLATION_EVENTS = 100;

/**
 * Node reports our FIN once shutdown() has sent it ('finish') but the peer's only when its event
 * loop reads it ('end'), which can be after it arrived. A peer's FIN read this soon after ours
 * went out may have left before ours reached the peer: the FINs crossed and neither end can tell
 * which was first. Two sockets ending in the same tick on loopback are read 0.3–1 ms apart.
 */
export const FIN_CROSSING_WINDOW_MS = 5;

export type LifecycleRecorder = (kind: LifecycleKind, detail?: string, time?: number) => void;

/**
 * Follows the end of a client connection as the tap sees it on the wire — both close frames,
 * each side's FIN or abort, violations — words each event for the lifecycle, and sums it up
 * once ws reports the connection closed.
 */
export class CloseTracker implements WireJoinerEvents {
  private frames: { sent?: CloseFrameInfo; received?: CloseFrameInfo; first?: CloseInitiator } = {};
  private tcpEndedFirstBy: TcpEndedFirstBy = 'unknown';
  private finSentAt: number | undefined;
  private violationEvents = 0;

  /** Which side wrote each direction: we are `role`, the peer is the other side. */
  private readonly side: Record<Direction, CloseInitiator & ('client' | 'server')>;

  constructor(
    private readonly record: LifecycleRecorder,
    role: 'client' | 'server' = 'client',
  ) {
    const peer = role === 'client' ? 'server' : 'client';
    this.side = { out: role, in: peer };
  }

  closeFrame(direction: Direction, code: number | undefined, reason: string, time: number): void {
    const side = this.side[direction];
    this.frames = { ...this.frames, [direction === 'out' ? 'sent' : 'received']: { code, reason, time }, first: this.frames.first ?? side };
    const answer = this.frames.first !== side ? ' (answering)' : '';
    this.record(direction === 'out' ? 'close-sent' : 'close-received', `${side}: ${describeCloseFrame(code, reason)}${answer}`, time);
  }

  violation(direction: Direction, frameIndex: number, found: Violation, time: number): void {
    if (++this.violationEvents > MAX_VIOLATION_EVENTS) return;
    const consequence = found.closeCode === null ? 'warning' : `a receiver must close with ${found.closeCode}`;
    this.record('protocol-violation', `${this.side[direction]} frame ${frameIndex}: ${rfcLabel(found)} (${consequence}): ${found.message}`, time);
  }

  tcp(event: TcpEvent, time: number, hadError: boolean): void {
    const { out: us, in: peer } = this.side;
    if (event === 'fin-sent') this.finSentAt = time;
    const crossed = event === 'fin-received' ? this.crossedOurs(time) : undefined;
    if (crossed !== undefined) this.tcpEndedFirstBy = 'both';
    if (event === 'fin-sent' || event === 'destroyed-locally') this.tcpFirst(us);
    if (event === 'fin-received' || (event === 'closed' && hadError)) this.tcpFirst(peer);
    const details: Record<TcpEvent, [LifecycleKind, string]> = {
      'fin-received': ['tcp-fin-received', `${peer} sent FIN${crossed === undefined ? '' : ` (read ${crossed.toFixed(1)} ms after ours went out: the two may have crossed)`}`],
      'fin-sent': ['tcp-fin-sent', `${us} sent FIN`],
      'destroyed-locally': ['tcp-aborted', `${us} aborted TCP without FIN`],
      closed: ['tcp-closed', hadError ? 'TCP connection closed with an error (reset)' : 'TCP connection closed'],
    };
    const [kind, detail] = details[event];
    this.record(kind, detail, time);
  }

  /** The close as a whole, from the code and reason ws reports (see `describeClose`). */
  finish(code: number, reason: string): CloseInfo {
    const { sent, received, first } = this.frames;
    const wasClean = sent !== undefined && received !== undefined && code !== 1006;
    return { code, reason, initiatedBy: first ?? 'none', wasClean, sent, received, tcpClosedFirstBy: this.tcpEndedFirstBy };
  }

  private tcpFirst(side: CloseInitiator): void {
    if (this.tcpEndedFirstBy === 'unknown') this.tcpEndedFirstBy = side;
  }

  /** Milliseconds since our FIN went out when the peer's, read at `time`, may have crossed it. */
  private crossedOurs(time: number): number | undefined {
    if (this.finSentAt === undefined || this.tcpEndedFirstBy !== this.side.out) return undefined;
    const after = time - this.finSentAt;
    return after <= FIN_CROSSING_WINDOW_MS ? after : undefined;
  }
}

/** The `closed` lifecycle line: code, reason, who closed, whether cleanly, who ended TCP first. */
export function describeClose(info: CloseInfo): string {
  return `${info.code}${info.reason ? ` ${info.reason}` : ''} — ${describeInitiator(info.initiatedBy)}${info.wasClean ? '' : ' (not clean)'}${describeTcpEnd(info.tcpClosedFirstBy)}`;
}

function describeTcpEnd(first: TcpEndedFirstBy): string {
  if (first === 'unknown' || first === 'none') return '';
  if (first === 'both') return '; both ends closed TCP at about the same time';
  return `; ${first} ended TCP first`;
}

function describeInitiator(initiator: CloseInitiator): string {
  if (initiator === 'none') return 'TCP closed without a closing handshake';
  return `closed by the ${initiator}`;
}

function describeCloseFrame(code: number | undefined, reason: string): string {
  if (code === undefined) return 'no code';
  return `${code} ${describeCloseCode(code).name}${reason ? ` "${reason}"` : ''}`;
}
