import { joinPath } from '../mock/definitionFields';
import { findReferences } from './references';
import { describeUnresolved, type ReferenceLookups, Resolver, secretsReferencedBy } from './resolveSavedConnection';
import type { SavedConnection, SavedConnections, SavedMessage } from './savedConnection';
import { valuesToHide } from './valuesToHide';

/**
 * A message's text with its references filled in and the values to hide in the log (see
 * valuesToHide), or what stopped it, each naming a reference (never a value).
 */
export type MessageResolution = { readonly ok: true; readonly text: string; readonly hidden: readonly string[] } | { readonly ok: false; readonly problems: readonly string[] };

/** The saved message of `connection` called `name`. */
export function savedMessageNamed(connection: SavedConnection, name: string): SavedMessage | undefined {
  return connection.messages?.find((message) => message.name === name);
}

/** The names of the secrets `text` needs, directly or through `variables`, to look them up before resolving. */
export function secretsOfMessage(text: string, variables: SavedConnections['variables']): string[] {
  return secretsReferencedBy([text], variables);
}

/**
 * Fills in the `${env:…}`, `${var:…}` and `${secret:…}` of a message about to be sent, from the
 * saved connection it belongs to. Any other `${…}` is message text and stays as written. Reports
 * every reference without a value at once, and a `${var:…}` that names no variable (which would
 * otherwise go out as nothing).
 */
export function resolveMessageText(text: string, variables: SavedConnections['variables'], lookups: ReferenceLookups, where: string): MessageResolution {
  const known = variables ?? {};
  const resolver = new Resolver(known, lookups);
  const value = resolver.text(text, where).value;
  const problems = resolver.unresolved.map(describeUnresolved);
  for (const reference of findReferences(text).references) {
    if (reference.kind !== 'var' || known[reference.name] !== undefined) continue;
    const problem = `${reference.text} names no variable: add "${reference.name}" to "variables" of the saved connections, or fix the name.`;
    if (!problems.includes(problem)) problems.push(problem);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, text: value, hidden: valuesToHide(resolver) };
}

/** Where a saved message sits, for the messages about it: `"Staging".messages.join`. */
export function savedMessagePath(connection: SavedConnection, name: string): string {
  return joinPath(joinPath(`"${connection.name}"`, 'messages'), name);
}

