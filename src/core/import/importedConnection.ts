import { headerValue } from '../client/httpCapture';
import type { Handshake } from '../client/connectionTypes';
import type { ExportedConnection } from '../export/exportSource';
import type { ImportedSession } from './harImport';

/**
 * The handshake a HAR recorded: the request as sent (its path from the entry's URL), the answer
 * when there was one, and the subprotocol and extensions it agreed on. Nothing is redacted here:
 * whoever shows or writes it redacts, as for a live connection.
 */
export function importedHandshake(session: ImportedSession): Handshake {
  const protocol = headerValue(session.responseHeaders, 'sec-websocket-protocol');
  const extensions = headerValue(session.responseHeaders, 'sec-websocket-extensions');
  return {
    request: { method: 'GET', path: pathAndQuery(session.url), headers: session.requestHeaders },
    ...(session.status !== undefined && { response: { httpVersion: '1.1', statusCode: session.status, statusMessage: session.statusText ?? '', headers: session.responseHeaders } }),
    ...(protocol !== undefined && { protocol }),
    ...(extensions !== undefined && { extensions }),
  };
}

/** When the session began: the HAR's startedDateTime, else its first message, else 0. */
export function importedStart(session: ImportedSession): number {
  const started = Date.parse(session.startedDateTime);
  return Number.isNaN(started) ? (session.messages[0]?.time ?? 0) : started;
}

/** An imported session as an export reads it, so it can be written again as HAR or JSON Lines. */
export function importedConnection(session: ImportedSession): ExportedConnection {
  return { url: session.url, handshake: importedHandshake(session), lifecycle: [{ time: importedStart(session) }] };
}

function pathAndQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}
