import { STATUS_CODES, type IncomingMessage } from 'node:http';
import { hostOfHostHeader, isLoopbackHost } from '../url/loopback';
import type { MockDefinition, MockHandshake, MockPath } from './mockDefinition';

/** What the mock answers an upgrade request: accept it on a path, or refuse it with a full HTTP response. */
export type HandshakeAnswer = (
  /** `requestPath`: the path the client asked for (without its query), which `config` answers. */
  | { readonly kind: 'accept'; readonly config: MockPath; readonly requestPath: string }
  | { readonly kind: 'refuse'; readonly path: string; readonly status: number; readonly reason: string; readonly response: string }
) & {
  /** How long to hold the answer back (the path's handshake.delayMs). */
  readonly delayMs?: number;
};

export interface HandshakeLimits {
  readonly clients: number;
  readonly maxConnections: number;
  /** The server listens on a loopback address: only loopback Host names are accepted (DNS rebinding). */
  readonly loopback: boolean;
}

/** The entry of `definition` that answers `path`: its own, else the "*" entry. */
export function findMockPath(definition: MockDefinition, path: string): MockPath | undefined {
  return definition.paths.find((p) => p.path === path) ?? definition.paths.find((p) => p.path === '*');
}

/**
 * Decides an upgrade request as the definition says, in the order a person would check it: the
 * path, the Host (DNS rebinding) and Origin, the connection limit, then the path's own handshake
 * behaviour (reject, required headers, token), which the caller delays by `delayMs`. Synchronous:
 * it runs for every connection.
 */
export function checkHandshake(request: IncomingMessage, definition: MockDefinition, limits: HandshakeLimits): HandshakeAnswer {
  const path = pathOf(request.url ?? '/');
  const config = findMockPath(definition, path);
  if (!config) return refuse(path, 404, `No mock path ${path}; this mock serves ${definition.paths.map((p) => p.path).join(', ')}.`);
  const host = request.headers.host ?? '';
  if (limits.loopback && !isLoopbackHostHeader(host)) return refuse(path, 403, `Host "${host}" is not a loopback name; a mock on 127.0.0.1 answers only localhost and 127.0.0.1 (DNS rebinding protection).`);
  const origin = request.headers.origin;
  const origins = definition.allowedOrigins;
  if (origins && !origins.includes('*') && (origin === undefined || !origins.includes(origin))) {
    return refuse(path, 403, `Origin ${origin === undefined ? '(none)' : `"${origin}"`} is not in this mock's allowedOrigins (${origins.join(', ')}).`);
  }
  if (limits.clients >= limits.maxConnections) return refuse(path, 503, `This mock already has ${limits.clients} clients, its limit (maxConnections).`);
  const handshake = config.handshake;
  if (!handshake) return { kind: 'accept', config, requestPath: path };
  const answer = pathAnswer(request, path, config, handshake);
  return handshake.delayMs ? { ...answer, delayMs: handshake.delayMs } : answer;
}

/** What a path's own handshake behaviour answers. */
function pathAnswer(request: IncomingMessage, path: string, config: MockPath, handshake: MockHandshake): HandshakeAnswer {
  if (handshake.reject) {
    const { status, headers = {}, body = '' } = handshake.reject;
    return { kind: 'refuse', path, status, reason: `rejected as the definition says (${status})`, response: httpResponse(status, headers, body) };
  }
  for (const [name, value] of Object.entries(handshake.requireHeaders ?? {})) {
    const given = request.headers[name.toLowerCase()];
    if (given === undefined || (value !== '*' && given !== value)) {
      return refuse(path, 401, given === undefined ? `The header ${name} is required.` : `The header ${name} must be "${value}".`);
    }
  }
  if (handshake.requireToken !== undefined && tokenOf(request) !== handshake.requireToken) {
    return refuse(path, 401, 'A valid token is required: send Authorization: Bearer <token> or ?token=<token>.');
  }
  return { kind: 'accept', config, requestPath: path };
}

/**
 * `compute`, remembering its last argument and answer. Clients of one mock mostly send the same
 * request target and Host, so each upgrade skips the URL parse and the Host check.
 */
function rememberLast<T>(compute: (key: string) => T): (key: string) => T {
  let last: { key: string; value: T } | undefined;
  return (key) => {
    if (last?.key !== key) last = { key, value: compute(key) };
    return last.value;
  };
}

/** The path of a request target, without query or fragment, as a URL parser normalizes it. */
const pathOf = rememberLast((target) => new URL(target, 'ws://mock').pathname);
const isLoopbackHostHeader = rememberLast((host) => isLoopbackHost(hostOfHostHeader(host)));

function tokenOf(request: IncomingMessage): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return bearer ?? new URL(request.url ?? '/', 'ws://mock').searchParams.get('token') ?? undefined;
}

function refuse(path: string, status: number, reason: string): HandshakeAnswer {
  return { kind: 'refuse', path, status, reason, response: httpResponse(status, { 'Content-Type': 'text/plain; charset=utf-8' }, `${reason}\n`) };
}

function httpResponse(status: number, headers: Readonly<Record<string, string>>, body: string): string {
  const bytes = Buffer.byteLength(body);
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`, ...Object.entries(headers).map(([n, v]) => `${n}: ${v}`), `Content-Length: ${bytes}`, 'Connection: close', '', body];
  return lines.join('\r\n');
}
