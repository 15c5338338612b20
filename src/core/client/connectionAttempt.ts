import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { SocketLensError } from '../errors';
import type { SessionLog } from '../log/sessionLog';
import { parseExtensions } from '../protocol/negotiation';
import { rawDataBytes } from '../tap/rawData';
import { SocketTap } from '../tap/socketTap';
import { WireJoiner } from '../tap/wireJoiner';
import type { AttemptOutcome, AttemptSettings, AttemptTransport } from './attemptTypes';
import { AttemptWrites } from './attemptWrites';
import { CloseTracker, describeClose, type LifecycleRecorder } from './closeTracker';
import { describeCutFrame, describeHandshakeTimeout, describePingFlood, describeSocketError } from './connectionErrors';
import type { CloseInfo, ConnectionState, Handshake } from './connectionTypes';
import { HandshakeCapture } from './handshakeCapture';
import { KeepAlive } from './keepAlive';
import type { OutgoingMessage } from './outgoing';
import { ProxyAgent } from './proxyAgent';
import type { UpgradeRequest } from './upgradeRequest';

export type { AttemptOutcome, AttemptSettings, AttemptTransport } from './attemptTypes';

/**
 * One attempt to connect, from the upgrade request to the end of TCP: `ws` does the protocol, a
 * passive tap on the socket decodes every frame both ways, and this records what a person
 * debugging it needs — DNS, TCP, TLS, the handshake as sent and received, every frame and
 * message (into the connection's log), the close handshake and who ended TCP.
 */
export class ConnectionAttempt {
  private readonly socket: WebSocket;
  /** We ended TCP ourselves (abort, or the handshake deadline). */
  private aborted = false;
  /** The peer ended TCP (FIN or reset), as the tap saw it. */
  private peerEndedTcp = false;
  /** Runs from our upgrade request's last byte until the answer (see startDeadline). */
  private deadline: NodeJS.Timeout | undefined;
  private joiner: WireJoiner | undefined;
  private tap: SocketTap | undefined;
  private keepAlive: KeepAlive | undefined;
  private readonly closing: CloseTracker;
  private readonly writes = new AttemptWrites((error) => this.sendFailed(error));
  private readonly agent: ProxyAgent | undefined;
  private readonly capture: HandshakeCapture;
  /** The 3xx this attempt ended with, when redirects are followed. */
  private redirect: AttemptOutcome['redirect'];
  /** The server answered the upgrade with something other than 101: settles once its body is read and the error set. */
  private rejection: Promise<void> | undefined;
  state: ConnectionState = 'connecting';
  closeInfo: CloseInfo | undefined;
  error: SocketLensError | undefined;
  /** Settles once: open, or closed before it opened (with the error that explains it). */
  readonly opened: Promise<void>;
  /** Resolves once ws reports the connection closed. */
  readonly ended: Promise<CloseInfo>;

