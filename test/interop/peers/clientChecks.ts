// What a person would check in our client's log and snapshot after talking to a real peer.
import assert from 'node:assert/strict';
import type { ClientConnection } from '../../../src/core/client/clientConnection';
import type { CloseInfo } from '../../../src/core/client/connectionTypes';
import type { OutgoingMessage } from '../../../src/core/client/outgoing';
import type { LogEntry } from '../../../src/core/log/sessionLog';
import { until } from '../../../src/core/testing/clientTesting';

export const textOf = (entry: LogEntry): string => Buffer.from(entry.payload).toString('utf8');
export const isData = (entry: LogEntry): boolean => entry.kind === 'text' || entry.kind === 'binary';

/** Every entry logged so far, oldest first. */
export function entries(connection: ClientConnection): LogEntry[] {
  return connection.log.tail(connection.log.length);
}

/** The id of the newest entry: entries after it are new. */
export function mark(connection: ClientConnection): number {
  return connection.log.tail(1)[0]?.id ?? connection.log.firstId - 1;
}

/** One line per entry, for failure messages. */
export function describeLog(connection: ClientConnection): string {
  const line = (e: LogEntry) => `#${e.id} ${e.direction} ${e.kind} ${e.payload.length} B ${JSON.stringify(textOf(e).slice(0, 40))}`;
  const { state, close } = connection.snapshot();
  return `${entries(connection).map(line).join('\n')}\n(state ${state}${close ? `, closed ${close.code} by ${close.initiatedBy}` : ''})`;
}

/**
 * The first `count` entries after `after` that `match`, once logged. Fails with the log instead
 * of waiting on if the connection closes first.
 */
export async function nextEntries(connection: ClientConnection, after: number, count: number, match: (entry: LogEntry) => boolean): Promise<LogEntry[]> {
  const found = () => entries(connection).filter((e) => e.id > after && match(e));
  await until(connection, () => found().length >= count || connection.snapshot().state === 'closed');
  const result = found();
  assert.ok(result.length >= count, `expected ${count} more entries, got ${result.length}; the log:\n${describeLog(connection)}`);
  return result.slice(0, count);
}

/** Sends `messages` (each in `fragments` frames) and returns what we sent and the messages that came back. */
export async function exchange(connection: ClientConnection, messages: readonly OutgoingMessage[], fragments = 1, expectBack = messages.length): Promise<{ sent: LogEntry[]; received: LogEntry[] }> {
  const from = mark(connection);
  for (const message of messages) connection.send(message, fragments);
  const received = await nextEntries(connection, from, expectBack, (e) => e.direction === 'in' && isData(e));
  const sent = entries(connection).filter((e) => e.id > from && e.direction === 'out' && isData(e));
  return { sent, received };
}

/** The payload a message carries, as the log holds it. */
export function payloadOf(message: OutgoingMessage): Buffer {
  return message.kind === 'text' ? Buffer.from(message.text, 'utf8') : Buffer.from(message.data);
}

/** Resolves with the close summary once the connection has closed. */
export async function closed(connection: ClientConnection): Promise<CloseInfo> {
  await until(connection, () => connection.snapshot().state === 'closed');
  return connection.snapshot().close!;
}

/**
 * A conforming peer: our tap saw every logged message on the wire, found nothing wrong with any
 * of them, and every message reached the application. `except`: entries judged elsewhere.
 */
export function assertConforming(connection: ClientConnection, except: readonly LogEntry[] = []): void {
  const skipped = new Set(except.map((e) => e.id));
  const all = entries(connection).filter((e) => !skipped.has(e.id));
  const line = (e: LogEntry) => `#${e.id} ${e.direction} ${e.kind}`;
  assert.deepEqual(all.filter((e) => !e.wire).map(line), [], 'entries our tap did not see on the wire');
  const violations = all.flatMap((e) => (e.wire?.violations ?? []).map((v) => `${line(e)}: RFC ${v.rfc}: ${v.message}`));
  assert.deepEqual(violations, [], 'protocol violations our tap reported');
  assert.deepEqual(all.filter((e) => e.undelivered).map((e) => `${line(e)}: ${e.undelivered!.reason}`), [], 'messages that never arrived');
  // The lifecycle names the frames of the entries judged elsewhere: leave those out too.
  const skippedFrames = new Set(except.flatMap((e) => (e.wire?.frames ?? []).map((f) => `${e.direction === 'in' ? 'server' : 'client'} frame ${f.index}:`)));
  const lifecycle = connection.snapshot().lifecycle.filter((e) => (e.kind === 'protocol-violation' && ![...skippedFrames].some((f) => e.detail?.startsWith(f))) || e.kind === 'error');
  assert.deepEqual(lifecycle.map((e) => `${e.kind}: ${e.detail}`), [], 'violations and errors in the lifecycle');
}

/** Data messages that came in after the peer's close frame (RFC 6455 §5.5.1 forbids sending them). */
export function dataAfterPeerClose(connection: ClientConnection): LogEntry[] {
  const all = entries(connection);
  const close = all.find((e) => e.direction === 'in' && e.kind === 'close');
  return close ? all.filter((e) => e.id > close.id && e.direction === 'in' && isData(e)) : [];
}

/** permessage-deflate as a user sees it: the negotiated extension, and the "compressed" mark on incoming messages. */
export function assertDeflate(connection: ClientConnection, negotiated: boolean): void {
  const { extensions } = connection.snapshot().handshake;
  if (negotiated) assert.match(extensions ?? '', /^permessage-deflate\b/, 'the negotiated extensions');
  else assert.equal(extensions, undefined, 'no extension negotiated');
  const incoming = entries(connection).filter((e) => e.direction === 'in' && isData(e));
  assert.deepEqual(incoming.map((e) => [e.id, e.wire?.compressed]), incoming.map((e) => [e.id, negotiated]), 'incoming messages compressed on the wire');
  if (!negotiated) assert.ok(entries(connection).every((e) => e.wire?.compressed === false), 'nothing compressed either way');
}
