import * as vscode from 'vscode';
import type { ClientConnection } from '../../core/client/clientConnection';
import { errorMessage } from '../../core/errors';
import { basename } from 'node:path';
import { readHarHead } from '../../core/import/harHead';
import { readHarFile } from '../../core/import/harImport';
import { formatBytes } from '../../shared/format';
import { hostAndPath } from '../connections/connectionRow';
import type { ConnectionRegistry } from '../connectionRegistry';
import type { ImportedSessions } from '../panel/importedSessions';
import type { SessionArchive } from './sessionArchive';

/**
 * Keeps every connection's session in the archive: when it closes, and for the open ones when
 * the window goes (deactivate). A session is written again only when its log has grown.
 */
export class SessionKeeper implements vscode.Disposable {
  /** The log's next id at the last save of each connection. */
  private readonly saved = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly archive: SessionArchive,
    private readonly log: vscode.LogOutputChannel,
    /** Called after each session is written (the archive has something to show). */
    private readonly onSaved: () => void = () => {},
  ) {
    const subscriptions = [registry.onDidChange(() => this.saveClosed()), registry.onDidRemove((id) => this.saved.delete(id))];
    this.unsubscribe = () => subscriptions.forEach((s) => s.dispose());
  }

  /** Saves every connection with something not saved yet, open ones included. */
  flush(): Promise<void> {
    return Promise.all(this.registry.all().map((c) => this.save(c))).then(() => undefined);
  }

  dispose(): void {
    this.unsubscribe();
  }

  private saveClosed(): void {
    for (const connection of this.registry.all()) if (connection.snapshot().state === 'closed') void this.save(connection);
  }

  private async save(connection: ClientConnection): Promise<void> {
    const mark = connection.log.nextId;
    if (this.saved.get(connection.id) === mark) return;
    this.saved.set(connection.id, mark);
    try {
      // Tracked, so removing the connection meanwhile waits for the file instead of emptying the log under it.
      await this.registry.reads.track(connection.id, this.archive.save(connection.id, { snapshot: connection.snapshot(), log: connection.log }));
      this.onSaved();
    } catch (error) {
      this.log.warn(`Could not keep the session of ${connection.id} for the next window: ${errorMessage(error)}`);
    }
  }
}

/**
 * "Show Previous Sessions…": a session kept from this or an earlier window, opened read-only
 * like an imported HAR. `file` skips the pick (for tests and scripts); returns the ids opened.
 */
export async function showPreviousSessionsCommand(archive: SessionArchive, imported: ImportedSessions, log: vscode.LogOutputChannel, file?: unknown): Promise<string[] | undefined> {
  const chosen = typeof file === 'string' ? file : await pickArchived(archive);
  if (!chosen) return undefined;
  try {
    const sessions = await readHarFile(chosen);
    return sessions.map((session) => {
      const entry = imported.add(chosen, session, 'previous');
      imported.showPanel(entry.id);
      return entry.id;
    });
  } catch (error) {
    void vscode.window.showErrorMessage(`Socket Lens: could not open the session kept in ${chosen}: ${errorMessage(error)}`);
    log.warn(`Could not open ${chosen}: ${errorMessage(error)}`);
    return undefined;
  }
}

async function pickArchived(archive: SessionArchive): Promise<string | undefined> {
  const kept = await archive.list();
  if (kept.length === 0) {
    void vscode.window.showInformationMessage('Socket Lens: no session has been kept yet. A connection is kept when it closes or when the window closes.');
    return undefined;
  }
  const items = await Promise.all(
    kept.map(async (k) => {
      const head = await readHarHead(k.file);
      return {
        label: head ? hostAndPath(head.url) : basename(k.file, '.har'),
        description: head?.started === undefined ? undefined : `started ${new Date(head.started).toLocaleString()}`,
        detail: `kept ${k.savedAt.toLocaleString()} · ${formatBytes(k.bytes)}`,
        file: k.file,
      };
    }),
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'Open which earlier session?', matchOnDescription: true, matchOnDetail: true });
  return picked?.file;
}
