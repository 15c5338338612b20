import { SocketLensError } from '../../core/errors';
import { lookupsOfSavedConnection, lookupsOutside } from '../../core/saved/referencedLookups';
import { resolveMessageText, savedMessageNamed, savedMessagePath, secretsOfMessage } from '../../core/saved/resolveSavedMessage';
import { SAVED_CONNECTIONS_FILE } from '../../core/saved/savedConnection';
import type { SavedMessagesView } from '../../shared/protocol';
import type { SavedMessageSource } from '../panel/savedMessageSource';
import type { SavedEntry, SavedStore } from './savedStore';
import type { SecretVault } from './secretVault';

/**
 * The messages of the saved connections that live connections were opened from. Each look-up
 * reads the saved connections again, so an edited file shows at once; a connection no longer
 * found by its name (renamed, deleted, or its file broken mid-edit) keeps the messages it was
 * opened with. References are filled in only to send, never to show.
 */
export class SavedMessages {
  constructor(
    private readonly store: SavedStore,
    private readonly vault: SecretVault,
    /** The saved connection (as written, with its scope and folder) each live connection was opened from (SavedContext.origins). */
    private readonly origins: ReadonlyMap<string, SavedEntry>,
    /** Keeps secret values out of connection `id`'s log (SessionLog.hide), before a message holding them goes out. */
    private readonly hideInLog: (id: string, values: readonly string[]) => void,
    /** Whether the workspace is trusted: a workspace file's references are filled in only then. */
    private readonly isTrusted: () => boolean,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** What the panel of connection `id` asks about its saved messages. */
  for(id: string): SavedMessageSource {
    return {
      view: () => this.view(id),
      fill: (text) => this.fill(id, text),
      named: (name) => this.named(id, name),
      onDidChange: (listener) => {
        const subscription = this.store.onDidChange(listener);
        return () => subscription.dispose();
      },
    };
  }

  /** The messages of the saved connection `id` was opened from, as written; undefined when it was not opened from one. */
  async view(id: string): Promise<SavedMessagesView | undefined> {
    const origin = await this.origin(id);
    if (!origin) return undefined;
    return { connection: origin.connection.name, messages: (origin.connection.messages ?? []).map(({ name, text }) => ({ name, text })) };
  }

  /** `text` (typed or edited in the composer) with its references filled in from the saved connection of `id`. */
  async fill(id: string, text: string): Promise<string> {
    const origin = await this.origin(id);
    if (!origin) {
      throw new SocketLensError('saved/no-message', 'This connection was not opened from a saved connection, so its ${…} references cannot be filled in. Connect with "Socket Lens: Connect to Saved…", or take them out of the message.');
    }
    const outside = lookupsOutside(text, origin.variables, lookupsOfSavedConnection(origin.connection, origin.variables));
    if (outside.length > 0) throw notReferenced(origin, outside.map((reference) => reference.text));
    return this.resolve(id, origin, text, 'this message', `"${origin.connection.name}" (composer)`);
  }

  /** The saved message `name` of the saved connection of `id`, its references filled in. */
  async named(id: string, name: string): Promise<string> {
    const origin = await this.origin(id);
    const message = origin && savedMessageNamed(origin.connection, name);
    if (!origin || !message) {
      const where = origin ? ` in the saved connection "${origin.connection.name}"` : ': this connection was not opened from a saved connection';
      throw new SocketLensError('saved/no-message', `No saved message is called "${name}"${where}. The saved connections may have changed; pick the message again.`);
    }
    return this.resolve(id, origin, message.text, `"${name}"`, savedMessagePath(origin.connection, name));
  }

  private async resolve(id: string, origin: SavedEntry, text: string, what: string, path: string): Promise<string> {
    if (origin.scope === 'workspace' && !this.isTrusted()) throw untrusted(origin);
    const secrets = await this.vault.lookup(secretsOfMessage(text, origin.variables));
    const resolved = resolveMessageText(text, origin.variables, { env: (name) => this.env[name], secret: (name) => secrets.get(name) }, path);
    if (!resolved.ok) throw new SocketLensError('saved/unresolved', `Cannot send ${what}: ${resolved.problems.join(' ')}`);
    this.hideInLog(id, resolved.hidden);
    return resolved.text;
  }

  /**
   * The saved connection of `id` as the saved connections have it now, or as it was when
   * connected. Only the file (or list) it came from is searched: a workspace file that has a
   * connection of the same name must not stand in for the user's.
   */
  private async origin(id: string): Promise<SavedEntry | undefined> {
    const connected = this.origins.get(id);
    if (!connected) return undefined;
    const entries = await this.store.all().then(
      (all) => all.entries.filter((entry) => sameFile(entry, connected) && entry.connection.name === connected.connection.name),
      () => [], // a file that cannot be read now: keep what was connected with
    );
    return entries.find((entry) => entry.connection.url === connected.connection.url) ?? entries[0] ?? connected;
  }
}

function sameFile(a: SavedEntry, b: SavedEntry): boolean {
  return a.scope === b.scope && a.folder?.toString() === b.folder?.toString();
}

function untrusted(origin: SavedEntry): SocketLensError {
  return new SocketLensError('saved/untrusted', `"${origin.connection.name}" comes from this workspace's ${SAVED_CONNECTIONS_FILE}, and the workspace is not trusted: its references are not filled in and nothing was sent. Trust the workspace to send it, or send the text without references.`);
}

function notReferenced(origin: SavedEntry, texts: readonly string[]): SocketLensError {
  const name = origin.connection.name;
  return new SocketLensError('saved/not-referenced', `Cannot send this message: ${texts.join(', ')} ${texts.length === 1 ? 'is' : 'are'} not used by the saved connection "${name}" (its URL, headers, TLS, saved messages or variables), so nothing was filled in or sent. Use ${texts.length === 1 ? 'it' : 'them'} in a saved message or variable of "${name}" first, or take ${texts.length === 1 ? 'it' : 'them'} out of the message.`);
}
