import { BlockList, isIP } from 'node:net';
import { SocketLensError } from '../errors';
import { HIDDEN } from '../redaction/hidden';
import { redactProxyUrl } from '../redaction/redactUrl';
import { isLoopbackHost } from '../url/loopback';
import { effectivePort, isSecureScheme } from '../url/webSocketUrl';

/** Where a connection's proxy may come from. */
export interface ProxyConfig {
  /** An explicit proxy URL (VS Code's `http.proxy`, a CLI flag); wins over the environment. Empty means unset. */
  readonly proxy?: string;
  /** How to name `proxy` in error messages, e.g. 'the http.proxy setting'. */
  readonly proxySource?: string;
  /** Hosts that bypass the proxy, in `no_proxy` syntax; a host is bypassed if this or the environment's list matches. */
  readonly noProxy?: string | readonly string[];
  /** The environment to read `https_proxy`, `http_proxy`, `all_proxy` and `no_proxy` from (the CLI passes process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Reach loopback hosts (localhost, 127.0.0.0/8, ::1) directly whatever the proxy settings, as
   * Chromium and VS Code do: a local mock server must not go out through a corporate proxy.
   * Default true.
   */
  readonly bypassLoopback?: boolean;
}

/** The proxy chosen for a target, and the setting or variable it came from (for messages). */
export interface ResolvedProxy {
  readonly url: URL;
  readonly source: string;
}

const VALID_EXAMPLE = 'Use a value like http://proxy.example.com:3128 or http://user:password@proxy.example.com:3128';

/**
 * The proxy to use for `target` and where it came from, or undefined to connect directly. Throws
 * a `connection/proxy-config` error for a bad proxy URL.
 */
export function findProxy(target: URL, config: ProxyConfig): ResolvedProxy | undefined {
  const chosen = chooseProxy(target, config);
  if (!chosen) return undefined;
  if ((config.bypassLoopback ?? true) && isLoopbackHost(target.hostname)) return undefined;
  if (bypassesProxy(target, noProxyList(config))) return undefined;
  return { url: parseProxyUrl(chosen.value, chosen.source), source: chosen.source };
}

function chooseProxy(target: URL, config: ProxyConfig): { value: string; source: string } | undefined {
  if (config.proxy?.trim()) return { value: config.proxy, source: config.proxySource ?? 'the proxy setting' };
  const env = config.env ?? {};
  // Lower case first, as curl and most tools do; all_proxy is the fallback for either scheme.
  const names = isSecureScheme(target) ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  for (const name of [...names, 'all_proxy', 'ALL_PROXY']) {
    const value = env[name]?.trim();
    if (value) return { value, source: `the ${name} environment variable` };
  }
  return undefined;
}

function noProxyList(config: ProxyConfig): string {
  const explicit = typeof config.noProxy === 'string' ? config.noProxy : (config.noProxy ?? []).join(',');
  const env = config.env?.no_proxy || config.env?.NO_PROXY || '';
  return `${explicit},${env}`;
}

/**
 * Whether `no_proxy`-style `list` exempts `target`: entries separated by commas or spaces; `*` matches
 * everything; `example.com`, `.example.com` and `*.example.com` all match example.com and its
 * subdomains (as curl does); `host:port` matches only that port; IP literals (`[::1]` or `::1`)
 * and CIDR blocks (`10.0.0.0/8`) match addresses, never names — nothing is resolved, and
 * localhost is not special unless listed.
 */
export function bypassesProxy(target: URL, list: string): boolean {
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
  const port = effectivePort(target);
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => matchesEntry(entry.toLowerCase(), host, port));
}

function matchesEntry(entry: string, host: string, port: number): boolean {
  if (entry === '*') return true;
  const { name, entryPort } = splitEntry(entry);
  if (entryPort !== undefined && entryPort !== port) return false;
  const slash = name.indexOf('/');
  const address = slash === -1 ? name : name.slice(0, slash);
  if (isIP(address) || isIP(host)) return matchesAddress(name, host);
  const suffix = name.replace(/^\*?\./, '').replace(/\.$/, '');
  return suffix !== '' && (host === suffix || host.endsWith(`.${suffix}`));
}

function splitEntry(entry: string): { name: string; entryPort?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?(\/\d+)?$/.exec(entry);
  if (bracketed) return { name: `${bracketed[1]}${bracketed[3] ?? ''}`, entryPort: bracketed[2] ? Number(bracketed[2]) : undefined };
  // Two or more colons: a bare IPv6 address, which cannot carry a port.
  if ((entry.match(/:/g) ?? []).length >= 2) return { name: entry };
  const withPort = /^(.*):(\d+)$/.exec(entry);
  return withPort ? { name: withPort[1]!, entryPort: Number(withPort[2]) } : { name: entry };
}

function matchesAddress(rule: string, host: string): boolean {
  const hostFamily = isIP(host);
  if (!hostFamily) return false;
  const [address = '', bits] = rule.split('/');
  const family = isIP(address);
  if (!family) return false;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  // BlockList compares addresses, not spellings: ::1 and 0:0:0:0:0:0:0:1 are one address.
  const list = new BlockList();
  if (bits === undefined) list.addAddress(address, type);
  else list.addSubnet(address, Number(bits), type);
  return list.check(host, hostFamily === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Parses a proxy URL the way curl does: a value without a scheme means http://. Only http://
 * proxies are supported; anything else is a `connection/proxy-config` error naming `source`.
 */
export function parseProxyUrl(value: string, source: string): URL {
  const text = value.trim();
  const fail = (why: string) => new SocketLensError('connection/proxy-config', `${capitalize(source)} is not a usable proxy URL ("${redactProxyUrl(text)}"): ${why}. ${VALID_EXAMPLE}.`);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw fail('it is not a URL');
  }
  if (url.protocol === 'https:') {
    throw fail('https:// proxies (TLS to the proxy itself) are not supported; give the proxy\'s plain http:// address if it has one (the tunnel to a wss: server is still encrypted end to end)');
  }
  if (url.protocol !== 'http:') throw fail(`${url.protocol.slice(0, -1)} proxies are not supported, only HTTP proxies that accept CONNECT`);
  if (!url.hostname) throw fail('it has no host');
  if (!isDecodable(url.username) || !isDecodable(url.password)) throw fail('the user name or password has a broken %-escape');
  return url;
}

/**
 * `http://user:***@host:port`: a proxy URL fit for messages and logs. Built with the password
 * already hidden, never written and then removed: the user says whose credentials were sent.
 */
export function describeProxyUrl(url: URL): string {
  const password = url.password ? `:${HIDDEN}` : '';
  const userInfo = url.username || url.password ? `${url.username}${password}@` : '';
  return `${url.protocol}//${userInfo}${proxyAddress(url)}`;
}

/** `host:port` of a proxy, with the default port spelled out. */
export function proxyAddress(url: URL): string {
  return `${url.hostname}:${url.port || 80}`;
}

function isDecodable(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
