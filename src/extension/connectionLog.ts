import type { ClientConnection } from '../core/client/clientConnection';
import type { LifecycleEvent } from '../core/client/connectionTypes';
import type { Unsubscribe } from '../core/events/emitter';
import type { DiagnosticsLog } from './diagnosticsLog';

type Logged = Pick<ClientConnection, 'id' | 'snapshot' | 'onDidRecord'>;

/**
 * Writes what happens to `connection` to `log`, from its lifecycle as it is recorded: each
 * attempt (the first, a Reconnect from the palette or the panel, an automatic retry, a
 * redirect's next hop), its opening or its failure with the reason, its close with code,
 * reason and who closed, and the retries. Following the connection rather than a caller's
 * promise logs each of these once, whoever started the attempt and however late it ends.
 * URLs and details are the lifecycle's, which the connection already redacted and scrubbed.
 */
export function logConnection(log: DiagnosticsLog, connection: Logged): Unsubscribe {
  let redirected = false;
  /** The current attempt has opened: an error after that is not a failure to connect. */
  let open = false;
  const url = () => connection.snapshot().url;
  return connection.onDidRecord((event) => {
    switch (event.kind) {
      case 'connecting':
        open = false;
        return log.info(connectingLine(connection.id, event, redirected && !(redirected = false)));
      case 'redirect':
        redirected = true;
        return log.info(`Redirected from ${url()}: ${event.detail}`);
      case 'open':
        open = true;
        return log.info(`Connected to ${url()}`);
      case 'error':
        return log.warn(open ? `Error on ${url()}: ${event.detail}` : `Connection to ${url()} failed: ${event.detail}`);
      case 'closed':
        // An attempt that never opened had no WebSocket to close: its failure is the line above,
        // and the 1006 ws reports then would describe nothing (as the panel's "Failed · 404 Not Found").
        return open ? log.info(`Closed ${url()}: ${event.detail}`) : undefined;
      case 'keepalive-missed':
        return log.warn(`Keep-alive on ${url()}: ${event.detail}`);
      case 'reconnect-scheduled':
        return log.info(`Will reconnect to ${url()}: ${event.detail}`);
      case 'reconnect-gave-up':
        return log.warn(`Stopped reconnecting to ${url()}: ${event.detail}`);
      case 'reconnect-cancelled':
        return log.info(`Not reconnecting to ${url()}: ${event.detail}`);
      default:
        // Handshake steps, frames crossing, violations, TCP: the panel's lifecycle shows them.
        return undefined;
    }
  });
}

/** The `connecting` event names the attempt's URL, redacted ("attempt 2: ws://…" after the first). */
function connectingLine(id: string, event: LifecycleEvent, afterRedirect: boolean): string {
  const [, number, target] = /^(?:attempt (\d+): )?(.*)$/s.exec(event.detail ?? '')!;
  if (number === undefined) return `Connecting to ${target} (${id})`;
  return `${afterRedirect ? 'Connecting' : 'Reconnecting'} to ${target} (${id}), attempt ${number}`;
}
