// The command line the extension copies ("Copy as CLI Command") is one the CLI accepts, and
// means the same connection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliInvocation } from '../core/client/cliInvocation';
import type { ClientConnectionOptions } from '../core/client/clientConnectionOptions';
import { buildUpgradeRequest } from '../core/client/upgradeRequest';
import { parseConnectArgs } from './connectArgs';
import { transportOptions } from './connectTransport';

/** The words a POSIX shell makes of `line`, with $NAME from `env` (quotes and escapes as sh does them). */
function shellWords(line: string, env: Record<string, string>): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\\.)|(\s+)|([^'"\s\\]+)/g;
  let word: string | undefined;
  for (const [, single, double, escaped, space, bare] of line.matchAll(pattern)) {
    if (space !== undefined) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    const expand = (text: string) => text.replace(/\$([A-Z_][A-Z0-9_]*)/g, (_, name: string) => env[name] ?? '');
    word = (word ?? '') + (single ?? (double !== undefined ? expand(double) : escaped ? escaped.slice(1) : expand(bare!)));
  }
  if (word !== undefined) words.push(word);
  return words;
}

test('Copy as CLI Command gives a command the CLI parses back into the same connection', () => {
  const line = cliInvocation({
    url: new URL('wss://api.example.com/feed?room=1'),
    headers: { 'X-Client': "it's me", Authorization: 'Bearer s3cret' },
    protocols: ['chat.v1', 'chat.v2'],
    perMessageDeflate: false,
    handshakeTimeoutMs: 2500,
    keepAliveMs: 15_000,
    reconnect: { maxAttempts: 3 },
    tls: { caFile: '/etc/my ca.pem' },
  });
  const [program, command, ...args] = shellWords(line, { SOCKET_LENS_AUTHORIZATION: 'Bearer from-env' });
  assert.deepEqual([program, command], ['socket-lens', 'connect']);
  const parsed = parseConnectArgs(args, {});
  assert.ok(typeof parsed !== 'string', `the CLI accepts it: ${String(parsed)}`);
  assert.equal(parsed.url, 'wss://api.example.com/feed?room=1');
  assert.deepEqual(parsed.connection.headers, { 'X-Client': "it's me", Authorization: 'Bearer from-env' }, 'the secret comes from the environment');
  assert.deepEqual(parsed.connection.protocols, ['chat.v1', 'chat.v2']);
  assert.equal(parsed.connection.perMessageDeflate, false);
  assert.equal(parsed.connection.handshakeTimeoutMs, 2500);
  assert.equal(parsed.connection.keepAliveMs, 15_000);
  assert.equal(parsed.connection.reconnect?.maxAttempts, 3);
  assert.equal(parsed.transport.caFile, '/etc/my ca.pem');
});

/** The options `socket-lens connect` builds from `line`, as runConnect does, with `env` as the shell's environment. */
function optionsOfLine(line: string, env: Record<string, string>): ClientConnectionOptions {
  const [program, command, ...args] = shellWords(line, env);
  assert.deepEqual([program, command], ['socket-lens', 'connect']);
  const parsed = parseConnectArgs(args, env);
  assert.ok(typeof parsed !== 'string', `the CLI accepts ${line}: ${String(parsed)}`);
  return { ...parsed.connection, ...transportOptions(parsed.transport, env), url: new URL(parsed.url) };
}

/** What a connection does with its options: undefined fields, message names and the environment object left out. */
function behaviour(options: ClientConnectionOptions): Record<string, unknown> {
  const { proxy, tls, ...rest } = options;
  delete rest.tlsSettingNames;
  const defined = (value: object) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== false));
  const noProxy = typeof proxy?.noProxy === 'string' ? proxy.noProxy : proxy?.noProxy?.join(',');
  return { ...rest, url: rest.url.href, tls: tls && defined(tls), proxy: proxy && defined({ proxy: proxy.proxy, noProxy, readsEnvironment: proxy.env !== undefined }) };
}

