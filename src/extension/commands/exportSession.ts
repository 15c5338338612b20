import { errorMessage } from '../../core/errors';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { ClientConnection } from '../../core/client/clientConnection';
import { EXPORT_EXTENSIONS, isExportFormat, writeExport, type ExportFormat } from '../../core/export/sessionExport';
import type { ConnectionRegistry } from '../connectionRegistry';
import { resolveConnection } from './connectionCommands';
import { readForExport } from './exportRead';

/** For scripts and tests: the format and file to use instead of asking (the save dialog cannot be driven). */
export interface ExportTarget {
  readonly format: ExportFormat;
  readonly file: string;
}

const FORMATS: readonly (vscode.QuickPickItem & { format: ExportFormat })[] = [
  { label: 'HAR', description: '.har', detail: 'HTTP Archive 1.2 with the messages as Chrome DevTools writes them (_webSocketMessages)', format: 'har' },
  { label: 'JSON Lines', description: '.jsonl', detail: 'One JSON object per line: the session, each message with its frames, a summary', format: 'jsonl' },
];

/**
 * "Socket Lens: Export Session…": a connection's handshake and log to a file, secrets redacted.
 * Returns the file written, or undefined when cancelled or failed (the failure is shown).
 */
export async function exportSessionCommand(registry: ConnectionRegistry, log: vscode.LogOutputChannel, version: string, id?: unknown, target?: unknown): Promise<string | undefined> {
  const connection = await resolveConnection(registry, id, registry.all(), 'Export which connection?');
  if (!connection) return undefined;
  try {
    return await readForExport(registry, connection, () => exportConnection(connection, log, version, target));
  } catch (error) {
    log.error(`Export of ${connection.snapshot().url} failed: ${(error as Error).message}`);
    void vscode.window.showErrorMessage(`Socket Lens: ${(error as Error).message}`);
    return undefined;
  }
}

/** Asks where (unless `target` says), writes, and offers to show the file; undefined when cancelled. */
async function exportConnection(connection: ClientConnection, log: vscode.LogOutputChannel, version: string, target: unknown): Promise<string | undefined> {
  const chosen = isExportTarget(target) ? { format: target.format, uri: vscode.Uri.file(target.file) } : await askTarget(connection);
  if (!chosen) return undefined;
  await writeExport(chosen.format, { snapshot: connection.snapshot(), log: connection.log }, { version }, chosen.uri.fsPath);
  log.info(`Exported ${connection.snapshot().url} to ${chosen.uri.fsPath}`);
  if (!isExportTarget(target)) offerToShow(chosen.uri).catch((error: unknown) => void vscode.window.showErrorMessage(`Socket Lens: could not open ${chosen.uri.fsPath}: ${errorMessage(error)}`));
  return chosen.uri.fsPath;
}

function isExportTarget(value: unknown): value is ExportTarget {
  const target = value as Partial<ExportTarget> | undefined;
  return typeof target === 'object' && target !== null && isExportFormat(target.format) && typeof target.file === 'string' && target.file.length > 0;
}

async function askTarget(connection: ClientConnection): Promise<{ format: ExportFormat; uri: vscode.Uri } | undefined> {
  const picked = await vscode.window.showQuickPick(FORMATS, { title: 'Export the session as', placeHolder: 'Choose a format' });
  if (!picked) return undefined;
  const extension = EXPORT_EXTENSIONS[picked.format];
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
  const uri = await vscode.window.showSaveDialog({
    title: 'Export Session',
    defaultUri: vscode.Uri.joinPath(folder, `${defaultName(connection.url, new Date())}.${extension}`),
    filters: { [picked.label]: [extension] },
  });
  return uri && { format: picked.format, uri };
}

/** `echo.example.com-2025-01-02T03-04-05`: the host and the moment, safe in any file system. */
export function defaultName(url: URL, date: Date): string {
  const stamp = date.toISOString().slice(0, 19).replace(/:/g, '-');
  return `${url.hostname.replace(/[^\w.-]/g, '_')}-${stamp}`;
}

async function offerToShow(uri: vscode.Uri): Promise<void> {
  const choice = await vscode.window.showInformationMessage(`Socket Lens: exported the session to ${uri.fsPath}.`, 'Open', 'Reveal in Explorer');
  if (choice === 'Open') await vscode.window.showTextDocument(uri);
  if (choice === 'Reveal in Explorer') await vscode.commands.executeCommand('revealFileInOS', uri);
}
