import * as vscode from 'vscode';
import { errorMessage, SocketLensError } from '../../core/errors';
import type { LogEntry } from '../../core/log/sessionLog';

/**
 * Asks where to save `entry`'s whole payload (never the cut the panel shows) and writes it there,
 * byte for byte; returns the path, or nothing when the user cancels.
 */
export async function savePayload(entry: LogEntry, folder: vscode.Uri | undefined): Promise<{ savedTo?: string }> {
  const name = `message-${entry.id}.${extensionOf(entry)}`;
  const target = await vscode.window.showSaveDialog({
    title: `Save the payload of message #${entry.id}`,
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name),
    saveLabel: 'Save Payload',
  });
  if (!target) return {};
  try {
    await vscode.workspace.fs.writeFile(target, entry.payload);
  } catch (error) {
    throw new SocketLensError('log/save', `Could not save the payload to ${target.fsPath}: ${errorMessage(error)}. Pick a folder you can write to.`);
  }
  return { savedTo: target.fsPath };
}

/** `.json` for text that parses as JSON, `.txt` for other text, `.bin` for the rest. */
function extensionOf(entry: LogEntry): string {
  if (entry.kind !== 'text') return 'bin';
  try {
    JSON.parse(Buffer.from(entry.payload).toString('utf8'));
    return 'json';
  } catch {
    return 'txt';
  }
}
