import type { ClientConnectionOptions } from '../core/client/clientConnection';
import { checkClose } from '../core/client/connectionErrors';
import type { ClientAuth } from '../core/client/upgradeRequest';
import { redactUrl } from '../core/redaction/redactUrl';

/** What to do after the connection opens when the command runs from a script instead of a terminal. */
export interface ConnectScript {
  /** Sent in order once open. */
  readonly sends: readonly string[];
  /** Milliseconds to wait after the sends before closing. */
  readonly waitMs: number;
  readonly close: { readonly code: number; readonly reason: string };
}

/** TLS and proxy settings as typed; files are read when connecting. */
export interface ConnectTransportArgs {
  readonly insecure: boolean;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly pfxFile?: string;
  readonly serverName?: string;
  /** From --passphrase-env; SOCKET_LENS_PASSPHRASE is read when absent. */
  readonly passphrase?: string;
  /** Where `passphrase` came from, for messages: `--passphrase-env NAME`. */
  readonly passphraseSource?: string;
  readonly proxy?: string;
  /** How to name `proxy` in messages: --proxy or `--proxy-env NAME`. */
  readonly proxySource?: string;
  /** Hosts reached directly, in no_proxy syntax, besides the environment's no_proxy. */
  readonly proxyBypass?: string;
  /** --no-proxy: connect directly, whatever --proxy or the environment say. */
  readonly direct?: boolean;
}

export interface ConnectArgs {
  readonly url: string;
  readonly connection: Omit<ClientConnectionOptions, 'url'>;
  readonly transport: ConnectTransportArgs;
  readonly json: boolean;
  /** Set when any of --send, --wait or --close is given: standard input is not read. */
  readonly script?: ConnectScript;
}

export const CONNECT_USAGE = `  connect <url> [options]
                         Connect to a WebSocket server (ws:// or wss://) and print the lifecycle,
                         every frame and every message. Each line typed is sent as text; lines
                         starting with / are commands: /ping /pong /binary /base64 /file /frag
                         /raw /frame /repeat /stop /close /abort /reconnect (/help explains
                         them); end of input closes.
    -H, --header "K: V"  Add a request header (repeatable).
    -p, --subprotocol P  Offer a subprotocol, case kept (repeatable; also --protocol).
    -q, --query K=V      Add a query parameter (repeatable).
    --origin URL         Send an Origin header.
    --bearer TOKEN       Authorization: Bearer TOKEN.
    --basic USER:PASS    Authorization: Basic, from user and password.
    --bearer-env NAME, --basic-env NAME
                         The same, read from environment variable NAME, so the secret stays
                         out of the process list and shell history.
    --cookie K=V         Send a cookie (repeatable).
    --no-deflate         Do not offer permessage-deflate.
    --max-payload N      Refuse (close 1009) messages over N bytes (default 16 MiB).
    --handshake-timeout MS  Give up on the upgrade after MS ms (default 10000).
    --follow-redirects   Follow 3xx answers (secret headers never go to another origin).
    --no-auto-pong       Do not answer pings (to test a server's timeouts).
    --keepalive MS       Ping every MS ms; report a ping left unanswered.
    --reconnect [N]      Reconnect after a failure or drop, up to N times (default 10),
                         with exponential backoff and jitter.
    --insecure           Accept any server certificate (testing only).
    --ca FILE            Trust this CA (PEM) besides the system's.
    --cert FILE, --key FILE  Client certificate and key (PEM) for mutual TLS.
    --pfx FILE           Client certificate and key as PKCS#12.
    --passphrase-env NAME  Read the passphrase of --pfx or of an encrypted --key from
                         environment variable NAME (default SOCKET_LENS_PASSPHRASE).
    --servername NAME    TLS server name (SNI) to send instead of the URL's host.
    --proxy URL          HTTP proxy (CONNECT); default from https_proxy / http_proxy, no_proxy.
    --proxy-env NAME     The proxy URL from environment variable NAME (for one with a password).
    --proxy-bypass LIST  Reach these hosts directly (no_proxy syntax: a.example,.corp,10.0.0.0/8).
    --no-proxy           Connect directly, ignoring the proxy environment variables.
    --max-redirects N    With --follow-redirects: follow at most N (default 5).
    --secret-header NAME Treat header NAME as a secret: shown as *** (repeatable).
    --reconnect-delay MS[:MAX]  With --reconnect: first wait MS ms, doubling up to MAX
                         (default 500:30000).
    --reconnect-jitter SHARE    With --reconnect: move each wait by up to SHARE of it (0-1,
                         default 0.3).
    --send TEXT          Send TEXT once open (repeatable); then close: runs without stdin.
    --wait MS            With --send: wait MS ms for answers before closing (default 1000).
    --close CODE[:REASON]  Close with this code and reason (default 1000).
    --json               One JSON object per line: every event, frame and message.
                         Exit code: 0 after a clean close, 1 a failure, 2 a usage error.
`;