test('every option survives Copy as CLI Command and the CLI\'s own parser; secrets come from the variables the line names', () => {
  const options: ClientConnectionOptions = {
    url: new URL('wss://api.example.com/feed?room=1'),
    headers: { 'X-Client': 'lens', 'X-Ticket': 'ticket-s3cret' },
    secretHeaders: ['X-Ticket', 'Sec-WebSocket-Protocol'],
    protocols: ['bearer.proto-s3cret'],
    query: { lang: 'en', token: 'query-s3cret' },
    origin: 'https://app.example.com',
    auth: { kind: 'bearer', token: 'bearer-s3cret' },
    cookies: { session: 'cookie-s3cret' },
    perMessageDeflate: false,
    maxPayloadBytes: 1024,
    handshakeTimeoutMs: 2500,
    followRedirects: true,
    maxRedirects: 2,
    autoPong: false,
    keepAliveMs: 15_000,
    reconnect: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 2000, jitter: 0.1 },
    tls: { insecure: true, caFile: '/etc/ca.pem', pfxFile: '/etc/client.p12', passphrase: 'pfx-s3cret', serverName: 'internal.example' },
    proxy: { proxy: 'http://ada:proxy-s3cret@proxy.corp:3128', noProxy: ['.corp', '10.0.0.0/8'], env: {} },
  };
  const line = cliInvocation(options);
  assert.doesNotMatch(line, /s3cret/, 'no secret in the line');
  const env = {
    SOCKET_LENS_X_TICKET: 'ticket-s3cret',
    SOCKET_LENS_SUBPROTOCOL_1: 'bearer.proto-s3cret',
    SOCKET_LENS_QUERY_TOKEN: 'query-s3cret',
    SOCKET_LENS_TOKEN: 'bearer-s3cret',
    SOCKET_LENS_COOKIE_SESSION: 'cookie-s3cret',
    SOCKET_LENS_PASSPHRASE: 'pfx-s3cret',
    SOCKET_LENS_PROXY: 'http://ada:proxy-s3cret@proxy.corp:3128',
  };
  assert.deepEqual(behaviour(optionsOfLine(line, env)), behaviour(options));
});

test('the proxy choice survives too: none, the environment\'s, or a plain URL', () => {
  const url = new URL('ws://api.example.com/');
  for (const proxy of [undefined, { env: {} }, { proxy: 'http://proxy.corp:3128', proxySource: 'the http.proxy setting', env: {} }]) {
    const options = { url, ...(proxy && { proxy }) };
    assert.deepEqual(behaviour(optionsOfLine(cliInvocation(options), {})).proxy, behaviour(options).proxy, JSON.stringify(proxy));
  }
});

/** What the server gets: path, query parameters (in any order) and Authorization, the URL's user info sent as ws sends it. */
function sent(options: ClientConnectionOptions): Record<string, unknown> {
  const { url, headers } = buildUpgradeRequest(options);
  const userInfo = url.username || url.password ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` : undefined;
  return { path: url.pathname, params: [...url.searchParams].sort(), authorization: headers.Authorization ?? userInfo };
}

test('a URL with user info and secret query values gives a line that sends the same credentials, from the variables it names', () => {
  const options: ClientConnectionOptions = {
    url: new URL('wss://ada:p%40ss@api.example.com/feed?token=t0k%2B1&room=1&sig=a&sig=b%2Fc&api_key=url-k3y'),
    query: { api_key: 'opt-k3y', lang: 'en' },
  };
  const line = cliInvocation(options);
  assert.doesNotMatch(line, /\*\*\*|p%40ss|t0k|url-k3y|opt-k3y/, 'no secret, and no *** sent in place of one');
  const env = {
    SOCKET_LENS_BASIC: 'ada:p@ss',
    SOCKET_LENS_QUERY_TOKEN: 't0k+1',
    SOCKET_LENS_QUERY_SIG: 'a',
    SOCKET_LENS_QUERY_SIG_2: 'b%2Fc',
    SOCKET_LENS_QUERY_API_KEY: 'url-k3y',
    SOCKET_LENS_QUERY_API_KEY_2: 'opt-k3y',
  };
  assert.deepEqual(sent(optionsOfLine(line, env)), sent(options));
});
