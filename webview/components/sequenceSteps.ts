// The connection's lifecycle as the steps of a sequence diagram between the client and the
// server: which events crossed the wire (and which way), which are notes on one side. Pure
// data, so it can be tested without a DOM; sequenceDiagram.ts draws it.
import { formatBytes, formatCount } from '../../src/shared/format';
import type { ConnectionView, LifecycleEventView, MessageSummary } from '../../src/shared/viewModels';
import { lifecycleLabel } from './lifecycleLabels';

export type Side = 'client' | 'server';
export type Severity = 'info' | 'muted' | 'warning' | 'error';

export interface SequenceStep {
  readonly time: number;
  readonly kind: string;
  /** The sender of a message; for a note, the side it belongs to (`both`: over both lifelines). */
  readonly from: Side | 'both';
  /** The receiver of a message; undefined for a note. */
  readonly to?: Side;
  /** An exchange both ways summed up as one arrow (the TCP and TLS handshakes). */
  readonly twoWay?: boolean;
  readonly label: string;
  readonly detail?: string;
  readonly severity: Severity;
}

/**
 * `role`: whose record it is: a client connection's, or the mock server's for one of its clients.
 * `messages`: a sample of the conversation (see ConversationView), drawn between the events.
 */
export function sequenceSteps(events: readonly LifecycleEventView[], role: Side, messages: readonly MessageSummary[] = []): SequenceStep[] {
  const lifecycle = events.flatMap((event) => stepsOf(event, role));
  const conversation = messageSteps(messages, role);
  const steps: SequenceStep[] = [];
  let next = 0;
  for (const step of lifecycle) {
    // A message goes before the events that end the connection at the same millisecond.
    while (next < conversation.length && (conversation[next]!.time < step.time || (conversation[next]!.time === step.time && ENDING.test(step.kind)))) steps.push(conversation[next++]!);
    steps.push(step);
  }
  return steps.concat(conversation.slice(next));
}

const ENDING = /^(close-|tcp-|closed)/;

/** The note that opens a diagram the host sent only the newest events of (see lifecycleWindow). */
export function earlierEventsStep(earlier: NonNullable<ConnectionView['lifecycleEarlier']>): SequenceStep {
  return { time: earlier.since, kind: 'events-omitted', from: 'both', label: earlierEventsLabel(earlier.count), detail: EARLIER_EVENTS_DETAIL, severity: 'muted' };
}

/** "… 1,234 earlier events": the diagram's note and the events list's first row. */
export function earlierEventsLabel(count: number): string {
  return `… ${formatCount(count)} earlier event${count === 1 ? '' : 's'}`;
}

/** Where the events a panel does not draw are. */
export const EARLIER_EVENTS_DETAIL = 'not drawn here; the Socket Lens output channel lists every attempt';
/** Characters of a message's preview under its arrow. */
const PREVIEW_CHARS = 48;

/** The sampled messages as arrows, with a note for each run of messages the sample leaves out. */
function messageSteps(messages: readonly MessageSummary[], role: Side): SequenceStep[] {
  const steps: SequenceStep[] = [];
  let previous: MessageSummary | undefined;
  for (const m of messages) {
    const skipped = previous ? m.id - previous.id - 1 : 0;
    if (skipped > 0) steps.push({ time: m.time, kind: 'messages-omitted', from: 'both', label: `… ${formatCount(skipped)} more message${skipped === 1 ? '' : 's'}`, detail: 'in the Messages tab', severity: 'muted' });
    previous = m;
    const from = m.direction === 'out' ? role : other(role);
    const control = m.kind === 'ping' || m.kind === 'pong';
    const rtt = m.rttMs !== undefined ? ` · ${m.rttMs < 10 ? m.rttMs.toFixed(2) : Math.round(m.rttMs)} ms round trip` : '';
    const preview = m.preview.length > PREVIEW_CHARS ? `${m.preview.slice(0, PREVIEW_CHARS)}…` : m.preview;
    steps.push({ time: m.time, kind: `message-${m.kind}`, from, to: other(from), label: `${control ? m.kind.replace(/^./, (c) => c.toUpperCase()) : `${m.kind} message`} · ${formatBytes(m.size)}`, detail: `${preview}${rtt}` || undefined, severity: control ? 'muted' : 'info' });
  }
  return steps;
}

