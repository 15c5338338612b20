import { SocketLensError } from '../errors';
import { isSecretHeader } from '../redaction/secretNames';
import { redactUrl } from '../redaction/redactUrl';
import { sameOrigin } from '../url/webSocketUrl';
import type { UpgradeRequestOptions } from './upgradeRequest';

/** Where one attempt goes: the request as the user asked for it, or as a redirect rewrote it. */
export interface Hop {
  readonly request: UpgradeRequestOptions;
  /** Redirects followed to get here. */
  readonly redirects: number;
  /** A redirect has left the first URL's origin: credentials stay behind from then on. */
  readonly crossed: boolean;
}

/**
 * The hop a 3xx answer leads to. Every credential — Authorization (Bearer or Basic auth),
 * cookies, URL user info and any header that carries a secret — stays behind once a redirect
 * leaves the first URL's origin, for that hop and every one after it (a later hop back to the
 * first origin does not get them back either: ws would rebuild them from the first request).
 */
export function redirectHop(from: Hop, first: URL, location: string, base: URL, secretHeaders: readonly string[] = []): { hop: Hop; stripped: string[] } {
  let to: URL;
  try {
    to = new URL(location, base);
  } catch {
    throw new SocketLensError('connection/redirect', `The server redirected to "${redactUrl(location)}", which is not a URL. Check the server's Location header.`);
  }
  if (to.protocol === 'http:' || to.protocol === 'https:') to.protocol = to.protocol === 'https:' ? 'wss:' : 'ws:';
  if (to.protocol !== 'ws:' && to.protocol !== 'wss:') {
    throw new SocketLensError('connection/redirect', `The server redirected to ${redactUrl(to)}, which is not a WebSocket URL (ws:, wss:, http: or https:).`);
  }
  to.hash = '';
  const crossed = from.crossed || !sameOrigin(first, to);
  const stripped: string[] = [];
  let request: UpgradeRequestOptions = { ...from.request, url: to, query: undefined };
  if (crossed) {
    const headers = Object.fromEntries(Object.entries(from.request.headers ?? {}).filter(([name]) => !isSecretHeader(name, secretHeaders)));
    stripped.push(...Object.keys(from.request.headers ?? {}).filter((name) => !(name in headers)));
    if (from.request.auth) stripped.push('Authorization');
    if (from.request.cookies && Object.keys(from.request.cookies).length > 0) stripped.push('Cookie');
    if (to.username || to.password) stripped.push('URL user info');
    to.username = '';
    to.password = '';
    request = { ...request, headers, auth: undefined, cookies: undefined };
  }
  return { hop: { request, redirects: from.redirects + 1, crossed }, stripped };
}
