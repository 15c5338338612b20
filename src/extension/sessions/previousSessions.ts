import * as vscode from 'vscode';
import { basename } from 'node:path';
import { errorMessage } from '../../core/errors';
import { readHarHead } from '../../core/import/harHead';
import { readHarFile } from '../../core/import/harImport';
import { formatBytes } from '../../shared/format';
import { hostAndPath } from '../connections/connectionRow';
import type { ImportedSessions } from '../panel/importedSessions';
import type { SessionArchive } from './sessionArchive';

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
    void vscode.window.showInformationMessage('Socket Lens: no session has been kept yet. A connection is kept when it closes, every 30 seconds while it is open, and when the window closes.');
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
