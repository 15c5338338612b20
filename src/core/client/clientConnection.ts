import { randomUUID } from 'node:crypto';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import { now } from '../clock';
import { SocketLensError, toErrorInfo } from '../errors';
import { Emitter } from '../events/emitter';
import { SessionLog } from '../log/sessionLog';
import { checkAccept } from '../protocol/handshake';
import { parseExtensions } from '../protocol/negotiation';
import { SocketTap } from '../tap/socketTap';
import { WireJoiner } from '../tap/wireJoiner';
import { CloseTracker } from './closeTracker';
import { checkCloseCode, describeConnectError, describeSocketError } from './connectionErrors';
import type {
  CloseInfo,
  ConnectionSnapshot,
  ConnectionState,
  Handshake,
  LifecycleEvent,
  LifecycleKind,
} from './connectionTypes';
import { headerValue, rejectedError, requestHeaders, responseOf } from './httpCapture';
import { controlPayload, fragmentsOf, messagesInRaw, payloadOf, type OutgoingMessage } from './outgoing';
import { Repeater, type RepeatOptions } from './repeater';
import { isSecretHeader, sameOrigin } from './secretHeaders';
import { buildUpgradeRequest, type UpgradeRequestOptions } from './upgradeRequest';
import { commonName, readTlsInfo } from './tlsInfo';

export interface ClientConnectionOptions extends UpgradeRequestOptions {
  readonly handshakeTimeoutMs?: number;
  /** Largest message accepted; bigger ones close the connection with 1009. */
  readonly maxPayloadBytes?: number;
  /** Offer permessage-deflate (RFC 7692). Default true. */
  readonly perMessageDeflate?: boolean;
  /** Follow 3xx answers to the upgrade. Default false; secret headers never follow to another origin. */
  readonly followRedirects?: boolean;
  readonly maxRedirects?: number;
  /** Header names to treat as secrets besides the usual ones (see isSecretHeader). */
  readonly secretHeaders?: readonly string[];
  /** Answer pings automatically. Default true; off to test how a server handles a silent client. */
  readonly autoPong?: boolean;
  /** Send a ping every so many milliseconds while open, and say when one goes unanswered. */
  readonly keepAliveMs?: number;
  readonly logBudgetBytes?: number;
}

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
/** Bytes of a rejected upgrade's body kept for the error report. */
const REJECTED_BODY_LIMIT = 4096;

/**
 * One client connection to a WebSocket server: `ws` does the protocol, a passive tap on the socket
 * decodes every frame both ways, and this records everything a person debugging it needs — DNS,
 * TCP, TLS, the handshake as sent and received, every frame and message, the close handshake and
 * who ended TCP.
 */
export class ClientConnection {
  readonly id = randomUUID();
  readonly log: SessionLog;
  private socket: WebSocket | undefined;
  /** The TCP (or TLS) socket under ws, once upgraded: raw frames are written to it. */
  private rawSocket: Socket | undefined;
  /** The URL of the current request (query added; where a redirect led). */
  private currentUrl: URL | undefined;
  private readonly repeaters = new Set<Repeater>();
  private keepAlive: NodeJS.Timeout | undefined;
  private joiner: WireJoiner | undefined;
  private tap: SocketTap | undefined;
  private state: ConnectionState = 'connecting';
  private handshake: Handshake = {};
  private readonly lifecycle: LifecycleEvent[] = [];
  private closeInfo: CloseInfo | undefined;
  private readonly closing = new CloseTracker((kind, detail, time) => this.record(kind, detail, time));
  private error: SocketLensError | undefined;
  private readonly changed = new Emitter<ConnectionSnapshot>();

