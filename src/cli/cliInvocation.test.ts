// The command line the extension copies ("Copy as CLI Command") is one the CLI accepts, and
// means the same connection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliInvocation } from '../core/client/cliInvocation';
import { parseConnectArgs } from './connectArgs';

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
