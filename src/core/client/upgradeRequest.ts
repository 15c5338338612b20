import { SocketLensError } from '../errors';
import { isToken } from '../protocol/negotiation';

/** How to authenticate the upgrade request; sent as the `Authorization` header. */
export type ClientAuth = { readonly kind: 'bearer'; readonly token: string } | { readonly kind: 'basic'; readonly username: string; readonly password: string };

/** What a person asks the upgrade request to carry, on top of what ws writes itself. */
export interface UpgradeRequestOptions {
  readonly url: URL;
  /** Added to the URL's query (after any parameters it already has). */
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as typed, name case kept. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Offered in `Sec-WebSocket-Protocol` in this order, case kept. */
  readonly protocols?: readonly string[];
  readonly origin?: string;
  readonly auth?: ClientAuth;
  /** Sent in one `Cookie` header, after a `Cookie` header given in `headers`. */
  readonly cookies?: Readonly<Record<string, string>>;
}

export interface UpgradeRequest {
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly protocols: string[];
}

// RFC 7230 §3.2: a field value must not contain CR, LF or other control characters but tab.
const BAD_VALUE = /[\0-\x08\x0a-\x1f\x7f]/;
// RFC 6265 §4.1.1: a cookie value is printable ASCII without quote, comma, semicolon, backslash and space.
const BAD_COOKIE_VALUE = /[^\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]/;

/**
 * Checks and assembles the upgrade request before anything touches the network, so that a
 * mistyped header or subprotocol gets an error that names it instead of an exception from deep
 * inside Node's HTTP client.
 */
export function buildUpgradeRequest(options: UpgradeRequestOptions): UpgradeRequest {
  const url = new URL(options.url.href);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.append(name, value);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    checkHeader(name, value);
    headers[name] = value;
  }
  if (options.origin !== undefined) {
    checkHeader('Origin', options.origin);
    if (findHeader(headers, 'origin')) throw conflict('Origin', 'the Origin option');
    headers.Origin = options.origin;
  }
  if (options.auth) {
    if (findHeader(headers, 'authorization')) throw conflict('Authorization', `${options.auth.kind === 'bearer' ? 'Bearer' : 'Basic'} auth`);
    headers.Authorization = authorizationValue(options.auth);
  }
  const cookies = Object.entries(options.cookies ?? {});
  if (cookies.length > 0) {
    const given = findHeader(headers, 'cookie');
    const line = cookies.map(([name, value]) => cookie(name, value)).join('; ');
    if (given) headers[given] = `${headers[given]}; ${line}`;
    else headers.Cookie = line;
  }
  return { url, headers, protocols: checkProtocols(options.protocols ?? []) };
}

function checkHeader(name: string, value: string): void {
  const problem = headerProblem(name, value);
  if (problem) throw requestError(problem);
}

/** What is wrong with a request header, said so a person can fix it; undefined when HTTP allows it. */
export function headerProblem(name: string, value: string): string | undefined {
  if (!isToken(name)) return `"${name}" is not a valid header name: use letters, digits and !#$%&'*+-.^_\`|~, no spaces or colons.`;
  if (BAD_VALUE.test(value)) return `The value of the header "${name}" contains a line break or control character; HTTP does not allow them. Remove it.`;
  return undefined;
}

function checkProtocols(protocols: readonly string[]): string[] {
  const problem = subprotocolsProblem(protocols);
  if (problem) throw requestError(problem);
  return [...protocols];
}

/** What is wrong with a list of subprotocols to offer, said so a person can fix it; undefined when it may be offered. */
export function subprotocolsProblem(protocols: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const protocol of protocols) {
    if (!isToken(protocol)) return `"${protocol}" is not a valid subprotocol: a subprotocol is one token (letters, digits and !#$%&'*+-.^_\`|~), no spaces or commas.`;
    // RFC 6455 §4.1: each value offered once (ws throws on a repeat).
    if (seen.has(protocol)) return `The subprotocol "${protocol}" is listed twice. List each once.`;
    seen.add(protocol);
  }
  return undefined;
}

/** The Authorization value for `auth`; throws a SocketLensError saying what is wrong with it. */
export function authorizationValue(auth: ClientAuth): string {
  if (auth.kind === 'bearer') {
    if (auth.token === '' || BAD_VALUE.test(auth.token)) throw requestError('The bearer token is empty or contains a line break. Paste the token alone.');
    return `Bearer ${auth.token}`;
  }
  // RFC 7617 §2: the user-id cannot contain a colon.
  if (auth.username.includes(':')) throw requestError('A Basic auth user name cannot contain ":" (RFC 7617). Check the user name.');
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}

function cookie(name: string, value: string): string {
  if (!isToken(name)) throw requestError(`"${name}" is not a valid cookie name (RFC 6265): use letters, digits and !#$%&'*+-.^_\`|~.`);
  if (BAD_COOKIE_VALUE.test(value)) throw requestError(`The value of the cookie "${name}" has a character a cookie cannot carry (space, quote, comma, semicolon, backslash or non-ASCII). Encode it, for example with encodeURIComponent.`);
  return `${name}=${value}`;
}

function findHeader(headers: Record<string, string>, lower: string): string | undefined {
  return Object.keys(headers).find((name) => name.toLowerCase() === lower);
}

function conflict(header: string, option: string): SocketLensError {
  return requestError(`Both a ${header} header and ${option} are set. Keep one of them.`);
}

function requestError(message: string): SocketLensError {
  return new SocketLensError('connection/request', message);
}
