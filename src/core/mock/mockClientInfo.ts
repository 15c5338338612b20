import type { CloseInfo, HeaderList } from '../client/connectionTypes';
import { rawHeaderList } from '../client/httpCapture';
import { parseSubprotocols } from '../protocol/negotiation';
import { HIDDEN } from '../redaction/hidden';
import { redactHeaders } from '../redaction/redactHeaders';
import { redactSubprotocols } from '../redaction/redactSubprotocols';

/**
 * What the mock knows about a connected client, for the live view and for `--json`. The
 * client's credentials (Authorization, Cookie, X-Api-Key…, a token passed as a subprotocol) are
 * hidden here, so that no panel, tree or report shows them.
 */
export interface MockClientInfo {
  readonly id: string;
  /** The definition's path that took the client ("/chat"). */
  readonly path: string;
  /** The request target as the client sent it, query included, credentials in it hidden ("/chat?room=1&token=***"). */
  readonly target: string;
  readonly remote: string;
  readonly headers: HeaderList;
  /** The mock's answer: "HTTP/1.1 101 Switching Protocols" and its headers. */
  readonly response: { readonly statusLine: string; readonly headers: HeaderList };
  readonly origin?: string;
  readonly requestedProtocols: readonly string[];
  readonly protocol?: string;
  readonly extensions?: string;
  readonly connectedAt: number;
  readonly closed?: CloseInfo;
}

/** What a client's upgrade request says about it, credentials hidden: its raw headers (name, value, name, value…) in. */
export function describeRequest(rawHeaders: readonly string[]): Pick<MockClientInfo, 'headers' | 'origin' | 'requestedProtocols'> {
  const headers = rawHeaderList(rawHeaders);
  const values = (name: string): string[] => headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
  const requested = parseSubprotocols(values('sec-websocket-protocol').join(', ') || undefined).value;
  const requestedProtocols = redactSubprotocols(requested);
  const secret = new Set(requested.filter((_, i) => requestedProtocols[i] === HIDDEN));
  return { headers: redactHeaders(headers).map(([name, value]) => [name, name.toLowerCase() === 'sec-websocket-protocol' ? hideListed(value, secret) : value] as const), origin: values('origin')[0], requestedProtocols };
}

/** ws's 101 as lines ("HTTP/1.1 101 …", "Name: value", …). */
export function parseResponse([statusLine = '', ...lines]: readonly string[]): MockClientInfo['response'] {
  return { statusLine, headers: lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as const) };
}

/** A comma-separated header value with the items in `secret` hidden. */
function hideListed(value: string, secret: ReadonlySet<string>): string {
  return secret.size === 0 ? value : value.split(',').map((item) => (secret.has(item.trim()) ? HIDDEN : item.trim())).join(', ');
}
