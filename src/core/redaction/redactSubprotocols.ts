import { HIDDEN } from './hidden';
import { isSecretHeader } from './secretNames';

/**
 * Requested subprotocols as they may be shown. A browser cannot set headers on a WebSocket, so
 * clients pass a token as a subprotocol: after one that names it (`['access_token', token]`,
 * `['Authorization', token]`), or alone (a JWT, an opaque token). Those are hidden; the rest are
 * kept.
 */
export function redactSubprotocols(protocols: readonly string[]): string[] {
  return protocols.map((protocol, i) => ((i > 0 && isSecretHeader(protocols[i - 1]!)) || looksLikeToken(protocol) ? HIDDEN : protocol));
}

/** A JWT, or a long run of token characters with letters and digits mixed, as opaque tokens are. */
function looksLikeToken(text: string): boolean {
  if (/^eyJ[\w-]*\.[\w-]*\./.test(text)) return true;
  return text.length >= 32 && /^[A-Za-z0-9+/=_.~-]+$/.test(text) && /\d/.test(text) && /[A-Za-z]/.test(text);
}
