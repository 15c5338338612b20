import { generateKey } from '../protocol/handshake';

export interface UpgradeRequestTextOptions {
  /** The Sec-WebSocket-Key (default: a fresh random one). */
  readonly key?: string;
  /** The Host header, when a test sends a foreign one (default: the URL's host and port). */
  readonly host?: string;
  /** More header lines, `Name: value` each. */
  readonly extraHeaders?: readonly string[];
}

/** The opening handshake's request (RFC 6455 §4.1) for `url`, as a raw client writes it: for test peers and bench clients with no protocol engine. */
export function upgradeRequestText(url: string | URL, options: UpgradeRequestTextOptions = {}): string {
  const { hostname, port, pathname, search } = new URL(url);
  const host = options.host ?? `${hostname}:${port}`;
  const extra = (options.extraHeaders ?? []).map((header) => `${header}\r\n`).join('');
  return `GET ${pathname}${search} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${options.key ?? generateKey()}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;
}
