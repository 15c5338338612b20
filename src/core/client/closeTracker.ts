import type { Direction } from '../log/sessionLog';
import { describeCloseCode } from '../protocol/closeCodes';
import { rfcLabel, type Violation } from '../protocol/violations';
import type { TcpEvent } from '../tap/socketTap';
import type { WireJoinerEvents } from '../tap/wireJoiner';
import type { CloseFrameInfo, CloseInfo, CloseInitiator, LifecycleKind } from './connectionTypes';

/** Violations recorded in the lifecycle; a stream of garbage must not flood it. */
const MAX_VIOLATION_EVENTS = 100;


export type LifecycleRecorder = (kind: LifecycleKind, detail?: string, time?: number) => void;

/**
 * Follows the end of a client connection as the tap sees it on the wire — both close frames,
 * each side's FIN or abort, violations — words each event for the lifecycle, and sums it up
 * once ws reports the connection closed.
 */
export class CloseTracker implements WireJoinerEvents {
  private frames: { sent?: CloseFrameInfo; received?: CloseFrameInfo; first?: CloseInitiator } = {};
  private tcpEndedFirstBy: CloseInitiator | 'unknown' = 'unknown';
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
    if (event === 'fin-sent' || event === 'destroyed-locally') this.tcpFirst(us);
    if (event === 'fin-received' || (event === 'closed' && hadError)) this.tcpFirst(peer);
    const details: Record<TcpEvent, [LifecycleKind, string]> = {
      'fin-received': ['tcp-fin-received', `${peer} sent FIN`],
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
}

/** The `closed` lifecycle line: code, reason, who closed, whether cleanly, who ended TCP first. */
export function describeClose(info: CloseInfo): string {
  const tcp = info.tcpClosedFirstBy === 'unknown' ? '' : `; ${info.tcpClosedFirstBy} ended TCP first`;
  return `${info.code}${info.reason ? ` ${info.reason}` : ''} — ${describeInitiator(info.initiatedBy)}${info.wasClean ? '' : ' (not clean)'}${tcp}`;
}

function describeInitiator(initiator: CloseInitiator): string {
  if (initiator === 'none') return 'TCP closed without a closing handshake';
  return `closed by the ${initiator}`;
}

function describeCloseFrame(code: number | undefined, reason: string): string {
  if (code === undefined) return 'no code';
  return `${code} ${describeCloseCode(code).name}${reason ? ` "${reason}"` : ''}`;
}
