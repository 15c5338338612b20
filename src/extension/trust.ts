import * as vscode from 'vscode';

/**
 * Says why something of the workspace was not used in Restricted Mode, with a button to manage
 * trust. It does not wait for an answer: the command that refused returns at once.
 */
export function offerTrust(why: string): void {
  void vscode.window.showWarningMessage(`Socket Lens: ${why}`, 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
}
