import { SocketLensError } from '../../core/errors';
import { resolveMessageText, savedMessageNamed, savedMessagePath, secretsOfMessage } from '../../core/saved/resolveSavedMessage';
import type { SavedConnection, SavedConnections } from '../../core/saved/savedConnection';
import type { SavedMessagesView } from '../../shared/protocol';
import type { SavedMessageSource } from '../panel/savedMessageSource';
import type { SavedStore } from './savedStore';
import type { SecretVault } from './secretVault';

/** A saved connection and the variables of the file (or list) that holds it. */
interface Origin {
  readonly connection: SavedConnection;
  readonly variables: SavedConnections['variables'];
}

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
    /** The saved connection (as written) each live connection was opened from (SavedContext.origins). */
    private readonly origins: ReadonlyMap<string, SavedConnection>,
    /** Keeps secret values out of connection `id`'s log (SessionLog.hide), before a message holding them goes out. */
    private readonly hideInLog: (id: string, values: readonly string[]) => void,
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

  private async resolve(id: string, origin: Origin, text: string, what: string, path: string): Promise<string> {
    const secrets = await this.vault.lookup(secretsOfMessage(text, origin.variables));
    const resolved = resolveMessageText(text, origin.variables, { env: (name) => this.env[name], secret: (name) => secrets.get(name) }, path);
    if (!resolved.ok) throw new SocketLensError('saved/unresolved', `Cannot send ${what}: ${resolved.problems.join(' ')}`);
    this.hideInLog(id, [...secrets.values()]);
    return resolved.text;
  }

  /** The saved connection of `id` as the saved connections have it now, or as it was when connected. */
  private async origin(id: string): Promise<Origin | undefined> {
    const written = this.origins.get(id);
    if (!written) return undefined;
    const entries = await this.store.all().then(
      (all) => all.entries.filter((entry) => entry.connection.name === written.name),
      () => [], // a file that cannot be read now: keep what was connected with
    );
    return entries.find((entry) => entry.connection.url === written.url) ?? entries[0] ?? { connection: written, variables: undefined };
  }
}
