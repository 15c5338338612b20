import { SocketLensError } from '../errors';
import { redactSavedUrl } from '../redaction/redactUrl';
import { type ExtractedSecret, SecretCollector } from './extractedSecrets';
import { ReferenceMask } from './referenceMask';
import { requestWithSecretReferences } from './requestSecrets';
import type { SavedConnection } from './savedConnection';
import { urlWithSecretReferences } from './urlSecrets';

/** A collector that leaves a value holding a reference as written: only literal values are secrets to take out. */
class LiteralSecrets extends SecretCollector {
  constructor(
    name: string,
    private readonly references: ReferenceMask,
  ) {
    super(name);
  }

  override reference(parts: readonly string[], value: string): string {
    return this.references.holdsReference(value) ? this.references.unmask(value) : super.reference(parts, value);
  }
}

/** What requestWithSecretReferences needs besides the headers; the URL is copied on its own (see urlCopy). */
const HEADERS_ONLY = new URL('ws://localhost/');

/**
 * A saved connection copied under `name` (Save Connection of a connection opened from a saved
 * one): its references kept as written, but a password, secret query value or secret header
 * written literally taken out into secrets named after the copy, exactly as for a typed
 * connection, so that a token written in one file is not copied into another.
 */
export function copyWithSecretReferences(connection: SavedConnection, name: string): { readonly connection: SavedConnection; readonly secrets: readonly ExtractedSecret[] } {
  const references = new ReferenceMask([connection.url, connection.proxy ?? '', ...Object.values(connection.headers ?? {})]);
  const collector = new LiteralSecrets(name, references);
  const masked = connection.headers && Object.fromEntries(Object.entries(connection.headers).map(([key, value]) => [key, references.mask(value)]));
  const headers = masked && requestWithSecretReferences({ url: HEADERS_ONLY, headers: masked }, collector).headers;
  const url = urlCopy(connection.url, references, collector, [], name);
  const proxy = connection.proxy === undefined ? undefined : urlCopy(connection.proxy, references, collector, ['proxy'], name);
  const copy: SavedConnection = {
    ...connection,
    name,
    url,
    ...(headers && { headers: Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, references.unmask(value)])) }),
    ...(proxy !== undefined && { proxy }),
  };
  return { connection: copy, secrets: collector.secrets };
}

/**
 * The secrets written as they are in a saved connection (a password, secret query value or
 * secret header), by the name they would be stored under; those it cannot take out count too.
 */
export function literalSecretNames(connection: SavedConnection): string[] {
  try {
    return copyWithSecretReferences(connection, connection.name).secrets.map((s) => s.name);
  } catch {
    // A URL that only parses with its references filled in, holding something that looks secret.
    return [`${connection.name} (URL)`];
  }
}

/**
 * A URL as written, its literal secrets taken out. One that does not parse even with its
 * references set aside (a reference where the URL needs a number, such as the port) is kept as
 * written when nothing literal in it would be hidden, and refused otherwise.
 */
function urlCopy(written: string, references: ReferenceMask, collector: SecretCollector, parts: readonly string[], name: string): string {
  const url = parseUrl(references.mask(written));
  if (url) return references.unmask(urlWithSecretReferences(url, collector, parts));
  if (redactSavedUrl(written) === written) return written;
  throw new SocketLensError(
    'saved/literal-secret',
    `The ${parts.length > 0 ? 'proxy URL' : 'URL'} of "${name}" holds a password or secret query value written as it is, and Socket Lens cannot take it out because the URL only reads with its references filled in. Replace the value with \${secret:NAME} in the saved connection ("Socket Lens: Set Secret…" stores it), then save again.`,
  );
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
