import { HIDDEN } from './hidden';
import { isSecretHeader } from './secretNames';

/**
 * Requested subprotocols as they may be shown. A browser cannot set headers on a WebSocket, so
 * clients pass a token as the subprotocol after one that names it (`['access_token', token]`,
 * `['Authorization', token]`): that one is hidden. The rest are kept, since nothing else tells a
 * secret subprotocol from a name.
 */
export function redactSubprotocols(protocols: readonly string[]): string[] {
  return protocols.map((protocol, i) => (i > 0 && isSecretHeader(protocols[i - 1]!) ? HIDDEN : protocol));
}