  constructor(
    request: UpgradeRequest,
    transport: AttemptTransport,
    private readonly settings: AttemptSettings,
    private readonly log: SessionLog,
    private readonly record: LifecycleRecorder,
    private readonly onEnd: (outcome: AttemptOutcome) => void,
  ) {
    this.capture = new HandshakeCapture(request, settings, transport, record);
    this.closing = new CloseTracker(record);
    const proxy = transport.proxy;
    this.agent = proxy && new ProxyAgent({ proxy: proxy.url, source: proxy.source, secure: request.url.protocol === 'wss:', timeoutMs: settings.handshakeTimeoutMs, onEvent: (kind, detail) => this.capture.proxyEvent(kind, detail) });
    this.socket = new WebSocket(request.url, request.protocols, {
      ...transport.tls,
      agent: this.agent,
      headers: request.headers,
      handshakeTimeout: settings.handshakeTimeoutMs,
      maxPayload: settings.maxPayloadBytes,
      perMessageDeflate: settings.perMessageDeflate,
      // Redirects are followed by ClientConnection, one attempt per hop, so each hop gets its own proxy, TLS and credentials.
      followRedirects: false,
      autoPong: settings.autoPong,
      finishRequest: (upgrade) => {
        upgrade.once('finish', () => this.startDeadline());
        this.capture.sendUpgrade(upgrade);
      },
    });
    let ended: (close: CloseInfo) => void = () => {};
    this.ended = new Promise((resolve) => (ended = resolve));
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('close', (code, reason) => {
        const settle = () => {
          reject(this.error ?? new SocketLensError('connection/closed', 'The connection closed before it opened.'));
          ended(this.closed(code, reason.toString('utf8')));
        };
        // A refused upgrade explains the close once its body is read (however it ends).
        if (this.rejection) void this.rejection.then(settle, settle);
        else settle();
      });
    });
    // A caller that only awaits `ended` must not see an unhandled rejection.
    this.opened.catch(() => {});
    this.listen(this.socket);
    const stop = () => this.stopDeadline();
    this.opened.then(stop, stop);
  }

  get handshake(): Handshake {
    return this.capture.handshake;
  }

  /** The URL of the request (where a redirect led). */
  get url(): URL {
    return this.capture.url;
  }

  /** Sends a data message, in one frame or cut into `fragments` frames (RFC 6455 §5.4). */
  send(message: OutgoingMessage, fragments = 1): void {
    this.writes.send(this.requireOpen(), message, fragments);
  }

  ping(data?: string | Uint8Array): void {
    this.writes.ping(this.requireOpen(), data);
  }

  pong(data?: string | Uint8Array): void {
    this.writes.pong(this.requireOpen(), data);
  }

  /** Writes bytes straight to the socket, past ws, after whatever was sent before; the tap decodes them like any others. */
  sendRaw(bytes: Uint8Array): void {
    this.requireOpen();
    this.writes.raw(bytes);
  }

  /** Starts the closing handshake (RFC 6455 §7.1.2); while still connecting, abandons the attempt. */
  close(code: number, reason: string): void {
    if (this.state === 'closing' || this.state === 'closed') return;
    if (this.state === 'connecting') {
      this.abort();
      return;
    }
    this.leaveOpen();
    this.writes.close(this.socket, code, reason);
  }

  /** Ends the TCP connection without a close frame (the peer sees 1006). */
  abort(): void {
    if (this.state === 'closed') return;
    this.aborted = true;
    this.socket.terminate();
    // terminate() cannot reach a proxy tunnel that is still being opened.
    this.agent?.destroy();
  }

  sendFailed(error: Error): void {
    this.fail(error instanceof SocketLensError ? error : new SocketLensError('connection/send-failed', `A message was not sent: ${error.message}`));
  }

  private listen(socket: WebSocket): void {
    socket.on('upgrade', (response) => {
      this.capture.upgraded(response);
      this.attachTap(response.socket as Socket, response.headers['sec-websocket-extensions']);
    });
    socket.on('unexpected-response', (_request, response) => {
      // The answer came; its body may take as long as it takes.
      this.stopDeadline();
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (this.settings.followRedirects && status >= 300 && status < 400 && location) this.redirect = { status, location, from: this.url };
      this.rejection = this.capture.rejected(response).then((error) => {
        if (!this.redirect) this.fail(error);
        this.socket.terminate();
      });
    });
    socket.on('open', () => this.didOpen(socket));
    // ws terminates, without a word, a connection whose peer pings faster than the automatic
    // pongs can be written (maxPendingAutoPongs): the ping that tipped it is emitted after. A
    // ping ws reads after the peer ended TCP (one held back while a message inflated) also comes
    // with the socket no longer open: that is no flood.
    socket.on('ping', () => {
      if (this.settings.autoPong && this.state === 'open' && !this.aborted && !this.peerEndedTcp && socket.readyState !== WebSocket.OPEN) this.fail(describePingFlood());
    });
    socket.on('message', (data, isBinary) => this.joiner?.delivered(isBinary ? 'binary' : 'text', rawDataBytes(data)));
    socket.on('error', (error) => {
      // After a refused upgrade ws may still time out reading its body: the refusal is the story.
      if (this.rejection) return;
      this.joiner?.receiverError(error);
      this.fail(this.state === 'connecting' ? this.capture.connectError(error) : describeSocketError(error));
    });
  }

  /** Synchronously on the 101, before ws reads the first frame or anyone writes one. */
  private attachTap(socket: Socket, extensions: string | undefined): void {
    const perMessageDeflate = parseExtensions(extensions).value.some((e) => e.name === 'permessage-deflate');
    const closing = this.closing;
    const joiner = new WireJoiner(this.log, {
      closeFrame: (direction, code, reason, time) => {
        if (this.state === 'open') this.leaveOpen();
        closing.closeFrame(direction, code, reason, time);
      },
      violation: (direction, frameIndex, found, time) => closing.violation(direction, frameIndex, found, time),
      tcp: (event, time, hadError) => {
        if (event === 'fin-received' || (event === 'closed' && hadError)) this.peerEndedTcp = true;
        closing.tcp(event, time, hadError);
      },
    });
    const maxPayloadBytes = this.settings.maxPayloadBytes;
    this.tap = SocketTap.attach(socket, { role: 'client', perMessageDeflate, maxPayloadBytes, receiverChecksUtf8: true }, joiner);
    joiner.readFrom(this.tap);
    this.joiner = joiner;
    this.writes.tapped({ socket, tap: this.tap, joiner });
  }

  /**
   * ws's handshakeTimeout is an idle timer that every byte restarts: a server that answers byte
   * by byte would hold the attempt open for as long as it likes. Once our upgrade request is
   * written (TCP, TLS and any proxy done, each under its own limit), the answer has
   * handshakeTimeoutMs in all.
   */
  private startDeadline(): void {
    if (this.state !== 'connecting' || this.deadline) return;
    this.deadline = setTimeout(() => this.handshakeTooSlow(), this.settings.handshakeTimeoutMs);
  }

  private stopDeadline(): void {
    clearTimeout(this.deadline);
  }

  private handshakeTooSlow(): void {
    if (this.state !== 'connecting' || this.aborted) return;
    this.fail(describeHandshakeTimeout(this.url, this.settings.handshakeTimeoutMs));
    this.abort();
  }

  private didOpen(socket: WebSocket): void {
    this.state = 'open';
    this.startKeepAlive(socket);
    this.capture.opened(socket);
  }

  /** Pings every `keepAliveMs` (through the same order as every other send). */
  private startKeepAlive(socket: WebSocket): void {
    const every = this.settings.keepAliveMs;
    if (every === undefined || every <= 0) return;
    const keepAlive = new KeepAlive(every, (payload) => this.ping(payload), (detail) => this.record('keepalive-missed', detail));
    socket.on('pong', (data) => keepAlive.pong(data.toString('latin1')));
    this.keepAlive = keepAlive;
  }

  /** The closing handshake has begun: nothing of ours starts any more (keep-alive pings included). */
  private leaveOpen(): void {
    this.state = 'closing';
    this.keepAlive?.stop();
  }

  private closed(code: number, reason: string): CloseInfo {
    this.keepAlive?.stop();
    this.writes.abandon();
    const closeInfo = this.closing.finish(code, reason);
    const cut = closeInfo.tcpClosedFirstBy === 'server' && !this.error ? this.tap?.inboundCut() : undefined;
    if (cut) this.fail(describeCutFrame(cut.frameIndex, cut.frame));
    this.joiner?.finish(this.error?.message ?? 'The connection closed before ws delivered this message.');
    this.state = 'closed';
    // Set before recording, so the change that reports `closed` carries the close. A hop that
    // redirects is not a close the user asked about: the connection records the redirect.
    this.closeInfo = closeInfo;
    if (!this.redirect) this.record('closed', describeClose(this.closeInfo));
    this.onEnd({ close: this.closeInfo, redirect: this.redirect });
    return this.closeInfo;
  }

  private fail(error: SocketLensError): void {
    // The first error explains the failure; what ws reports after it (e.g. "closed before the
    // connection was established" after our own terminate) only repeats it.
    if (this.error) return;
    this.error = error;
    this.record('error', error.message);
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
