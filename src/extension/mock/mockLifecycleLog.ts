import type { Unsubscribe } from '../../core/events/emitter';
import { followMockClients } from '../../core/mock/followMockClients';
import type { MockServer } from '../../core/mock/mockServer';
import type { DiagnosticsLog } from '../diagnosticsLog';

/**
 * Writes each lifecycle event of each client of `server` to `log` once, as it happens, those
 * recorded after the client disconnected included (followMockClients).
 */
export function logMockLifecycles(server: MockServer, label: string, log: DiagnosticsLog): Unsubscribe {
  return followMockClients(server, (client) => ({
    event: (event) => {
      const line = `[${label}] client ${client.id}: ${event.kind}${event.detail ? ` — ${event.detail}` : ''}`;
      if (event.kind === 'error' || event.kind === 'protocol-violation') log.warn(line);
      else log.info(line);
    },
  }));
}