function stepsOf(event: LifecycleEventView, role: Side): SequenceStep[] {
  const { time, kind, detail } = event;
  const us = role;
  const peer = other(role);
  const arrow = (from: Side, label: string, more: Partial<SequenceStep> = {}): SequenceStep => ({ time, kind, from, to: other(from), label, severity: 'info', ...more });
  const note = (side: Side | 'both', severity: Severity = 'info', label = lifecycleLabel(kind), text = detail): SequenceStep => ({ time, kind, from: side, label, detail: text, severity });
  switch (kind) {
    case 'connecting':
    case 'reconnect-scheduled':
    case 'reconnect-cancelled':
      return [note('client')];
    case 'dns-resolved':
    case 'proxy-connecting':
    case 'proxy-tcp-connected':
    case 'proxy-connected':
      return [note('client', 'muted')];
    case 'reconnect-gave-up':
      return [note('client', 'warning')];
    case 'redirect': {
      const [, status, to] = /^(\d{3})\s*→\s*(.*)$/.exec(detail ?? '') ?? [];
      return [arrow('server', status ? `${status} redirect` : 'Redirect', { detail: to ?? detail, severity: 'warning' })];
    }
    case 'tcp-connected':
      return [arrow('client', 'TCP connect', { twoWay: true, detail: joinDetail('SYN, SYN-ACK, ACK', detail), severity: 'muted' })];
    case 'tls-established':
      return [arrow('client', 'TLS handshake', { twoWay: true, detail })];
    case 'upgrade-sent':
      return [arrow('client', detail ?? 'GET Upgrade', { detail: 'Upgrade: websocket' })];
    case 'upgrade-response':
      return [arrow('server', detail || 'Upgrade response', { severity: statusSeverity(detail) })];
    case 'open':
      return role === 'client' ? [note('client')] : acceptedUpgrade(event);
    case 'close-sent':
    case 'close-received': {
      const sender = sideOf(detail) ?? (kind === 'close-sent' ? us : peer);
      const frame = (detail ?? '').replace(/^(client|server):\s*/, '');
      const answering = frame.endsWith(' (answering)');
      const code = /^\d+/.exec(frame)?.[0];
      const said = frame.replace(/ \(answering\)$/, '').replace(/^no code$/, '(no code)');
      return [arrow(sender, `Close ${said || 'frame'}`, { detail: answering ? `echoes the ${other(sender)}’s close` : undefined, severity: closeSeverity(code) })];
    }
    case 'tcp-fin-sent':
    case 'tcp-fin-received': {
      const sender = sideOf(detail) ?? (kind === 'tcp-fin-sent' ? us : peer);
      return [arrow(sender, 'FIN', { severity: 'muted' })];
    }
    case 'tcp-aborted':
      return [note(sideOf(detail) ?? us, 'warning')];
    case 'tcp-closed': {
      const reset = /error|reset/.test(detail ?? '');
      return [{ time, kind, from: 'both', label: lifecycleLabel(kind), detail: reset ? detail : undefined, severity: reset ? 'warning' : 'muted' }];
    }
    case 'closed':
      return [note('both', /not clean|^1006\b/.test(detail ?? '') ? 'warning' : 'info')];
    case 'protocol-violation': {
      const [, side, rest] = /^(client|server)\s+(.*)$/s.exec(detail ?? '') ?? [];
      return [note((side as Side | undefined) ?? peer, /\(warning\)/.test(detail ?? '') ? 'warning' : 'error', undefined, rest ?? detail)];
    }
    case 'fault':
      return [note('server', 'warning', undefined, detail?.replace(/^fault:\s*/, ''))];
    case 'keepalive-missed':
      return [note(us, 'warning')];
    case 'error':
      return [note(us, 'error')];
    default:
      return [note(us)];
  }
}

/**
 * The mock records no handshake events, only `open` once it has answered 101 (detail:
 * "GET /path from address; subprotocol …"): the request and the answer, both at that time.
 */
function acceptedUpgrade({ time, kind, detail }: LifecycleEventView): SequenceStep[] {
  const [, request, from, rest] = /^(\S+ \S+) from (\S+?)(?:;\s*(.*))?$/.exec(detail ?? '') ?? [];
  return [
    { time, kind, from: 'client', to: 'server', label: request ? `${request} HTTP/1.1` : 'GET Upgrade', detail: joinDetail('Upgrade: websocket', from && `from ${from}`), severity: 'info' },
    { time, kind, from: 'server', to: 'client', label: '101 Switching Protocols', detail: request ? rest : detail, severity: 'info' },
  ];
}

/** The close as a sentence under the diagram: code and reason, who began, clean or not, who ended TCP first. */
export function describeCloseSummary(close: NonNullable<ConnectionView['close']>): string {
  const parts = [`Close ${close.code}${close.reason ? ` “${close.reason}”` : ''}`];
  parts.push(close.initiatedBy === 'none' ? 'no closing handshake: TCP ended without close frames' : `started by the ${close.initiatedBy}`);
  parts.push(close.wasClean ? 'clean' : 'not clean');
  if (close.tcpClosedFirstBy === 'client' || close.tcpClosedFirstBy === 'server') parts.push(`the ${close.tcpClosedFirstBy} closed TCP first`);
  else if (close.tcpClosedFirstBy === 'both') parts.push('both ends closed TCP at about the same time');
  else if (close.tcpClosedFirstBy === 'unknown') parts.push('who closed TCP first was not seen');
  let summary = parts.join(' · ');
  if (close.wasClean && close.tcpClosedFirstBy === 'client') summary += ' (RFC 6455 §7.1.1 expects the server to close TCP first)';
  return summary;
}

/** Time since the first event, to the millisecond for the first 100 s: +12.4 ms, +2.350 s, +95.204 s, +512.3 s, +12.5 min. */
export function formatOffset(ms: number): string {
  if (ms < 1000) return `+${ms.toFixed(1)} ms`;
  if (ms < 100_000) return `+${(ms / 1000).toFixed(3)} s`;
  if (ms < 600_000) return `+${(ms / 1000).toFixed(1)} s`;
  return `+${(ms / 60_000).toFixed(1)} min`;
}

function other(side: Side): Side {
  return side === 'client' ? 'server' : 'client';
}

/** The side a detail begins with ("server sent FIN", "client: 1000 …"). */
function sideOf(detail: string | undefined): Side | undefined {
  return /^(client|server)\b/.exec(detail ?? '')?.[1] as Side | undefined;
}

function statusSeverity(detail: string | undefined): Severity {
  const status = Number(/^\d{3}/.exec(detail ?? '')?.[0]);
  if (status === 101) return 'info';
  return status >= 300 && status < 400 ? 'warning' : 'error';
}

/** 1002–1015 (but 1005, a close frame without a code) say something went wrong; 1000, 1001 and application codes do not. */
function closeSeverity(code: string | undefined): Severity {
  const n = Number(code);
  return n >= 1002 && n <= 1015 && n !== 1005 ? 'warning' : 'info';
}

function joinDetail(...parts: ReadonlyArray<string | undefined>): string | undefined {
  return parts.filter(Boolean).join(' · ') || undefined;
}
