import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { errorCode, SocketLensError } from '../errors';
import { isLoopbackHost } from '../url/loopback';
import { Emitter } from '../events/emitter';
import { MockClient, type MockClientInfo } from './mockClient';
import type { MockDefinition, MockPath } from './mockDefinition';
import { checkHandshake, type HandshakeAnswer } from './mockHandshake';
import { MockScript } from './mockScript';
import { loadMockTls, type MockCertificate, type MockTlsSetup } from './mockTls';
import { describeProblem, validateMockDefinition } from './validateDefinition';

export const DEFAULT_MOCK_HOST = '127.0.0.1';
const DEFAULT_MAX_PAYLOAD = 16 * 1024 * 1024;
const DEFAULT_MAX_CONNECTIONS = 1000;
/**
 * What one client may cost before it is cut off: 16 KiB of request headers (431 beyond) and 10 s
 * to send them (a slow-loris client is dropped, checked every 2 s).
 */
const HOSTILE_CLIENT_LIMITS = { maxHeaderSize: 16 * 1024, headersTimeout: 10_000, requestTimeout: 10_000, connectionsCheckingInterval: 2_000 } as const;

export interface MockServerOptions {
  readonly definition: MockDefinition;
  /** Overrides the definition's host and port (the CLI's --host and --port). */
  readonly host?: string;
  readonly port?: number;
  /** Byte budget of each client's session log. */
  readonly logBudgetBytes?: number;
  /** Where the definition's relative file paths (tls.certFile, …) start: its file's folder. Default the working directory. */
  readonly baseDir?: string;
}

/** What happened on a mock, in order, for the panel and for `socket-lens mock --json`. */
export type MockEvent =
  | { readonly type: 'connected'; readonly client: MockClientInfo }
  | { readonly type: 'rejected'; readonly path: string; readonly status: number; readonly reason: string; readonly remote: string }
  /** A client gave up on (or broke) the TLS handshake, most often because it does not trust the certificate. */
  | { readonly type: 'tls-failed'; readonly remote: string; readonly reason: string }
  | { readonly type: 'disconnected'; readonly client: MockClientInfo }
  | { readonly type: 'reloaded'; readonly name?: string };

/**
 * A mock WebSocket server from a definition: its own http.Server with ws in noServer mode, so
 * each upgrade can be checked, delayed or refused as the definition says; every client under a
 * passive tap with its own log; rules that answer messages; timers; faults. Binds 127.0.0.1 and
 * any free port unless told otherwise. `reload` swaps the definition without dropping clients.
 */
export class MockServer {
  private readonly wss: WebSocketServer;
  private readonly clientsById = new Map<string, MockClient>();
  /** Rules, timers, faults and onConnect messages: what the definition does to clients once in. */
  private readonly script = new MockScript(() => this.definition, this.clientsById, (kind, data, path) => this.broadcast(kind, data, path));
  private readonly events = new Emitter<MockEvent>();
  private readonly clientChanged = new Emitter<MockClient>();
  private readonly responses = new WeakMap<IncomingMessage, readonly string[]>();

  /** Connections, refusals, disconnections and reloads. */
  readonly onDidEvent = this.events.event;
  /** A client's lifecycle changed (its log has its own onDidAppend). */
  readonly onDidChangeClient = this.clientChanged.event;
  /** The certificate served over TLS, to tell people how to trust it; absent without TLS or for a PKCS#12 file. */
  readonly certificate: MockCertificate | undefined;
  private readonly secure: boolean;
  /** Listening on a loopback address (read once: every upgrade checks its Host against it). */
  private readonly loopback: boolean;
  /** Where it listens, read once: a closed server has no address to read, and its URL stays what it was. */
  readonly url: string;

