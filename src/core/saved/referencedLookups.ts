import { findReferences, type Reference } from './references';
import type { SavedConnection, SavedConnections } from './savedConnection';

/** A `${env:…}` or `${secret:…}`: a reference whose value comes from outside the saved connections. */
export type LookupReference = Reference & { readonly kind: 'env' | 'secret' };

/**
 * The `${env:…}` and `${secret:…}` that `texts` reach, directly or through `variables`, each once.
 * A variable is followed once, so variables that name each other cannot loop.
 */
export function lookupsReachedBy(texts: readonly string[], variables: SavedConnections['variables'] = {}): LookupReference[] {
  const found = new Map<string, LookupReference>();
  const followed = new Set<string>();
  const visit = (text: string) => {
    for (const reference of findReferences(text).references) {
      if (reference.kind !== 'var') found.set(`${reference.kind}:${reference.name}`, reference as LookupReference);
      else if (variables[reference.name] !== undefined && !followed.has(reference.name)) {
        followed.add(reference.name);
        visit(variables[reference.name]!);
      }
    }
  };
  for (const text of texts) visit(text);
  return [...found.values()];
}

/**
 * Every `${env:…}` and `${secret:…}` that a saved connection's author put within its reach: in
 * its fields, its saved messages and the variables of its file. Only these are filled in for
 * text that comes from its panel, so a panel cannot ask for another connection's secret.
 */
export function lookupsOfSavedConnection(connection: SavedConnection, variables: SavedConnections['variables'] = {}): LookupReference[] {
  const messages = (connection.messages ?? []).map((message) => message.text);
  return lookupsReachedBy([...savedConnectionStrings(connection), ...messages, ...Object.values(variables)], variables);
}

/** The `${env:…}` and `${secret:…}` that `text` reaches (through `variables` too) but `allowed` does not hold. */
export function lookupsOutside(text: string, variables: SavedConnections['variables'], allowed: readonly LookupReference[]): LookupReference[] {
  const known = new Set(allowed.map((reference) => `${reference.kind}:${reference.name}`));
  return lookupsReachedBy([text], variables).filter((reference) => !known.has(`${reference.kind}:${reference.name}`));
}

/** The strings of a saved connection that are resolved to connect (not its messages). */
export function savedConnectionStrings(connection: SavedConnection): string[] {
  const tls = connection.tls ?? {};
  const tlsStrings = [tls.caFile, tls.certFile, tls.keyFile, tls.pfxFile, tls.passphrase, tls.servername];
  return [connection.url, ...Object.values(connection.headers ?? {}), ...(connection.subprotocols ?? []), connection.proxy, ...tlsStrings].filter((s): s is string => s !== undefined);
}
