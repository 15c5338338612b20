import { randomUUID } from 'node:crypto';
import { now } from '../clock';
import { SocketLensError, toErrorInfo } from '../errors';
import { Emitter } from '../events/emitter';
import { SessionLog } from '../log/sessionLog';
import { redactUrl } from '../redaction/redactUrl';
import { attemptSettings, DEFAULT_MAX_REDIRECTS, type ClientConnectionOptions } from './clientConnectionOptions';
import { ClientSending } from './clientSending';
import { ConnectionAttempt, type AttemptOutcome, type AttemptSettings } from './connectionAttempt';
import { checkClose } from './connectionErrors';
import { phaseState, sendingAttempt, type Phase } from './connectionPhase';
import type { CloseInfo, ConnectionSnapshot, ConnectionState, LifecycleEvent, LifecycleKind } from './connectionTypes';
import { findProxy, type ResolvedProxy } from './proxy';
import { KeptLifecycle } from './keptLifecycle';
import { ReconnectPolicy } from './reconnectPolicy';
import { redirectHop, type Hop } from './redirectHop';
import { requestSecrets } from './requestInput';
import { loadTlsOptions, type TlsConnectionOptions } from './tlsOptions';
import { buildUpgradeRequest, type UpgradeRequest } from './upgradeRequest';

export { DEFAULT_HANDSHAKE_TIMEOUT_MS, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_REDIRECTS, type ClientConnectionOptions } from './clientConnectionOptions';

/**
 * A client connection to a WebSocket server, across its attempts: the first, the hops of
 * followed redirects, a manual `reconnect()`, and automatic ones with backoff when `reconnect`
 * is set. One log holds every message of every attempt; the lifecycle holds every attempt's
 * events and why each ended. Sending is ClientSending's; where it is, connectionPhase's.
 */
export class ClientConnection extends ClientSending {
  readonly id = randomUUID();
  readonly log: SessionLog;
  private readonly settings: AttemptSettings;
  private readonly policy: ReconnectPolicy | undefined;
  private phase: Phase = { kind: 'idle' };
  /** The last attempt, kept after it ended for its handshake and close. */
  private attempt: ConnectionAttempt | undefined;
  private attempts = 0;
  /** We closed, aborted or disposed it: nothing more starts on its own. */
  private ending = false;
  private disposed = false;
  /** The promise of `connect()` or `reconnect()`, until an attempt opens or the connection ends. */
  private pending: { resolve: () => void; reject: (error: unknown) => void; promise: Promise<void> } | undefined;
  private restarting: Promise<void> | undefined;
  /** Why the last attempt could not even start (a bad header, an unreadable certificate file…). */
  private setupError: SocketLensError | undefined;
  private readonly lifecycle = new KeptLifecycle();
  private readonly changed = new Emitter<ConnectionSnapshot>();
  private readonly recorded = new Emitter<LifecycleEvent>();
  private readonly finished = new Emitter<void>();

  /** Fires on every change of state, handshake or lifecycle (not for each message: see `log`). */
  readonly onDidChange = this.changed.event;
  /** Each lifecycle event as it is recorded (the snapshot's lifecycle is in wire order instead). */
  readonly onDidRecord = this.recorded.event;
  /** The connection is over: closed, failed, or out of retries, with no attempt running or coming. */
  readonly onDidFinish = this.finished.event;

  constructor(private readonly options: ClientConnectionOptions) {
    super();
    this.log = new SessionLog({ byteBudget: options.logBudgetBytes });
    // The handshake hides these by name; a server echoing one back in a message is hidden too.
    this.log.hide(requestSecrets(options));
    this.policy = options.reconnect && new ReconnectPolicy(options.reconnect);
    this.settings = attemptSettings(options);
  }

  /** What the connection was opened with (to describe or repeat it, e.g. as a CLI command). */
  get connectOptions(): ClientConnectionOptions {
    return this.options;
  }

  /** The URL of the current attempt (query added; where a redirect led). */
  get url(): URL {
    return this.attempt?.url ?? this.options.url;
  }

  /** The connection has ended and nothing more will start on its own. */
  get isFinished(): boolean {
    return this.phase.kind === 'finished';
  }

