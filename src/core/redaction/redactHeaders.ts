import type { HeaderList } from '../client/connectionTypes';
import { HIDDEN } from './hidden';
import { CREDENTIAL_RESPONSE_HEADERS, isSecretHeader } from './secretNames';

/** Headers whose value starts with an auth scheme, which is no secret and stays readable (`Bearer ***`). */
const SCHEMED = new Set(['authorization', 'proxy-authorization']);

/** A secret header's value as its auth scheme (Authorization, Proxy-Authorization) and the credential after it, or the whole value. */
export function splitCredential(name: string, value: string): { readonly scheme?: string; readonly credential: string } {
  const parts = SCHEMED.has(name.toLowerCase()) ? /^(\S+)\s+(\S.*)$/.exec(value) : null;
  return parts ? { scheme: parts[1]!, credential: parts[2]! } : { credential: value };
}

/** A header value as it may be recorded: a secret's value hidden, the auth scheme kept (`Bearer ***`). */
export function redactHeaderValue(name: string, value: string, extra: readonly string[] = []): string {
  if (!isSecretHeader(name, extra)) return value;
  const { scheme } = splitCredential(name, value);
  return scheme ? `${scheme} ${HIDDEN}` : HIDDEN;
}

/** Headers as they may be shown or recorded: every credential hidden (see isSecretHeader), and those in `extra`. */
export function redactHeaders(headers: HeaderList | undefined, extra: readonly string[] = []): HeaderList {
  return (headers ?? []).map(([name, value]) => [name, redactHeaderValue(name, value, extra)] as const);
}

/**
 * Only the headers in `names` hidden: a server echoes a secret subprotocol in
 * Sec-WebSocket-Protocol, while its other headers (Set-Cookie included) stay visible in the live panel.
 */
export function redactListedHeaders(headers: HeaderList, names: readonly string[]): HeaderList {
  const listed = new Set(names.map((n) => n.toLowerCase()));
  return headers.map(([name, value]) => [name, listed.has(name.toLowerCase()) ? redactHeaderValue(name, value, [name]) : value] as const);
}

/** Headers as they may go into a file: credentials hidden both ways, Set-Cookie too (exports are shared, the panel is not). */
export function redactExportedHeaders(headers: HeaderList | undefined): HeaderList {
  return redactHeaders(headers, CREDENTIAL_RESPONSE_HEADERS);
}
