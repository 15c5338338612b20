import { randomUUID } from 'node:crypto';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import { now } from '../clock';
import { SocketLensError, toErrorInfo } from '../errors';
import { Emitter } from '../events/emitter';
import { SessionLog, type Direction } from '../log/sessionLog';
import { describeCloseCode } from '../protocol/closeCodes';
import { checkAccept } from '../protocol/handshake';
import { parseExtensions } from '../protocol/negotiation';
import type { Violation } from '../protocol/violations';
import { SocketTap, type TcpEvent } from '../tap/socketTap';
import { WireJoiner } from '../tap/wireJoiner';
import { checkCloseCode, describeConnectError, describeSocketError } from './connectionErrors';
import type {
  CloseFrameInfo,
  CloseInfo,
  CloseInitiator,
  ConnectionSnapshot,
  ConnectionState,
  Handshake,
  LifecycleEvent,
  LifecycleKind,
} from './connectionTypes';
import { headerValue, rejectedError, requestHeaders, responseOf } from './httpCapture';
import { commonName, readTlsInfo } from './tlsInfo';

export interface ClientConnectionOptions {
  readonly url: URL;
  readonly protocols?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly handshakeTimeoutMs?: number;
  /** Largest message accepted; bigger ones close the connection with 1009. */
  readonly maxPayloadBytes?: number;
  readonly logBudgetBytes?: number;
}

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
/** Bytes of a rejected upgrade's body kept for the error report. */
const REJECTED_BODY_LIMIT = 4096;
/** Violations recorded in the lifecycle; a stream of garbage must not flood it. */
const MAX_VIOLATION_EVENTS = 100;

