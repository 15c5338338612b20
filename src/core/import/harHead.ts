import { open } from 'node:fs/promises';
import { HAR_MESSAGES_CLOSE, HAR_MESSAGES_OPEN } from '../export/harExport';

/** What a HAR we wrote (Export Session, the session archive) says of its session, read from its head. */
export interface HarHead {
  /** As written: redacted by the export. */
  readonly url: string;
  /** Milliseconds since the epoch; undefined when absent or unreadable. */
  readonly started?: number;
}

/** How much of the file is read: the head holds the creator and the upgrade, headers included. */
const HEAD_BYTES = 64 * 1024;

/**
 * The URL and start of the one WebSocket in a HAR written by harChunks, without reading its
 * messages: the export writes the entry (closed after its messages) before the first
 * message. Undefined for any other file, or one whose head is not where ours is.
 */
export async function readHarHead(file: string): Promise<HarHead | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return parseHarHead(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

export function parseHarHead(text: string): HarHead | undefined {
  const end = text.indexOf(HAR_MESSAGES_OPEN);
  if (end < 0) return undefined;
  try {
    const har = JSON.parse(`${text.slice(0, end + HAR_MESSAGES_OPEN.length)}${HAR_MESSAGES_CLOSE}`) as { log?: { entries?: { startedDateTime?: unknown; request?: { url?: unknown } }[] } };
    const entry = har.log?.entries?.[0];
    if (typeof entry?.request?.url !== 'string') return undefined;
    const started = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
    return { url: entry.request.url, ...(!Number.isNaN(started) && { started }) };
  } catch {
    return undefined;
  }
}
