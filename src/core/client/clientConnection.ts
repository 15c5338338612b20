import { randomUUID } from 'node:crypto';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
import { now } from '../clock';
import { SocketLensError, toErrorInfo } from '../errors';
import { Emitter } from '../events/emitter';
import { SessionLog, type LogEntry, type MessageKind } from '../log/sessionLog';
import { checkAccept } from '../protocol/handshake';
import { checkCloseCode, describeConnectError } from './connectionErrors';
import type {
  CloseInfo,
  ConnectionSnapshot,
  ConnectionState,
  Handshake,
  HandshakeResponse,
  HeaderList,
  LifecycleEvent,
  LifecycleKind,
} from './connectionTypes';

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

/**
 * One client connection to a WebSocket server: `ws` does the protocol, this records everything a
 * person debugging it needs — the handshake as sent and received, the lifecycle, every message.
 */
export class ClientConnection {
  readonly id = randomUUID();
  readonly log: SessionLog;
  private socket: WebSocket | undefined;
  private state: ConnectionState = 'connecting';
  private handshake: Handshake = {};
  private readonly lifecycle: LifecycleEvent[] = [];
  private closeInfo: CloseInfo | undefined;
  private error: SocketLensError | undefined;
  private closeRequested = false;
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

  sendText(text: string): LogEntry {
    const socket = this.requireOpen();
    const entry = this.log.append({ direction: 'out', kind: 'text', payload: Buffer.from(text, 'utf8'), time: now() });
    socket.send(text, (error) => {
      if (error) this.fail(new SocketLensError('connection/send-failed', `Message ${entry.id} was not sent: ${error.message}`));
    });
    return entry;
  }

  /** Starts the closing handshake (RFC 6455 §7.1.2); while still connecting, abandons the attempt. */
  close(code = 1000, reason = ''): void {
    const invalid = checkCloseCode(code);
    if (invalid) throw invalid;
    if (Buffer.byteLength(reason) > 123) {
      throw new SocketLensError('connection/close-code', 'A close reason can be at most 123 bytes of UTF-8 (RFC 6455 §5.5). Shorten it.');
    }
    if (!this.socket || this.state === 'closing' || this.state === 'closed') return;
    this.closeRequested = true;
    if (this.state === 'connecting') {
      this.socket.terminate();
      return;
    }
    this.state = 'closing';
    this.record('close-sent', reason ? `${code} ${reason}` : String(code));
    this.socket.close(code, reason);
  }

  snapshot(): ConnectionSnapshot {
    return {
      id: this.id,
      url: this.url.href,
      state: this.state,
      handshake: this.handshake,
      lifecycle: [...this.lifecycle],
      close: this.closeInfo,
      error: this.error && toErrorInfo(this.error),
    };
  }

  /** Ends the TCP connection at once and releases the log. */
  dispose(): void {
    this.closeRequested = true;
    this.socket?.terminate();
    this.changed.dispose();
    this.log.dispose();
  }

  private sendUpgrade(request: ClientRequest): void {
    request.once('socket', (socket) => this.watchTransport(socket));
    request.once('finish', () => this.record('upgrade-sent', `${request.method} ${request.path}`));
    this.handshake = { ...this.handshake, request: { method: request.method, path: request.path, headers: requestHeaders(request) } };
    request.end();
  }

  private watchTransport(socket: Socket): void {
    socket.once('connect', () => this.record('tcp-connected', `${socket.remoteAddress}:${socket.remotePort}`));
    socket.once('secureConnect', () => {
      const tls = socket as TLSSocket;
      this.record('tls-established', `${tls.getProtocol() ?? 'TLS'} ${tls.getCipher()?.name ?? ''}`.trim());
    });
  }

  private listen(socket: WebSocket): void {
    socket.on('upgrade', (response) => this.receiveUpgrade(response));
    socket.on('unexpected-response', (_request, response) => this.rejectUpgrade(response));
    socket.on('open', () => this.opened(socket));
    socket.on('message', (data, isBinary) => this.receive(isBinary ? 'binary' : 'text', data));
    socket.on('ping', (data) => this.receive('ping', data));
    socket.on('pong', (data) => this.receive('pong', data));
    socket.on('error', (error) => this.fail(describeConnectError(error, this.url)));
    socket.on('close', (code, reason) => this.closed(code, reason.toString('utf8')));
  }

  private receiveUpgrade(response: IncomingMessage): void {
    const key = headerValue(this.handshake.request?.headers, 'sec-websocket-key');
    const accept = key === undefined ? undefined : checkAccept(key, response.headers['sec-websocket-accept'] as string | undefined);
    this.handshake = { ...this.handshake, response: responseOf(response), accept };
    this.record('upgrade-response', `${response.statusCode} ${response.statusMessage ?? ''}`.trim());
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
    this.record('open', socket.protocol ? `subprotocol ${socket.protocol}` : undefined);
  }

  private receive(kind: MessageKind, data: WebSocket.RawData): void {
    const payload = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    this.log.append({ direction: 'in', kind, payload, time: now() });
  }

  private closed(code: number, reason: string): void {
    if (this.state === 'closed') return;
    const wasClean = code !== 1006;
    const initiatedBy = !wasClean ? 'none' : this.closeRequested ? 'client' : 'server';
    this.state = 'closed';
    this.closeInfo = { code, reason, initiatedBy, wasClean };
    this.record('closed', `${code}${reason ? ` ${reason}` : ''} — ${describeInitiator(initiatedBy)}`);
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

  private record(kind: LifecycleKind, detail?: string): void {
    this.lifecycle.push({ time: now(), kind, detail });
    this.changed.fire(this.snapshot());
  }
}

function describeInitiator(initiator: CloseInfo['initiatedBy']): string {
  if (initiator === 'none') return 'TCP closed without a closing handshake';
  return `closed by the ${initiator}`;
}

function requestHeaders(request: ClientRequest): HeaderList {
  const names = request.getRawHeaderNames();
  const host = names.some((n) => n.toLowerCase() === 'host') ? [] : [['Host', String(request.host)] as const];
  return [...host, ...names.map((name) => [name, String(request.getHeader(name))] as const)];
}

function responseOf(response: IncomingMessage): HandshakeResponse {
  const headers: (readonly [string, string])[] = [];
  for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) headers.push([response.rawHeaders[i]!, response.rawHeaders[i + 1]!]);
  return { httpVersion: response.httpVersion, statusCode: response.statusCode ?? 0, statusMessage: response.statusMessage ?? '', headers };
}

function headerValue(headers: HeaderList | undefined, name: string): string | undefined {
  return headers?.find(([n]) => n.toLowerCase() === name)?.[1];
}

function rejectedError(response: IncomingMessage, body: string): SocketLensError {
  const status = `${response.statusCode} ${response.statusMessage ?? ''}`.trim();
  const excerpt = body.trim().slice(0, 200);
  return new SocketLensError(
    'connection/handshake-rejected',
    `The server answered ${status} instead of 101 Switching Protocols.${excerpt ? ` Body: "${excerpt}".` : ''} Check the URL path, auth headers and Origin.`,
  );
}
