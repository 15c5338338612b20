import { SocketLensError } from '../errors';
import type { OutgoingMessage } from '../client/outgoing';
import { headerValue } from '../client/httpCapture';
import { parseSubprotocols } from '../protocol/negotiation';
import { HIDDEN } from '../redaction/hidden';
import { redactSubprotocols } from '../redaction/redactSubprotocols';
import { isSecretHeader } from '../redaction/secretNames';
import type { ImportedSession } from './harImport';
import type { ImportedMessage } from './harMessages';

/** What a replay sends through: a connection's send and ping. */
export interface ReplayTarget {
  send(message: OutgoingMessage): void;
  ping(data: Uint8Array): void;
}

export interface ReplayOptions {
  /** Wait between messages as long as the session did (default), or send them back to back. */
  readonly timing: 'original' | 'fast';
  /** Stops the replay between messages. */
  readonly signal?: AbortSignal;
  /** Called after each message sent, with how many were sent and of how many. */
  readonly onProgress?: (sent: number, total: number) => void;
}

/** The messages a replay sends: the client's data messages and pings (pongs and a close answer the server, which a replay cannot). */
export function replayable(messages: readonly ImportedMessage[]): ImportedMessage[] {
  return messages.filter((m) => m.direction === 'out' && (m.kind === 'text' || m.kind === 'binary' || m.kind === 'ping'));
}

/**
 * Request headers a replay never repeats: what ws writes itself (Host, Upgrade, the key and
 * version, the extensions it offers), what a browser adds on its own (its user agent, caches,
 * languages, Sec-Fetch-* and client hints, HTTP/2 pseudo-headers), and what is given its own
 * option (Origin, the subprotocols). Credentials are dropped separately (isSecretHeader).
 */
const NOT_REPLAYED = new Set(['host', 'connection', 'upgrade', 'content-length', 'origin', 'user-agent', 'accept', 'accept-encoding', 'accept-language', 'cache-control', 'pragma', 'referer', 'dnt']);

/**
 * What a replay's upgrade request repeats of the recorded one: the subprotocols offered (a server
 * may refuse a client that offers none), the Origin (a server may check it), and the page's own
 * headers (`X-Room: lobby`). Credentials are not repeated: a browser's cookies and tokens belong
 * to the page that recorded them, and ours are redacted. Anything our export hid (`***`) is left out.
 */
export function replayHandshake(session: Pick<ImportedSession, 'requestHeaders'>): { protocols?: string[]; origin?: string; headers?: Record<string, string> } {
  // The valid ones (a recorded list with a bad entry still offers the rest), without credentials.
  const protocols = replayableSubprotocols(parseSubprotocols(headerValue(session.requestHeaders, 'sec-websocket-protocol')).value);
  const origin = headerValue(session.requestHeaders, 'origin');
  const kept = session.requestHeaders.filter(([name, value]) => {
    const lower = name.toLowerCase();
    return !NOT_REPLAYED.has(lower) && !lower.startsWith('sec-') && !lower.startsWith(':') && !isSecretHeader(lower) && !value.includes(HIDDEN);
  });
  const headers = Object.fromEntries(kept);
  return { ...(protocols.length > 0 && { protocols }), ...(origin && { origin }), ...(kept.length > 0 && { headers }) };
}

/**
 * The recorded subprotocols a replay may offer again. A browser cannot set headers on a
 * WebSocket, so pages pass their token as a subprotocol: after one that names it
 * (`['access_token', token]`), inside one (Kubernetes' `base64url.bearer.authorization.k8s.io.<token>`),
 * or alone (a JWT). Each of those is left out, and so is a name that says it is a credential.
 */
export function replayableSubprotocols(protocols: readonly string[]): string[] {
  return redactSubprotocols(protocols).filter((p) => p !== HIDDEN && !isSecretHeader(p));
}

/** How many of the messages a replay sends hold `***`, where a secret was hidden when the session was exported. */
export function hiddenInReplay(messages: readonly ImportedMessage[]): number {
  return replayable(messages).filter((m) => m.kind === 'text' && Buffer.from(m.payload).includes(HIDDEN)).length;
}

/** Messages sent "as fast as possible" between two turns of the event loop. */
const FAST_BATCH = 100;

/**
 * Sends the session's outgoing messages in order, spaced as they were. Resolves with the number
 * sent; stops at the first send that fails (the connection closed) and rejects with why.
 */
export async function replayMessages(target: ReplayTarget, messages: readonly ImportedMessage[], options: ReplayOptions): Promise<number> {
  const outgoing = replayable(messages);
  let previous = outgoing[0]?.time ?? 0;
  for (const [i, message] of outgoing.entries()) {
    if (options.timing === 'original') await pause(message.time - previous, options.signal);
    // As fast as possible still lets the event loop run now and then: progress, cancel, the socket.
    else if (i % FAST_BATCH === FAST_BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
    previous = message.time;
    if (options.signal?.aborted) return i;
    try {
      sendOne(target, message);
    } catch (error) {
      throw new SocketLensError('connection/send-failed', `The replay stopped at message ${i + 1} of ${outgoing.length}: ${(error as Error).message}`);
    }
    options.onProgress?.(i + 1, outgoing.length);
  }
  return outgoing.length;
}

function sendOne(target: ReplayTarget, message: ImportedMessage): void {
  if (message.kind === 'ping') target.ping(message.payload);
  else if (message.kind === 'text') target.send({ kind: 'text', text: Buffer.from(message.payload).toString('utf8') });
  else target.send({ kind: 'binary', data: message.payload });
}

/** Waits `ms` (nothing for a negative gap: clocks in a HAR may step back), or less when `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