  private constructor(
    private definition: MockDefinition,
    private readonly server: Server | HttpsServer,
    private readonly logBudgetBytes: number | undefined,
    tls: MockTlsSetup | undefined,
  ) {
    this.secure = tls !== undefined;
    const { address, port, family } = server.address() as AddressInfo;
    this.loopback = isLoopbackHost(address);
    this.url = `${this.secure ? 'wss' : 'ws'}://${family === 'IPv6' ? `[${address}]` : address}:${port}`;
    this.certificate = tls?.certificate;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: definition.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD,
      perMessageDeflate: definition.perMessageDeflate ?? true,
      // Pings are answered by MockClient, so a fault can answer them late or never.
      autoPong: false,
      handleProtocols: (offered) => this.definition.subprotocols?.find((p) => offered.has(p)) ?? false,
    });
    // The 101 the client gets, for its handshake view: ws writes it right after this event.
    this.wss.on('headers', (lines: string[], request: IncomingMessage) => this.responses.set(request, [...lines]));
    server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => this.upgrade(request, socket, head));
    server.on('request', (_request, response) => response.writeHead(426, { 'Content-Type': 'text/plain' }).end(`This is a WebSocket mock server (Socket Lens): connect with ${this.secure ? 'wss' : 'ws'}://.\n`));
    // A client that breaks HTTP is told why and cut off; it never takes the server down.
    server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
    if (tls) {
      // A TLS socket that failed its handshake no longer knows its peer: read it from the TCP socket first.
      const remotes = new WeakMap<Socket, string>();
      server.on('connection', (raw: Socket) => remotes.set(raw, `${raw.remoteAddress}:${raw.remotePort}`));
      server.on('tlsClientError', (error: Error, socket: Socket & { readonly _parent?: Socket }) => {
        const remote = (socket._parent && remotes.get(socket._parent)) ?? 'a client';
        this.events.fire({ type: 'tls-failed', remote, reason: describeTlsClientError(error) });
      });
    }
    this.script.startTimers();
  }

  static async start(options: MockServerOptions): Promise<MockServer> {
    const definition = checked(options.definition);
    const host = options.host ?? definition.host ?? DEFAULT_MOCK_HOST;
    const port = options.port ?? definition.port ?? 0;
    const tls = definition.tls && (await loadMockTls(definition.tls, { baseDir: options.baseDir ?? process.cwd(), host }));
    const server = tls ? createHttpsServer({ ...HOSTILE_CLIENT_LIMITS, ...tls.options }) : createServer(HOSTILE_CLIENT_LIMITS);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
      server.listen(port, host, () => resolve());
    });
    return new MockServer(definition, server, options.logBudgetBytes, tls);
  }

  /** Where a client would connect first: the URL and the definition's first path (not the `*` catch-all). */
  get firstPathUrl(): string {
    return `${this.url}${this.paths[0] ?? '/'}`;
  }

  /** The subprotocols the mock accepts, in its order of preference ([] when it takes none). */
  get subprotocols(): readonly string[] {
    return this.definition.subprotocols ?? [];
  }

  /** The paths the definition serves, in its order; `*` (any other path) is not one a client can be sent to. */
  get paths(): string[] {
    return this.definition.paths.map((p) => p.path).filter((path) => path !== '*');
  }

  get name(): string | undefined {
    return this.definition.name;
  }

  get clientCount(): number {
    return this.clientsById.size;
  }

  clients(): MockClientInfo[] {
    return [...this.clientsById.values()].map((c) => c.info());
  }

  client(id: string): MockClient | undefined {
    return this.clientsById.get(id);
  }

  /** Sends to one client. */
  send(clientId: string, kind: 'text' | 'binary', data: Uint8Array): void {
    const client = this.clientsById.get(clientId);
    if (!client) throw new SocketLensError('mock/client', `No client ${clientId} on this mock; it may have disconnected.`);
    client.send(kind, data);
  }

  /** Sends to every client (on `path`, when given); returns how many got it. */
  broadcast(kind: 'text' | 'binary', data: Uint8Array, path?: string): number {
    let sent = 0;
    for (const client of this.clientsById.values()) {
      if (path !== undefined && client.path !== path) continue;
      client.send(kind, data);
      sent++;
    }
    return sent;
  }

  disconnect(clientId: string, code = 1000, reason = ''): void {
    this.clientsById.get(clientId)?.close(code, reason);
  }

  /** New rules and timers for the clients already connected and those to come. Host, port, TLS and limits stay as started. */
  reload(definition: MockDefinition): void {
    this.definition = checked(definition);
    this.script.stopTimers();
    this.script.startTimers();
    this.events.fire({ type: 'reloaded', name: definition.name });
  }

  /** Closes every client (1001 Going Away by default) and stops listening. */
  async close(code = 1001, reason = 'mock server stopping'): Promise<void> {
    this.script.stopTimers();
    const closed = [...this.clientsById.values()].map((client) => new Promise<void>((resolve) => {
      if (!client.open) return resolve();
      client.onceClosed(resolve);
      client.close(code, reason);
    }));
    // A client that never answers the close frame is cut off after a moment.
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    for (const client of this.clientsById.values()) client.terminate();
    this.wss.close();
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // A client still sending its request (slowly, or never finishing it) would hold close() up until the request timeout.
    this.server.closeAllConnections();
    await stopped;
    this.events.dispose();
    this.clientChanged.dispose();
  }

  private upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    destroyOnError(socket);
    guarded(socket, () => {
      const answer = checkHandshake(request, this.definition, {
        clients: this.clientsById.size,
        maxConnections: this.definition.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
        loopback: this.loopback,
      });
      if (answer.delayMs) setTimeout(() => guarded(socket, () => this.answerUpgrade(answer, request, socket, head)), answer.delayMs);
      else this.answerUpgrade(answer, request, socket, head);
    });
  }

  private answerUpgrade(answer: HandshakeAnswer, request: IncomingMessage, socket: Socket, head: Buffer): void {
    if (socket.destroyed) return;
    if (answer.kind === 'refuse') {
      socket.end(answer.response);
      this.events.fire({ type: 'rejected', path: answer.path, status: answer.status, reason: answer.reason, remote: `${socket.remoteAddress}:${socket.remotePort}` });
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => this.connected(ws, request, socket, answer.config, answer.requestPath));
  }

  /** Synchronously in handleUpgrade's callback, before the client's first frame is read. */
  private connected(ws: WebSocket, request: IncomingMessage, socket: Socket, config: MockPath, requestPath: string): void {
    let id = randomUUID().slice(0, 8);
    // 32 random bits collide among tens of thousands of clients; a collision would orphan a client.
    while (this.clientsById.has(id)) id = randomUUID().slice(0, 8);
    const client = new MockClient(id, requestPath, ws, socket, request, { logBudgetBytes: this.logBudgetBytes, maxPayloadBytes: this.definition.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD, response: this.responses.get(request) ?? [] }, (changed) => this.clientChanged.fire(changed));
    this.clientsById.set(id, client);
    client.onceClosed(() => {
      this.clientsById.delete(id);
      if (this.events.listenerCount > 0) this.events.fire({ type: 'disconnected', client: client.info() });
    });
    // A client's info copies its headers: built only for someone who listens.
    if (this.events.listenerCount > 0) this.events.fire({ type: 'connected', client: client.info() });
    this.script.start(client, config);
  }
}

