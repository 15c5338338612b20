import { errorMessage } from '../../core/errors';
import * as vscode from 'vscode';
import { pickTarget } from '../pickTarget';
import { describeProblem } from '../../core/mock/validateDefinition';
import { redactSavedUrl } from '../../core/redaction/redactUrl';
import { describeUnresolved, referencedSecrets, type Resolution, resolveSavedConnection } from '../../core/saved/resolveSavedConnection';
import type { ExtractedSecret } from '../../core/saved/extractedSecrets';
import { savedFromOptions } from '../../core/saved/saveConnection';
import { SAVED_CONNECTIONS_FILE } from '../../core/saved/savedConnection';
import { copyWithSecretReferences, literalSecretNames } from '../../core/saved/savedCopy';
import type { ConnectionRegistry } from '../connectionRegistry';
import { openConnection } from '../commands/connect';
import { resolveConnection } from '../commands/connectionCommands';
import { needsTrust, type SavedEntry, type SavedScope, type SavedStore } from './savedStore';
import { type SecretVault, setSecretCommand } from './secretVault';
import { offerTrust } from '../trust';

/** What the saved-connection commands work with. */
export interface SavedContext {
  readonly store: SavedStore;
  readonly vault: SecretVault;
  readonly registry: ConnectionRegistry;
  readonly log: vscode.LogOutputChannel;
  /** The saved connection (as written, unresolved, with its scope and folder) each live connection was opened from. */
  readonly origins: Map<string, SavedEntry>;
}

/**
 * "Socket Lens: Connect to Saved…": picks a saved connection (or takes a Saved view node or
 * `{ name, scope? }`), resolves its references and connects. Returns the connection id.
 */
export async function connectSavedCommand(saved: SavedContext, target?: unknown): Promise<string | undefined> {
  const entry = await pickEntry(saved.store, target);
  if (!entry || !trusted(entry)) return undefined;
  const { connection, variables } = entry;
  const secrets = await saved.vault.lookup(referencedSecrets(connection, variables));
  const resolution = resolveSavedConnection(connection, variables, { env: (name) => process.env[name], secret: (name) => secrets.get(name) }, entry.folder?.fsPath);
  if (!resolution.ok) return reportUnresolved(saved, entry, resolution);
  const id = openConnection(saved.registry, saved.log, { ...resolution.connection, label: connection.name, proxySource: `"proxy" of the saved connection "${connection.name}"` });
  // A server may echo a token back, or a message quote it: the log never shows a secret's value (nor a long env value).
  saved.registry.get(id)?.log.hide(resolution.hidden);
  saved.origins.set(id, { scope: entry.scope, connection, variables, ...(entry.folder && { folder: entry.folder }) });
  offerToMoveLiteralSecrets(saved, entry);
  return id;
}

/**
 * A saved connection with a token, password or secret header written as it is (by hand, or by
 * an older version): says so once it has connected, and offers to move them to secret storage.
 */
function offerToMoveLiteralSecrets(saved: SavedContext, entry: SavedEntry): void {
  const literal = literalSecretNames(entry.connection);
  if (literal.length === 0) return;
  const where = entry.scope === 'user' ? 'your saved connections' : SAVED_CONNECTIONS_FILE;
  const message = `Socket Lens: "${entry.connection.name}" has ${literal.length === 1 ? 'a secret' : `${literal.length} secrets`} written as ${literal.length === 1 ? 'it is' : 'they are'} in ${where} (${literal.join(', ')}), in plain text${entry.scope === 'workspace' ? ' a team may commit' : ''}.`;
  saved.log.warn(message);
  // By name and scope: the connection is read again when the button is clicked, in case it was edited meanwhile.
  vscode.window
    .showWarningMessage(message, 'Move to Secret Storage')
    .then(async (choice) => {
      if (choice) await moveSavedSecretsCommand(saved, { name: entry.connection.name, scope: entry.scope });
    })
    .then(undefined, (error: unknown) => saved.log.warn(`Could not move the secrets of "${entry.connection.name}": ${errorMessage(error)}`));
}

/**
 * Moves a saved connection's literal secrets to secret storage and writes it back with
 * `${secret:…}` in their place (the button of the warning above; tests call it directly).
 * Resolves with the names stored.
 */
export async function moveSavedSecretsCommand(saved: SavedContext, target?: unknown): Promise<string[]> {
  const entry = await pickEntry(saved.store, target, 'Socket Lens: Move Secrets to Secret Storage');
  if (!entry) return [];
  try {
    const { connection, secrets } = copyWithSecretReferences(entry.connection, entry.connection.name);
    await storeSecrets(saved.vault, secrets);
    await saved.store.save(entry.scope, connection, entry.folder);
    const names = secrets.map((s) => s.name);
    saved.log.info(`Moved the secrets of "${entry.connection.name}" to secret storage: ${names.join(', ')}`);
    void vscode.window.showInformationMessage(`Socket Lens: moved ${names.length === 1 ? 'its secret' : `${names.length} secrets`} of "${entry.connection.name}" to secret storage; the saved connection now says \${secret:${names[0]}}${names.length > 1 ? ' and the like' : ''}.`);
    return names;
  } catch (error) {
    void vscode.window.showErrorMessage(`Socket Lens: could not move the secrets of "${entry.connection.name}": ${errorMessage(error)}`);
    return [];
  }
}

