import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import { now } from '../clock';
import { SocketLensError } from '../errors';
import type { SessionLog } from '../log/sessionLog';
import { checkAccept } from '../protocol/handshake';
import { parseExtensions } from '../protocol/negotiation';
import { SocketTap } from '../tap/socketTap';
import { WireJoiner } from '../tap/wireJoiner';
import { CloseTracker, describeClose, type LifecycleRecorder } from './closeTracker';
import { describeConnectError, describeSocketError, type NegotiationContext } from './connectionErrors';
import type { CloseInfo, ConnectionState, Handshake } from './connectionTypes';
import { headerValue, rejectedError, requestHeaders, responseOf } from './httpCapture';
import { controlPayload, fragmentsOf, messagesInRaw, payloadOf, type OutgoingMessage } from './outgoing';
import type { ResolvedProxy } from './proxy';
import { ProxyAgent } from './proxyAgent';
import { isSecretHeader, sameOrigin } from './secretHeaders';
import { describeTlsFailure, isTlsFailure, watchPeerCertificate } from './tlsFailure';
import type { TlsConnectionOptions, TlsSettingNames } from './tlsOptions';
import type { UpgradeRequest } from './upgradeRequest';
import { commonName, readTlsInfo } from './tlsInfo';

/** What one attempt needs from the connection it belongs to. */
export interface AttemptSettings {
  readonly handshakeTimeoutMs: number;
  readonly maxPayloadBytes: number;
  readonly perMessageDeflate: boolean;
  readonly followRedirects: boolean;
  readonly maxRedirects: number;
  readonly autoPong: boolean;
  readonly keepAliveMs?: number;
  readonly secretHeaders?: readonly string[];
  readonly tlsSettingNames?: TlsSettingNames;
}

/** How to reach the server: TLS options read from the settings, and the proxy, if any. */
export interface AttemptTransport {
  readonly tls?: TlsConnectionOptions;
  readonly proxy?: ResolvedProxy;
}

/** Bytes of a rejected upgrade's body kept for the error report. */
const REJECTED_BODY_LIMIT = 4096;

/**
 * One attempt to connect, from the upgrade request to the end of TCP: `ws` does the protocol, a
 * passive tap on the socket decodes every frame both ways, and this records what a person
 * debugging it needs — DNS, TCP, TLS, the handshake as sent and received, every frame and
 * message (into the connection's log), the close handshake and who ended TCP.
 */
export class ConnectionAttempt {
  private readonly socket: WebSocket;
  /** The TCP (or TLS) socket under ws, once upgraded: raw frames are written to it. */
  private rawSocket: Socket | undefined;
  private joiner: WireJoiner | undefined;
  private tap: SocketTap | undefined;
  private keepAlive: NodeJS.Timeout | undefined;
  private readonly closing: CloseTracker;
  private readonly agent: ProxyAgent | undefined;
  /** The server's certificate, kept even when verification fails (Node drops it then). */
  private peerCertificate: () => DetailedPeerCertificate | undefined = () => undefined;
  private readonly protocols: readonly string[];
  state: ConnectionState = 'connecting';
  handshake: Handshake = {};
  /** The URL of the request (where a redirect led). */
  url: URL;
  closeInfo: CloseInfo | undefined;
  error: SocketLensError | undefined;
  /** Settles once: open, or closed before it opened (with the error that explains it). */
  readonly opened: Promise<void>;
  /** Resolves once ws reports the connection closed. */
  readonly ended: Promise<CloseInfo>;

