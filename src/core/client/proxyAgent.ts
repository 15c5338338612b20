import { Agent, type ClientRequestArgs } from 'node:http';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { SocketLensError } from '../errors';
import { describeProxyUrl, proxyAddress } from './proxy';
import { bodyComplete, parseProxyResponse, proxyNetworkError, proxyRefusal, type ProxyResponse } from './proxyResponse';

export type ProxyEventKind = 'proxy-connecting' | 'proxy-tcp-connected' | 'proxy-connected';

export interface ProxyAgentOptions {
  /** An http:// proxy URL, as `findProxy` finds it. */
  readonly proxy: URL;
  /** Where the proxy came from (`ResolvedProxy.source`), named in errors. */
  readonly source?: string;
  /** The target is wss:, so the tunnel is wrapped in TLS (the proxy never sees the plaintext). */
  readonly secure: boolean;
  /** Limit for reaching the proxy and its answer to CONNECT; ws's handshakeTimeout starts only after. */
  readonly timeoutMs?: number;
  /** Progress for the connection's lifecycle; details never contain the proxy password. */
  readonly onEvent?: (kind: ProxyEventKind, detail: string) => void;
}

export const DEFAULT_PROXY_TIMEOUT_MS = 10_000;

/** What a tunnel is for: the target's host and port, and how to report. */
export interface TunnelOptions extends Omit<ProxyAgentOptions, 'secure'> {
  readonly host: string;
  readonly port: number;
  /** Abandons the attempt: the proxy connection is closed and the promise rejects. */
  readonly signal?: AbortSignal;
}

/**
 * An `http.Agent` for `ws` that reaches the server through an HTTP proxy: it opens TCP to the
 * proxy, asks `CONNECT host:port`, and on a 2xx hands the tunnel to ws — wrapped in TLS with ws's
 * own TLS options (ca, cert, key, pfx, rejectUnauthorized, servername…) for wss. One agent per
 * connection: it is made for one target scheme. Its owner calls `destroy()` when abandoning the
 * connection, since ws's terminate() cannot reach a tunnel that is still being opened.
 */
export class ProxyAgent extends Agent {
  // ClientRequest refuses an agent whose protocol differs from the request's ("https:" for wss).
  readonly protocol: string;
  readonly defaultPort: number;
  private readonly abandon = new AbortController();

  constructor(private readonly settings: ProxyAgentOptions) {
    super({ keepAlive: false });
    this.protocol = settings.secure ? 'https:' : 'http:';
    this.defaultPort = settings.secure ? 443 : 80;
  }

  override createConnection(options: ClientRequestArgs, callback?: (error: Error | null, socket: Duplex) => void): Duplex | null | undefined {
    const host = String(options.host ?? 'localhost');
    const port = Number(options.port) || this.defaultPort;
    const fail = (error: Error) => callback?.(error, undefined as unknown as Duplex);
    openTunnel({ ...this.settings, host, port, signal: this.abandon.signal }).then((socket) => {
      try {
        callback?.(null, this.settings.secure ? wrapInTls(socket, host, options) : socket);
      } catch (error) {
        // tls.connect throws for unusable TLS options (say a bad key): end the tunnel and report it.
        socket.destroy();
        fail(error instanceof Error ? error : new Error(String(error)));
      }
    }, fail);
    // Returning nothing tells http.Agent the socket comes through the callback.
    return undefined;
  }

  /** Also closes a tunnel still being opened. */
  override destroy(): void {
    this.abandon.abort();
    super.destroy();
  }
}

/** The TLS options ws put on the request; everything else (path, headers, timeout) is not TLS's business. */
const TLS_KEYS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername', 'checkServerIdentity', 'ciphers', 'minVersion', 'maxVersion', 'ALPNProtocols', 'secureContext', 'crl', 'sigalgs', 'ecdhCurve', 'secureOptions', 'session'] as const;

function wrapInTls(socket: Socket, host: string, options: ClientRequestArgs): Socket {
  const source = options as Record<string, unknown>;
  const tlsOptions: Record<string, unknown> = {};
  for (const key of TLS_KEYS) if (source[key] !== undefined) tlsOptions[key] = source[key];
  // As ws does without a proxy: SNI is the host name, never an IP address (RFC 6066 §3).
  const servername = typeof tlsOptions.servername === 'string' ? tlsOptions.servername : isIP(host) ? '' : host;
  return tlsConnect({ ...(tlsOptions as ConnectionOptions), socket, host, servername });
}

/** Opens a CONNECT tunnel to `host:port` through `proxy`. Rejects with a `connection/proxy` error. */
export function openTunnel(options: TunnelOptions): Promise<Socket> {
  return new Promise((resolve, reject) => new TunnelAttempt(options, resolve, reject).start());
}

/** Bytes of a refusal's body kept for the message; a proxy's error page is mostly HTML boilerplate. */
const BODY_LIMIT = 4096;
/** A CONNECT answer has a handful of headers; more than this is not a proxy speaking HTTP. */
const HEADER_LIMIT = 16 * 1024;

