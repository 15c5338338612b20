import type { ClientConnectionOptions } from '../client/clientConnectionOptions';
import type { TlsSettings } from '../client/tlsOptions';
import { SocketLensError } from '../errors';
import { isPlainObject } from '../mock/definitionFields';
import { isSavedCertificateFile } from '../mock/savedCertificate';
import { type ExtractedSecret, SecretCollector } from './extractedSecrets';
import { requestWithSecretReferences } from './requestSecrets';
import type { SavedConnection, SavedConnections, SavedTls } from './savedConnection';
import { urlWithSecretReferences } from './urlSecrets';

/** What Save Connection writes: the connection, the secrets to store, and what it could not keep. */
export interface SaveResult {
  readonly connection: SavedConnection;
  readonly secrets: readonly ExtractedSecret[];
  /** One sentence for each option the live connection had that the saved one does not, and what to do. */
  readonly notSaved: readonly string[];
}

/** The options of a live connection that belong to it rather than to the settings every connection shares. */
export type SaveableOptions = Pick<ClientConnectionOptions, 'url' | 'query' | 'headers' | 'protocols' | 'origin' | 'auth' | 'cookies' | 'secretHeaders' | 'tls'>;

/**
 * A live connection as a saved connection. Every secret (a URL password, the values of secret
 * query parameters, secret headers, auth, cookies, subprotocols kept secret, a TLS passphrase)
 * goes to a secret named after the connection, and what is saved references it: nothing secret
 * is left in `connection`. Throws what buildUpgradeRequest throws for options that could not connect.
 */
export function savedFromOptions(name: string, options: SaveableOptions): SaveResult {
  const collector = new SecretCollector(name);
  const request = requestWithSecretReferences(options, collector);
  const url = urlWithSecretReferences(request.url, collector);
  const { tls, notSaved } = savedTls(options.tls, collector);
  const connection: SavedConnection = { name, url, ...(request.headers && { headers: request.headers }), ...(request.subprotocols && { subprotocols: request.subprotocols }), ...(tls && { tls }) };
  return { connection, secrets: collector.secrets, notSaved };
}

function savedTls(tls: TlsSettings | undefined, collector: SecretCollector): { tls?: SavedTls; notSaved: string[] } {
  if (!tls) return { notSaved: [] };
  const notSaved: string[] = [];
  let caFile = tls.caFile;
  if (caFile && isSavedCertificateFile(caFile)) {
    notSaved.push('The mock\'s self-signed certificate was not saved: it is a temporary file, deleted when the mock stops. To connect to the mock later, set "tls.caFile" to its certificate or "tls.insecure": true.');
    caFile = undefined;
  }
  const saved: SavedTls = {
    ...(caFile && { caFile }),
    ...(tls.certFile && { certFile: tls.certFile }),
    ...(tls.keyFile && { keyFile: tls.keyFile }),
    ...(tls.pfxFile && { pfxFile: tls.pfxFile }),
    ...(tls.passphrase !== undefined && tls.passphrase !== '' && { passphrase: collector.reference(['tls', 'passphrase'], tls.passphrase) }),
    ...(tls.insecure && { insecure: true }),
    ...(tls.serverName?.trim() && { servername: tls.serverName.trim() }),
  };
  return { ...(Object.keys(saved).length > 0 && { tls: saved }), notSaved };
}

/** `saved` with `connection` added, replacing one of the same name. */
export function withSavedConnection(saved: SavedConnections | undefined, connection: SavedConnection): SavedConnections {
  const others = (saved?.connections ?? []).filter((c) => c.name !== connection.name);
  return { ...saved, connections: [...others, connection] };
}

/** The list without the connection called `name`. */
export function withoutSavedConnection(saved: SavedConnections, name: string): SavedConnections {
  return { ...saved, connections: saved.connections.filter((c) => c.name !== name) };
}

/**
 * The text of `.vscode/socket-lens.json` with `connection` added: keys the file already has are
 * kept. `text` undefined means the file does not exist yet.
 */
export function addToSavedFile(text: string | undefined, connection: SavedConnection): string {
  const updated = withSavedConnection(savedFileValue(text, 'save the connection again'), connection);
  return `${JSON.stringify(updated, null, 2)}\n`;
}

/** The text of `.vscode/socket-lens.json` without the connection called `name`; other keys kept. */
export function removeFromSavedFile(text: string, name: string): string {
  const value = savedFileValue(text, 'remove the connection again');
  if (!value.connections.some((c) => isPlainObject(c) && c.name === name)) {
    throw new SocketLensError('saved/unknown', `The saved-connections file has no connection called "${name}": it may have been removed or renamed already.`);
  }
  return `${JSON.stringify(withoutSavedConnection(value, name), null, 2)}\n`;
}

/** The file's object (an empty one for a missing or empty file); one that is not a list of connections throws. */
function savedFileValue(text: string | undefined, retry: string): SavedConnections {
  let value: unknown = {};
  if (text !== undefined && text.trim() !== '') {
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      throw new SocketLensError('saved/file', `The saved-connections file is not valid JSON (${(error as Error).message}). Fix it, then ${retry}.`);
    }
  }
  if (!isPlainObject(value) || (value.connections !== undefined && !Array.isArray(value.connections))) {
    throw new SocketLensError('saved/file', `The saved-connections file must hold an object with a "connections" list. Fix it, then ${retry}.`);
  }
  // Only the names are relied on; each connection is kept as written.
  return { ...value, connections: (value.connections ?? []) as SavedConnection[] } as SavedConnections;
}
