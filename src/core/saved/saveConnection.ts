import { SocketLensError } from '../errors';
import { isPlainObject } from '../mock/definitionFields';
import { secretReference } from './references';
import type { SavedConnection, SavedConnections } from './savedConnection';

/** A secret taken out of what is saved, to store in SecretStorage under `name`. */
export interface ExtractedSecret {
  readonly name: string;
  readonly value: string;
}

/**
 * A live connection's URL as a saved connection: a password in the URL goes to a secret named
 * after the connection, and the saved URL references it. Nothing secret is left in `connection`.
 */
export function savedFromUrl(name: string, url: URL): { readonly connection: SavedConnection; readonly secrets: readonly ExtractedSecret[] } {
  if (!url.password) return { connection: { name, url: url.href }, secrets: [] };
  const secret = `${secretName(name)}.password`;
  const copy = new URL(url.href);
  copy.password = 'SECRET';
  const href = copy.href.replace(':SECRET@', `:${secretReference(secret)}@`);
  return { connection: { name, url: href }, secrets: [{ name: secret, value: decodeURIComponent(url.password) }] };
}

/** A name usable in `${secret:NAME}`: letters, digits, "_", "-" and ".". */
export function secretName(text: string): string {
  const slug = text.trim().toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'connection';
}

/** `saved` with `connection` added, replacing one of the same name. */
export function withSavedConnection(saved: SavedConnections | undefined, connection: SavedConnection): SavedConnections {
  const others = (saved?.connections ?? []).filter((c) => c.name !== connection.name);
  return { ...saved, connections: [...others, connection] };
}

/**
 * The text of `.vscode/socket-lens.json` with `connection` added: keys the file already has are
 * kept. `text` undefined means the file does not exist yet.
 */
export function addToSavedFile(text: string | undefined, connection: SavedConnection): string {
  let value: unknown = {};
  if (text !== undefined && text.trim() !== '') {
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      throw new SocketLensError('saved/file', `The saved-connections file is not valid JSON (${(error as Error).message}). Fix it, then save the connection again.`);
    }
  }
  if (!isPlainObject(value) || (value.connections !== undefined && !Array.isArray(value.connections))) {
    throw new SocketLensError('saved/file', 'The saved-connections file must hold an object with a "connections" list. Fix it, then save the connection again.');
  }
  const updated = withSavedConnection(value as unknown as SavedConnections, connection);
  return `${JSON.stringify(updated, null, 2)}\n`;
}