class TunnelAttempt {
  private readonly socket: Socket;
  private readonly authority: string;
  private received = Buffer.alloc(0);
  private response: ProxyResponse | undefined;
  private timer: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    private readonly options: TunnelOptions,
    private readonly resolve: (socket: Socket) => void,
    private readonly reject: (error: SocketLensError) => void,
  ) {
    const { proxy, host, port } = options;
    // RFC 9110 §9.3.6: CONNECT takes authority-form; an IPv6 literal needs its brackets back.
    this.authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    this.socket = netConnect({ host: proxy.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(proxy.port) || 80 });
  }

  start(): void {
    const { timeoutMs = DEFAULT_PROXY_TIMEOUT_MS } = this.options;
    this.report('proxy-connecting', `${describeProxyUrl(this.options.proxy)}${this.options.source ? ` (from ${this.options.source})` : ''} for CONNECT ${this.authority}`);
    if (this.options.signal?.aborted) return this.aborted();
    this.options.signal?.addEventListener('abort', this.aborted);
    this.timer = setTimeout(() => this.timedOut(timeoutMs), timeoutMs);
    this.socket.once('connect', this.connected);
    this.socket.on('readable', this.readable);
    this.socket.once('error', this.failed);
    this.socket.once('close', this.closed);
  }

  private readonly connected = (): void => {
    const { socket } = this;
    this.report('proxy-tcp-connected', `${socket.remoteAddress}:${socket.remotePort} from ${socket.localAddress}:${socket.localPort}`);
    const lines = [`CONNECT ${this.authority} HTTP/1.1`, `Host: ${this.authority}`];
    const credentials = basicCredentials(this.options.proxy);
    if (credentials) lines.push(`Proxy-Authorization: Basic ${credentials}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  };

  private readonly readable = (): void => {
    let chunk: Buffer | null;
    while (!this.done && (chunk = this.socket.read() as Buffer | null) !== null) this.take(chunk);
  };

  private take(chunk: Buffer): void {
    this.received = Buffer.concat([this.received, chunk]);
    if (!this.response) {
      const parsed = parseProxyResponse(this.received, HEADER_LIMIT);
      if (parsed === 'incomplete') return;
      if (parsed instanceof Error) return this.fail(this.error(parsed.message));
      this.response = parsed;
      this.received = this.received.subarray(parsed.headerBytes);
      if (parsed.statusCode >= 200 && parsed.statusCode < 300) return this.succeed(parsed);
    }
    if (bodyComplete(this.response, this.received, BODY_LIMIT)) this.refused();
  }

  private succeed(response: ProxyResponse): void {
    this.finish();
    const rest = this.received;
    this.received = Buffer.alloc(0);
    // Bytes after the header already belong to the tunnel: give them back to the stream.
    if (rest.length > 0) this.socket.unshift(rest);
    this.report('proxy-connected', `via ${proxyAddress(this.options.proxy)}, CONNECT ${this.authority} → ${response.statusCode} ${response.statusMessage}`.trimEnd());
    this.resolve(this.socket);
  }

  private refused(): void {
    const response = this.response;
    if (!response) return;
    this.fail(proxyRefusal(response, this.received.subarray(0, BODY_LIMIT), this.where(), this.authority, this.options.proxy));
  }

  private readonly failed = (error: Error): void => {
    this.fail(proxyNetworkError(error, this.where(), this.options.source));
  };

  private readonly closed = (): void => {
    // A refusal without Content-Length ends with the connection: what arrived is the body.
    if (this.response) return this.refused();
    this.fail(this.error(`closed the connection before answering CONNECT ${this.authority}. Check that it is an HTTP proxy (not SOCKS, not https-only) and that it allows tunnels`));
  };

  private readonly aborted = (): void => {
    this.fail(new SocketLensError('connection/closed', `Connecting through the proxy ${this.where()} was cancelled.`));
  };

  private timedOut(timeoutMs: number): void {
    // A refusal whose body never ended still says what is wrong.
    if (this.response) return this.refused();
    const phase = this.socket.connecting ? 'could not be reached' : `did not answer CONNECT ${this.authority}`;
    this.fail(this.error(`${phase} within ${timeoutMs / 1000} s. Check the proxy address and that it is an HTTP proxy, or raise the timeout`));
  }

  private fail(error: SocketLensError): void {
    if (this.done) return;
    this.finish();
    this.socket.destroy();
    this.reject(error);
  }

  private finish(): void {
    this.done = true;
    clearTimeout(this.timer);
    this.options.signal?.removeEventListener('abort', this.aborted);
    this.socket.off('connect', this.connected);
    this.socket.off('readable', this.readable);
    this.socket.off('error', this.failed);
    this.socket.off('close', this.closed);
  }

  private error(what: string): SocketLensError {
    return new SocketLensError('connection/proxy', `The proxy ${this.where()} ${what}.`);
  }

  private where(): string {
    return `${proxyAddress(this.options.proxy)}${this.options.source ? ` (from ${this.options.source})` : ''}`;
  }

  private report(kind: ProxyEventKind, detail: string): void {
    this.options.onEvent?.(kind, detail);
  }
}

/** RFC 7617: base64 of "user:password", both percent-decoded from the URL. */
function basicCredentials(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  return Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`, 'utf8').toString('base64');
}
