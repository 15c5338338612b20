import { isLoopbackHost } from '../url/loopback';
import type { ClientConnectionOptions } from './clientConnectionOptions';
import { quote } from './cliWords';

/** The environment variable `--passphrase-env` names: the CLI also reads it when the flag is left out. */
export const PASSPHRASE_ENV = 'SOCKET_LENS_PASSPHRASE';
/** The environment variable `--proxy-env` names when the proxy URL holds credentials. */
export const PROXY_ENV = 'SOCKET_LENS_PROXY';

/** `socket-lens connect` flags for TLS: files as given, the passphrase only as the name of a variable. */
export function tlsFlags(tls: ClientConnectionOptions['tls']): string[] {
  if (!tls) return [];
  const flags: string[] = [];
  if (tls.insecure) flags.push('--insecure');
  if (tls.caFile) flags.push('--ca', quote(tls.caFile));
  if (tls.certFile) flags.push('--cert', quote(tls.certFile));
  if (tls.keyFile) flags.push('--key', quote(tls.keyFile));
  if (tls.pfxFile) flags.push('--pfx', quote(tls.pfxFile));
  if (tls.passphrase && (tls.pfxFile || tls.keyFile)) flags.push('--passphrase-env', PASSPHRASE_ENV);
  if (tls.serverName?.trim()) flags.push('--servername', quote(tls.serverName.trim()));
  return flags;
}

/**
 * `socket-lens connect` flags for the proxy. The CLI reads the proxy environment variables unless
 * told --no-proxy, so: a proxy URL is given (from a variable when it holds credentials), a
 * connection that consults no environment goes direct, and one that does needs no flag.
 */
export function proxyFlags(options: Pick<ClientConnectionOptions, 'url' | 'proxy'>): string[] {
  const config = options.proxy;
  const explicit = config?.proxy?.trim();
  const list = typeof config?.noProxy === 'string' ? config.noProxy : (config?.noProxy ?? []).join(',');
  const bypass = list.trim() ? ['--proxy-bypass', quote(list.trim())] : [];
  // "@" is where credentials end, with or without a scheme; the whole URL then comes from a variable.
  if (explicit) return [...(explicit.includes('@') ? ['--proxy-env', PROXY_ENV] : ['--proxy', quote(explicit)]), ...bypass];
  if (config?.env) return bypass;
  // A loopback host is reached directly whatever the proxy settings (see ProxyConfig.bypassLoopback).
  return isLoopbackHost(options.url.hostname) ? [] : ['--no-proxy'];
}
