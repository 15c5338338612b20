import * as vscode from 'vscode';
import { describeProblem } from '../../core/mock/validateDefinition';
import { checkSavedConnections, parseSavedConnections } from '../../core/saved/parseSavedConnections';
import { addToSavedFile, removeFromSavedFile, withoutSavedConnection, withSavedConnection } from '../../core/saved/saveConnection';
import { SAVED_CONNECTIONS_FILE, type SavedConnection, type SavedConnections } from '../../core/saved/savedConnection';
import { literalSecretNames } from '../../core/saved/savedCopy';

const USER_KEY = 'socketLens.savedConnections';

export type SavedScope = 'workspace' | 'user';

/** One saved connection and where it lives. */
export interface SavedEntry {
  readonly scope: SavedScope;
  readonly connection: SavedConnection;
  readonly variables: SavedConnections['variables'];
  /** The workspace folder whose file holds it (paths in it are relative to that folder). */
  readonly folder?: vscode.Uri;
}

/** A connection from the workspace's file, in Restricted Mode: listed, but not used until the workspace is trusted. */
export function needsTrust(entry: Pick<SavedEntry, 'scope'>): boolean {
  return entry.scope === 'workspace' && !vscode.workspace.isTrusted;
}

/** A workspace file that could not be read, and why. */
export interface SavedFileProblem {
  readonly file: vscode.Uri;
  readonly problems: readonly string[];
}

/**
 * Saved connections: `.vscode/socket-lens.json` of each workspace folder, and the user's list in
 * global state. Neither ever holds a secret's value; they hold `${secret:NAME}`.
 */
export class SavedStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/${SAVED_CONNECTIONS_FILE}`);

  constructor(private readonly context: vscode.ExtensionContext) {
    this.syncUserList();
    for (const event of [this.watcher.onDidCreate, this.watcher.onDidChange, this.watcher.onDidDelete]) event(() => this.changed.fire(), undefined, context.subscriptions);
  }

  /** Every saved connection, workspace ones first, and every workspace file that has problems. */
  async all(): Promise<{ entries: SavedEntry[]; broken: SavedFileProblem[] }> {
    const entries: SavedEntry[] = [];
    const broken: SavedFileProblem[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const file = vscode.Uri.joinPath(folder.uri, SAVED_CONNECTIONS_FILE);
      const text = await readText(file);
      if (text === undefined) continue;
      const parsed = parseSavedConnections(text);
      if (!parsed.ok) broken.push({ file, problems: parsed.problems.map(describeProblem) });
      else for (const connection of parsed.saved.connections) entries.push({ scope: 'workspace', connection, variables: parsed.saved.variables, folder: folder.uri });
    }
    const user = this.user();
    for (const connection of user.connections) entries.push({ scope: 'user', connection, variables: user.variables });
    return { entries, broken };
  }

  /** Adds (or replaces, by name) a connection in the workspace file of `folder` (the first folder by default), or in the user's list. */
  async save(scope: SavedScope, connection: SavedConnection, folder?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (scope === 'user') {
      const stored: unknown = this.context.globalState.get(USER_KEY);
      // Never write over a list that no longer reads: that would lose every connection in it.
      if (stored !== undefined && !checkSavedConnections(stored).ok) throw new Error('Your saved connections (for the user) could not be read, so nothing was saved over them. Save this one in the workspace instead.');
      if (connection.url.includes('${var:') || Object.values(connection.headers ?? {}).some((v) => v.includes('${var:'))) {
        throw new Error(`"${connection.name}" uses \${var:…} variables of the workspace file, which the user's list does not have. Save it in the workspace, or replace the variables first.`);
      }
      await this.context.globalState.update(USER_KEY, withSavedConnection(this.user(), connection));
      this.syncUserList();
      this.changed.fire();
      return undefined;
    }
    const file = folder ? vscode.Uri.joinPath(folder, SAVED_CONNECTIONS_FILE) : this.workspaceFile();
    if (!file) throw new Error('Open a folder to save a connection in the workspace, or save it for the user.');
    const text = addToSavedFile(await readText(file), connection);
    await vscode.workspace.fs.writeFile(file, Buffer.from(text, 'utf8'));
    this.changed.fire();
    return file;
  }

  /** Removes a saved connection from the user's list or from its workspace folder's file (other keys of the file kept). */
  async remove(entry: SavedEntry): Promise<void> {
    if (entry.scope === 'user') {
      const stored: unknown = this.context.globalState.get(USER_KEY);
      if (stored !== undefined && !checkSavedConnections(stored).ok) throw new Error('Your saved connections (for the user) could not be read, so nothing was changed.');
      await this.context.globalState.update(USER_KEY, withoutSavedConnection(this.user(), entry.connection.name));
      this.syncUserList();
    } else {
      const folder = entry.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder) throw new Error('The workspace folder of this saved connection is no longer open.');
      const file = vscode.Uri.joinPath(folder, SAVED_CONNECTIONS_FILE);
      const text = await readText(file);
      if (text === undefined) throw new Error(`${vscode.workspace.asRelativePath(file)} no longer exists.`);
      await vscode.workspace.fs.writeFile(file, Buffer.from(removeFromSavedFile(text, entry.connection.name), 'utf8'));
    }
    this.changed.fire();
  }

  /** `.vscode/socket-lens.json` of the first workspace folder, whether it exists or not. */
  workspaceFile(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, SAVED_CONNECTIONS_FILE);
  }

  /**
   * The user's list follows them to their other machines through Settings Sync; secrets do not
   * (SecretStorage is per machine), and connecting there names each one missing. A list still
   * holding a secret written as it is (an older version's, or one typed by hand) is not synced
   * until it is moved to secret storage.
   */
  private syncUserList(): void {
    const clean = this.user().connections.every((c) => literalSecretNames(c).length === 0);
    this.context.globalState.setKeysForSync(clean ? [USER_KEY] : []);
  }

  private user(): SavedConnections {
    const checked = checkSavedConnections(this.context.globalState.get(USER_KEY) ?? { connections: [] });
    return checked.ok ? checked.saved : { connections: [] };
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}

async function readText(file: vscode.Uri): Promise<string | undefined> {
  try {
    return Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}
