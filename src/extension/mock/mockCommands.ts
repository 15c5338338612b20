import * as vscode from 'vscode';
import { pickTarget } from '../pickTarget';
import { bytesFromBase64, bytesFromHex } from '../../core/client/outgoing';
import { toErrorInfo } from '../../core/errors';
import { ECHO_MOCK, type MockDefinition } from '../../core/mock/mockDefinition';
import { checkClose } from '../../core/client/connectionErrors';
import { isValidWireCloseCode, MAX_CLOSE_REASON_BYTES } from '../../core/protocol/closeCodes';
import { DEFAULT_MOCK_HOST } from '../../core/mock/mockServer';
import { currentSettings } from '../settings/currentSettings';
import { isLoopbackHost } from '../../core/url/loopback';
import { describeProblem } from '../../core/mock/validateDefinition';
import { loadMockFile, problemSummary } from './mockFile';
import type { MockRegistry, RunningMock } from './mockRegistry';
import type { MockNode } from './mockTree';
import { offerTrust } from '../trust';
import { reachableUrl } from './reachableUrl';

const ECHO_KEY = 'echo';

/**
 * "Socket Lens: Start Mock Server…": from a *.wsmock.json (the argument, or a quick pick of the
 * workspace's files) or a plain echo server. Returns the mock's key, or undefined when nothing
 * was started.
 */
export async function startMockCommand(registry: MockRegistry, log: vscode.LogOutputChannel, target?: unknown): Promise<string | undefined> {
  const uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? (target === ECHO_KEY ? ECHO_KEY : vscode.Uri.file(target)) : await pickMockFile();
  if (uri === undefined) return undefined;
  const key = uri === ECHO_KEY ? ECHO_KEY : uri.toString();
  const running = registry.get(key);
  if (running) {
    void vscode.window.showInformationMessage(`Socket Lens: ${running.label} is already running on ${running.server.firstPathUrl}.`);
    return key;
  }
  if (uri !== ECHO_KEY && !vscode.workspace.isTrusted) {
    // A mock file can name files to read (TLS keys, payloads) and addresses to listen on.
    offerTrust(`this workspace is in Restricted Mode, so its mock files are not started. Trust the workspace to run ${uri.path.split('/').pop()}; the echo mock runs either way.`);
    return undefined;
  }
  const written = uri === ECHO_KEY ? ECHO_MOCK : await definitionOf(uri, log);
  if (!written) return undefined;
  const settings = currentSettings(log);
  // The file's own host wins; the setting says where the others listen.
  const definition = written.host !== undefined || settings.mockHost === DEFAULT_MOCK_HOST ? written : { ...written, host: settings.mockHost };
  const label = definition.name ?? (uri === ECHO_KEY ? 'echo' : uri.path.split('/').pop()!.replace(/\.wsmock\.json$/, ''));
  if (!(await confirmHost(definition, label, written.host === undefined))) return undefined;
  try {
    const mock = await registry.start(key, label, definition, uri === ECHO_KEY ? undefined : uri, { logBudgetBytes: settings.logBudgetBytes });
    void vscode.commands.executeCommand('socketLens.mocks.focus');
    announce(mock);
    return key;
  } catch (error) {
    const { message } = toErrorInfo(error);
    log.error(`[${label}] did not start: ${message}`);
    void vscode.window.showErrorMessage(`Socket Lens: ${label} did not start. ${message}`);
    return undefined;
  }
}

/** "Socket Lens: Stop Mock Server": closes every client with 1001 and stops listening. */
export async function stopMockCommand(registry: MockRegistry, node?: unknown): Promise<void> {
  const mock = await resolveMock(registry, node, 'Stop which mock server?');
  if (mock) await registry.stop(mock.key);
}

export async function copyMockUrlCommand(registry: MockRegistry, node?: unknown): Promise<void> {
  const mock = await resolveMock(registry, node, 'Copy the URL of which mock server?');
  if (!mock) return;
  // The first path's URL: the bare address answers 404 when the mock serves only named paths.
  const url = await reachableUrl(mock.server.firstPathUrl);
  await vscode.env.clipboard.writeText(url);
  void vscode.window.setStatusBarMessage(`Copied ${url}`, 3000);
}

/** Sends a text or binary message to one client. */
export async function mockSendCommand(registry: MockRegistry, node?: unknown): Promise<void> {
  const target = await resolveClient(registry, node);
  const message = target && (await askForMessage(`Send to client ${target.clientId}`));
  if (target && message) runSafely(() => target.mock.server.send(target.clientId, message.kind, message.data));
}

/** Sends a text or binary message to every client of a mock. */
export async function mockBroadcastCommand(registry: MockRegistry, node?: unknown): Promise<void> {
  const mock = await resolveMock(registry, node, 'Broadcast from which mock server?');
  const message = mock && (await askForMessage(`Broadcast to every client of ${mock.label}`));
  if (!mock || !message) return;
  const count = mock.server.broadcast(message.kind, message.data);
  void vscode.window.setStatusBarMessage(`Sent to ${count} client${count === 1 ? '' : 's'}`, 3000);
}

