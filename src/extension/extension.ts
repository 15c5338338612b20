// First, so that its clock starts before any other module's code runs; the second clock marks
// when `vscode` (the API object VS Code builds for us on its first require) has loaded.
import { activationTimes } from './activationClock';
import * as vscode from 'vscode';
import { vscodeLoadedAt } from './vscodeClock';
import { errorMessage } from '../core/errors';
import { redactSavedUrl } from '../core/redaction/redactUrl';
import { connectCommand } from './commands/connect';
import { exportSessionCommand } from './commands/exportSession';
import { createMockFromImportedCommand, importSessionCommand, replayImportedCommand, type MockTarget, type ReplayArguments } from './commands/importSession';
import { clearClosedCommand, hasRemovable, removeSessionCommand, type RemovableSessions } from './commands/removeCommands';
import { sendMessageCommand } from './commands/sendMessageCommand';
import { copyAsCliCommand, copyConnectionUrlCommand, disconnectCommand, reconnectCommand, showPanelCommand } from './commands/connectionCommands';
import { ConnectionTreeProvider } from './connections/connectionTree';
import { ConnectionRegistry } from './connectionRegistry';
import { createApi, type SocketLensApi } from './api';
import { connectToMockCommand, copyMockUrlCommand, mockBroadcastCommand, mockDisconnectCommand, mockSendCommand, mockShowClientCommand, showMockPanelCommand, startMockCommand, stopMockCommand } from './mock/mockCommands';
import { MockRegistry } from './mock/mockRegistry';
import { MockTreeProvider } from './mock/mockTree';
import { connectSavedCommand, moveSavedSecretsCommand, openSavedFileCommand, removeSavedCommand, type SavedContext, saveConnectionCommand } from './saved/savedCommands';
import { SavedMessages } from './saved/savedMessages';
import { needsTrust, type SavedEntry, SavedStore } from './saved/savedStore';
import { SavedTreeProvider } from './saved/savedTree';
import { deleteSecretCommand, SecretVault, setSecretCommand } from './saved/secretVault';
import { ConnectionPanel } from './panel/connectionPanel';
import { ImportedSessions } from './panel/importedSessions';
import { toImportedInfo } from './panel/importedSource';
import { currentSettings } from './settings/currentSettings';
import { SessionArchive } from './sessions/sessionArchive';
import { showPreviousSessionsCommand } from './sessions/previousSessions';
import { ContextKeys } from './contextKeys';
import { SessionKeeper } from './sessions/sessionKeeper';
import { SocketLensStatusBar } from './statusBar';
import { putCliOnPath } from './terminal/cliOnPath';

/** Saves the open connections' sessions when the window goes. */
let keeper: SessionKeeper | undefined;

