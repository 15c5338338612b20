import { isAbsolute, join } from 'node:path';
import type { TlsSettingNames, TlsSettings } from '../client/tlsOptions';
import { joinPath } from '../mock/definitionFields';
import type { DefinitionProblem } from '../mock/validateDefinition';
import { redactUrl } from '../redaction/redactUrl';
import { scrubValues } from '../redaction/scrubValues';
import { checkWebSocketUrl } from '../url/webSocketUrl';
import { lookupsReachedBy, savedConnectionStrings } from './referencedLookups';
import { type Reference, replaceReferences } from './references';
import type { SavedConnection, SavedConnections } from './savedConnection';
import { encodesAt } from './urlReferenceEncoding';
import { valuesToHide } from './valuesToHide';

/** Where `${env:…}` and `${secret:…}` get their values; undefined when a name is not set. */
export interface ReferenceLookups {
  env(name: string): string | undefined;
  secret(name: string): string | undefined;
}

/** A saved connection ready to connect with: the fields of ClientConnectionOptions it sets. */
export interface ResolvedConnection {
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly protocols: string[];
  readonly tls?: TlsSettings;
  readonly tlsSettingNames: TlsSettingNames;
  readonly proxy?: string;
  /** Headers whose value came from a secret: recorded as `***` everywhere (see isSecretHeader). */
  readonly secretHeaders: string[];
}

/** A `${env:…}` or `${secret:…}` with no value, and the first place it is used. */
export interface UnresolvedReference {
  readonly kind: 'env' | 'secret';
  readonly name: string;
  readonly path: string;
}

export type Resolution =
  | {
      readonly ok: true;
      readonly connection: ResolvedConnection;
      /** The secret and env values it was filled in with, for the connection's log to hide (see valuesToHide). */
      readonly hidden: readonly string[];
    }
  | { readonly ok: false; readonly unresolved: readonly UnresolvedReference[]; readonly problems: readonly DefinitionProblem[] };

/** What a person reads about a reference with no value. Names it, never shows a value. */
export function describeUnresolved(reference: UnresolvedReference): string {
  if (reference.kind === 'secret') return `\${secret:${reference.name}} is not set: run 'Socket Lens: Set Secret…' and store "${reference.name}".`;
  return `\${env:${reference.name}} is not set in the environment VS Code was started from: set it and restart VS Code, or use \${secret:${reference.name}}.`;
}

/** The names of the secrets `connection` needs, directly or through its variables, to look them up before resolving. */
export function referencedSecrets(connection: SavedConnection, variables: SavedConnections['variables'] = {}): string[] {
  return secretsReferencedBy(savedConnectionStrings(connection), variables);
}

/** The names of the secrets `texts` need, directly or through `variables`. */
export function secretsReferencedBy(texts: readonly string[], variables: SavedConnections['variables'] = {}): string[] {
  return lookupsReachedBy(texts, variables).filter((reference) => reference.kind === 'secret').map((reference) => reference.name);
}

/**
 * Fills in every reference of a checked connection (see parseSavedConnections). Reports every
 * reference without a value at once. No message it returns holds a resolved value.
 */
export function resolveSavedConnection(connection: SavedConnection, variables: SavedConnections['variables'], lookups: ReferenceLookups, baseDir?: string): Resolution {
  const resolver = new Resolver(variables ?? {}, lookups);
  const path = `"${connection.name}"`;
  const url = resolver.text(connection.url, joinPath(path, 'url'), encodesAt(connection.url));
  const headers: Record<string, string> = {};
  const secretHeaders: string[] = [];
  for (const [name, value] of Object.entries(connection.headers ?? {})) {
    const resolved = resolver.text(value, joinPath(joinPath(path, 'headers'), name));
    headers[name] = resolved.value;
    if (resolved.secret) secretHeaders.push(name);
  }
  const protocols = (connection.subprotocols ?? []).map((p, i) => resolver.text(p, `${path}.subprotocols[${i}]`));
  if (protocols.some((p) => p.secret)) secretHeaders.push('Sec-WebSocket-Protocol');
  const proxy = connection.proxy === undefined ? undefined : resolver.text(connection.proxy, joinPath(path, 'proxy'), encodesAt(connection.proxy)).value;
  const tls = connection.tls && resolveTls(resolver, connection.tls, joinPath(path, 'tls'), baseDir);
  if (resolver.unresolved.length > 0) return { ok: false, unresolved: resolver.unresolved, problems: [] };
  const checked = checkResolvedUrl(resolver, url, joinPath(path, 'url'));
  if (!checked.ok) return { ok: false, unresolved: [], problems: [checked.problem] };
  const tlsSettingNames = Object.fromEntries(['caFile', 'certFile', 'keyFile', 'pfxFile', 'passphrase', 'insecure', 'serverName'].map((k) => [k, `tls.${k === 'serverName' ? 'servername' : k} of ${path}`]));
  return { ok: true, connection: { url: checked.url, headers, protocols: protocols.map((p) => p.value), tls, tlsSettingNames, proxy, secretHeaders }, hidden: valuesToHide(resolver) };
}

