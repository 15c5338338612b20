// After a round of the ingest benchmark: proof that every message the sender's stream carried up
// to the end of the connection reached the session log, or was counted as evicted from it.
import type * as LogModule from '../../src/core/log/sessionLog';
import type { LogEntry } from '../../src/core/log/sessionLog';
import { floodFrame, floodPayload } from './floodFrames';

type SessionLog = InstanceType<typeof LogModule.SessionLog>;

/** What every message of the stream is. */
export interface IngestExpectation {
  readonly size: number;
  readonly deflate: boolean;
}

export interface IngestAccount {
  /** Messages appended to the log: stored plus evicted. */
  readonly appended: number;
  readonly evicted: number;
  /** Messages the tap saw complete that ws had not delivered when the connection was cut (logged as undelivered). */
  readonly undelivered: number;
}

/** Entries read per page at the newest end, looking for the last delivered one. */
const PAGE = 1000;
/** Stored entries checked in full besides the newest page: evenly spaced from the oldest. */
const SAMPLES = 200;

/**
 * Throws unless the log accounts for every message: each id is stored or counted as evicted, the
 * tap numbered them without a gap (message index = id - 1), each sits where it must in the stream
 * (frame offset = index × frame length, so no byte went unaccounted), and the payloads are the
 * sender's. Messages cut off by the end of the connection may be logged as undelivered, newest last.
 */
export function accountForIngest(log: SessionLog, expected: IngestExpectation): IngestAccount {
  const appended = log.nextId - 1;
  const evicted = log.evictedEntries;
  const { messagesIn, messagesOut } = log.totals;
  if (appended === 0) throw new Error('no message reached the session log');
  if (log.length + evicted !== appended) throw new Error(`${appended} messages were appended, but ${log.length} are stored and ${evicted} counted as evicted`);
  if (messagesIn !== appended || messagesOut !== 0) throw new Error(`the log counts ${messagesIn} messages in and ${messagesOut} out for ${appended} appended`);
  const texts = log.count({ direction: 'in', kinds: ['text'] });
  if (texts !== log.length) throw new Error(`${log.length - texts} stored entries are not incoming text messages`);
  const check = entryChecker(expected);
  const undelivered = countUndeliveredTail(log, check);
  const delivered = log.length - undelivered;
  const step = Math.max(1, Math.floor(delivered / SAMPLES));
  for (let id = log.firstId; id < log.firstId + delivered; id += step) check(log.get(id)!, false);
  return { appended, evicted, undelivered };
}

/** Walks back from the newest entry over those logged as undelivered; checks them and the delivered page before them. */
function countUndeliveredTail(log: SessionLog, check: (entry: LogEntry, undelivered: boolean) => void): number {
  let undelivered = 0;
  for (let to = log.nextId; to > log.firstId; to -= PAGE) {
    const page = log.range(Math.max(log.firstId, to - PAGE), to - Math.max(log.firstId, to - PAGE)).reverse();
    const firstDelivered = page.findIndex((entry) => !entry.undelivered);
    undelivered += firstDelivered < 0 ? page.length : firstDelivered;
    page.forEach((entry, k) => check(entry, firstDelivered < 0 || k < firstDelivered));
    if (firstDelivered >= 0) return undelivered;
  }
  return undelivered;
}

function entryChecker(expected: IngestExpectation): (entry: LogEntry, undelivered: boolean) => void {
  const payload = floodPayload(expected.size);
  const frameLength = floodFrame(expected.size, undefined, expected.deflate).length;
  return (entry, undelivered) => {
    const frame = entry.wire?.frames.length === 1 ? entry.wire.frames[0]! : undefined;
    const index = entry.id - 1;
    const problem =
      entry.direction !== 'in' || entry.kind !== 'text' ? `is ${entry.direction} ${entry.kind}, not incoming text`
      : !frame ? `has ${entry.wire?.frames.length ?? 'no'} frames, not one`
      : frame.messageIndex !== index || frame.index !== index ? `is the tap's message ${frame.messageIndex} (frame ${frame.index}), not ${index}: a message went missing or came twice`
      : frame.offset !== index * frameLength ? `starts at byte ${frame.offset} of the stream, not ${index * frameLength}`
      : entry.wire!.violations.length > 0 ? `has violations: ${entry.wire!.violations.map((v) => v.message).join('; ')}`
      : entry.wire!.compressed !== expected.deflate ? `is ${entry.wire!.compressed ? '' : 'not '}compressed`
      : Boolean(entry.undelivered) !== undelivered ? (undelivered ? 'was delivered after one that was not' : `is undelivered: ${entry.undelivered!.reason}`)
      : !undelivered && !payload.equals(entry.payload) ? `carries ${entry.payload.length} bytes that are not the sender's ${payload.length}`
      : undefined;
    if (problem) throw new Error(`log entry ${entry.id} ${problem}`);
  };
}
