import { HIDDEN } from './hidden';
import { redactQuery } from './redactQuery';

/**
 * The scheme, or none when the text has no scheme at all: without the look-ahead, a text with a
 * scheme but no password would take "http" for a user and "//…" for its password.
 */
const SCHEME_OR_NONE = String.raw`(?:[a-z][a-z0-9+.-]*:\/\/|(?![a-z][a-z0-9+.-]*:\/\/))`;

/** User info in text that does not parse: up to the last "@", as a broken value may hide a password with a "/" in it. */
const USER_INFO_TEXT = new RegExp(String.raw`^(${SCHEME_OR_NONE})([^/?#:@]*)(:.*)?@`, 'i');

/** A proxy's password in text, the user before it kept. */
const PROXY_PASSWORD_TEXT = new RegExp(String.raw`^(${SCHEME_OR_NONE}[^/?#:@]*):.*@`, 'i');

/**
 * A URL as it may be shown, logged or recorded: user info and the values of secret query
 * parameters hidden (`wss://***:***@host/feed?room=1&token=***`). Text that does not parse as a
 * URL (a server's Location header, a setting) is redacted as text. The only function for this:
 * the real URL is for connecting, this is for everything else.
 */
export function redactUrl(url: URL | string): string {
  const parsed = typeof url === 'string' ? parseUrl(url) : url;
  return redactQuery(parsed ? withoutUserInfo(parsed) : withoutUserInfoText(String(url)));
}

/** A request target (`/path?query`, as in the request line) with secret query values hidden. */
export function redactRequestPath(path: string): string {
  return redactQuery(path);
}

/**
 * A proxy URL, which may not even parse, as it may be shown: the password hidden, the user kept
 * (it says whose credentials a proxy refused).
 */
export function redactProxyUrl(text: string): string {
  return redactQuery(text.replace(PROXY_PASSWORD_TEXT, `$1:${HIDDEN}@`));
}

/** A `${secret:NAME}` names a secret, it does not hold one: safe to show. */
const SECRET_REFERENCE = /^\$\{secret:[^}]*\}$/;

/**
 * A saved connection's URL as written (with its `${…}` references) as it may be shown: a password
 * or a secret query value written in it hidden, a `${secret:…}` in their place kept.
 */
export function redactSavedUrl(text: string): string {
  const keep = (value: string) => SECRET_REFERENCE.test(value);
  const userInfo = text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)([^/@]*)@/i, (whole, head: string, password: string) => (keep(password) ? whole : `${head}${HIDDEN}@`));
  return redactQuery(userInfo, keep);
}

function withoutUserInfo(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = copy.username ? HIDDEN : '';
  copy.password = copy.password ? HIDDEN : '';
  return copy.href;
}

function withoutUserInfoText(text: string): string {
  return text.replace(USER_INFO_TEXT, (_whole, scheme: string, user: string, password?: string) => `${scheme}${user ? HIDDEN : ''}${password ? `:${HIDDEN}` : ''}@`);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