  /**
   * Starts the opening handshake. Resolves once open; rejects with a SocketLensError if it fails
   * (with `reconnect`, once the retries are used up or we closed it).
   */
  connect(): Promise<void> {
    if (this.phase.kind !== 'idle') return Promise.reject(new Error('connect() was already called; use reconnect().'));
    return this.begin();
  }

  /** Closes the current attempt normally if it is open, and connects again at once. Calls made while one runs share it. */
  reconnect(): Promise<void> {
    this.restarting ??= this.restart().finally(() => (this.restarting = undefined));
    return this.restarting;
  }

  /** Ends the TCP connection without a close frame (the peer sees 1006); no automatic reconnect. */
  abort(): void {
    this.ending = true;
    if (this.cancelWait()) this.finish(closedWhileWaiting());
    if (this.phase.kind === 'attempt') this.phase.attempt.abort();
  }

  /** Starts the closing handshake (RFC 6455 §7.1.2); while still connecting, abandons the attempt. */
  close(code = 1000, reason = ''): void {
    const invalid = checkClose(code, reason);
    if (invalid) throw invalid;
    this.ending = true;
    if (this.cancelWait()) this.finish(closedWhileWaiting());
    if (this.phase.kind === 'attempt') this.phase.attempt.close(code, reason);
  }

  snapshot(): ConnectionSnapshot {
    const attempt = this.attempt;
    const error = attempt?.error ?? this.setupError;
    return {
      id: this.id,
      ...(this.options.label !== undefined && { label: this.options.label }),
      url: redactUrl(this.url),
      state: this.state,
      handshake: attempt?.handshake ?? {},
      ...this.lifecycle.snapshot(),
      close: attempt?.closeInfo && this.scrubClose(attempt.closeInfo),
      error: error && toErrorInfo(error),
    };
  }

  /** Ends the TCP connection at once and releases the log. */
  dispose(): void {
    this.disposed = true;
    this.abort();
    this.finish(new SocketLensError('connection/closed', 'The connection was disposed.'));
    this.changed.dispose();
    this.recorded.dispose();
    this.finished.dispose();
    this.log.dispose();
  }

  private get state(): ConnectionState {
    return phaseState(this.phase);
  }

  /** A `connect()`/`reconnect()` promise (shared while one is pending), and the first attempt. */
  private begin(): Promise<void> {
    this.ending = false;
    this.setupError = undefined;
    if (!this.pending) {
      let settle!: Pick<NonNullable<ClientConnection['pending']>, 'resolve' | 'reject'>;
      const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      this.pending = { ...settle, promise };
    }
    const { promise } = this.pending;
    void this.run({ request: this.options, redirects: 0, crossed: false });
    return promise;
  }

  private async restart(): Promise<void> {
    this.ending = true;
    this.cancelWait();
    const current = this.phase.kind === 'attempt' ? this.phase.attempt : undefined;
    if (current && current.state !== 'closed') {
      current.close(1000, 'reconnecting');
      await current.ended;
    }
    if (this.disposed) throw new SocketLensError('connection/closed', 'The connection was disposed.');
    this.policy?.succeeded();
    return this.begin();
  }

  /** One attempt at `hop`: the request is checked and the TLS files read again each time (they may have been fixed). */
  private async run(hop: Hop): Promise<void> {
    this.phase = { kind: 'preparing' };
    let prepared: Awaited<ReturnType<ClientConnection['prepare']>>;
    try {
      prepared = await this.prepare(hop);
    } catch (error) {
      this.setupError = error instanceof SocketLensError ? error : new SocketLensError('connection/request', String(error));
      this.record('error', this.setupError.message);
      return this.finish(this.setupError);
    }
    // Closed or disposed while the files were read: no socket is opened.
    if (this.ending) return this.finish(new SocketLensError('connection/closed', 'The connection was closed before it connected.'));
    const { request, tls, proxy } = prepared;
    const number = ++this.attempts;
    const target = redactUrl(request.url);
    this.record('connecting', number > 1 ? `attempt ${number}: ${target}` : target);
    const attempt = new ConnectionAttempt(request, { tls, proxy }, this.settings, this.log, (kind, detail, time) => this.record(kind, detail, time), (outcome) =>
      this.ended(attempt, hop, outcome),
    );
    this.attempt = attempt;
    this.phase = { kind: 'attempt', attempt };
    attempt.opened.then(
      () => {
        this.policy?.succeeded();
        this.pending?.resolve();
        this.pending = undefined;
      },
      () => {},
    );
  }

