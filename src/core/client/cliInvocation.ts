import { redactUrl } from '../redaction/redactUrl';
import { isSecretHeader } from '../redaction/secretNames';
import type { ClientConnectionOptions } from './clientConnectionOptions';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS, DEFAULT_MAX_PAYLOAD_BYTES } from './clientConnectionOptions';

/**
 * The `socket-lens connect` command line that opens the same connection, for a terminal or CI.
 * It never carries a secret: a secret header reads an environment variable the shell fills in
 * (`-H "Authorization: $SOCKET_LENS_AUTHORIZATION"`), and credentials in the URL are masked.
 */
export function cliInvocation(options: ClientConnectionOptions): string {
  const args: string[] = ['socket-lens', 'connect', quote(redactUrl(options.url))];
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    // The name is quoted like any word (header names may hold ` and $); only the variable expands.
    args.push('-H', isSecretHeader(name, options.secretHeaders) ? `${quote(`${name}: `)}"$${envName(name)}"` : quote(`${name}: ${value}`));
  }
  const secretProtocols = isSecretHeader('Sec-WebSocket-Protocol', options.secretHeaders);
  (options.protocols ?? []).forEach((protocol, i) => args.push('-p', secretProtocols ? `"$SOCKET_LENS_SUBPROTOCOL_${i + 1}"` : quote(protocol)));
  for (const [key, value] of Object.entries(options.query ?? {})) args.push('-q', quote(`${key}=${value}`));
  if (options.origin) args.push('--origin', quote(options.origin));
  if (options.auth?.kind === 'bearer') args.push('--bearer-env', 'SOCKET_LENS_TOKEN');
  if (options.auth?.kind === 'basic') args.push('--basic-env', 'SOCKET_LENS_BASIC');
  if (options.perMessageDeflate === false) args.push('--no-deflate');
  if (options.maxPayloadBytes !== undefined && options.maxPayloadBytes !== DEFAULT_MAX_PAYLOAD_BYTES) args.push('--max-payload', String(options.maxPayloadBytes));
  if (options.handshakeTimeoutMs !== undefined && options.handshakeTimeoutMs !== DEFAULT_HANDSHAKE_TIMEOUT_MS) args.push('--handshake-timeout', String(options.handshakeTimeoutMs));
  if (options.followRedirects) args.push('--follow-redirects');
  if (options.autoPong === false) args.push('--no-auto-pong');
  if (options.keepAliveMs) args.push('--keepalive', String(options.keepAliveMs));
  if (options.reconnect) args.push('--reconnect', String(options.reconnect.maxAttempts ?? 10));
  if (options.tls?.insecure) args.push('--insecure');
  if (options.tls?.caFile) args.push('--ca', quote(options.tls.caFile));
  if (options.tls?.certFile) args.push('--cert', quote(options.tls.certFile));
  if (options.tls?.keyFile) args.push('--key', quote(options.tls.keyFile));
  return args.join(' ');
}

/** SOCKET_LENS_ and the header's name in capitals: Authorization → SOCKET_LENS_AUTHORIZATION. */
function envName(header: string): string {
  return `SOCKET_LENS_${header.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** One shell word: bare when it is plainly safe, else in single quotes. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
