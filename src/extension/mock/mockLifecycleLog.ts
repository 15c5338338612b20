import type { Unsubscribe } from '../../core/events/emitter';
import type { MockClient } from '../../core/mock/mockClient';
import type { MockServer } from '../../core/mock/mockServer';
import type { DiagnosticsLog } from '../diagnosticsLog';

/**
 * Writes each lifecycle event of each client of `server` to `log` once, as it happens. How many
 * of a client's events are written is kept by the client itself, not its id, and never reset:
 * events still come after the server reports a client disconnected (TCP closing last), and
 * forgetting the count then wrote the whole lifecycle again. A weak map lets a gone client go.
 */
export function logMockLifecycles(server: MockServer, label: string, log: DiagnosticsLog): Unsubscribe {
  const logged = new WeakMap<MockClient, number>();
  return server.onDidChangeClient((client) => {
    for (const event of client.lifecycle.slice(logged.get(client) ?? 0)) {
      const line = `[${label}] client ${client.id}: ${event.kind}${event.detail ? ` — ${event.detail}` : ''}`;
      if (event.kind === 'error' || event.kind === 'protocol-violation') log.warn(line);
      else log.info(line);
    }
    logged.set(client, client.lifecycle.length);
  });
}
