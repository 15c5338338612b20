import * as vscode from 'vscode';
import { connectCommand } from './commands/connect';
import { disconnectCommand, showPanelCommand } from './commands/connectionCommands';
import { ConnectionRegistry } from './connectionRegistry';
import { createApi, type SocketLensApi } from './api';
import { copyMockUrlCommand, mockBroadcastCommand, mockDisconnectCommand, mockSendCommand, mockShowClientCommand, showMockPanelCommand, startMockCommand, stopMockCommand } from './mock/mockCommands';
import { MockRegistry } from './mock/mockRegistry';
import { MockTreeProvider } from './mock/mockTree';

export function activate(context: vscode.ExtensionContext): SocketLensApi {
  const log = vscode.window.createOutputChannel('Socket Lens', { log: true });
  const registry = new ConnectionRegistry(context.extensionUri, log);
  const mocks = new MockRegistry(context.extensionUri, log);
  const mockTree = new MockTreeProvider(mocks);
  const updateContext = () => {
    const states = registry.all().map((c) => c.snapshot().state);
    void vscode.commands.executeCommand('setContext', 'socketLens.hasConnections', states.length > 0);
    void vscode.commands.executeCommand('setContext', 'socketLens.hasLiveConnections', states.some((s) => s === 'open' || s === 'connecting'));
  };
  const updateMockContext = () => {
    const running = mocks.all();
    void vscode.commands.executeCommand('setContext', 'socketLens.hasMocks', running.length > 0);
    void vscode.commands.executeCommand('setContext', 'socketLens.hasMockClients', running.some((m) => m.server.clientCount > 0));
  };
  context.subscriptions.push(
    log,
    registry,
    mocks,
    mockTree,
    registry.onDidChange(updateContext),
    mocks.onDidChange(updateMockContext),
    vscode.window.registerTreeDataProvider('socketLens.mocks', mockTree),
    vscode.commands.registerCommand('socketLens.startMock', (target?: unknown) => startMockCommand(mocks, log, target)),
    vscode.commands.registerCommand('socketLens.stopMock', (node?: unknown) => stopMockCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.copyMockUrl', (node?: unknown) => copyMockUrlCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.mockSend', (node?: unknown) => mockSendCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.mockBroadcast', (node?: unknown) => mockBroadcastCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.mockDisconnect', (node?: unknown) => mockDisconnectCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.mockShowClient', (node?: unknown) => mockShowClientCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.showMockPanel', (node?: unknown) => showMockPanelCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.connect', (url?: unknown) => connectCommand(context, registry, log, url, (target) => mocks.certificateFileFor(target))),
    vscode.commands.registerCommand('socketLens.showPanel', (id?: unknown) => showPanelCommand(registry, id)),
    vscode.commands.registerCommand('socketLens.disconnect', (id?: unknown) => disconnectCommand(registry, id)),
  );
  updateContext();
  updateMockContext();
  return createApi(registry, mocks);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
