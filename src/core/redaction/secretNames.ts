/** Headers that carry credentials whatever the server: never sent on to another origin, never recorded as they are. */
const ALWAYS_SECRET = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Names that custom credentials go by (X-API-Key, X-Auth-Token, X-Session-Id, ?token=, …). */
const SECRET_NAME = /(auth|token|secret|api[-_]?key|session|password|passwd|credential|signature)/i;

/**
 * Query parameters that carry credentials besides those whose names say so:
 * `?key=`, `?sig=`, `?jwt=`, OAuth's `?code=`.
 */
const SECRET_PARAMS = ['key', 'sig', 'jwt', 'code', 'access_token', 'id_token'];

/** Response headers that set or ask for credentials; kept in the live panel, hidden in exports (which are shared). */
export const CREDENTIAL_RESPONSE_HEADERS: readonly string[] = ['set-cookie', 'set-cookie2', 'www-authenticate', 'proxy-authenticate'];

/** Whether a header holds a credential: a well-known one, one whose name says so, or one the user listed. */
export function isSecretHeader(name: string, extra: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  return ALWAYS_SECRET.has(lower) || SECRET_NAME.test(lower) || extra.some((e) => e.toLowerCase() === lower);
}

/** Whether a query parameter holds a credential: named like a secret header, or one of the usual short names. */
export function isSecretParam(name: string): boolean {
  return isSecretHeader(name, SECRET_PARAMS);
}
