import type { ClientConnection } from '../../core/client/clientConnection';
import { SocketLensError } from '../../core/errors';
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
