import { splitCredential } from '../redaction/redactHeaders';
import { isSecretHeader } from '../redaction/secretNames';
import type { ClientConnectionOptions } from './clientConnectionOptions';
import { headerProblem, subprotocolsProblem } from './upgradeRequest';

/** Headers and subprotocols a person adds to an upgrade request by hand (Connect…, or a command's arguments). */

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** A request header as typed, name case kept. */
export type HeaderPair = readonly [name: string, value: string];

const OWN = 'Socket Lens writes it itself for every WebSocket handshake; leave it out.';
/** Headers ws writes for every handshake (RFC 6455 §4.1); one given as well would be sent twice or overwritten. */
const WRITTEN_BY_WS: Record<string, string> = {
  connection: OWN,
  upgrade: OWN,
  'sec-websocket-key': OWN,
  'sec-websocket-version': OWN,
  'sec-websocket-extensions': 'Socket Lens offers permessage-deflate itself (the socketLens.perMessageDeflate setting); leave it out.',
  'sec-websocket-protocol': 'It is made from the subprotocols: list them as subprotocols instead.',
};

/**
 * One header typed as `Name: value` (the form curl, wscat and the socket-lens CLI take after -H).
 * `added` are the names already given: a header goes once.
 */
export function parseHeaderLine(line: string, added: readonly string[] = []): Checked<HeaderPair> {
  const colon = line.indexOf(':');
  if (colon < 0) return fail(`Write a header as Name: value, for example "Authorization: Bearer abc123" (there is no ":" in "${line.trim()}").`);
  const name = line.slice(0, colon).trim();
  if (name === '') return fail('A header needs a name before the ":", for example "X-Api-Key: abc123".');
  return checkHeader(name, line.slice(colon + 1).trim(), added);
}

/** A header ws writes for every handshake itself (not Sec-WebSocket-Protocol, which is made from the subprotocols). */
export function isWrittenByHandshake(name: string): boolean {
  const lower = name.toLowerCase();
  return lower !== 'sec-websocket-protocol' && Object.hasOwn(WRITTEN_BY_WS, lower);
}

/** A header from a line or an argument: a valid name and value, not one the handshake writes itself, not given twice. */
export function checkHeader(name: string, value: string, added: readonly string[]): Checked<HeaderPair> {
  const problem = headerProblem(name, value);
  if (problem) return fail(problem);
  const written = WRITTEN_BY_WS[name.toLowerCase()];
  if (written) return fail(`${name} cannot be set here: ${written}`);
  if (added.some((a) => a.toLowerCase() === name.toLowerCase())) return fail(`${name} is added already: give each header once.`);
  return { ok: true, value: [name, value] };
}

/** Subprotocols typed as one comma-separated list (`chat.v2, chat.v1`), offered in that order; empty offers none. */
export function parseSubprotocolList(text: string): Checked<string[]> {
  if (text.trim() === '') return { ok: true, value: [] };
  const protocols = text.split(',').map((p) => p.trim());
  if (protocols.includes('')) return fail('There is an empty entry between commas: list names like "chat.v2, chat.v1".');
  const problem = subprotocolsProblem(protocols);
  return problem ? fail(problem) : { ok: true, value: protocols };
}

/**
 * `headers` from a command's arguments: `{ Name: value }` or `[[name, value], …]`, checked as a
 * typed header is. Undefined gives no headers.
 */
export function headersFromArgument(headers: unknown): Checked<Record<string, string>> {
  if (headers === undefined) return { ok: true, value: {} };
  const pairs = Array.isArray(headers) ? headers : isRecord(headers) ? Object.entries(headers) : undefined;
  if (!pairs) return fail('headers must be an object ({ "X-Api-Key": "…" }) or a list of [name, value] pairs.');
  const value: Record<string, string> = {};
  for (const [index, pair] of pairs.entries()) {
    // Not quoted: the item may hold a token.
    if (!isStringPair(pair)) return fail(`Each header needs a name and a string value: item ${index + 1} of headers is not a [name, value] pair.`);
    const checked = checkHeader(pair[0], pair[1], Object.keys(value));
    if (!checked.ok) return checked;
    value[pair[0]] = pair[1];
  }
  return { ok: true, value };
}

/** `protocols` from a command's arguments: a list of names, or one comma-separated string. Undefined gives none. */
export function protocolsFromArgument(protocols: unknown): Checked<string[]> {
  if (protocols === undefined) return { ok: true, value: [] };
  if (typeof protocols === 'string') return parseSubprotocolList(protocols);
  if (!Array.isArray(protocols) || !protocols.every((p): p is string => typeof p === 'string')) return fail('protocols must be a list of subprotocol names, such as ["chat.v2"].');
  const problem = subprotocolsProblem(protocols);
  return problem ? fail(problem) : { ok: true, value: [...protocols] };
}

/**
 * The credentials in typed headers, to hide in the session's log should a server echo one back
 * (the handshake already hides these headers by name): the whole value, or what follows the
 * scheme of `Authorization: Bearer …`.
 */
export function typedSecrets(headers: Readonly<Record<string, string>>, extra: readonly string[] = []): string[] {
  const values = Object.entries(headers)
    .filter(([name, value]) => value !== '' && isSecretHeader(name, extra))
    .flatMap(([name, value]) => [splitCredential(name, value).credential, ...cookieValues(name, value)]);
  return [...new Set(values)];
}

/**
 * A credential this short cannot be told from ordinary text (a test's `Bearer t`), and hiding it
 * would blank those letters in every message and lifecycle line.
 */
const MIN_SECRET_TO_HIDE = 4;

/** Every credential a connection's request carries (secret headers, the bearer token or password), to hide in its log. */
export function requestSecrets(options: Pick<ClientConnectionOptions, 'headers' | 'auth' | 'secretHeaders'>): string[] {
  const auth = options.auth === undefined ? [] : [options.auth.kind === 'bearer' ? options.auth.token : options.auth.password];
  return [...new Set([...typedSecrets(options.headers ?? {}, options.secretHeaders), ...auth])].filter((value) => value.length >= MIN_SECRET_TO_HIDE);
}

/** Shorter cookie values (`theme=dark`) are settings, not credentials: hiding them would hide those words in every message. */
const MIN_COOKIE_SECRET = 8;

/** Each value of a Cookie header long enough to be a credential (`sid=9f2c41d07e; theme=dark` → 9f2c41d07e): a server may echo one alone. */
function cookieValues(name: string, value: string): string[] {
  if (name.toLowerCase() !== 'cookie') return [];
  return value.split(';').map((part) => part.slice(part.indexOf('=') + 1).trim()).filter((v) => v.length >= MIN_COOKIE_SECRET && v !== value);
}

/** A `Checked` that failed, saying why. */
export function fail(message: string): Checked<never> {
  return { ok: false, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isStringPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';
}