/**
 * Puts a saved connection's secrets in secret storage, never over another connection's: a secret
 * of the same name holding another value (a connection of the same name in the other scope, say)
 * is refused with what to do, unless the connection is `replacing` its own earlier save.
 */
async function storeSecrets(vault: SecretVault, secrets: readonly ExtractedSecret[], { replacing = false } = {}): Promise<void> {
  if (!replacing) {
    const existing = await vault.lookup(secrets.map((s) => s.name));
    const taken = secrets.filter((s) => existing.has(s.name) && existing.get(s.name) !== s.value).map((s) => s.name);
    if (taken.length > 0) throw new Error(`secret storage already holds ${taken.join(', ')} with another value. Rename the connection, or delete that secret with "Socket Lens: Delete Secret…" if it is no longer used, then try again.`);
  }
  for (const secret of secrets) await vault.store(secret.name, secret.value);
}

/**
 * A workspace file can point at key files and set headers: in a restricted workspace it is not
 * used. The command returns at once; the warning offers to manage trust.
 */
function trusted(entry: SavedEntry): boolean {
  if (!needsTrust(entry)) return true;
  offerTrust(`"${entry.connection.name}" comes from this workspace's ${SAVED_CONNECTIONS_FILE}, which can set headers and TLS files. Trust the workspace to connect with it.`);
  return false;
}

/** Shows what is missing and returns at once; the button sets the secret and connects again. */
function reportUnresolved(saved: SavedContext, entry: SavedEntry, resolution: Extract<Resolution, { ok: false }>): undefined {
  const lines = [...resolution.unresolved.map(describeUnresolved), ...resolution.problems.map(describeProblem)];
  const message = `Socket Lens: cannot connect to "${entry.connection.name}": ${lines.join(' ')}`;
  saved.log.warn(message);
  const secret = resolution.unresolved.find((u) => u.kind === 'secret');
  void vscode.window.showErrorMessage(message, ...(secret ? [`Set Secret "${secret.name}"…`] : [])).then(async (choice) => {
    if (choice && secret && (await setSecretCommand(saved.vault, secret.name)) !== undefined) await connectSavedCommand(saved, entry);
  }).then(undefined, (error: unknown) => void vscode.window.showErrorMessage(`Socket Lens: could not set the secret: ${errorMessage(error)}`));
  return undefined;
}

async function pickEntry(store: SavedStore, target: unknown, title = 'Socket Lens: Connect to Saved'): Promise<SavedEntry | undefined> {
  if (isEntry(target)) return target;
  const { entries, broken } = await store.all();
  const named = isNamed(target) ? target : undefined;
  if (!named) for (const file of broken) void vscode.window.showWarningMessage(`Socket Lens: ${vscode.workspace.asRelativePath(file.file)} has problems and was skipped: ${file.problems[0]}`);
  return pickTarget({
    given: named && { found: entries.find((e) => e.connection.name === named.name && (named.scope === undefined || e.scope === named.scope)), gone: `no saved connection is called "${named.name}".` },
    all: entries,
    none: 'no connection is saved yet. Connect, then run "Socket Lens: Save Connection…".',
    item: (entry) => ({ label: entry.connection.name, description: redactSavedUrl(entry.connection.url), detail: entry.scope === 'workspace' ? 'Workspace' : 'User' }),
    title,
    alwaysAsk: true,
  });
}

function isEntry(value: unknown): value is SavedEntry {
  return typeof value === 'object' && value !== null && 'connection' in value && 'scope' in value;
}

function isNamed(value: unknown): value is { name: string; scope?: SavedScope } {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}

/**
 * "Socket Lens: Save Connection…": saves a live connection by name, in the workspace file or for
 * the user. A connection opened from a saved one is saved as that was written (references, not
 * values); a typed one is saved with its headers and TLS. Either way every secret written as it
 * is (URL password, secret query values, secret headers, TLS passphrase) is moved to
 * SecretStorage and referenced. `options` skips the questions.
 */
