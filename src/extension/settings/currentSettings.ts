import * as vscode from 'vscode';
import { readSettings, type SocketLensSettings } from './settings';

/** Problems already reported, so a bad value warns once, not on every connect. */
const reported = new Set<string>();

/**
 * The `socketLens.*` settings as they are now. A value that cannot be used is logged, and the
 * first time it is seen a warning offers to open the settings.
 */
export function currentSettings(log: vscode.LogOutputChannel): SocketLensSettings {
  const config = vscode.workspace.getConfiguration('socketLens');
  const { settings, problems } = readSettings((key) => config.get(key));
  const fresh = problems.filter((p) => !reported.has(p));
  for (const problem of fresh) {
    reported.add(problem);
    log.warn(problem);
  }
  if (fresh.length > 0) {
    const more = fresh.length > 1 ? ` (${fresh.length - 1} more in the Socket Lens output)` : '';
    void vscode.window.showWarningMessage(`Socket Lens: ${fresh[0]}${more}`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'socketLens');
    });
  }
  return settings;
}
