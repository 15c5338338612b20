import { isSecretHeader, isSecretParam } from '../redaction/secretNames';
import type { ClientConnectionOptions } from './clientConnectionOptions';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_REDIRECTS } from './clientConnectionOptions';
import { proxyFlags, tlsFlags } from './cliTransportFlags';
import { cliUrl } from './cliUrl';
import { envName, quote, uniqueEnvName, withEnv } from './cliWords';
import { RECONNECT_DEFAULTS } from './reconnectPolicy';

/**
 * The `socket-lens connect` command line that opens the same connection, for a terminal or CI.
 * It never carries a secret: a secret header, query value, cookie, subprotocol, auth, TLS
 * passphrase or proxy with credentials reads an environment variable the shell fills in
 * (`-H "Authorization: $SOCKET_LENS_AUTHORIZATION"`, `--passphrase-env SOCKET_LENS_PASSPHRASE`);
 * the URL's user info and secret query values are taken out of it the same way (see cliUrl).
 */
export function cliInvocation(options: ClientConnectionOptions): string {
  const taken = new Set<string>();
  const url = cliUrl(options, taken);
  return ['socket-lens', 'connect', url.word, ...url.flags, ...requestFlags(options, taken), ...behaviourFlags(options), ...tlsFlags(options.tls), ...proxyFlags(options)].join(' ');
}

/** The environment variables a `socket-lens connect` line reads, each once, in order. */
export function cliVariables(line: string): string[] {
  return [...new Set(line.match(/\bSOCKET_LENS_[A-Z0-9_]+/g) ?? [])];
}

/** Headers, subprotocols, query, origin, auth and cookies; the names of extra secret headers. `taken`: query variables in use. */
function requestFlags(options: ClientConnectionOptions, taken: Set<string>): string[] {
  const flags: string[] = [];
  const secret = (name: string) => isSecretHeader(name, options.secretHeaders);
  // The name is quoted like any word (header names may hold ` and $); only the variable expands.
  for (const [name, value] of Object.entries(options.headers ?? {})) flags.push('-H', secret(name) ? withEnv(`${name}: `, envName(name)) : quote(`${name}: ${value}`));
  const secretProtocols = secret('Sec-WebSocket-Protocol');
  (options.protocols ?? []).forEach((protocol, i) => flags.push('-p', secretProtocols ? withEnv('', envName('subprotocol', String(i + 1))) : quote(protocol)));
  for (const [key, value] of Object.entries(options.query ?? {})) flags.push('-q', isSecretParam(key) ? withEnv(`${key}=`, uniqueEnvName(taken, 'query', key)) : quote(`${key}=${value}`));
  if (options.origin) flags.push('--origin', quote(options.origin));
  if (options.auth?.kind === 'bearer') flags.push('--bearer-env', 'SOCKET_LENS_TOKEN');
  if (options.auth?.kind === 'basic') flags.push('--basic-env', 'SOCKET_LENS_BASIC');
  // RFC 6265: a cookie is a credential whatever its name (the Cookie header is always secret).
  for (const name of Object.keys(options.cookies ?? {})) flags.push('--cookie', withEnv(`${name}=`, envName('cookie', name)));
  for (const name of options.secretHeaders ?? []) flags.push('--secret-header', quote(name));
  return flags;
}

/** Limits, redirects, pings and reconnecting, each only when it differs from the default. */
function behaviourFlags(options: ClientConnectionOptions): string[] {
  const flags: string[] = [];
  if (options.perMessageDeflate === false) flags.push('--no-deflate');
  if (options.maxPayloadBytes !== undefined && options.maxPayloadBytes !== DEFAULT_MAX_PAYLOAD_BYTES) flags.push('--max-payload', String(options.maxPayloadBytes));
  if (options.handshakeTimeoutMs !== undefined && options.handshakeTimeoutMs !== DEFAULT_HANDSHAKE_TIMEOUT_MS) flags.push('--handshake-timeout', String(options.handshakeTimeoutMs));
  if (options.followRedirects) flags.push('--follow-redirects');
  if (options.maxRedirects !== undefined && options.maxRedirects !== DEFAULT_MAX_REDIRECTS) flags.push('--max-redirects', String(options.maxRedirects));
  if (options.autoPong === false) flags.push('--no-auto-pong');
  if (options.keepAliveMs) flags.push('--keepalive', String(options.keepAliveMs));
  return [...flags, ...reconnectFlags(options.reconnect)];
}

function reconnectFlags(reconnect: ClientConnectionOptions['reconnect']): string[] {
  if (!reconnect) return [];
  const { maxAttempts, initialDelayMs, maxDelayMs, jitter } = { ...RECONNECT_DEFAULTS, ...definedOnly(reconnect) };
  const flags = ['--reconnect', String(maxAttempts)];
  if (initialDelayMs !== RECONNECT_DEFAULTS.initialDelayMs || maxDelayMs !== RECONNECT_DEFAULTS.maxDelayMs) flags.push('--reconnect-delay', `${initialDelayMs}:${maxDelayMs}`);
  if (jitter !== RECONNECT_DEFAULTS.jitter) flags.push('--reconnect-jitter', String(jitter));
  return flags;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
