import * as vscode from 'vscode';
import { pickTarget } from '../pickTarget';
import { cliInvocation, cliVariables } from '../../core/client/cliInvocation';
import { ClientConnection } from '../../core/client/clientConnection';
import { startedAt } from '../../core/client/keptLifecycle';
import type { ConnectionRegistry } from '../connectionRegistry';
import type { ImportedSessions } from '../panel/importedSessions';
import { stateText } from '../connections/connectionRow';
import { pickSession } from './pickSession';

/** A connection in a picker: its name when it has one, its URL, state and when it started, so two to the same URL differ. */
export function connectionItem(connection: ClientConnection): vscode.QuickPickItem {
  const snapshot = connection.snapshot();
  const { label, url } = snapshot;
  const start = startedAt(snapshot);
  const started = start !== undefined && `since ${new Date(start).toLocaleTimeString()}`;
  return { label: label ?? url, description: [label && url, stateText(snapshot), started].filter(Boolean).join(' · ') };
}

/** `connections` with the one whose panel is the active editor first: the one a command most likely means. */
export function activeFirst(registry: ConnectionRegistry, connections: ClientConnection[]): ClientConnection[] {
  const active = registry.activeId();
  return [...connections].sort((a, b) => Number(b.id === active) - Number(a.id === active));
}

/** "Socket Lens: Show Panel": reopens the panel of a connection, live or closed, or of an imported session. */
export async function showPanelCommand(registry: ConnectionRegistry, imported: ImportedSessions, id?: unknown): Promise<void> {
  const session = await pickSession(registry, imported, id, 'Show the panel of which session?');
  if (session instanceof ClientConnection) registry.showPanel(session.id);
  else if (session) imported.showPanel(session.id);
}

/** "Socket Lens: Disconnect": closes a connection normally (1000). */
export async function disconnectCommand(registry: ConnectionRegistry, id?: unknown): Promise<void> {
  const live = registry.all().filter((c) => c.snapshot().state === 'open' || c.snapshot().state === 'connecting');
  const connection = await resolveConnection(registry, id, live, 'Disconnect which connection?');
  connection?.close(1000, '');
}

/**
 * "Socket Lens: Reconnect": closes the current attempt normally if open and connects again.
 * A failure is recorded on the connection and shown in its panel; the registry logs it, as it
 * does a Reconnect from the panel.
 */
export async function reconnectCommand(registry: ConnectionRegistry, id?: unknown): Promise<void> {
  const connection = await resolveConnection(registry, id, registry.all(), 'Reconnect which connection?');
  if (!connection) return;
  connection.reconnect().catch(() => {});
}

/** "Copy URL" on a row of the Connections view (secrets in the URL redacted, as everywhere else). */
export async function copyConnectionUrlCommand(registry: ConnectionRegistry, id?: unknown): Promise<void> {
  const connection = await resolveConnection(registry, id, registry.all(), 'Copy the URL of which connection?');
  if (!connection) return;
  const url = connection.snapshot().url;
  await vscode.env.clipboard.writeText(url);
  void vscode.window.setStatusBarMessage(`Copied ${url}`, 3000);
}

/**
 * "Copy as CLI Command": the `socket-lens connect` line for the same connection, secrets as
 * environment variables. `cliLauncher` is the launcher put on the terminals' PATH, if it was.
 */
export async function copyAsCliCommand(registry: ConnectionRegistry, cliLauncher: Promise<string | undefined>, id?: unknown): Promise<void> {
  const connection = await resolveConnection(registry, id, registry.all(), 'Copy which connection as a CLI command?');
  if (!connection) return;
  const line = cliInvocation(connection.connectOptions);
  await vscode.env.clipboard.writeText(line);
  // Named in full: the line shown is cut at 120 characters, and the variables come last.
  const variables = cliVariables(line);
  const secrets = variables.length > 0 ? ` Set ${variables.join(', ')} before running it.` : '';
  // The line is written for a POSIX shell (its quoting and $VARIABLES). On Windows that is Git
  // Bash: WSL would not find the launcher, whose PATH entry is a Windows path.
  const where = (await cliLauncher) === undefined ? '' : ` socket-lens is on PATH in VS Code's terminals${process.platform === 'win32' ? ' (run the line in Git Bash)' : ''}.`;
  void vscode.window.showInformationMessage(`Socket Lens: copied "${line.length > 120 ? `${line.slice(0, 117)}…` : line}".${where}${secrets}`);
}

/**
 * The connection `id` names, or the only one, or the one picked (the one whose panel is in front
 * listed first); undefined (with a message) when there is none.
 */
export function resolveConnection(registry: ConnectionRegistry, id: unknown, candidates: ClientConnection[], title: string): Promise<ClientConnection | undefined> {
  return pickTarget({
    given: typeof id === 'string' ? { found: registry.get(id), gone: `no connection with id ${id}. It may have been removed.` } : undefined,
    all: activeFirst(registry, candidates),
    none: 'there is no connection yet. Run "Socket Lens: Connect…" first.',
    item: connectionItem,
    title,
    placeHolder: 'Choose a connection',
  });
}