  constructor(
    request: UpgradeRequest,
    private readonly transport: AttemptTransport,
    private readonly settings: AttemptSettings,
    private readonly log: SessionLog,
    private readonly record: LifecycleRecorder,
  ) {
    this.url = request.url;
    this.protocols = request.protocols;
    this.closing = new CloseTracker(record);
    const proxy = transport.proxy;
    this.agent = proxy && new ProxyAgent({ proxy: proxy.url, source: proxy.source, secure: request.url.protocol === 'wss:', onEvent: (kind, detail) => record(kind, detail) });
    this.socket = new WebSocket(request.url, request.protocols, {
      ...transport.tls,
      agent: this.agent,
      headers: request.headers,
      handshakeTimeout: settings.handshakeTimeoutMs,
      maxPayload: settings.maxPayloadBytes,
      perMessageDeflate: settings.perMessageDeflate,
      followRedirects: settings.followRedirects,
      maxRedirects: settings.maxRedirects,
      autoPong: settings.autoPong,
      finishRequest: (upgrade) => this.sendUpgrade(upgrade),
    });
    let ended: (close: CloseInfo) => void = () => {};
    this.ended = new Promise((resolve) => (ended = resolve));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('close', (code, reason) => {
        reject(this.error ?? new SocketLensError('connection/closed', 'The connection closed before it opened.'));
        ended(this.closed(code, reason.toString('utf8')));
      });
    });
    // A caller that only awaits `ended` must not see an unhandled rejection.
    this.opened.catch(() => {});
    this.listen(this.socket);
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

  /** Writes bytes straight to the socket, past ws; the tap decodes them like any others. */
  sendRaw(bytes: Uint8Array): void {
    this.requireOpen();
    const socket = this.rawSocket;
    if (!socket) throw new SocketLensError('connection/not-open', 'Cannot send raw bytes: the socket under the connection is gone.');
    for (const message of messagesInRaw(bytes)) this.joiner?.sending(message.kind, message.payload);
    socket.write(bytes, (error) => error && this.sendFailed(error));
  }

  /** Starts the closing handshake (RFC 6455 §7.1.2); while still connecting, abandons the attempt. */
  close(code: number, reason: string): void {
    if (this.state === 'closing' || this.state === 'closed') return;
    if (this.state === 'connecting') {
      this.abort();
      return;
    }
    this.state = 'closing';
    this.socket.close(code, reason);
  }

  /** Ends the TCP connection without a close frame (the peer sees 1006). */
  abort(): void {
    if (this.state === 'closed') return;
    this.socket.terminate();
    // terminate() cannot reach a proxy tunnel that is still being opened.
    this.agent?.destroy();
  }

  sendFailed(error: Error): void {
    this.fail(error instanceof SocketLensError ? error : new SocketLensError('connection/send-failed', `A message was not sent: ${error.message}`));
  }

  private sendUpgrade(request: ClientRequest): void {
    request.once('socket', (socket) => {
      this.peerCertificate = watchPeerCertificate(socket);
      this.watchTransport(socket);
    });
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
    socket.on('open', () => this.didOpen(socket));
    socket.on('message', (data, isBinary) => this.joiner?.delivered(isBinary ? 'binary' : 'text', toBytes(data), now()));
    socket.on('error', (error) => {
      if (this.tap) this.joiner?.receiverError(error, this.tap.inboundBytes);
      this.fail(this.state === 'connecting' ? this.connectError(error) : describeSocketError(error));
    });
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
    }, (start, end) => this.tap?.inboundBytes(start, end));
    const maxPayloadBytes = this.settings.maxPayloadBytes;
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
    const stripped = sameOrigin(from, to) ? [] : request.getHeaderNames().filter((name) => isSecretHeader(name, this.settings.secretHeaders));
    for (const name of stripped) request.removeHeader(name);
    this.url = to;
    this.handshake = {};
    const note = stripped.length > 0 ? `; another origin, so ${stripped.join(', ')} not sent on` : '';
    this.record('redirect', `${from.href} → ${to.href}${note}`);
  }

  private didOpen(socket: WebSocket): void {
    this.state = 'open';
    this.startKeepAlive(socket);
    this.handshake = { ...this.handshake, protocol: socket.protocol || undefined, extensions: socket.extensions || undefined };
    const negotiated = [socket.protocol && `subprotocol ${socket.protocol}`, socket.extensions && `extensions ${socket.extensions}`].filter(Boolean).join('; ');
    this.record('open', negotiated || undefined);
  }

  /** Pings every `keepAliveMs`; a ping still unanswered when the next is due is reported. */
  private startKeepAlive(socket: WebSocket): void {
    const every = this.settings.keepAliveMs;
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

  private closed(code: number, reason: string): CloseInfo {
    clearInterval(this.keepAlive);
    this.joiner?.finish(this.error?.message ?? 'The connection closed before ws delivered this message.');
    this.state = 'closed';
    // Set before recording, so the change that reports `closed` carries the close.
    this.closeInfo = this.closing.finish(code, reason);
    this.record('closed', describeClose(this.closeInfo));
    return this.closeInfo;
  }

  private fail(error: SocketLensError): void {
    // The first error explains the failure; what ws reports after it (e.g. "closed before the
    // connection was established" after our own terminate) only repeats it.
    if (this.error) return;
    this.error = error;
    this.record('error', error.message);
  }

  private connectError(error: Error): SocketLensError {
    if (error instanceof SocketLensError) return error;
    const peer = this.peerCertificate();
    const code = 'code' in error ? String(error.code) : '';
    if (isTlsFailure(error) || (peer && code === 'ECONNRESET')) {
      const tls = this.transport.tls;
      return describeTlsFailure(error, peer, { where: `${this.url.hostname}:${this.url.port || 443}`, names: this.settings.tlsSettingNames, clientCertificate: Boolean(tls?.cert ?? tls?.pfx) });
    }
    return describeConnectError(error, this.url, this.negotiation());
  }

  private negotiation(): NegotiationContext {
    const answer = this.handshake.response?.headers;
    return {
      offeredProtocols: this.protocols,
      answeredProtocol: headerValue(answer, 'sec-websocket-protocol'),
      offeredDeflate: this.settings.perMessageDeflate,
      answeredExtensions: headerValue(answer, 'sec-websocket-extensions'),
    };
  }

  /** Throws the error a send gets when the attempt is not open. */
  assertOpen(): void {
    this.requireOpen();
  }

  private requireOpen(): WebSocket {
    if (this.state === 'open') return this.socket;
    throw new SocketLensError('connection/not-open', `Cannot send: the connection is ${this.state}. ${this.state === 'connecting' ? 'Wait until it opens.' : 'Reconnect first.'}`);
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : new Uint8Array(data);
}
