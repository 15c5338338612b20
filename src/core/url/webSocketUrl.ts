import { SocketLensError } from '../errors';

export type UrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly error: SocketLensError };

const HTTP_TO_WS: Readonly<Record<string, string>> = { 'http:': 'ws:', 'https:': 'wss:' };

/**
 * Checks a URL typed by a person before anything touches the network. Every failure says what
 * was wrong and what to type instead.
 */
export function checkWebSocketUrl(input: string): UrlCheck {
  const text = input.trim();
  if (text === '') return fail('url/empty', 'Enter a WebSocket URL, for example ws://127.0.0.1:8080/socket.');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return fail('url/scheme', `"${text}" has no scheme. Start it with ws:// or wss://, for example ws://${text}.`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('url/malformed', `"${text}" is not a valid URL. Check the host, port and path (ws://host:port/path).`);
  }
  return checkParsed(url, text);
}

function checkParsed(url: URL, text: string): UrlCheck {
  const wsScheme = HTTP_TO_WS[url.protocol];
  if (wsScheme) {
    const suggestion = wsScheme + text.slice(url.protocol.length);
    return fail('url/scheme', `${url.protocol.slice(0, -1)} is not a WebSocket scheme. Did you mean ${suggestion}?`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return fail('url/scheme', `The scheme "${url.protocol.slice(0, -1)}" is not supported. Use ws:// or wss://.`);
  }
  if (url.hostname === '') return fail('url/host', `"${text}" has no host. Write ws://host:port/path.`);
  // RFC 6455 §3: fragment identifiers MUST NOT be used in WebSocket URIs.
  if (url.hash !== '' || text.includes('#')) {
    return fail('url/fragment', `WebSocket URLs cannot contain a fragment ("#…", RFC 6455 §3). Remove it or encode # as %23.`);
  }
  return { ok: true, url };
}

function fail(code: SocketLensError['code'], message: string): UrlCheck {
  return { ok: false, error: new SocketLensError(code, message) };
}

/** Whether the URL's connection runs over TLS: wss: (and https:, which a redirect may use). */
export function isSecureScheme(url: URL): boolean {
  return url.protocol === 'wss:' || url.protocol === 'https:';
}

/** The port the URL connects to: its own, or 443 over TLS and 80 otherwise. */
export function effectivePort(url: URL): number {
  return Number(url.port) || (isSecureScheme(url) ? 443 : 80);
}

/** "host:port", the port made explicit: how errors name the server (never with credentials or query). */
export function hostAndPort(url: URL): string {
  return `${url.hostname}:${effectivePort(url)}`;
}

/**
 * Scheme, host and port: two URLs with different origins are different parties (RFC 6454).
 * ws: and wss: are http: and https: on the wire (a redirect may use either).
 */
export function sameOrigin(a: URL, b: URL): boolean {
  return isSecureScheme(a) === isSecureScheme(b) && a.hostname === b.hostname && effectivePort(a) === effectivePort(b);
}
