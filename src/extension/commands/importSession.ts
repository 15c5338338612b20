import { basename, dirname, join } from 'node:path';
import { createConnection } from './connect';
import * as vscode from 'vscode';
import { pickTarget } from '../pickTarget';
import { errorMessage } from '../../core/errors';
import { readHarFile, type ImportedSession } from '../../core/import/harImport';
import { hiddenInReplay, replayable, replayHandshake, replayMessages, type ReplayOptions } from '../../core/import/replay';
import { mockFromSession } from '../../core/import/sessionMock';
import { asMockFileName, MOCK_FILE_SUFFIX } from '../../core/mock/mockDefinition';
import { redactUrl } from '../../core/redaction/redactUrl';
import { checkWebSocketUrl } from '../../core/url/webSocketUrl';
import type { ConnectionRegistry } from '../connectionRegistry';
import { describeImported, importedItem, type ImportedEntry, type ImportedInfo, toImportedInfo } from '../panel/importedSource';
import type { ImportedSessions } from '../panel/importedSessions';

/**
 * "Socket Lens: Import Session…": a HAR (from Chrome DevTools or our export) into one read-only
 * panel per WebSocket. `fileArgument` (a path, or the Explorer's Uri) skips the open dialog; a
 * path from a script also imports every WebSocket in it without asking.
 */
export async function importSessionCommand(sessions: ImportedSessions, output: vscode.LogOutputChannel, fileArgument?: unknown): Promise<ImportedInfo[] | undefined> {
  const given = fileArgument instanceof vscode.Uri ? fileArgument.fsPath : fileArgument;
  const file = typeof given === 'string' ? given : await askHarFile();
  if (!file) return undefined;
  let found: ImportedSession[];
  try {
    found = await readHarFile(file);
  } catch (error) {
    return fail(output, `Could not import ${file}: ${errorMessage(error)}`);
  }
  const chosen = typeof fileArgument === 'string' ? found : await pickSessions(found);
  if (!chosen) return undefined;
  output.info(`Imported ${chosen.length} WebSocket session(s) from ${file}`);
  return chosen.map((session) => {
    const entry = sessions.add(file, session);
    sessions.showPanel(entry.id);
    return toImportedInfo(entry);
  });
}

/** For scripts and tests: where to replay and how fast, instead of asking. */
export interface ReplayArguments {
  readonly url?: string;
  readonly timing?: ReplayOptions['timing'];
}

/**
 * "Socket Lens: Replay Imported Session…": connects to the session's URL (or another) and sends
 * its outgoing messages in order, in the new connection's own panel. Resolves with the
 * connection's id once the replay has ended.
 */
export async function replayImportedCommand(
  sessions: ImportedSessions,
  registry: ConnectionRegistry,
  output: vscode.LogOutputChannel,
  id?: unknown,
  args?: ReplayArguments,
  /** The self-signed certificate of one of our own mocks that the target reaches, to trust it. */
  mockCertificateFor: (url: URL) => string | undefined = () => undefined,
): Promise<string | undefined> {
  const entry = await resolveImported(sessions, id, 'Replay which imported session?');
  if (!entry) return undefined;
  const input = args?.url ?? (await askTargetUrl(entry.session.url));
  if (input === undefined) return undefined;
  const checked = checkWebSocketUrl(input);
  if (!checked.ok) return fail(output, checked.error.message);
  const timing = args ? (args.timing ?? 'original') : await askTiming();
  if (!timing) return undefined;
  const caFile = checked.url.protocol === 'wss:' ? mockCertificateFor(checked.url) : undefined;
  const connection = createConnection(registry, output, { ...replayHandshake(entry.session), label: `replay of ${describeImported(entry)}`, url: checked.url, ...(caFile && { tls: { caFile } }) });
  const hidden = hiddenInReplay(entry.session.messages);
  if (hidden > 0) {
    const note = `${hidden} of the messages to replay hold *** where a secret was hidden when the session was recorded; they are sent as they are.`;
    output.warn(`Replay of ${describeImported(entry)}: ${note}`);
    void vscode.window.showWarningMessage(`Socket Lens: ${note}`);
  }
  try {
    await connection.connect();
    const sent = await withReplayProgress(entry, (options) => replayMessages(connection, entry.session.messages, { ...options, timing }));
    output.info(`Replayed ${sent} message(s) of ${describeImported(entry)} to ${redactUrl(checked.url)}`);
  } catch (error) {
    fail(output, `Replay to ${redactUrl(checked.url)} failed: ${errorMessage(error)}`);
  }
  return connection.id;
}

/** For scripts and tests: the file to write instead of asking. */
export interface MockTarget {
  readonly file: string;
}

