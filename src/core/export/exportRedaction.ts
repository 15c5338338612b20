import type { HeaderList } from '../client/connectionTypes';
import { isSecretHeader, redactHeaderValue } from '../client/secretHeaders';

/**
 * Query parameters that carry credentials besides those whose names say so (see isSecretHeader):
 * `?key=`, `?sig=`, `?jwt=`, OAuth's `?code=`.
 */
const SECRET_PARAMS = ['key', 'sig', 'jwt', 'code', 'access_token', 'id_token'];

/** Response headers that set credentials; the request's Cookie is already one of isSecretHeader's. */
const SECRET_RESPONSE_HEADERS = ['set-cookie', 'set-cookie2', 'www-authenticate', 'proxy-authenticate'];

export function isSecretParam(name: string): boolean {
  return isSecretHeader(name, SECRET_PARAMS);
}

/** A URL (already without user info, see redactUrl) with the values of secret query parameters hidden. */
export function redactQueryUrl(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  let changed = false;
  for (const name of new Set(url.searchParams.keys())) {
    if (!isSecretParam(name)) continue;
    url.searchParams.set(name, '***');
    changed = true;
  }
  return changed ? url.href : href;
}

/** A request target (`/path?query`) with secret query values hidden. */
export function redactRequestPath(path: string): string {
  const redacted = new URL(redactQueryUrl(new URL(path, 'http://placeholder.invalid').href));
  return redacted.pathname + redacted.search;
}

/** Headers as they may go into a file: credentials hidden both ways (exports are shared, logs are not). */
export function redactHeaders(headers: HeaderList | undefined): HeaderList {
  return (headers ?? []).map(([name, value]) => [name, redactHeaderValue(name, value, SECRET_RESPONSE_HEADERS)] as const);
}