/** Closes one client with a chosen code and reason, or drops its TCP connection without a close frame. */
export async function mockDisconnectCommand(registry: MockRegistry, node?: unknown): Promise<void> {
  const target = await resolveClient(registry, node);
  if (!target) return;
  const choice = await vscode.window.showQuickPick(CLOSE_CHOICES, { title: `Disconnect client ${target.clientId}`, placeHolder: 'How should the mock end this connection?' });
  if (!choice) return;
  const client = target.mock.server.client(target.clientId);
  if (!client) return void vscode.window.showWarningMessage(`Socket Lens: client ${target.clientId} has already gone.`);
  if (choice.code === undefined) return client.fault({ drop: true });
  const code = choice.code === 'custom' ? await askForCode() : choice.code;
  if (code === undefined) return;
  const reason = await vscode.window.showInputBox({ title: `Close ${target.clientId} with ${code}`, prompt: `Reason (optional, at most ${MAX_CLOSE_REASON_BYTES} bytes)`, validateInput: (v) => checkClose(code, v)?.message });
  if (reason === undefined) return;
  runSafely(() => target.mock.server.disconnect(target.clientId, code, reason));
}

/** "Socket Lens: Show Mock Server Panel": one panel per mock, revealed when it is already open. */
/** "Connect to Mock": connects to a running mock's first path (the walkthrough's second step). */
export async function connectToMockCommand(registry: MockRegistry, node?: unknown): Promise<void> {
  if (registry.all().length === 0) {
    const choice = await vscode.window.showInformationMessage('Socket Lens: no mock server is running yet. Start one, then connect to it.', 'Start Mock Server…');
    if (choice) void vscode.commands.executeCommand('socketLens.startMock');
    return;
  }
  const mock = await resolveMock(registry, node, 'Connect to which mock server?');
  if (mock) void connectTo(mock);
}

export async function showMockPanelCommand(registry: MockRegistry, node?: unknown): Promise<void> {
  const mock = await resolveMock(registry, node, 'Show the panel of which mock server?');
  if (mock) runSafely(() => registry.showMockPanel(mock.key));
}

export async function mockShowClientCommand(registry: MockRegistry, node?: unknown): Promise<void> {
  const target = await resolveClient(registry, node);
  if (target) runSafely(() => registry.showClient(target.mock.key, target.clientId));
}

const CLOSE_CHOICES: ReadonlyArray<vscode.QuickPickItem & { readonly code: number | 'custom' | undefined }> = [
  { label: '1000', description: 'Normal closure', code: 1000 },
  { label: '1001', description: 'Going away (server restarting)', code: 1001 },
  { label: '1008', description: 'Policy violation', code: 1008 },
  { label: '1011', description: 'Internal error', code: 1011 },
  { label: '1012', description: 'Service restart', code: 1012 },
  { label: '1013', description: 'Try again later', code: 1013 },
  { label: 'Other code…', description: '3000-4999 for your own meanings', code: 'custom' },
  { label: 'Drop TCP', description: 'No close frame: the client sees 1006', code: undefined },
];

async function askForCode(): Promise<number | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Close code',
    prompt: '1000-1003, 1007-1014 or 3000-4999',
    validateInput: (v) => (/^\d+$/.test(v) && isValidWireCloseCode(Number(v)) ? undefined : 'A close frame may carry 1000-1003, 1007-1014 or 3000-4999 (RFC 6455 §7.4).'),
  });
  return value === undefined ? undefined : Number(value);
}

type MessageKindItem = vscode.QuickPickItem & { readonly format: 'text' | 'hex' | 'base64' };
const MESSAGE_KINDS: readonly MessageKindItem[] = [
  { label: 'Text', format: 'text' },
  { label: 'Binary from hex', description: 'e.g. 01 ff 7e', format: 'hex' },
  { label: 'Binary from base64', format: 'base64' },
];

async function askForMessage(title: string): Promise<{ kind: 'text' | 'binary'; data: Uint8Array } | undefined> {
  const picked = await vscode.window.showQuickPick(MESSAGE_KINDS, { title, placeHolder: 'What kind of message?' });
  if (!picked) return undefined;
  const parse = (value: string): Uint8Array => (picked.format === 'text' ? Buffer.from(value, 'utf8') : picked.format === 'hex' ? bytesFromHex(value) : bytesFromBase64(value));
  const value = await vscode.window.showInputBox({
    title,
    prompt: picked.label,
    ignoreFocusOut: true,
    validateInput: (v) => {
      try {
        parse(v);
        return undefined;
      } catch (error) {
        return toErrorInfo(error).message;
      }
    },
  });
  return value === undefined ? undefined : { kind: picked.format === 'text' ? 'text' : 'binary', data: parse(value) };
}

