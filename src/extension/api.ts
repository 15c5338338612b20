import type { ConnectionRegistry } from './connectionRegistry';

/** A connection as other extensions and our extension-host tests see it. */
export interface ConnectionInfo {
  readonly id: string;
  readonly url: string;
  readonly state: string;
  readonly messagesIn: number;
  readonly messagesOut: number;
  readonly panelOpen: boolean;
  readonly error?: string;
}

/** What `activate` returns: read-only facts about live connections. */
export interface SocketLensApi {
  connections(): ConnectionInfo[];
}

export function createApi(registry: ConnectionRegistry): SocketLensApi {
  return {
    connections: () =>
      registry.all().map((connection) => {
        const snapshot = connection.snapshot();
        const { messagesIn, messagesOut } = connection.log.totals;
        return {
          id: snapshot.id,
          url: snapshot.url,
          state: snapshot.state,
          messagesIn,
          messagesOut,
          panelOpen: registry.hasPanel(snapshot.id),
          error: snapshot.error?.message,
        };
      }),
  };
}
