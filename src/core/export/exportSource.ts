import type { ConnectionSnapshot } from '../client/connectionTypes';
import type { LogEntry, SessionLog } from '../log/sessionLog';

/**
 * What an export needs of a connection: a live one's snapshot, or an imported session's
 * (importedConnection). Its first event (startedAt) dates it when the handshake has no timing.
 */
export type ExportedConnection = Pick<ConnectionSnapshot, 'url' | 'handshake' | 'close' | 'lifecycleEarlier'> & {
  /** An imported session has only its start; a live connection's events have their kind and detail (redacted when recorded). */
  readonly lifecycle: readonly { readonly time: number; readonly kind?: string; readonly detail?: string }[];
};

/** What an export reads: the connection and its log. */
export interface ExportSource {
  readonly snapshot: ExportedConnection;
  readonly log: SessionLog;
}

export interface ExportOptions {
  /** The version written as the HAR creator's. */
  readonly version: string;
  /** Entries built per read of the log (the rest of the log stays in its ring). Default 1000. */
  readonly pageSize?: number;
}

export const DEFAULT_EXPORT_PAGE = 1000;

/**
 * The log's entries, oldest first, a page at a time, yielding to the event loop between pages
 * so a long export does not stall the extension host. Stops at the newest entry as of the call:
 * messages arriving during the export are left for the next one. Entries evicted meanwhile are
 * skipped (the summary counts them).
 */
export async function* logEntries(log: SessionLog, pageSize = DEFAULT_EXPORT_PAGE): AsyncGenerator<LogEntry> {
  const end = log.nextId;
  let next = log.firstId;
  for (;;) {
    const from = Math.max(next, log.firstId);
    if (from >= end) return;
    const page = log.range(from, Math.min(pageSize, end - from));
    if (page.length === 0) return;
    yield* page;
    next = page[page.length - 1]!.id + 1;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** A text message's payload as text when it is valid UTF-8, else undefined (never a lossy decode). */
export function strictText(payload: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(payload);
  } catch {
    return undefined;
  }
}

export function base64(payload: Uint8Array): string {
  return Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64');
}

/** A close frame's payload (RFC 6455 §5.5.1): a 2-byte code, then a UTF-8 reason; no code without it. */
export function closePayload(payload: Uint8Array): { code: number | undefined; reason: string } {
  if (payload.byteLength < 2) return { code: undefined, reason: '' };
  return { code: (payload[0]! << 8) | payload[1]!, reason: Buffer.from(payload.subarray(2)).toString('utf8') };
}
