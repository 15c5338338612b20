import { errorCode, SocketLensError } from '../errors';

/** The status line and headers of a proxy's answer to CONNECT. */
export interface ProxyResponse {
  readonly statusCode: number;
  readonly statusMessage: string;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: ReadonlyMap<string, string>;
  readonly contentLength?: number;
  readonly chunked: boolean;
  /** Length of the status line and headers including the blank line; the body starts here. */
  readonly headerBytes: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** Parses the head of an HTTP/1.x response, or says it is incomplete, or why it is not HTTP. */
export function parseProxyResponse(received: Buffer, headerLimit: number): ProxyResponse | 'incomplete' | Error {
  // Checked as soon as the first bytes arrive, so a TLS or SOCKS server fails fast.
  const prefix = received.subarray(0, 5).toString('latin1');
  if (!'HTTP/'.startsWith(prefix) && !prefix.startsWith('HTTP/')) return new Error(`answered with something that is not HTTP (${printable(received)}). Check that it is a plain HTTP proxy: https:// and SOCKS proxies are not supported`);
  const end = received.indexOf(HEADER_END);
  if (end === -1) return received.length > headerLimit ? new Error(`sent more than ${headerLimit} bytes of headers. Check that it is an HTTP proxy`) : 'incomplete';
  const [statusLine = '', ...headerLines] = received.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!status) return new Error(`answered with a malformed status line (${printable(Buffer.from(statusLine, 'latin1'))})`);
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  const length = Number(headers.get('content-length'));
  return {
    statusCode: Number(status[1]),
    statusMessage: status[2] ?? '',
    headers,
    contentLength: Number.isSafeInteger(length) && length >= 0 ? length : undefined,
    chunked: /\bchunked\b/i.test(headers.get('transfer-encoding') ?? ''),
    headerBytes: end + HEADER_END.length,
  };
}

/** Whether all of a refusal's body that we want (up to `limit` bytes) has arrived. */
export function bodyComplete(response: ProxyResponse, body: Buffer, limit: number): boolean {
  if (body.length >= limit) return true;
  if (response.chunked) return body.includes('\r\n0\r\n\r\n') || body.subarray(0, 5).equals(Buffer.from('0\r\n\r\n'));
  // Without a length, the body runs until the proxy closes (RFC 9112 §6.3); the caller handles close.
  return response.contentLength !== undefined && body.length >= response.contentLength;
}

/** The error for a proxy that answered CONNECT with something other than 2xx. */
export function proxyRefusal(response: ProxyResponse, body: Buffer, where: string, authority: string, proxy: URL): SocketLensError {
  const status = `${response.statusCode}${response.statusMessage ? ` ${response.statusMessage}` : ''}`;
  if (response.statusCode === 407) return authenticationError(response, status, where, proxy);
  const line = firstBodyLine(response, body);
  const said = line ? `: "${line}"` : '';
  const hint =
    response.statusCode === 403 || response.statusCode === 405
      ? 'Check that the proxy allows tunnels to this host and port (many allow CONNECT only to port 443)'
      : response.statusCode >= 500
        ? 'The proxy could not reach the server: check the host name and port, and whether the proxy can reach that network'
        : 'Check the proxy\'s configuration and the target host and port';
  return new SocketLensError('connection/proxy', `The proxy ${where} refused CONNECT ${authority} with ${status}${said}. ${hint}.`);
}

function authenticationError(response: ProxyResponse, status: string, where: string, proxy: URL): SocketLensError {
  const challenge = response.headers.get('proxy-authenticate') ?? '';
  const schemes = [...challenge.matchAll(/(?:^|,)\s*([A-Za-z][\w-]*)(?=\s|$|,)/g)].map((m) => m[1]!);
  const basic = schemes.length === 0 || schemes.some((s) => s.toLowerCase() === 'basic');
  const unsupported = basic ? '' : ` It asks for ${schemes.join(' or ')}, which Socket Lens does not support: only Basic proxy authentication works.`;
  if (!proxy.username) {
    return new SocketLensError('connection/proxy', `The proxy ${where} needs credentials (${status}) and none were given. Put them in the proxy URL: http://user:password@${proxy.host}.${unsupported}`);
  }
  return new SocketLensError('connection/proxy', `The proxy ${where} rejected the credentials of user "${decodeURIComponent(proxy.username)}" (${status}). Check the user name and password in the proxy URL (escape special characters with %, e.g. @ as %40).${unsupported}`);
}

/** A network error while reaching the proxy, phrased for the proxy rather than the server. */
export function proxyNetworkError(error: Error, where: string, source: string | undefined): SocketLensError {
  const code = errorCode(error);
  const setting = source ?? 'the proxy setting';
  const hints: Record<string, string> = {
    ECONNREFUSED: `refused the connection (ECONNREFUSED). Check that the proxy is running and that ${setting} names the right host and port`,
    ENOTFOUND: `could not be found: its host name does not resolve (ENOTFOUND). Check the spelling in ${setting} and your DNS`,
    EAI_AGAIN: `could not be found: DNS did not answer (EAI_AGAIN). Check your network and DNS`,
    ECONNRESET: 'dropped the connection (ECONNRESET). Check that it is an HTTP proxy and that it accepts your address',
    ETIMEDOUT: `could not be reached (ETIMEDOUT). Check ${setting}, your network and firewalls`,
    EHOSTUNREACH: `could not be reached (EHOSTUNREACH). Check ${setting}, your network and firewalls`,
    ENETUNREACH: `could not be reached (ENETUNREACH). Check ${setting}, your network and firewalls`,
  };
  const what = hints[code] ?? `failed: ${error.message}${code ? ` (${code})` : ''}. Check ${setting}`;
  return new SocketLensError('connection/proxy', `The proxy ${where} ${what}.`);
}

function firstBodyLine(response: ProxyResponse, body: Buffer): string {
  let text = body.toString('utf8');
  // A chunked body starts with a hex length line; skip it.
  if (response.chunked) text = text.replace(/^[0-9a-f]+[^\r\n]*\r\n/i, '');
  // Proxies answer with HTML error pages: the text of the first non-empty line says what is wrong.
  const lines = text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '').replace(/<[^>]*>/g, '\n').split(/\r?\n/);
  const line = lines.map((l) => l.replace(/\s+/g, ' ').trim()).find((l) => l !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function printable(bytes: Buffer): string {
  const head = bytes.subarray(0, 16);
  const text = head.toString('latin1');
  return /^[\x20-\x7e]*$/.test(text) ? `"${text}"` : `bytes ${head.toString('hex').replace(/(..)(?!$)/g, '$1 ')}`;
}
