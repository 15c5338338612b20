import type { ClientConnection } from '../../core/client/clientConnection';

/** The part of VS Code's LogOutputChannel these lines use (a test passes a fake). */
export interface ConnectionLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Starts `connection` (connect or reconnect) and logs it and its outcome. The URL is the
 * snapshot's, as it may be shown: never its user info or a secret query value. Rejects as the
 * start does, for a caller that also shows the error.
 */
export function logStart(log: ConnectionLog, connection: Pick<ClientConnection, 'id' | 'snapshot'>, start: () => Promise<void>, again = false): Promise<void> {
  const url = connection.snapshot().url;
  log.info(`${again ? 'Reconnecting' : 'Connecting'} to ${url} (${connection.id})`);
  return start().then(
    () => log.info(`${again ? 'Reconnected' : 'Connected'} to ${url}`),
    (error: Error) => {
      log.warn(`${again ? 'Reconnecting' : 'Connection'} to ${url} failed: ${error.message}`);
      throw error;
    },
  );
}