interface Draft {
  url?: string;
  headers: Record<string, string>;
  protocols: string[];
  query: Record<string, string>;
  cookies: Record<string, string>;
  connection: { -readonly [K in keyof ConnectArgs['connection']]: ConnectArgs['connection'][K] };
  transport: { -readonly [K in keyof ConnectTransportArgs]: ConnectTransportArgs[K] };
  json: boolean;
  sends: string[];
  waitMs?: number;
  close?: { code: number; reason: string };
  secretHeaders: string[];
  reconnectTiming: { initialDelayMs?: number; maxDelayMs?: number; jitter?: number };
}

type Apply = (draft: Draft, value: () => string | undefined, env: NodeJS.ProcessEnv) => string | undefined;

/** One entry per option; each returns what is wrong with its value, if anything. */
const OPTIONS: Record<string, Apply> = {
  '--header': (d, value) => keyValue(value(), ':', '--header needs a value like "X-Trace: abc".', (k, v) => (d.headers[k] = v)),
  '--subprotocol': (d, value) => required(value(), '--subprotocol needs a name.', (p) => d.protocols.push(p)),
  '--query': (d, value) => keyValue(value(), '=', '--query needs a value like room=42.', (k, v) => (d.query[k] = v)),
  '--cookie': (d, value) => keyValue(value(), '=', '--cookie needs a value like session=abc.', (k, v) => (d.cookies[k] = v)),
  '--origin': (d, value) => required(value(), '--origin needs a URL such as https://app.example.', (o) => (d.connection.origin = o)),
  '--bearer': (d, value) => required(value(), '--bearer needs the token.', (token) => setAuth(d, { kind: 'bearer', token })),
  '--basic': (d, value) => keyValue(value(), ':', '--basic needs USER:PASSWORD.', (username, password) => setAuth(d, { kind: 'basic', username, password })),
  '--bearer-env': (d, value, env) => fromEnv(value(), '--bearer-env', env, (token) => setAuth(d, { kind: 'bearer', token })),
  '--basic-env': (d, value, env) =>
    fromEnv(value(), '--basic-env', env, (secret) => keyValue(secret, ':', '--basic-env: the variable must hold USER:PASSWORD.', (username, password) => setAuth(d, { kind: 'basic', username, password }))),
  '--no-deflate': (d) => void (d.connection.perMessageDeflate = false),
  '--max-payload': (d, value) => count(value(), '--max-payload', 1, (n) => (d.connection.maxPayloadBytes = n)),
  '--handshake-timeout': (d, value) => count(value(), '--handshake-timeout', 1, (n) => (d.connection.handshakeTimeoutMs = n)),
  '--follow-redirects': (d) => void (d.connection.followRedirects = true),
  '--no-auto-pong': (d) => void (d.connection.autoPong = false),
  '--keepalive': (d, value) => count(value(), '--keepalive', 1, (n) => (d.connection.keepAliveMs = n)),
  '--insecure': (d) => void (d.transport.insecure = true),
  '--ca': (d, value) => required(value(), '--ca needs a PEM file.', (f) => (d.transport.caFile = f)),
  '--cert': (d, value) => required(value(), '--cert needs a PEM file.', (f) => (d.transport.certFile = f)),
  '--key': (d, value) => required(value(), '--key needs a PEM file.', (f) => (d.transport.keyFile = f)),
  '--pfx': (d, value) => required(value(), '--pfx needs a PKCS#12 file.', (f) => (d.transport.pfxFile = f)),
  '--servername': (d, value) => required(value(), '--servername needs a host name.', (n) => (d.transport.serverName = n)),
  '--passphrase-env': (d, value, env) => fromEnv(value(), '--passphrase-env', env, (p, name) => Object.assign(d.transport, { passphrase: p, passphraseSource: `--passphrase-env ${name}` })),
  '--proxy': (d, value) => required(value(), '--proxy needs a URL such as http://127.0.0.1:3128.', (p) => Object.assign(d.transport, { proxy: p, proxySource: '--proxy' })),
  '--proxy-env': (d, value, env) => fromEnv(value(), '--proxy-env', env, (p, name) => Object.assign(d.transport, { proxy: p, proxySource: `--proxy-env ${name}` })),
  '--proxy-bypass': (d, value) => required(value(), '--proxy-bypass needs hosts such as localhost,.internal.example.', (list) => (d.transport.proxyBypass = list)),
  '--no-proxy': (d) => void (d.transport.direct = true),
  '--max-redirects': (d, value) => count(value(), '--max-redirects', 0, (n) => (d.connection.maxRedirects = n)),
  '--secret-header': (d, value) => required(value(), '--secret-header needs a header name such as X-Ticket.', (name) => d.secretHeaders.push(name)),
  '--reconnect-delay': (d, value) => parseDelays(value(), (first, max) => Object.assign(d.reconnectTiming, { initialDelayMs: first, maxDelayMs: max })),
  '--reconnect-jitter': (d, value) => parseShare(value(), (jitter) => (d.reconnectTiming.jitter = jitter)),
  '--send': (d, value) => required(value(), '--send needs the text to send.', (s) => d.sends.push(s)),
  '--wait': (d, value) => count(value(), '--wait', 0, (n) => (d.waitMs = n)),
  '--close': (d, value) => parseClose(value(), (close) => (d.close = close)),
  '--json': (d) => void (d.json = true),
};
const ALIASES: Record<string, string> = { '-H': '--header', '-p': '--subprotocol', '--protocol': '--subprotocol', '-q': '--query' };
/** Options whose value may be left out. */
const OPTIONAL_VALUE: Record<string, Apply> = {
  '--reconnect': (d, value) => count(value() ?? '10', '--reconnect', 1, (n) => (d.connection.reconnect = { maxAttempts: n })),
};

