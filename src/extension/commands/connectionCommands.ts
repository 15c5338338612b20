import * as vscode from 'vscode';
import type { ClientConnection } from '../../core/client/clientConnection';
import type { ConnectionRegistry } from '../connectionRegistry';

/** "Socket Lens: Show Panel": reopens the panel of a connection, live or closed. */
export async function showPanelCommand(registry: ConnectionRegistry, id?: unknown): Promise<void> {
  const connection = await resolveConnection(registry, id, registry.all(), 'Show the panel of which connection?');
  if (connection) registry.showPanel(connection.id);
}

/** "Socket Lens: Disconnect": closes a connection normally (1000). */
export async function disconnectCommand(registry: ConnectionRegistry, id?: unknown): Promise<void> {
  const live = registry.all().filter((c) => c.snapshot().state === 'open' || c.snapshot().state === 'connecting');
  const connection = await resolveConnection(registry, id, live, 'Disconnect which connection?');
  connection?.close(1000, '');
}

async function resolveConnection(
  registry: ConnectionRegistry,
  id: unknown,
  candidates: ClientConnection[],
  title: string,
): Promise<ClientConnection | undefined> {
  if (typeof id === 'string') {
    const found = registry.get(id);
    if (!found) void vscode.window.showErrorMessage(`Socket Lens: no connection with id ${id}. It may have been removed.`);
    return found;
  }
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('Socket Lens: there is no connection yet. Run "Socket Lens: Connect…" first.');
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((connection) => ({ label: connection.url.href, description: connection.snapshot().state, connection })),
    { title, placeHolder: 'Choose a connection' },
  );
  return picked?.connection;
}
