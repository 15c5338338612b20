import type { ClientRequest, IncomingMessage } from 'node:http';
import { isIP, type Socket } from 'node:net';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type WebSocket from 'ws';
import { now } from '../clock';
import { errorCode, SocketLensError } from '../errors';
import { checkAccept } from '../protocol/handshake';
import { HIDDEN } from '../redaction/hidden';
import { redactHeaders, redactListedHeaders } from '../redaction/redactHeaders';
import { redactSubprotocols } from '../redaction/redactSubprotocols';
import { isSecretHeader } from '../redaction/secretNames';
import { redactRequestPath } from '../redaction/redactUrl';
import { hostAndPort } from '../url/webSocketUrl';
import type { AttemptSettings, AttemptTransport } from './attemptTypes';
import type { LifecycleRecorder } from './closeTracker';
import { describeConnectError, type NegotiationContext } from './connectionErrors';
import type { Handshake, HandshakeResponse, HandshakeTiming, LifecycleKind, TlsInfo } from './connectionTypes';
import { headerValue, readBody, rejectedError, requestHeaders, responseOf } from './httpCapture';
import { describeTlsFailure, isTlsFailure, watchPeerCertificate } from './tlsFailure';
import { commonName, readTlsInfo } from './tlsInfo';
import type { ProxyEventKind } from './proxyAgent';
import type { UpgradeRequest } from './upgradeRequest';

/** Bytes of a rejected upgrade's body kept for the error report. */
const REJECTED_BODY_LIMIT = 4096;

/** The steps of the opening whose times are kept for the handshake's timing. */
type TimedStep = Exclude<keyof HandshakeTiming, 'start' | 'secure' | 'ipLiteral' | 'proxied'>;

/**
 * The opening of one attempt as it happened: DNS, TCP, TLS and its certificate, the upgrade
 * request as written, the response, the Accept check, redirects, and what was negotiated — and
 * the error that explains a failure, in terms of what was sent and answered.
 */
export class HandshakeCapture {
  handshake: Handshake = {};
  /** The URL of the request (where a redirect led). */
  url: URL;
  private readonly protocols: readonly string[];
  /** The server's certificate, kept even when verification fails (Node drops it then). */
  private peerCertificate: () => DetailedPeerCertificate | undefined = () => undefined;
  /** What the TLS handshake settled on, read before Node verified the chain (kept if it fails). */
  private presented: TlsInfo | undefined;

  constructor(
    request: UpgradeRequest,
    private readonly settings: AttemptSettings,
    private readonly transport: AttemptTransport,
    private readonly record: LifecycleRecorder,
  ) {
    this.url = request.url;
    this.protocols = request.protocols;
  }

  /** ws's `finishRequest`: records the request as written, then sends it. */
  sendUpgrade(request: ClientRequest): void {
    // ws calls this right after http.request() made the socket, so DNS (or TCP) has just begun.
    this.handshake = { ...this.handshake, timing: this.startTiming() };
    request.once('socket', (socket) => {
      this.peerCertificate = watchPeerCertificate(socket);
      this.watchTransport(socket);
    });
    // As written, but no credential (not even a ?token=): the handshake is shown in the panel, the lifecycle and exports.
    const path = redactRequestPath(request.path);
    request.once('finish', () => this.step('upgradeSent', 'upgrade-sent', `${request.method} ${path} HTTP/1.1`));
    const headers = redactHeaders(requestHeaders(request), this.settings.secretHeaders);
    this.handshake = { ...this.handshake, request: { method: request.method, path, headers } };
    request.end();
  }

  private startTiming(): HandshakeTiming {
    const host = this.url.hostname.replace(/^\[|\]$/g, '');
    return { start: now(), secure: this.url.protocol === 'wss:', ipLiteral: isIP(host) !== 0, proxied: Boolean(this.transport.proxy) };
  }

  /** Records a lifecycle event and keeps its time as the end of that step of the opening. */
  private step(name: TimedStep, kind: LifecycleKind, detail: string | ((time: number) => string) | undefined, time = now()): void {
    const timing = this.handshake.timing;
    if (timing) this.handshake = { ...this.handshake, timing: { ...timing, [name]: time } };
    this.record(kind, typeof detail === 'function' ? detail(time) : detail, time);
  }

  /** The proxy agent's progress: TCP to the proxy, then its answer to CONNECT. */
  proxyEvent(kind: ProxyEventKind, detail: string): void {
    if (kind === 'proxy-connecting') return this.record(kind, detail);
    this.step(kind === 'proxy-tcp-connected' ? 'tcpConnected' : 'proxyConnected', kind, detail);
  }

