import { basename } from 'node:path';
import { SocketLensError } from '../../core/errors';
import type { ImportedSession } from '../../core/import/harImport';
import { importedHandshake, importedStart } from '../../core/import/importedConnection';
import type { SessionLog } from '../../core/log/sessionLog';
import { redactHeaders } from '../../core/redaction/redactHeaders';
import { redactRequestPath, redactUrl } from '../../core/redaction/redactUrl';
import type { ConnectionView, LifecycleEventView } from '../../shared/viewModels';
import { toHandshakeView } from './handshakeMapping';
import { panelTitle, type PanelSource } from './panelSource';
import { toCountersView } from './viewModelMapping';

/** Where an imported session came from: a HAR the person chose, or the archive of an earlier window. */
export type ImportedOrigin = 'har' | 'previous';

/** The panel an imported session shows in: a ConnectionPanel, or a stand-in in unit tests. */
export interface SessionPanel {
  reveal(): void;
  dispose(): void;
  onDidDispose(listener: () => void): unknown;
}

/** A session read from a HAR, with the log the panel shows. */
export interface ImportedEntry {
  readonly id: string;
  readonly file: string;
  readonly origin: ImportedOrigin;
  readonly session: ImportedSession;
  readonly log: SessionLog;
  panel?: SessionPanel;
}

const NOT_CONNECTED = 'This is an imported session: nothing is connected. Use Socket Lens: Replay Imported Session… to send its messages to a server.';

/** An imported session in the panel: read-only, closed, with the handshake the HAR recorded. */
export function importedSource(entry: ImportedEntry): PanelSource {
  const refuse = (): never => {
    throw new SocketLensError('connection/not-open', NOT_CONNECTED);
  };
  return {
    id: entry.id,
    title: `${importedTitle(entry.session.url)} (${entry.origin === 'previous' ? 'previous session' : 'imported'})`,
    log: entry.log,
    onDidChange: () => () => {},
    view: () => importedView(entry),
    send: refuse,
    control: refuse,
    repeat: refuse,
    close: refuse,
  };
}

function importedView({ id, file, origin, session, log }: ImportedEntry): ConnectionView {
  const lifecycle: LifecycleEventView[] = [{ time: importedStart(session), kind: 'imported', detail: `imported from ${file} (entry ${session.entry})` }];
  const { request, response, ...handshake } = importedHandshake(session);
  return {
    id,
    url: redactUrl(session.url),
    state: 'closed',
    readOnly: origin === 'previous' ? 'previous' : 'imported',
    // A HAR from a browser holds the credentials as sent: shown hidden, as a live connection's are.
    handshake: toHandshakeView({
      ...handshake,
      ...(request && { request: { ...request, path: redactRequestPath(request.path), headers: redactHeaders(request.headers) } }),
      ...(response && { response: { ...response, headers: redactHeaders(response.headers) } }),
    }),
    lifecycle,
    counters: toCountersView(log),
  };
}

/** What Import Session and the API report of each imported session (for scripts and the extension-host tests). */
export interface ImportedInfo {
  readonly id: string;
  /** As everywhere it is shown: user info and secret query values hidden. */
  readonly url: string;
  readonly messages: number;
  readonly panelOpen: boolean;
}

export function toImportedInfo(entry: ImportedEntry): ImportedInfo {
  return { id: entry.id, url: redactUrl(entry.session.url), messages: entry.log.length, panelOpen: entry.panel !== undefined };
}

/** "WS host/path" for a URL the HAR may have written oddly; one that does not parse is shown redacted as text. */
export function importedTitle(url: string): string {
  try {
    return panelTitle(new URL(url));
  } catch {
    return `WS ${redactUrl(url)}`;
  }
}

/** An imported session in a picker: its URL (redacted) and where it came from. */
export function importedItem(entry: ImportedEntry): { label: string; description: string } {
  return { label: redactUrl(entry.session.url), description: describeImported(entry) };
}

/** "live.har, entry 2" for pickers. */
export function describeImported(entry: ImportedEntry): string {
  return `${basename(entry.file)}, entry ${entry.session.entry}`;
}
