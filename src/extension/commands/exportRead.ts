import type { ClientConnection } from '../../core/client/clientConnection';
import { SocketLensError } from '../../core/errors';
import { redactUrl } from '../../core/redaction/redactUrl';
import type { ImportedEntry } from '../panel/importedSource';
import type { PendingReads } from '../sessions/pendingReads';

/** What an export needs of the registry: whether the connection is still in it, and its reads. */
export interface ExportRegistry {
  get(id: string): ClientConnection | undefined;
  readonly reads: PendingReads;
}

/**
 * Runs `work` (the export's questions, then its write) as a read of `connection`'s log from the
 * moment the connection is chosen, not from the write: removing it while the format picker or
 * save dialog is open then waits for the export instead of disposing the log under it. One
 * removed before that (while it was being picked) is refused.
 */
export function readForExport<T>(registry: ExportRegistry, connection: ClientConnection, work: () => Promise<T>): Promise<T> {
  if (registry.get(connection.id) !== connection) {
    return Promise.reject(new SocketLensError('session/unknown', `The connection to ${connection.snapshot().url} was removed before its export began, so nothing was written. Export a connection that is still in the Connections view.`));
  }
  return registry.reads.track(connection.id, work());
}

/** What an export needs of the imported sessions: whether the session is still there, and its reads. */
export interface ImportedExportRegistry {
  get(id: string): ImportedEntry | undefined;
  readonly reads: PendingReads;
}

/** readForExport for an imported or earlier session: removing it waits for the export, one removed before is refused. */
export function readImportedForExport<T>(imported: ImportedExportRegistry, entry: ImportedEntry, work: () => Promise<T>): Promise<T> {
  if (imported.get(entry.id) !== entry) {
    return Promise.reject(new SocketLensError('session/unknown', `The imported session ${redactUrl(entry.session.url)} was removed before its export began, so nothing was written. Import the file again with "Socket Lens: Import Session…".`));
  }
  return imported.reads.track(entry.id, work());
}