  private async prepare(hop: Hop): Promise<{ request: UpgradeRequest; tls?: TlsConnectionOptions; proxy?: ResolvedProxy }> {
    const request = buildUpgradeRequest(hop.request);
    const secure = request.url.protocol === 'wss:';
    const tls = secure && this.options.tls ? await loadTlsOptions(this.options.tls, this.options.tlsSettingNames) : undefined;
    const proxy = this.options.proxy && findProxy(request.url, this.options.proxy);
    return { request, tls, proxy };
  }

  /** Called by the attempt as it ends, before it records `closed`: decides what comes next. */
  private ended(attempt: ConnectionAttempt, hop: Hop, outcome: AttemptOutcome): void {
    this.stopRepeats();
    if (this.disposed || this.restarting) return;
    if (outcome.redirect && !this.ending) return this.follow(hop, outcome.redirect);
    if (!this.ending && this.policy) {
      const next = this.policy.next();
      if (next) {
        const why = attempt.error?.message ?? `closed with ${outcome.close.code}`;
        this.phase = { kind: 'waiting', timer: setTimeout(() => void this.run({ request: this.options, redirects: 0, crossed: false }), next.delayMs) };
        this.record('reconnect-scheduled', `retry ${next.retry} in ${(next.delayMs / 1000).toFixed(1)} s, after: ${why}`);
        return;
      }
      this.record('reconnect-gave-up', `gave up after ${this.attempts} attempts; use Reconnect to try again`);
    }
    this.finish(attempt.error ?? new SocketLensError('connection/closed', 'The connection closed before it opened.'));
  }

  /** A 3xx with `followRedirects`: the next hop, credentials left behind if it leaves the first origin. */
  private follow(hop: Hop, redirect: NonNullable<AttemptOutcome['redirect']>): void {
    const max = this.options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    try {
      if (hop.redirects >= max) throw new SocketLensError('connection/redirect', `Stopped after ${max} redirects (the next went to ${redactUrl(redirect.location)}). Check for a redirect loop, or raise the limit.`);
      const { hop: next, stripped } = redirectHop(hop, this.options.url, redirect.location, redirect.from, this.options.secretHeaders);
      const note = stripped.length > 0 ? `; another origin, so ${stripped.join(', ')} not sent on` : '';
      this.record('redirect', `${redirect.status} → ${redactUrl(next.request.url)}${note}`);
      void this.run(next);
    } catch (error) {
      this.setupError = error as SocketLensError;
      this.record('error', this.setupError.message);
      this.finish(this.setupError);
    }
  }

  /** Stops a backoff wait; true if there was one. */
  private cancelWait(): boolean {
    if (this.phase.kind !== 'waiting') return false;
    clearTimeout(this.phase.timer);
    this.record('reconnect-cancelled', 'the pending reconnect was cancelled');
    return true;
  }

  private finish(error: unknown): void {
    if (this.phase.kind === 'finished') return;
    this.phase = { kind: 'finished' };
    this.pending?.reject(error);
    this.pending = undefined;
    this.changed.fire(this.snapshot());
    this.finished.fire();
  }

  protected override current(): ConnectionAttempt {
    return sendingAttempt(this.phase);
  }

  /** The close as shown: its reasons with what the log hides as `***`. */
  private scrubClose(close: CloseInfo): CloseInfo {
    const scrub = (reason: string) => this.log.scrubText(reason);
    const frame = (f: CloseInfo['sent']) => f && { ...f, reason: scrub(f.reason) };
    return { ...close, reason: scrub(close.reason), sent: frame(close.sent), received: frame(close.received) };
  }

  private record(kind: LifecycleKind, detail?: string, time = now()): void {
    // A close reason or an error may quote a secret the log hides (see SessionLog.hide).
    const event: LifecycleEvent = { time, kind, detail: detail && this.log.scrubText(detail) };
    this.lifecycle.add(event);
    this.recorded.fire(event);
    this.changed.fire(this.snapshot());
  }
}

function closedWhileWaiting(): SocketLensError {
  return new SocketLensError('connection/closed', 'The connection was closed while it waited to reconnect.');
}