/**
 * "Socket Lens: Create Mock from Imported Session…": a *.wsmock.json that answers the client's
 * messages as the server did, checked before it is written, then opened. Returns its path.
 */
export async function createMockFromImportedCommand(sessions: ImportedSessions, output: vscode.LogOutputChannel, id?: unknown, target?: MockTarget): Promise<string | undefined> {
  const entry = await resolveImported(sessions, id, 'Create a mock from which imported session?');
  if (!entry) return undefined;
  const name = basename(entry.file).replace(/\.har$/i, '');
  const defaultFile = join(dirname(entry.file), `${name}${MOCK_FILE_SUFFIX}`);
  const file = target?.file ?? (await askMockFile(defaultFile));
  if (!file) return undefined;
  try {
    const { definition, notes } = mockFromSession(entry.session, name);
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(`${JSON.stringify(definition, null, 2)}\n`));
    output.info(`Wrote the mock ${file} from ${describeImported(entry)}${notes.length > 0 ? `: ${notes.join(' ')}` : ''}`);
    await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
    if (notes.length > 0 && !target) void vscode.window.showInformationMessage(`Socket Lens: ${notes.join(' ')}`);
  } catch (error) {
    return fail(output, `Could not create the mock ${file}: ${errorMessage(error)}`);
  }
  return file;
}

function resolveImported(sessions: ImportedSessions, id: unknown, title: string): Promise<ImportedEntry | undefined> {
  return pickTarget({
    given: typeof id === 'string' ? { found: sessions.get(id), gone: `no imported session with id ${id}. Import it again with "Socket Lens: Import Session…".` } : undefined,
    all: sessions.all(),
    none: 'no session is imported yet. Run "Socket Lens: Import Session…" first.',
    item: (entry) => ({ ...importedItem(entry), detail: `${entry.session.messages.length} messages` }),
    title,
    placeHolder: 'Choose an imported session',
  });
}

async function askHarFile(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: 'Import Session', canSelectMany: false, filters: { HAR: ['har'], 'All files': ['*'] }, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri });
  return picked?.[0]?.fsPath;
}

/** Every session of a HAR with one; otherwise the ones the person picks (all picked at first). */
async function pickSessions(found: ImportedSession[]): Promise<ImportedSession[] | undefined> {
  if (found.length === 1) return found;
  const picked = await vscode.window.showQuickPick(
    found.map((session) => ({ label: redactUrl(session.url), description: `entry ${session.entry}`, detail: `${session.messages.length} messages · ${session.startedDateTime}`, picked: true, session })),
    { title: `This HAR has ${found.length} WebSocket connections`, placeHolder: 'Choose the ones to open', canPickMany: true },
  );
  return picked && picked.length > 0 ? picked.map((p) => p.session) : undefined;
}

function askTargetUrl(url: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Replay Imported Session',
    prompt: 'Send the outgoing messages to this WebSocket URL',
    value: url,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const checked = checkWebSocketUrl(value);
      return checked.ok ? undefined : checked.error.message;
    },
  });
}

async function askTiming(): Promise<ReplayOptions['timing'] | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'With the original spacing', detail: 'Wait between messages as long as the recorded session did', timing: 'original' as const },
      { label: 'As fast as possible', detail: 'Send them back to back', timing: 'fast' as const },
    ],
    { title: 'Replay Imported Session', placeHolder: 'How to pace the messages' },
  );
  return picked?.timing;
}

async function askMockFile(defaultFile: string): Promise<string | undefined> {
  // A filter of 'wsmock.json' made the dialog add its own extension to `x.wsmock.json` (a dialog
  // sees only the last one, .json): filter on json, and make sure of the full ending after.
  const uri = await vscode.window.showSaveDialog({ title: 'Create Mock from Imported Session', defaultUri: vscode.Uri.file(defaultFile), filters: { 'Socket Lens mock (*.wsmock.json)': ['json'] } });
  return uri && asMockFileName(uri.fsPath);
}

/** Runs the replay under a cancellable notification that counts the messages sent. */
function withReplayProgress(entry: ImportedEntry, replay: (options: Omit<ReplayOptions, 'timing'>) => Promise<number>): Thenable<number> {
  const total = replayable(entry.session.messages).length;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Replaying ${describeImported(entry)}`, cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    const onProgress = (sent: number) => progress.report({ message: `${sent} of ${total} sent`, increment: 100 / Math.max(1, total) });
    return replay({ signal: controller.signal, onProgress }).finally(() => cancelled.dispose());
  });
}

function fail(output: vscode.LogOutputChannel, message: string): undefined {
  output.warn(message);
  void vscode.window.showErrorMessage(`Socket Lens: ${message}`);
  return undefined;
}