export function parseConnectArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ConnectArgs | string {
  const draft: Draft = { headers: {}, protocols: [], query: {}, cookies: {}, connection: {}, transport: { insecure: false }, json: false, sends: [], secretHeaders: [], reconnectTiming: {} };
  for (let i = 0; i < args.length; i++) {
    const [given, inline] = splitOption(args[i]!);
    const name = ALIASES[given] ?? given;
    const optional = OPTIONAL_VALUE[name];
    const apply = OPTIONS[name];
    let problem: string | undefined;
    if (optional) problem = optional(draft, () => inline ?? (args[i + 1] !== undefined && /^\d+$/.test(args[i + 1]!) ? args[++i] : undefined), env);
    else if (apply) problem = apply(draft, () => inline ?? args[++i], env);
    else if (name.startsWith('-')) problem = `Unknown option "${given}" for connect. Run socket-lens --help.`;
    else if (draft.url === undefined) draft.url = name;
    else problem = `connect takes one URL, but got "${redactUrl(draft.url)}" and "${redactUrl(name)}".`;
    if (problem) return problem;
  }
  return finish(draft);
}

function finish(d: Draft): ConnectArgs | string {
  if (d.url === undefined) return 'connect needs a URL, for example: socket-lens connect ws://127.0.0.1:8080/';
  if (d.waitMs !== undefined && d.sends.length === 0 && d.close === undefined) return '--wait only makes sense with --send or --close.';
  if (d.transport.direct && d.transport.proxy !== undefined) return `--no-proxy and ${d.transport.proxySource} contradict each other: keep one.`;
  const timing = Object.keys(d.reconnectTiming).length > 0;
  if (timing && !d.connection.reconnect) return '--reconnect-delay and --reconnect-jitter only make sense with --reconnect.';
  if (timing) d.connection.reconnect = { ...d.connection.reconnect, ...d.reconnectTiming };
  const scripted = d.sends.length > 0 || d.close !== undefined;
  const connection = {
    ...d.connection,
    ...(Object.keys(d.headers).length > 0 && { headers: d.headers }),
    ...(d.protocols.length > 0 && { protocols: d.protocols }),
    ...(Object.keys(d.query).length > 0 && { query: d.query }),
    ...(Object.keys(d.cookies).length > 0 && { cookies: d.cookies }),
    ...(d.secretHeaders.length > 0 && { secretHeaders: d.secretHeaders }),
  };
  const script = scripted ? { sends: d.sends, waitMs: d.waitMs ?? (d.sends.length > 0 ? 1000 : 0), close: d.close ?? { code: 1000, reason: '' } } : undefined;
  return { url: d.url, connection, transport: d.transport, json: d.json, ...(script && { script }) };
}