function resolveTls(resolver: Resolver, tls: NonNullable<SavedConnection['tls']>, path: string, baseDir: string | undefined): TlsSettings {
  const file = (key: 'caFile' | 'certFile' | 'keyFile' | 'pfxFile') => {
    if (tls[key] === undefined) return undefined;
    const value = resolver.text(tls[key], joinPath(path, key)).value;
    return baseDir && value !== '' && !isAbsolute(value) ? join(baseDir, value) : value;
  };
  return {
    caFile: file('caFile'),
    certFile: file('certFile'),
    keyFile: file('keyFile'),
    pfxFile: file('pfxFile'),
    passphrase: tls.passphrase === undefined ? undefined : resolver.text(tls.passphrase, joinPath(path, 'passphrase')).value,
    insecure: tls.insecure,
    serverName: tls.servername === undefined ? undefined : resolver.text(tls.servername, joinPath(path, 'servername')).value,
  };
}

/** The URL checked as typed would be, with messages that quote it as written, never resolved. */
function checkResolvedUrl(resolver: Resolver, url: ResolvedText, path: string): { ok: true; url: URL } | { ok: false; problem: DefinitionProblem } {
  const checked = checkWebSocketUrl(url.value);
  if (!checked.ok) return { ok: false, problem: { path, message: `Once its references are filled in, ${scrubValues(checked.error.message, resolver.values)}` } };
  // What is shown of a URL everywhere: user info and the values of secret query parameters hidden.
  const shown = redactUrl(checked.url);
  // Only when a secret went into the URL itself: a header's secret may well be a word the host also has.
  if (url.secret && resolver.secrets.some((s) => s.length > 0 && (shown.includes(s) || shown.includes(encodeURIComponent(s))))) {
    const message = 'A ${secret:…} in the URL is only kept secret in its user-info part (wss://user:${secret:NAME}@host) or as the value of a query parameter that is always hidden (?token=, ?access_token=, ?api_key=, ?key=, ?sig=…). Rename the parameter, or send the token in a header instead ("Authorization": "Bearer ${secret:NAME}").';
    return { ok: false, problem: { path, message } };
  }
  return { ok: true, url: checked.url };
}

interface ResolvedText {
  readonly value: string;
  /** Whether a secret went into it. */
  readonly secret: boolean;
}

/** Fills in references, collecting what has no value; shared with saved messages (resolveSavedMessage.ts). */
export class Resolver {
  readonly unresolved: UnresolvedReference[] = [];
  /** Every secret value used, to keep them out of messages. */
  readonly secrets: string[] = [];
  /** Every value looked up, env variables too (one may hold a credential): kept out of messages. */
  readonly values: string[] = [];

  constructor(
    private readonly variables: Readonly<Record<string, string>>,
    private readonly lookups: ReferenceLookups,
  ) {}

  /** `encodeAt`: where a secret's value is percent-encoded (see encodesAt). */
  text(text: string, path: string, encodeAt: (offset: number) => boolean = () => false): ResolvedText {
    let secret = false;
    const value = replaceReferences(text, (reference, offset) => {
      const resolved = this.reference(reference, path);
      secret ||= resolved.secret;
      return reference.kind === 'secret' && encodeAt(offset) ? encodeURIComponent(resolved.value) : resolved.value;
    });
    return { value, secret };
  }

  private reference(reference: Reference, path: string): ResolvedText {
    if (reference.kind === 'var') {
      const variable = this.variables[reference.name];
      return variable === undefined ? { value: '', secret: false } : this.text(variable, path);
    }
    const value = reference.kind === 'env' ? this.lookups.env(reference.name) : this.lookups.secret(reference.name);
    if (value === undefined) {
      if (!this.unresolved.some((u) => u.kind === reference.kind && u.name === reference.name)) this.unresolved.push({ kind: reference.kind, name: reference.name, path });
      return { value: '', secret: reference.kind === 'secret' };
    }
    this.values.push(value);
    if (reference.kind === 'secret') this.secrets.push(value);
    return { value, secret: reference.kind === 'secret' };
  }
}
