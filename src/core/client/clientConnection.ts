import { randomUUID } from 'node:crypto';
import { now } from '../clock';
import { SocketLensError, toErrorInfo } from '../errors';
import { Emitter } from '../events/emitter';
import { SessionLog } from '../log/sessionLog';
import { checkCloseCode } from './connectionErrors';
import { ConnectionAttempt, type AttemptSettings } from './connectionAttempt';
import type { ConnectionSnapshot, ConnectionState, LifecycleEvent, LifecycleKind } from './connectionTypes';
import type { OutgoingMessage } from './outgoing';
import { findProxy, type ProxyConfig, type ResolvedProxy } from './proxy';
import { ReconnectPolicy, type ReconnectOptions } from './reconnectPolicy';
import { Repeater, type RepeatOptions } from './repeater';
import { loadTlsOptions, type TlsConnectionOptions, type TlsSettingNames, type TlsSettings } from './tlsOptions';
import { buildUpgradeRequest, type UpgradeRequest, type UpgradeRequestOptions } from './upgradeRequest';

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
  /** TLS for wss: verification (on unless `insecure`), extra CA, client certificate, SNI. */
  readonly tls?: TlsSettings;
  /** How the TLS settings are called where the person sets them, for error messages. */
  readonly tlsSettingNames?: TlsSettingNames;
  /** An HTTP proxy to reach the server through (CONNECT); without it the connection is direct. */
  readonly proxy?: ProxyConfig;
  /** Reconnect when the connection fails or drops, unless we closed it. Off when not given. */
  readonly reconnect?: ReconnectOptions;
  readonly logBudgetBytes?: number;
}

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

/**
 * A client connection to a WebSocket server, across its attempts: the first, a manual
 * `reconnect()`, and automatic ones with backoff when `reconnect` is set. One log holds every
 * message of every attempt; the lifecycle holds every attempt's events and why each ended.
 */
export class ClientConnection {
  readonly id = randomUUID();
  readonly log: SessionLog;
  private readonly settings: AttemptSettings;
  private readonly policy: ReconnectPolicy | undefined;
  private attempt: ConnectionAttempt | undefined;
  private attempts = 0;
  private waiting: NodeJS.Timeout | undefined;
  /** We closed or aborted it, or it was disposed: no automatic reconnect. */
  private ending = false;
  /** Why the last attempt could not even start (a bad header, an unreadable certificate file…). */
  private setupError: SocketLensError | undefined;
  private readonly lifecycle: LifecycleEvent[] = [];
  private readonly repeaters = new Set<Repeater>();
  private readonly changed = new Emitter<ConnectionSnapshot>();

  /** Fires on every change of state, handshake or lifecycle (not for each message: see `log`). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly options: ClientConnectionOptions) {
    this.log = new SessionLog({ byteBudget: options.logBudgetBytes });
    this.policy = options.reconnect && new ReconnectPolicy(options.reconnect);
    this.settings = {
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
      maxPayloadBytes: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
      perMessageDeflate: options.perMessageDeflate ?? true,
      followRedirects: options.followRedirects ?? false,
      maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      autoPong: options.autoPong ?? true,
      keepAliveMs: options.keepAliveMs,
      secretHeaders: options.secretHeaders,
      tlsSettingNames: options.tlsSettingNames,
    };
  }

  /** The URL of the current attempt (query added; where a redirect led). */
  get url(): URL {
    return this.attempt?.url ?? this.options.url;
  }

  /**
   * Starts the opening handshake. Resolves once open; rejects with a SocketLensError if it fails
   * (with `reconnect`, once the retries are used up or we closed it).
   */
  connect(): Promise<void> {
    if (this.attempts > 0) return Promise.reject(new Error('connect() was already called; use reconnect().'));
    return this.start();
  }

  /** Closes the current attempt normally if it is open, and connects again at once. */
  async reconnect(): Promise<void> {
    clearTimeout(this.waiting);
    const current = this.attempt;
    if (current && current.state !== 'closed') {
      this.ending = true;
      current.close(1000, 'reconnecting');
      await current.ended;
    }
    this.ending = false;
    this.policy?.succeeded();
    return this.start();
  }

  sendText(text: string): void {
    this.send({ kind: 'text', text });
  }

  /** Sends a data message, in one frame or cut into `fragments` frames (RFC 6455 §5.4). */
  send(message: OutgoingMessage, fragments = 1): void {
    this.current().send(message, fragments);
  }

  ping(data?: string | Uint8Array): void {
    this.current().ping(data);
  }

  pong(data?: string | Uint8Array): void {
    this.current().pong(data);
  }

  /**
   * Writes bytes straight to the socket, past ws: frames built by the frame encoder, broken ones
   * included, to see how a server copes. The tap decodes them like any others.
   */
  sendRaw(bytes: Uint8Array): void {
    this.current().sendRaw(bytes);
  }

  /** Sends `message` every `everyMs` ms, `times` times or until stopped or the attempt ends. */
  repeat(message: OutgoingMessage, options: RepeatOptions): Repeater {
    const attempt = this.current();
    attempt.assertOpen();
    const repeater = new Repeater(() => attempt.send(message), options, (error) => attempt.sendFailed(error));
    this.repeaters.add(repeater);
    repeater.onDidStop(() => this.repeaters.delete(repeater));
    return repeater;
  }

