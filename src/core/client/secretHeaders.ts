import { effectivePort, isSecureScheme } from '../url/webSocketUrl';

/** Headers that carry credentials whatever the server: never sent on to another origin, never recorded as they are. */
const ALWAYS_SECRET = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Names that custom credentials go by (X-API-Key, X-Auth-Token, X-Session-Id, …). */
const SECRET_NAME = /(auth|token|secret|api[-_]?key|session|password|passwd|credential|signature)/i;

/** Whether a header holds a credential: a well-known one, one whose name says so, or one the user listed. */
export function isSecretHeader(name: string, extra: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  return ALWAYS_SECRET.has(lower) || SECRET_NAME.test(lower) || extra.some((e) => e.toLowerCase() === lower);
}

/**
 * Scheme, host and port: two URLs with different origins are different parties (RFC 6454).
 * ws: and wss: are http: and https: on the wire (a redirect may use either).
 */
export function sameOrigin(a: URL, b: URL): boolean {
  return isSecureScheme(a) === isSecureScheme(b) && a.hostname === b.hostname && effectivePort(a) === effectivePort(b);
}

/** A header value as it may be recorded: a secret's value hidden, the auth scheme kept (`Bearer ***`). */
export function redactHeaderValue(name: string, value: string, extra: readonly string[] = []): string {
  if (!isSecretHeader(name, extra)) return value;
  const scheme = name.toLowerCase() === 'authorization' || name.toLowerCase() === 'proxy-authorization' ? /^\S+(?=\s)/.exec(value)?.[0] : undefined;
  return scheme ? `${scheme} ***` : '***';
}