export function activate(context: vscode.ExtensionContext): SocketLensApi {
  const activateStartedAt = performance.now();
  const log = vscode.window.createOutputChannel('Socket Lens', { log: true });
  const contextKeys = new ContextKeys((key, value) => vscode.commands.executeCommand('setContext', key, value));
  const store = new SavedStore(context);
  const vault = new SecretVault(context);
  const origins = new Map<string, SavedEntry>();
  const savedMessages = new SavedMessages(store, vault, origins, (id, values) => registry.get(id)?.log.hide(values), () => vscode.workspace.isTrusted);
  const registry = new ConnectionRegistry(context.extensionUri, log, (id) => savedMessages.for(id));
  const mocks = new MockRegistry(context.extensionUri, log);
  const imported = new ImportedSessions((source) => ConnectionPanel.open(source, context.extensionUri, log), () => currentSettings(log).logBudgetBytes);
  const removable: RemovableSessions = { registry, imported, log };
  const mockTree = new MockTreeProvider(mocks);
  const connectionTree = new ConnectionTreeProvider(registry, imported);
  const statusBar = new SocketLensStatusBar(registry, mocks);
  const saved: SavedContext = { store, vault, registry, log, origins };
  const savedTree = new SavedTreeProvider(store);
  const archive = new SessionArchive(vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'sessions').fsPath, String(context.extension.packageJSON.version));
  const updateArchiveContext = () => {
    archive.list().then(
      (kept) => contextKeys.set('socketLens.hasPreviousSessions', kept.length > 0),
      (error: unknown) => log.warn(`Could not list the kept sessions: ${errorMessage(error)}`),
    );
  };
  keeper = new SessionKeeper(registry, archive, log, updateArchiveContext);
  const mockCertificateFor = (url: URL) => mocks.certificateFileFor(url);
  const cliLauncher = putCliOnPath(context, log);
  const updateContext = () => {
    const states = registry.all().map((c) => c.snapshot().state);
    contextKeys.set('socketLens.hasConnections', states.length > 0);
    contextKeys.set('socketLens.hasLiveConnections', states.some((s) => s === 'open' || s === 'connecting'));
    contextKeys.set('socketLens.hasOpenConnections', states.includes('open'));
    contextKeys.set('socketLens.hasImportedSessions', imported.all().length > 0);
    contextKeys.set('socketLens.hasRemovableSessions', hasRemovable(removable));
  };
  const updateMockContext = () => {
    const running = mocks.all();
    contextKeys.set('socketLens.hasMocks', running.length > 0);
    contextKeys.set('socketLens.hasMockClients', running.some((m) => m.server.clientCount > 0));
  };
  context.subscriptions.push(
    log,
    registry,
    mocks,
    imported,
    mockTree,
    connectionTree,
    statusBar,
    registry.onDidChange(updateContext),
    { dispose: imported.onDidChange(updateContext) },
    // Saved's record of where a connection came from goes with the connection.
    registry.onDidRemove((id) => saved.origins.delete(id)),
    mocks.onDidChange(updateMockContext),
    vscode.window.registerTreeDataProvider('socketLens.mocks', mockTree),
    vscode.window.registerTreeDataProvider('socketLens.connections', connectionTree),
    store,
    savedTree,
    vscode.window.registerTreeDataProvider('socketLens.saved', savedTree),
    vscode.commands.registerCommand('socketLens.connectSaved', (target?: unknown) => connectSavedCommand(saved, target)),
    vscode.commands.registerCommand('socketLens.saveConnection', (id?: unknown, options?: unknown) => saveConnectionCommand(saved, id, options)),
    vscode.commands.registerCommand('socketLens.openSavedFile', () => openSavedFileCommand(store)),
    // Not in the palette: the button of the warning about secrets written in a saved connection.
    vscode.commands.registerCommand('socketLens.moveSavedSecrets', (target?: unknown) => moveSavedSecretsCommand(saved, target)),
    vscode.commands.registerCommand('socketLens.removeSaved', (target?: unknown, options?: { confirmed?: boolean }) => removeSavedCommand(saved, target, options)),
    vscode.commands.registerCommand('socketLens.setSecret', (name?: unknown, value?: unknown) => setSecretCommand(saved.vault, name, value)),
    vscode.commands.registerCommand('socketLens.deleteSecret', (name?: unknown) => deleteSecretCommand(saved.vault, name)),
    vscode.commands.registerCommand('socketLens.startMock', (target?: unknown) => startMockCommand(mocks, log, target)),
    vscode.commands.registerCommand('socketLens.stopMock', (node?: unknown) => stopMockCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.copyMockUrl', (node?: unknown) => copyMockUrlCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.mockSend', (node?: unknown) => mockSendCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.mockBroadcast', (node?: unknown) => mockBroadcastCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.mockDisconnect', (node?: unknown) => mockDisconnectCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.mockShowClient', (node?: unknown) => mockShowClientCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.showMockPanel', (node?: unknown) => showMockPanelCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.connectToMock', (node?: unknown) => connectToMockCommand(mocks, node)),
    vscode.commands.registerCommand('socketLens.connect', (url?: unknown, options?: unknown) => connectCommand(context, registry, log, url, mockCertificateFor, options)),
    vscode.commands.registerCommand('socketLens.showPanel', (id?: unknown) => showPanelCommand(registry, imported, id)),
    vscode.commands.registerCommand('socketLens.removeSession', (id?: unknown) => removeSessionCommand(removable, id)),
    vscode.commands.registerCommand('socketLens.clearClosed', () => clearClosedCommand(removable)),
    vscode.commands.registerCommand('socketLens.disconnect', (id?: unknown) => disconnectCommand(registry, id)),
    vscode.commands.registerCommand('socketLens.reconnect', (id?: unknown) => reconnectCommand(registry, id)),
    vscode.commands.registerCommand('socketLens.copyUrl', (id?: unknown) => copyConnectionUrlCommand(registry, id)),
    vscode.commands.registerCommand('socketLens.copyAsCli', (id?: unknown) => copyAsCliCommand(registry, cliLauncher, id)),
    vscode.commands.registerCommand('socketLens.send', (id?: unknown, message?: unknown) => sendMessageCommand(registry, savedMessages, id, message)),
    vscode.commands.registerCommand('socketLens.exportSession', (id?: unknown, target?: unknown) =>
      exportSessionCommand(registry, imported, log, String(context.extension.packageJSON.version), id, target),
    ),
    vscode.commands.registerCommand('socketLens.importSession', (file?: unknown) => importSessionCommand(imported, log, file)),
    keeper,
    vscode.commands.registerCommand('socketLens.showPreviousSessions', (file?: unknown) => showPreviousSessionsCommand(archive, imported, log, file)),
    vscode.commands.registerCommand('socketLens.replayImported', (id?: unknown, args?: ReplayArguments) => replayImportedCommand(imported, registry, log, id, args, mockCertificateFor)),
    vscode.commands.registerCommand('socketLens.createMockFromImported', (id?: unknown, target?: MockTarget) => createMockFromImportedCommand(imported, log, id, target)),
  );
  updateContext();
  updateMockContext();
  updateArchiveContext();
  const activation = activationTimes(vscodeLoadedAt, activateStartedAt, performance.now());
  log.info(`Activated in ${activation.activateMs} ms; before, loading the vscode API took ${activation.vscodeApiMs} ms and our modules ${activation.modulesMs} ms`);
  return createApi(registry, mocks, {
    activation: () => activation,
    cliLauncher: () => cliLauncher,
    connectionRows: () => connectionTree.rows(),
    importedSessions: () => imported.all().map(toImportedInfo),
    statusBar: () => statusBar.summary,
    archivedSessions: async () => (await archive.list()).map((a) => a.file),
    savedConnections: async () => (await store.all()).entries.map((e) => ({ name: e.connection.name, scope: e.scope, url: redactSavedUrl(e.connection.url), needsTrust: needsTrust(e) })),
  });
}

export async function deactivate(): Promise<void> {
  // Everything else is owned by context.subscriptions, which VS Code disposes right after calling
  // this, without waiting: the saves started here are tracked, so the registry disposes each
  // connection's log only once its save has read it.
  await keeper?.flush();
}
