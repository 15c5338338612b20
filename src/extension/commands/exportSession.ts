import { errorMessage } from '../../core/errors';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { ClientConnection } from '../../core/client/clientConnection';
import { EXPORT_EXTENSIONS, isExportFormat, writeExport, type ExportFormat, type ExportSource } from '../../core/export/sessionExport';
import { importedConnection } from '../../core/import/importedConnection';
import { redactUrl } from '../../core/redaction/redactUrl';
import type { ConnectionRegistry } from '../connectionRegistry';
import type { ImportedSessions } from '../panel/importedSessions';
import type { ImportedEntry } from '../panel/importedSource';
import { readForExport, readImportedForExport } from './exportRead';
import { pickSession } from './pickSession';

/** For scripts and tests: the format and file to use instead of asking (the save dialog cannot be driven). */
export interface ExportTarget {
  readonly format: ExportFormat;
  readonly file: string;
}

const FORMATS: readonly (vscode.QuickPickItem & { format: ExportFormat })[] = [
  { label: 'HAR', description: '.har', detail: 'HTTP Archive 1.2 with the messages as Chrome DevTools writes them (_webSocketMessages)', format: 'har' },
  { label: 'JSON Lines', description: '.jsonl', detail: 'One JSON object per line: the session, each message with its frames, a summary', format: 'jsonl' },
];

/** Something Export Session can write: a connection of this window, or an imported or earlier session. */
interface Exportable {
  /** As shown (redacted). */
  readonly url: string;
  readonly source: () => ExportSource;
  /** Runs the export as a read of the session's log, so removing the session waits for it. */
  readonly read: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * "Socket Lens: Export Session…": a connection's (or an imported session's) handshake and log to
 * a file, secrets redacted. Returns the file written, or undefined when cancelled or failed (the
 * failure is shown).
 */
export async function exportSessionCommand(registry: ConnectionRegistry, imported: ImportedSessions, log: vscode.LogOutputChannel, version: string, id?: unknown, target?: unknown): Promise<string | undefined> {
  const chosen = await pickExportable(registry, imported, id);
  if (!chosen) return undefined;
  try {
    return await chosen.read(() => exportTo(chosen, log, version, target));
  } catch (error) {
    log.error(`Export of ${chosen.url} failed: ${(error as Error).message}`);
    void vscode.window.showErrorMessage(`Socket Lens: ${(error as Error).message}`);
    return undefined;
  }
}

async function pickExportable(registry: ConnectionRegistry, imported: ImportedSessions, id: unknown): Promise<Exportable | undefined> {
  const picked = await pickSession(registry, imported, id, 'Export which session?');
  if (!picked) return undefined;
  return picked instanceof ClientConnection ? connectionExportable(registry, picked) : importedExportable(imported, picked);
}

function connectionExportable(registry: ConnectionRegistry, connection: ClientConnection): Exportable {
  return {
    url: connection.snapshot().url,
    source: () => ({ snapshot: connection.snapshot(), log: connection.log }),
    read: (work) => readForExport(registry, connection, work),
  };
}

function importedExportable(imported: ImportedSessions, entry: ImportedEntry): Exportable {
  return {
    url: redactUrl(entry.session.url),
    source: () => ({ snapshot: importedConnection(entry.session), log: entry.log }),
    read: (work) => readImportedForExport(imported, entry, work),
  };
}

/** Asks where (unless `target` says), writes, and offers to show the file; undefined when cancelled. */
async function exportTo(chosen: Exportable, log: vscode.LogOutputChannel, version: string, target: unknown): Promise<string | undefined> {
  const where = isExportTarget(target) ? { format: target.format, uri: vscode.Uri.file(target.file) } : await askTarget(chosen.url);
  if (!where) return undefined;
  await writeExport(where.format, chosen.source(), { version }, where.uri.fsPath);
  log.info(`Exported ${chosen.url} to ${where.uri.fsPath}`);
  if (!isExportTarget(target)) offerToShow(where.uri).catch((error: unknown) => void vscode.window.showErrorMessage(`Socket Lens: could not open ${where.uri.fsPath}: ${errorMessage(error)}`));
  return where.uri.fsPath;
}

function isExportTarget(value: unknown): value is ExportTarget {
  const target = value as Partial<ExportTarget> | undefined;
  return typeof target === 'object' && target !== null && isExportFormat(target.format) && typeof target.file === 'string' && target.file.length > 0;
}

async function askTarget(url: string): Promise<{ format: ExportFormat; uri: vscode.Uri } | undefined> {
  const picked = await vscode.window.showQuickPick(FORMATS, { title: 'Export the session as', placeHolder: 'Choose a format' });
  if (!picked) return undefined;
  const extension = EXPORT_EXTENSIONS[picked.format];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
  const uri = await vscode.window.showSaveDialog({
    title: 'Export Session',
    defaultUri: vscode.Uri.joinPath(folder, `${defaultName(url, new Date())}.${extension}`),
    filters: { [picked.label]: [extension] },
  });
  return uri && { format: picked.format, uri };
}

/** `echo.example.com-2025-01-02T03-04-05`: the host and the moment, safe in any file system. */
export function defaultName(url: string, date: Date): string {
  const stamp = date.toISOString().slice(0, 19).replace(/:/g, '-');
  return `${hostOf(url).replace(/[^\w.-]/g, '_')}-${stamp}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'session';
  } catch {
    return 'session';
  }
}

async function offerToShow(uri: vscode.Uri): Promise<void> {
  const choice = await vscode.window.showInformationMessage(`Socket Lens: exported the session to ${uri.fsPath}.`, 'Open', 'Reveal in Explorer');
  if (choice === 'Open') await vscode.window.showTextDocument(uri);
  if (choice === 'Reveal in Explorer') await vscode.commands.executeCommand('revealFileInOS', uri);
}
