import type { ActivationTimes } from './activationClock';
import type { ImportedInfo } from './panel/importedSource';
import type { ConnectionRegistry } from './connectionRegistry';
import type { ConnectionRow } from './connections/connectionRow';
import type { StatusSummary } from './connections/statusSummary';
import type { MockRegistry } from './mock/mockRegistry';

/** A connection as other extensions and our extension-host tests see it. */
export interface ConnectionInfo {
  readonly id: string;
  /** Its name: the saved connection it was opened from, or the session a replay came from. */
  readonly label?: string;
  readonly url: string;
  readonly state: string;
  readonly messagesIn: number;
  readonly messagesOut: number;
  readonly panelOpen: boolean;
  readonly error?: string;
}

/** A running mock server and its clients. */
export interface MockInfo {
  readonly key: string;
  readonly label: string;
  readonly url: string;
  readonly file?: string;
  /** The URL its panel's header shows (what Copy gives), while the panel is open. */
  readonly panelUrl?: string;
  readonly clients: ReadonlyArray<{ readonly id: string; readonly path: string; readonly protocol?: string; readonly messagesIn: number; readonly messagesOut: number; readonly panelOpen: boolean }>;
}

/** What `activate` returns: read-only facts about live connections and mock servers. */
export interface SocketLensApi {
  connections(): ConnectionInfo[];
  mocks(): MockInfo[];
  /** The rows of the Connections view, as its provider paints them now: connections, then imported and restored sessions. */
  connectionRows(): ConnectionRow[];
  /** Sessions imported from a HAR or restored from an earlier window, until removed. */
  importedSessions(): ImportedInfo[];
  /** The status bar item's text and tooltip; undefined while it is hidden. */
  statusBar(): StatusSummary | undefined;
  /** The Saved view's connections, as written (references unresolved), a password or secret query value written in a URL hidden. */
  savedConnections(): Promise<SavedConnectionInfo[]>;
  /** Files of the sessions kept for the next window, newest first. */
  archivedSessions(): Promise<string[]>;
  /** How long this window's activation took. */
  activation(): ActivationTimes;
  /** The `socket-lens` launcher put on the terminals' PATH; undefined when it could not be written. */
  cliLauncher(): Promise<string | undefined>;
}

/** A saved connection as written in its file or the user's list. */
export interface SavedConnectionInfo {
  readonly name: string;
  readonly scope: 'workspace' | 'user';
  readonly url: string;
  /** Shown as "needs trust": a workspace connection in Restricted Mode. */
  readonly needsTrust: boolean;
}

/** What the API reports beside connections and mocks: the views' contents and the activation time. */
export type ViewFacts = Pick<SocketLensApi, 'connectionRows' | 'importedSessions' | 'statusBar' | 'savedConnections' | 'archivedSessions' | 'activation' | 'cliLauncher'>;

export function createApi(registry: ConnectionRegistry, mocks: MockRegistry, views: ViewFacts): SocketLensApi {
  return {
    ...views,
    mocks: () =>
      mocks.all().map((mock) => ({
        key: mock.key,
        label: mock.label,
        url: mock.server.url,
        file: mock.uri?.fsPath,
        panelUrl: mocks.panelUrl(mock.key),
        clients: mock.server.clients().map((client) => {
          const { messagesIn, messagesOut } = mock.server.client(client.id)!.log.totals;
          return { id: client.id, path: client.path, protocol: client.protocol, messagesIn, messagesOut, panelOpen: mocks.hasPanel(mock.key, client.id) };
        }),
      })),
    connections: () =>
      registry.all().map((connection) => {
        const snapshot = connection.snapshot();
        const { messagesIn, messagesOut } = connection.log.totals;
        return {
          id: snapshot.id,
          ...(snapshot.label !== undefined && { label: snapshot.label }),
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