async function pickMockFile(): Promise<vscode.Uri | typeof ECHO_KEY | undefined> {
  const files = await vscode.workspace.findFiles('**/*.wsmock.json', '**/node_modules/**', 200);
  const items: (vscode.QuickPickItem & { readonly uri: vscode.Uri | typeof ECHO_KEY })[] = [
    ...files.map((uri) => ({ label: uri.path.split('/').pop()!, description: folderOf(vscode.workspace.asRelativePath(uri)), uri })),
    { label: '$(debug-restart) Echo server', description: 'no file: every message sent back', uri: ECHO_KEY },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Start Mock Server', placeHolder: files.length ? 'Choose a mock definition (*.wsmock.json)' : 'No *.wsmock.json in this workspace: start an echo server' });
  return picked?.uri;
}

async function definitionOf(uri: vscode.Uri, log: vscode.LogOutputChannel): Promise<MockDefinition | undefined> {
  const loaded = await loadMockFile(uri);
  if (loaded.ok) return loaded.definition;
  const name = vscode.workspace.asRelativePath(uri);
  log.error(`${name} is not a valid mock definition:`);
  for (const problem of loaded.problems) log.error(`  ${describeProblem(problem)}`);
  void vscode.window.showErrorMessage(`Socket Lens: ${name} is not a valid mock definition. ${problemSummary(loaded.problems)}`, 'Open File', 'Show All Problems').then((choice) => {
    if (choice === 'Open File') void vscode.window.showTextDocument(uri);
    if (choice === 'Show All Problems') log.show(true);
  });
  return undefined;
}

/** A mock on an address other machines can reach needs a yes. */
async function confirmHost(definition: MockDefinition, label: string, fromSetting: boolean): Promise<boolean> {
  const host = definition.host ?? DEFAULT_MOCK_HOST;
  if (isLoopbackHost(host)) return true;
  const answer = await vscode.window.showWarningMessage(
    `${label} listens on ${host}, which other machines on your network can reach. Anyone who can reach it can connect and get its replies.`,
    { modal: true, detail: fromSetting ? 'Set socketLens.mock.host back to 127.0.0.1 to listen on this machine only.' : 'Remove "host" from the file to listen on 127.0.0.1 only.' },
    'Start Anyway',
  );
  return answer === 'Start Anyway';
}

function announce(mock: RunningMock): void {
  const url = mock.server.firstPathUrl;
  const paths = mock.server.paths;
  const served = paths.length > 1 ? ` (paths ${paths.join(', ')})` : '';
  void vscode.window.showInformationMessage(`Socket Lens: ${mock.label} is listening on ${url}${served}.`, 'Connect to It', 'Copy URL').then((choice) => {
    if (choice === 'Connect to It') void connectTo(mock);
    if (choice === 'Copy URL') void reachableUrl(url).then((reachable) => vscode.env.clipboard.writeText(reachable));
  });
}

/** Connects to the mock's first path, offering the subprotocols it accepts, as its clients would. */
function connectTo(mock: RunningMock): Thenable<unknown> {
  return vscode.commands.executeCommand('socketLens.connect', mock.server.firstPathUrl, { protocols: [...mock.server.subprotocols] });
}

function resolveMock(registry: MockRegistry, node: unknown, title: string): Promise<RunningMock | undefined> {
  return pickTarget({
    given: isNode(node) ? { found: registry.get(node.key), gone: 'that mock server has stopped.' } : undefined,
    all: registry.all(),
    none: 'no mock server is running. Run "Socket Lens: Start Mock Server…" first.',
    item: (mock) => ({ label: mock.label, description: mock.server.firstPathUrl }),
    title,
  });
}

function resolveClient(registry: MockRegistry, node: unknown): Promise<{ readonly mock: RunningMock; readonly clientId: string } | undefined> {
  const named = isNode(node) && node.clientId !== undefined ? { mock: registry.get(node.key), clientId: node.clientId } : undefined;
  const all: { readonly mock: RunningMock; readonly clientId: string }[] = registry.all().flatMap((mock) => mock.server.clients().map((client) => ({ mock, clientId: client.id })));
  return pickTarget({
    given: named && { found: named.mock?.server.client(named.clientId) ? { mock: named.mock, clientId: named.clientId } : undefined, gone: `client ${named.clientId} is no longer connected.` },
    all,
    none: 'no client is connected to a mock server.',
    item: ({ mock, clientId }) => {
      const client = mock.server.clients().find((c) => c.id === clientId);
      return { label: clientId, description: `${mock.label}${client ? ` · ${client.path} · ${client.remote}` : ''}` };
    },
    title: 'Which client?',
  });
}

function isNode(value: unknown): value is MockNode {
  return typeof value === 'object' && value !== null && typeof (value as MockNode).key === 'string';
}


function runSafely(action: () => void): void {
  try {
    action();
  } catch (error) {
    void vscode.window.showErrorMessage(`Socket Lens: ${toErrorInfo(error).message}`);
  }
}

/** The folder part of a workspace-relative path, or nothing for a file at the top (its name says it all). */
function folderOf(relative: string): string | undefined {
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? undefined : relative.slice(0, slash);
}