/** In a client connection, what we write is the client's and what we read is the server's. */
const SIDE: Record<Direction, 'client' | 'server'> = { out: 'client', in: 'server' };

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
  private joiner: WireJoiner | undefined;
  private tap: SocketTap | undefined;
  private state: ConnectionState = 'connecting';
  private handshake: Handshake = {};
  private readonly lifecycle: LifecycleEvent[] = [];
  private closeInfo: CloseInfo | undefined;
  private closeFrames: { sent?: CloseFrameInfo; received?: CloseFrameInfo; first?: CloseInitiator } = {};
  private tcpEndedFirstBy: CloseInitiator | 'unknown' = 'unknown';
  private violationEvents = 0;
  private error: SocketLensError | undefined;
  private readonly changed = new Emitter<ConnectionSnapshot>();

  /** Fires on every change of state, handshake or lifecycle (not for each message: see `log`). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly options: ClientConnectionOptions) {
    this.log = new SessionLog({ byteBudget: options.logBudgetBytes });
  }

  get url(): URL {
    return this.options.url;
  }

  /** Starts the opening handshake. Resolves once open; rejects with a SocketLensError if it fails. */
  connect(): Promise<void> {
    if (this.socket) return Promise.reject(new Error('connect() was already called; create a new ClientConnection to reconnect.'));
    this.record('connecting', this.url.href);
    const socket = new WebSocket(this.url, [...(this.options.protocols ?? [])], {
      headers: { ...this.options.headers },
      handshakeTimeout: this.options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
      maxPayload: this.options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
      followRedirects: false,
      finishRequest: (request) => this.sendUpgrade(request),
    });
    this.socket = socket;
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('close', () => reject(this.failure()));
      this.listen(socket);
    });
  }

  sendText(text: string): void {
    const socket = this.requireOpen();
    this.joiner?.sending('text', Buffer.from(text, 'utf8'));
    socket.send(text, (error) => {
      if (error) this.fail(new SocketLensError('connection/send-failed', `A message was not sent: ${error.message}`));
    });
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
    const joiner = new WireJoiner(this.log, {
      closeFrame: (direction, code, reason, time) => this.closeFrame(direction, code, reason, time),
      violation: (direction, frameIndex, found, time) => this.violation(direction, frameIndex, found, time),
      tcp: (event, time, hadError) => this.tcpEvent(event, time, hadError),
    });
    const maxPayloadBytes = this.options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
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

  private opened(socket: WebSocket): void {
    this.state = 'open';
    this.handshake = { ...this.handshake, protocol: socket.protocol || undefined, extensions: socket.extensions || undefined };
    const negotiated = [socket.protocol && `subprotocol ${socket.protocol}`, socket.extensions && `extensions ${socket.extensions}`].filter(Boolean).join('; ');
    this.record('open', negotiated || undefined);
  }

  private closeFrame(direction: Direction, code: number | undefined, reason: string, time: number): void {
    const side = SIDE[direction];
    const frame: CloseFrameInfo = { code, reason, time };
    this.closeFrames = { ...this.closeFrames, [direction === 'out' ? 'sent' : 'received']: frame, first: this.closeFrames.first ?? side };
    if (this.state === 'open') this.state = 'closing';
    const answer = this.closeFrames.first !== side ? ' (answering)' : '';
    this.record(direction === 'out' ? 'close-sent' : 'close-received', `${side}: ${describeCloseFrame(code, reason)}${answer}`, time);
  }

  private violation(direction: Direction, frameIndex: number, found: Violation, time: number): void {
    if (++this.violationEvents > MAX_VIOLATION_EVENTS) return;
    const consequence = found.closeCode === null ? 'warning' : `a receiver must close with ${found.closeCode}`;
    this.record('protocol-violation', `${SIDE[direction]} frame ${frameIndex}: RFC ${found.rfc.includes('§') ? found.rfc : `6455 §${found.rfc}`} (${consequence}): ${found.message}`, time);
  }

  private tcpEvent(event: TcpEvent, time: number, hadError: boolean): void {
    if (event === 'fin-sent' || event === 'destroyed-locally') this.tcpFirst('client');
    if (event === 'fin-received' || (event === 'closed' && hadError)) this.tcpFirst('server');
    const details: Record<TcpEvent, [LifecycleKind, string]> = {
      'fin-received': ['tcp-fin-received', 'server sent FIN'],
      'fin-sent': ['tcp-fin-sent', 'client sent FIN'],
      'destroyed-locally': ['tcp-aborted', 'client aborted TCP without FIN'],
      closed: ['tcp-closed', hadError ? 'TCP connection closed with an error (reset)' : 'TCP connection closed'],
    };
    const [kind, detail] = details[event];
    this.record(kind, detail, time);
  }

  private tcpFirst(side: CloseInitiator): void {
    if (this.tcpEndedFirstBy === 'unknown') this.tcpEndedFirstBy = side;
  }

  private closed(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.joiner?.finish(this.error?.message ?? 'The connection closed before ws delivered this message.');
    const { sent, received, first } = this.closeFrames;
    const wasClean = sent !== undefined && received !== undefined && code !== 1006;
    const initiatedBy = first ?? 'none';
    this.state = 'closed';
    this.closeInfo = { code, reason, initiatedBy, wasClean, sent, received, tcpClosedFirstBy: this.tcpEndedFirstBy };
    const tcp = this.tcpEndedFirstBy === 'unknown' ? '' : `; ${this.tcpEndedFirstBy} ended TCP first`;
    this.record('closed', `${code}${reason ? ` ${reason}` : ''} — ${describeInitiator(initiatedBy)}${wasClean ? '' : ' (not clean)'}${tcp}`);
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

function describeInitiator(initiator: CloseInfo['initiatedBy']): string {
  if (initiator === 'none') return 'TCP closed without a closing handshake';
  return `closed by the ${initiator}`;
}

function describeCloseFrame(code: number | undefined, reason: string): string {
  if (code === undefined) return 'no code';
  return `${code} ${describeCloseCode(code).name}${reason ? ` "${reason}"` : ''}`;
}
