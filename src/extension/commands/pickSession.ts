import { ClientConnection } from '../../core/client/clientConnection';
import type { ConnectionRegistry } from '../connectionRegistry';
import type { ImportedSessions } from '../panel/importedSessions';
import { importedItem, type ImportedEntry } from '../panel/importedSource';
import { pickTarget } from '../pickTarget';
import { activeFirst, connectionItem } from './connectionCommands';

/** A session a command can show or export: a connection of this window, or an imported or earlier one. */
export type AnySession = ClientConnection | ImportedEntry;

/** The session `id` names (a connection or an imported session), else the only one, else the one picked. */
export function pickSession(registry: ConnectionRegistry, imported: ImportedSessions, id: unknown, title: string): Promise<AnySession | undefined> {
  return pickTarget<AnySession>({
    given: typeof id === 'string' ? { found: registry.get(id) ?? imported.get(id), gone: `no connection or imported session with id ${id}. It may have been removed.` } : undefined,
    all: [...activeFirst(registry, registry.all()), ...imported.all()],
    none: 'there is no session yet. Run "Socket Lens: Connect…" or "Socket Lens: Import Session…" first.',
    item: (session) => (session instanceof ClientConnection ? connectionItem(session) : importedItem(session)),
    title,
    placeHolder: 'Choose a connection or an imported session',
  });
}