  /** Ends the TCP connection without a close frame (the peer sees 1006); no automatic reconnect. */
  abort(): void {
    this.stopWaiting();
    this.attempt?.abort();
  }

  /** Starts the closing handshake (RFC 6455 §7.1.2); while still connecting, abandons the attempt. */
  close(code = 1000, reason = ''): void {
    const invalid = checkCloseCode(code);
    if (invalid) throw invalid;
    if (Buffer.byteLength(reason) > 123) {
      throw new SocketLensError('connection/close-code', 'A close reason can be at most 123 bytes of UTF-8 (RFC 6455 §5.5). Shorten it.');
    }
    this.stopWaiting();
    this.attempt?.close(code, reason);
  }

  snapshot(): ConnectionSnapshot {
    const attempt = this.attempt;
    return {
      id: this.id,
      url: this.url.href,
      state: this.state,
      handshake: attempt?.handshake ?? {},
      // Frame events carry the time their bytes crossed; sort so the order is the wire's.
      lifecycle: [...this.lifecycle].sort((a, b) => a.time - b.time),
      close: attempt?.closeInfo,
      error: (attempt?.error ?? this.setupError) && toErrorInfo(attempt?.error ?? this.setupError),
    };
  }

  /** Ends the TCP connection at once and releases the log. */
  dispose(): void {
    this.stopWaiting();
    this.attempt?.abort();
    this.changed.dispose();
    this.log.dispose();
  }

  private get state(): ConnectionState {
    // Waiting to reconnect counts as connecting: it will.
    if (this.waiting !== undefined) return 'connecting';
    if (!this.attempt && this.setupError) return 'closed';
    return this.attempt?.state ?? 'connecting';
  }

  /** Checks the request and reads the TLS files (again for each attempt: they may have been fixed), then connects. */
  private async start(): Promise<void> {
    this.waiting = undefined;
    const { request, tls, proxy } = await this.prepare();
    const number = ++this.attempts;
    this.record('connecting', number > 1 ? `attempt ${number}: ${request.url.href}` : request.url.href);
    const attempt = new ConnectionAttempt(request, { tls, proxy }, this.settings, this.log, (kind, detail, time) => this.record(kind, detail, time));
    this.attempt = attempt;
    void attempt.opened.then(() => this.policy?.succeeded(), () => {});
    return new Promise((resolve, reject) => {
      attempt.opened.then(resolve, () => {});
      void attempt.ended.then(() => {
        for (const repeater of [...this.repeaters]) repeater.stop();
        if (this.ending || !this.scheduleRetry(resolve, reject)) reject(attempt.error ?? new SocketLensError('connection/closed', 'The connection closed before it opened.'));
      });
    });
  }

  /** The request and transport of the next attempt; a bad option ends the connection here, with the error in the lifecycle. */
  private async prepare(): Promise<{ request: UpgradeRequest; tls?: TlsConnectionOptions; proxy?: ResolvedProxy }> {
    try {
      const request = buildUpgradeRequest(this.options);
      const secure = request.url.protocol === 'wss:';
      const tls = secure && this.options.tls ? await loadTlsOptions(this.options.tls, this.options.tlsSettingNames) : undefined;
      const proxy = this.options.proxy && findProxy(request.url, this.options.proxy);
      return { request, tls, proxy };
    } catch (error) {
      this.setupError = error instanceof SocketLensError ? error : new SocketLensError('connection/request', String(error));
      this.attempt = undefined;
      this.record('error', this.setupError.message);
      throw this.setupError;
    }
  }

  /** After a failure or a drop: waits, then tries again; false when there is nothing to try. */
  private scheduleRetry(resolve: () => void, reject: (error: unknown) => void): boolean {
    const next = this.policy?.next();
    if (!this.policy) return false;
    if (!next) {
      this.record('reconnect-gave-up', `gave up after ${this.attempts} attempts; use Reconnect to try again`);
      return false;
    }
    const why = this.attempt?.error?.message ?? `closed with ${this.attempt?.closeInfo?.code ?? 1006}`;
    this.record('reconnect-scheduled', `retry ${next.retry} in ${(next.delayMs / 1000).toFixed(1)} s, after: ${why}`);
    this.waiting = setTimeout(() => this.start().then(resolve, reject), next.delayMs);
    this.changed.fire(this.snapshot());
    return true;
  }

  private stopWaiting(): void {
    this.ending = true;
    if (this.waiting === undefined) return;
    clearTimeout(this.waiting);
    this.waiting = undefined;
    this.record('reconnect-cancelled', 'the pending reconnect was cancelled');
  }

  private current(): ConnectionAttempt {
    if (this.attempt && this.waiting === undefined) return this.attempt;
    throw new SocketLensError('connection/not-open', `Cannot send: the connection is ${this.state}. ${this.waiting !== undefined ? 'It is waiting to reconnect.' : 'Connect first.'}`);
  }

  private record(kind: LifecycleKind, detail?: string, time = now()): void {
    this.lifecycle.push({ time, kind, detail });
    this.changed.fire(this.snapshot());
  }
}
