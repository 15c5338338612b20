import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import type { ConnectionRegistry } from '../connectionRegistry';
import { removalRefusal } from '../connections/removable';
import type { ImportedSessions } from '../panel/importedSessions';

/** What the Remove commands act on: the registry's connections and the imported or restored sessions. */
export interface RemovableSessions {
  readonly registry: ConnectionRegistry;
  readonly imported: ImportedSessions;
  readonly log: vscode.LogOutputChannel;
}

/**
 * "Remove" on a row of the Connections view: a closed connection or an imported session leaves
 * the view, its panel closes and its log is released. A live connection is refused (disconnect
 * it first). Resolves true when the session was removed.
 */
export async function removeSessionCommand(sessions: RemovableSessions, id?: unknown): Promise<boolean> {
  if (typeof id !== 'string') {
    void vscode.window.showErrorMessage('Socket Lens: Remove needs a session. Use Remove on a row of the Connections view, or Clear Closed in its title bar.');
    return false;
  }
  try {
    await removeOne(sessions, id);
    return true;
  } catch (error) {
    sessions.log.warn(`Could not remove ${id}: ${errorMessage(error)}`);
    void vscode.window.showErrorMessage(`Socket Lens: ${errorMessage(error)}`);
    return false;
  }
}

/** "Clear Closed": removes every closed connection and every imported session; live ones stay. Resolves with how many went. */
export async function clearClosedCommand({ registry, imported }: RemovableSessions): Promise<number> {
  const closed = registry.all().filter((c) => !removalRefusal(c.snapshot()));
  const readOnly = imported.all();
  await Promise.all([...readOnly.map((entry) => imported.remove(entry.id)), ...closed.map((c) => registry.remove(c.id))]);
  return closed.length + readOnly.length;
}

/** Whether the view has something Clear Closed would remove. */
export function hasRemovable({ registry, imported }: Pick<RemovableSessions, 'registry' | 'imported'>): boolean {
  return imported.all().length > 0 || registry.all().some((c) => !removalRefusal(c.snapshot()));
}

function removeOne({ registry, imported }: RemovableSessions, id: string): Promise<void> {
  return imported.get(id) ? imported.remove(id) : registry.remove(id);
}