  /** Fires on every change of state, handshake or lifecycle (not for each message: see `log`). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly options: ClientConnectionOptions) {
    this.log = new SessionLog({ byteBudget: options.logBudgetBytes });
  }

  get url(): URL {
    return this.currentUrl ?? this.options.url;
  }

  /** Starts the opening handshake. Resolves once open; rejects with a SocketLensError if it fails. */
  connect(): Promise<void> {
    if (this.socket) return Promise.reject(new Error('connect() was already called; create a new ClientConnection to reconnect.'));
    let request: ReturnType<typeof buildUpgradeRequest>;
    try {
      request = buildUpgradeRequest(this.options);
    } catch (error) {
      return Promise.reject(error);
    }
    this.record('connecting', request.url.href);
    const socket = new WebSocket(request.url, request.protocols, {
      headers: request.headers,
      handshakeTimeout: this.options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
      maxPayload: this.options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
      perMessageDeflate: this.options.perMessageDeflate ?? true,
      followRedirects: this.options.followRedirects ?? false,
      maxRedirects: this.options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      autoPong: this.options.autoPong ?? true,
      finishRequest: (upgrade) => this.sendUpgrade(upgrade),
    });
    this.socket = socket;
    this.currentUrl = request.url;
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('close', () => reject(this.failure()));
      this.listen(socket);
    });
  }

  sendText(text: string): void {
    this.send({ kind: 'text', text });
  }

  /** Sends a data message, in one frame or cut into `fragments` frames (RFC 6455 §5.4). */
  send(message: OutgoingMessage, fragments = 1): void {
    const socket = this.requireOpen();
    const payload = payloadOf(message);
    const parts = fragmentsOf(payload, fragments);
    this.joiner?.sending(message.kind, payload);
    const binary = message.kind === 'binary';
    parts.forEach((part, k) => socket.send(part, { binary, fin: k === parts.length - 1 }, (error) => error && this.sendFailed(error)));
  }

  ping(data?: string | Uint8Array): void {
    const payload = controlPayload(data);
    this.requireOpen().ping(payload, undefined, (error) => error && this.sendFailed(error));
  }

  pong(data?: string | Uint8Array): void {
    const payload = controlPayload(data);
    this.requireOpen().pong(payload, undefined, (error) => error && this.sendFailed(error));
  }

  /**
   * Writes bytes straight to the socket, past ws: frames built by the frame encoder, broken ones
   * included, to see how a server copes. The tap decodes them like any others.
   */
  sendRaw(bytes: Uint8Array): void {
    this.requireOpen();
    const socket = this.rawSocket;
    if (!socket) throw new SocketLensError('connection/not-open', 'Cannot send raw bytes: the socket under the connection is gone.');
    for (const message of messagesInRaw(bytes)) this.joiner?.sending(message.kind, message.payload);
    socket.write(bytes, (error) => error && this.sendFailed(error));
  }

  /** Sends `message` every `everyMs` ms, `times` times or until stopped or closed. */
  repeat(message: OutgoingMessage, options: RepeatOptions): Repeater {
    this.requireOpen();
    const repeater = new Repeater(() => this.send(message), options, (error) => this.sendFailed(error));
    this.repeaters.add(repeater);
    repeater.onDidStop(() => this.repeaters.delete(repeater));
    return repeater;
  }

  /** Ends the TCP connection without a close frame (the peer sees 1006). */
  abort(): void {
    if (!this.socket || this.state === 'closed') return;
    this.socket.terminate();
  }

  /** Starts the closing handshake (RFC 6455 §7.1.2); while still connecting, abandons the attempt. */
  close(code = 1000, reason = ''): void {
    const invalid = checkCloseCode(code);
    if (invalid) throw invalid;
    if (Buffer.byteLength(reason) > 123) {
      throw new SocketLensError('connection/close-code', 'A close reason can be at most 123 bytes of UTF-8 (RFC 6455 §5.5). Shorten it.');
    }
    if (!this.socket || this.state === 'closing' || this.state === 'closed') return;
    if (this.state === 'connecting') {
      this.socket.terminate();
      return;
    }
    this.state = 'closing';
    this.socket.close(code, reason);
  }

  snapshot(): ConnectionSnapshot {
    return {
      id: this.id,
      url: this.url.href,
      state: this.state,
      handshake: this.handshake,
      // Frame events carry the time their bytes crossed; sort so the order is the wire's.
      lifecycle: [...this.lifecycle].sort((a, b) => a.time - b.time),
      close: this.closeInfo,
      error: this.error && toErrorInfo(this.error),
    };
  }

  /** Ends the TCP connection at once and releases the log. */
  dispose(): void {
    this.stopTimers();
    this.socket?.terminate();
    this.changed.dispose();
    this.log.dispose();
  }

  private sendUpgrade(request: ClientRequest): void {
    request.once('socket', (socket) => this.watchTransport(socket));
    request.once('finish', () => this.record('upgrade-sent', `${request.method} ${request.path} HTTP/1.1`));
    this.handshake = { ...this.handshake, request: { method: request.method, path: request.path, headers: requestHeaders(request) } };
    request.end();
  }

  private watchTransport(socket: Socket): void {
    const started = now();
    socket.once('lookup', (error: Error | null, address: string, family: number | string | null, host: string) => {
      if (!error) this.record('dns-resolved', `${host} → ${address} (IPv${String(family).replace('IPv', '')}) in ${(now() - started).toFixed(1)} ms`);
    });
    socket.once('connect', () => this.record('tcp-connected', `${socket.remoteAddress}:${socket.remotePort} from ${socket.localAddress}:${socket.localPort}`));
    socket.once('secureConnect', () => {
      const tls = readTlsInfo(socket as TLSSocket);
      this.handshake = { ...this.handshake, tls };
      const leaf = tls.certificates[0];
      const chain = leaf ? `; certificate ${commonName(leaf.subject)} issued by ${commonName(leaf.issuer)}` : '';
      this.record('tls-established', `${tls.protocol} ${tls.cipher}${tls.alpnProtocol ? ` ALPN ${tls.alpnProtocol}` : ''}${chain}`);
    });
  }

  private listen(socket: WebSocket): void {
    socket.on('redirect', (url: string, request: ClientRequest) => this.redirected(new URL(url), request));
    socket.on('upgrade', (response) => this.receiveUpgrade(response));
    socket.on('unexpected-response', (_request, response) => this.rejectUpgrade(response));
    socket.on('open', () => this.opened(socket));
    socket.on('message', (data, isBinary) => this.joiner?.delivered(isBinary ? 'binary' : 'text', toBytes(data), now()));
    socket.on('error', (error) => {
      if (this.tap) this.joiner?.receiverError(error, this.tap.inboundBytes);
      this.fail(this.state === 'connecting' ? describeConnectError(error, this.url) : describeSocketError(error));
    });
    socket.on('close', (code, reason) => this.closed(code, reason.toString('utf8')));
  }

  private receiveUpgrade(response: IncomingMessage): void {
    const key = headerValue(this.handshake.request?.headers, 'sec-websocket-key');
    const accept = key === undefined ? undefined : checkAccept(key, response.headers['sec-websocket-accept'] as string | undefined);
    this.handshake = { ...this.handshake, response: responseOf(response), accept };
    this.record('upgrade-response', `${response.statusCode} ${response.statusMessage ?? ''}`.trim());
    this.attachTap(response.socket as Socket, response.headers['sec-websocket-extensions']);
  }

  /** Synchronously on the 101, before ws reads the first frame or anyone writes one. */
  private attachTap(socket: Socket, extensions: string | undefined): void {
    const perMessageDeflate = parseExtensions(extensions).value.some((e) => e.name === 'permessage-deflate');
    const closing = this.closing;
    const joiner = new WireJoiner(this.log, {
      closeFrame: (direction, code, reason, time) => {
        if (this.state === 'open') this.state = 'closing';
        closing.closeFrame(direction, code, reason, time);
      },
      violation: (direction, frameIndex, found, time) => closing.violation(direction, frameIndex, found, time),
      tcp: (event, time, hadError) => closing.tcp(event, time, hadError),
    });
    const maxPayloadBytes = this.options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.rawSocket = socket;
    this.tap = SocketTap.attach(socket, { role: 'client', perMessageDeflate, maxPayloadBytes, receiverChecksUtf8: true }, joiner);
    this.joiner = joiner;
  }

  private rejectUpgrade(response: IncomingMessage): void {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      const body = Buffer.concat(chunks).toString('utf8');
      this.handshake = { ...this.handshake, response: { ...responseOf(response), body } };
      this.record('upgrade-response', `${response.statusCode} ${response.statusMessage ?? ''}`.trim());
      this.fail(rejectedError(response, body));
      this.socket?.terminate();
    };
    response.on('data', (chunk: Buffer) => {
      if (size < REJECTED_BODY_LIMIT) chunks.push(Buffer.from(chunk.subarray(0, REJECTED_BODY_LIMIT - size)));
      size += chunk.length;
      if (size >= REJECTED_BODY_LIMIT) response.destroy();
    });
    response.once('end', finish);
    response.once('close', () => response.readableEnded || finish());
  }

  /** ws follows a 3xx: headers that carry credentials do not go on to another origin. */
  private redirected(to: URL, request: ClientRequest): void {
    const from = this.url;
    const stripped = sameOrigin(from, to) ? [] : request.getHeaderNames().filter((name) => isSecretHeader(name, this.options.secretHeaders));
    for (const name of stripped) request.removeHeader(name);
    this.currentUrl = to;
    this.handshake = {};
    const note = stripped.length > 0 ? `; another origin, so ${stripped.join(', ')} not sent on` : '';
    this.record('redirect', `${from.href} → ${to.href}${note}`);
  }

  private opened(socket: WebSocket): void {
    this.state = 'open';
    this.startKeepAlive(socket);
    this.handshake = { ...this.handshake, protocol: socket.protocol || undefined, extensions: socket.extensions || undefined };
    const negotiated = [socket.protocol && `subprotocol ${socket.protocol}`, socket.extensions && `extensions ${socket.extensions}`].filter(Boolean).join('; ');
    this.record('open', negotiated || undefined);
  }

  private closed(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.stopTimers();
    this.joiner?.finish(this.error?.message ?? 'The connection closed before ws delivered this message.');
    this.state = 'closed';
    this.closeInfo = this.closing.finish(code, reason);
  }

  /** Pings every `keepAliveMs`; a ping still unanswered when the next is due is reported. */
  private startKeepAlive(socket: WebSocket): void {
    const every = this.options.keepAliveMs;
    if (every === undefined || every <= 0) return;
    let count = 0;
    let waiting: string | undefined;
    socket.on('pong', (data) => {
      if (data.toString('latin1') === waiting) waiting = undefined;
    });
    this.keepAlive = setInterval(() => {
      if (waiting !== undefined) this.record('keepalive-missed', `no pong to the keep-alive ping "${waiting}" within ${every} ms`);
      waiting = `keepalive ${++count}`;
      socket.ping(waiting, undefined, (error) => error && this.sendFailed(error));
    }, every);
  }

  private stopTimers(): void {
    clearInterval(this.keepAlive);
    for (const repeater of [...this.repeaters]) repeater.stop();
  }

  private sendFailed(error: Error): void {
    this.fail(error instanceof SocketLensError ? error : new SocketLensError('connection/send-failed', `A message was not sent: ${error.message}`));
  }

  private fail(error: SocketLensError): void {
    // The first error explains the failure; what ws reports after it (e.g. "closed before the
    // connection was established" after our own terminate) only repeats it.
    if (this.error) return;
    this.error = error;
    this.record('error', error.message);
  }

  private failure(): SocketLensError {
    return this.error ?? new SocketLensError('connection/closed', 'The connection closed before it opened.');
  }

  private requireOpen(): WebSocket {
    if (this.socket && this.state === 'open') return this.socket;
    throw new SocketLensError('connection/not-open', `Cannot send: the connection is ${this.state}. ${this.state === 'connecting' ? 'Wait until it opens.' : 'Reconnect first.'}`);
  }

  private record(kind: LifecycleKind, detail?: string, time = now()): void {
    this.lifecycle.push({ time, kind, detail });
    this.changed.fire(this.snapshot());
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : new Uint8Array(data);
}