/** Apart from the upgrade's closures, so that the listener does not keep the request alive with them. */
function destroyOnError(socket: Socket): void {
  socket.on('error', () => socket.destroy());
}

/** Runs `step` of an upgrade; whatever a client sends, the server stays up: a step that throws drops only this connection. */
function guarded(socket: Socket, step: () => void): void {
  try {
    step();
  } catch {
    socket.destroy();
  }
}

/** OpenSSL's words for what went wrong, with what it usually means for a mock. */
function describeTlsClientError(error: Error): string {
  const alert = /alert (unknown ca|bad certificate|certificate unknown|certificate expired)/i.exec(error.message)?.[1];
  const trust = 'Give the client the certificate to trust, or let it skip the check for a test.';
  if (alert) return `the client refused the certificate (${alert}): it does not trust it. ${trust}`;
  // Node and browsers often just hang up on a certificate they refuse, without an alert.
  if (errorCode(error) === 'ECONNRESET') return `the client hung up during the TLS handshake, most often because it does not trust the certificate. ${trust}`;
  return `the TLS handshake failed: ${error.message}`;
}

/** 431 for headers over the limit, 408 for a request too slow to arrive, 400 for anything else that is not HTTP. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const [status, text] = error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout'] : [400, 'Bad Request'];
  if (socket.writable && error.code !== 'ECONNRESET') socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroySoon();
}

/** A definition with every problem said at once, or the definition. */
function checked(definition: MockDefinition): MockDefinition {
  const check = validateMockDefinition(definition);
  if (check.ok) return check.definition;
  throw new SocketLensError('mock/definition', `The mock definition is not valid: ${check.problems.map(describeProblem).join('; ')}`);
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): SocketLensError {
  if (error.code === 'EADDRINUSE') return new SocketLensError('mock/listen', `Port ${port} on ${host} is already in use. Choose another port, or 0 for any free one.`);
  if (error.code === 'EADDRNOTAVAIL') return new SocketLensError('mock/listen', `${host} is not an address of this machine. Use 127.0.0.1 (the default) or one of its own addresses.`);
  if (error.code === 'EACCES') return new SocketLensError('mock/listen', `Listening on port ${port} needs more privileges. Use a port above 1023, or 0.`);
  return new SocketLensError('mock/listen', `The mock cannot listen on ${host}:${port}: ${error.message}.`);
}