export async function saveConnectionCommand(saved: SavedContext, id?: unknown, options?: unknown): Promise<string | undefined> {
  const live = await resolveConnection(saved.registry, id, saved.registry.all(), 'Save which connection?');
  if (!live) return undefined;
  const origin = saved.origins.get(live.id);
  const given = isNamed(options) ? options : undefined;
  const name = given?.name ?? (await askName(origin?.connection.name ?? live.url.host));
  if (!name) return undefined;
  const scope = given?.scope ?? (await askScope(saved.store));
  if (!scope) return undefined;
  try {
    const extracted = origin ? { ...copyWithSecretReferences(origin.connection, name), notSaved: [] } : savedFromOptions(name, live.connectOptions);
    // Saved again under its own name and scope, it replaces itself, secrets and all.
    const replacing = (await saved.store.all()).entries.some((e) => e.connection.name === name && e.scope === scope);
    await storeSecrets(saved.vault, extracted.secrets, { replacing });
    const file = await saved.store.save(scope, extracted.connection);
    const where = file ? ` in ${vscode.workspace.asRelativePath(file)}` : ' for the user';
    void vscode.window.setStatusBarMessage(`Socket Lens: saved "${name}"${where}`, 4000);
    reportSaved(saved, name, where, extracted.secrets, extracted.notSaved);
    return file?.fsPath ?? 'user';
  } catch (error) {
    void vscode.window.showErrorMessage(`Socket Lens: ${(error as Error).message}`);
    return undefined;
  }
}

/** Logs which secrets went to SecretStorage (names only) and warns about anything that could not be saved. */
function reportSaved(saved: SavedContext, name: string, where: string, secrets: readonly ExtractedSecret[], notSaved: readonly string[]): void {
  if (secrets.length > 0) {
    const moved = `Saved "${name}"${where}; its secrets are in VS Code's secret storage, referenced as \${secret:…}: ${secrets.map((s) => s.name).join(', ')}`;
    saved.log.info(moved);
    void vscode.window.showInformationMessage(`Socket Lens: ${moved}.`);
  }
  if (notSaved.length === 0) return;
  const message = `Socket Lens: saved "${name}"${where}, but not everything: ${notSaved.join(' ')}`;
  saved.log.warn(message);
  void vscode.window.showWarningMessage(message);
}

function askName(value: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title: 'Socket Lens: Save Connection', prompt: 'Name of the saved connection', value, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Give it a name.') });
}

async function askScope(store: SavedStore): Promise<SavedScope | undefined> {
  const file = store.workspaceFile();
  const items: { label: string; detail: string; scope: SavedScope }[] = [
    ...(file ? [{ label: 'Workspace', detail: `${vscode.workspace.asRelativePath(file)}: shared with whoever has the workspace`, scope: 'workspace' as const }] : []),
    { label: 'User', detail: 'Only for you, in every workspace', scope: 'user' },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Socket Lens: Save Connection', placeHolder: 'Where?' }))?.scope;
}

/**
 * "Socket Lens: Remove Saved Connection…": takes a saved connection out of the user's list or the
 * workspace file, after asking (unless `options.confirmed`). Its secrets stay in secret storage:
 * other connections may use them, and Delete Secret… removes one. Resolves true when removed.
 */
export async function removeSavedCommand(saved: SavedContext, target?: unknown, options?: { confirmed?: boolean }): Promise<boolean> {
  const entry = await pickEntry(saved.store, target, 'Socket Lens: Remove Saved Connection');
  if (!entry) return false;
  const where = entry.scope === 'user' ? 'your saved connections' : entry.folder ? vscode.workspace.asRelativePath(vscode.Uri.joinPath(entry.folder, SAVED_CONNECTIONS_FILE)) : SAVED_CONNECTIONS_FILE;
  if (!options?.confirmed) {
    const secrets = referencedSecrets(entry.connection, entry.variables);
    const note = secrets.length > 0 ? ` Its secrets (${secrets.join(', ')}) stay in secret storage; Delete Secret… removes them.` : '';
    const choice = await vscode.window.showWarningMessage(`Remove "${entry.connection.name}" from ${where}?`, { modal: true, detail: `The connection's URL, headers and messages are removed.${note}` }, 'Remove');
    if (choice !== 'Remove') return false;
  }
  try {
    await saved.store.remove(entry);
    saved.log.info(`Removed the saved connection "${entry.connection.name}" from ${where}`);
    void vscode.window.setStatusBarMessage(`Socket Lens: removed "${entry.connection.name}"`, 4000);
    return true;
  } catch (error) {
    void vscode.window.showErrorMessage(`Socket Lens: could not remove "${entry.connection.name}": ${errorMessage(error)}`);
    return false;
  }
}

/** "Open File" of the Saved view: the workspace file, created with an empty list when missing. */
export async function openSavedFileCommand(store: SavedStore): Promise<void> {
  const file = store.workspaceFile();
  if (!file) {
    void vscode.window.showInformationMessage('Socket Lens: open a folder to keep saved connections in .vscode/socket-lens.json.');
    return;
  }
  try {
    await vscode.workspace.fs.stat(file);
  } catch {
    await vscode.workspace.fs.writeFile(file, Buffer.from(`${JSON.stringify({ connections: [] }, null, 2)}\n`, 'utf8'));
  }
  await vscode.window.showTextDocument(file);
}
