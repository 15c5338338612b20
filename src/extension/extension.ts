import * as vscode from 'vscode';
import { connectCommand } from './commands/connect';
import { disconnectCommand, showPanelCommand } from './commands/connectionCommands';
import { ConnectionRegistry } from './connectionRegistry';
import { createApi, type SocketLensApi } from './api';

export function activate(context: vscode.ExtensionContext): SocketLensApi {
  const log = vscode.window.createOutputChannel('Socket Lens', { log: true });
  const registry = new ConnectionRegistry(context.extensionUri, log);
  const updateContext = () => {
    const states = registry.all().map((c) => c.snapshot().state);
    void vscode.commands.executeCommand('setContext', 'socketLens.hasConnections', states.length > 0);
    void vscode.commands.executeCommand('setContext', 'socketLens.hasLiveConnections', states.some((s) => s === 'open' || s === 'connecting'));
  };
  context.subscriptions.push(
    log,
    registry,
    registry.onDidChange(updateContext),
    vscode.commands.registerCommand('socketLens.connect', (url?: unknown) => connectCommand(context, registry, log, url)),
    vscode.commands.registerCommand('socketLens.showPanel', (id?: unknown) => showPanelCommand(registry, id)),
    vscode.commands.registerCommand('socketLens.disconnect', (id?: unknown) => disconnectCommand(registry, id)),
  );
  updateContext();
  return createApi(registry);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