function setAuth(d: Draft, auth: ClientAuth): void {
  d.connection.auth = auth;
}

/** "--name=value" as ["--name", "value"]; anything else as [arg, undefined]. */
export function splitOption(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return arg.startsWith('--') && equals > 2 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
}

/** A secret from the environment variable named by the option's value. */
function fromEnv(name: string | undefined, option: string, env: NodeJS.ProcessEnv, set: (value: string, name: string) => unknown): string | undefined {
  if (!name) return `${option} needs the name of an environment variable.`;
  const value = env[name];
  if (!value) return `${option}: the environment variable ${name} is not set or empty.`;
  const problem = set(value, name);
  return typeof problem === 'string' ? problem : undefined;
}

function required(value: string | undefined, message: string, set: (value: string) => void): string | undefined {
  if (value === undefined || value === '') return message;
  set(value);
  return undefined;
}

function keyValue(value: string | undefined, separator: string, message: string, set: (key: string, value: string) => void): string | undefined {
  const at = value?.indexOf(separator) ?? -1;
  if (value === undefined || at <= 0) return message;
  set(value.slice(0, at).trim(), value.slice(at + 1).trim());
  return undefined;
}

function count(value: string | undefined, name: string, min: number, set: (n: number) => void): string | undefined {
  const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= Number.MAX_SAFE_INTEGER)) return `${name} needs a whole number of at least ${min}${value === undefined ? '' : `, not "${value}"`}.`;
  set(n);
  return undefined;
}

function parseClose(value: string | undefined, set: (close: { code: number; reason: string }) => void): string | undefined {
  const match = value === undefined ? null : /^(\d{4})(?::(.*))?$/.exec(value);
  if (!match) return `--close needs CODE or CODE:REASON, for example --close 1000 or --close "4000:done"${value === undefined ? '' : `, not "${value}"`}.`;
  const close = { code: Number(match[1]), reason: match[2] ?? '' };
  const invalid = checkClose(close.code, close.reason);
  if (invalid) return `--close: ${invalid.message}`;
  set(close);
  return undefined;
}

/** `MS` or `MS:MAX`: the first wait and the longest. */
function parseDelays(value: string | undefined, set: (first: number, max: number | undefined) => void): string | undefined {
  const match = value === undefined ? null : /^(\d+)(?::(\d+))?$/.exec(value);
  const first = Number(match?.[1]);
  const max = match?.[2] === undefined ? undefined : Number(match[2]);
  if (!match || (max !== undefined && max < first)) return `--reconnect-delay needs MS or MS:MAX in milliseconds, the first at most the longest, for example 500:30000${value === undefined ? '' : `, not "${value}"`}.`;
  set(first, max);
  return undefined;
}

function parseShare(value: string | undefined, set: (share: number) => void): string | undefined {
  const share = value !== undefined && /^\d*\.?\d+$/.test(value) ? Number(value) : NaN;
  if (!(share >= 0 && share <= 1)) return `--reconnect-jitter needs a share from 0 to 1, such as 0.3${value === undefined ? '' : `, not "${value}"`}.`;
  set(share);
  return undefined;
}