  private watchTransport(socket: Socket): void {
    const started = this.handshake.timing?.start ?? now();
    socket.once('lookup', (error: Error | null, address: string, family: number | string | null, host: string) => {
      if (!error) this.step('dnsResolved', 'dns-resolved', (time) => `${host} → ${address} (IPv${String(family).replace('IPv', '')}) in ${(time - started).toFixed(1)} ms`);
    });
    socket.once('connect', () => this.step('tcpConnected', 'tcp-connected', `${socket.remoteAddress}:${socket.remotePort} from ${socket.localAddress}:${socket.localPort}`));
    // Before Node's own check, which destroys the socket when the chain is refused. 'secure' is
    // Node's internal event for that moment (handshakeTls.test.ts fails if it goes away); a throw
    // here would be uncaught in the extension host, so a chain that cannot be read is just not shown.
    socket.prependOnceListener('secure', () => {
      try {
        this.presented = readTlsInfo(socket as TLSSocket);
      } catch {
        this.presented = undefined;
      }
    });
    socket.once('secureConnect', () => {
      const tls = readTlsInfo(socket as TLSSocket);
      this.handshake = { ...this.handshake, tls };
      const leaf = tls.certificates[0];
      const chain = leaf ? `; certificate ${commonName(leaf.subject)} issued by ${commonName(leaf.issuer)}` : '';
      this.step('tlsEstablished', 'tls-established', `${tls.protocol} ${tls.cipher}${tls.alpnProtocol ? ` ALPN ${tls.alpnProtocol}` : ''}${chain}`);
    });
  }

  /** ws's `upgrade`: the 101 and the Accept check. */
  upgraded(response: IncomingMessage): void {
    const key = headerValue(this.handshake.request?.headers, 'sec-websocket-key');
    const accept = key === undefined ? undefined : checkAccept(key, response.headers['sec-websocket-accept'] as string | undefined);
    this.handshake = { ...this.handshake, response: this.redactedResponse(responseOf(response)), accept };
    this.step('responseReceived', 'upgrade-response', `${response.statusCode} ${response.statusMessage ?? ''}`.trim());
  }

  /**
   * The response with the values of headers named secret for this connection hidden: a server
   * echoes a secret subprotocol in Sec-WebSocket-Protocol, and it must not reach a log or export.
   */
  private redactedResponse(response: HandshakeResponse): HandshakeResponse {
    return { ...response, headers: redactListedHeaders(response.headers, this.settings.secretHeaders ?? []) };
  }

  /**
   * The chosen subprotocol as the panel, lifecycle and exports show it: hidden when this
   * connection keeps Sec-WebSocket-Protocol secret (as its request header is) or when it is a
   * token (a JWT offered as a subprotocol, which some servers echo back).
   */
  private shownProtocol(protocol: string): string {
    return isSecretHeader('sec-websocket-protocol', this.settings.secretHeaders) ? HIDDEN : redactSubprotocols([protocol])[0]!;
  }

  /** ws's `unexpected-response`: the status, headers and start of the body, and the error they make. */
  async rejected(response: IncomingMessage): Promise<SocketLensError> {
    // The answer arrived with its head; reading the body is not part of the upgrade's time.
    const arrived = now();
    const body = await readBody(response, REJECTED_BODY_LIMIT);
    this.handshake = { ...this.handshake, response: { ...responseOf(response), body } };
    this.step('responseReceived', 'upgrade-response', `${response.statusCode} ${response.statusMessage ?? ''}`.trim(), arrived);
    return rejectedError(response, body);
  }

  /** ws's `open`: what was negotiated. */
  opened(socket: WebSocket): void {
    const protocol = socket.protocol ? this.shownProtocol(socket.protocol) : undefined;
    this.handshake = { ...this.handshake, protocol, extensions: socket.extensions || undefined };
    const negotiated = [protocol && `subprotocol ${protocol}`, socket.extensions && `extensions ${socket.extensions}`].filter(Boolean).join('; ');
    this.record('open', negotiated || undefined);
  }

  /** What ws or Node raised before the connection opened, said in terms of this handshake. */
  connectError(error: Error): SocketLensError {
    if (error instanceof SocketLensError) return error;
    const peer = this.peerCertificate();
    const code = errorCode(error);
    if (isTlsFailure(error) || (peer && code === 'ECONNRESET')) {
      // The chain the server presented, to show why it was refused.
      if (this.presented && !this.handshake.tls) this.handshake = { ...this.handshake, tls: { ...this.presented, authorized: false, authorizationError: code } };
      const tls = this.transport.tls;
      return describeTlsFailure(error, peer, { where: hostAndPort(this.url), names: this.settings.tlsSettingNames, clientCertificate: Boolean(tls?.cert ?? tls?.pfx) });
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

}
