import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConnectArgs } from './connectArgs';
import { transportOptions } from './connectTransport';

const URL_ARG = 'wss://h.example/';

function parsed(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const result = parseConnectArgs([URL_ARG, ...args], env);
  assert.ok(typeof result !== 'string', result as string);
  return result;
}

test('--passphrase-env reads the passphrase from the variable it names, and messages name that flag', () => {
  const args = parsed(['--pfx', 'c.p12', '--passphrase-env', 'MY_PASS'], { MY_PASS: 'pw' });
  const options = transportOptions(args.transport, { SOCKET_LENS_PASSPHRASE: 'not this one' });
  assert.equal(options.tls?.passphrase, 'pw');
  assert.equal(options.tlsSettingNames?.passphrase, '--passphrase-env MY_PASS');
  assert.equal(transportOptions(parsed(['--pfx', 'c.p12']).transport, { SOCKET_LENS_PASSPHRASE: 'default' }).tls?.passphrase, 'default', 'without the flag, SOCKET_LENS_PASSPHRASE as before');
});

test('--proxy-env, --proxy-bypass and --no-proxy set the proxy the connection uses', () => {
  const env = { CORP_PROXY: 'http://u:p@proxy:3128' };
  const fromEnv = transportOptions(parsed(['--proxy-env', 'CORP_PROXY', '--proxy-bypass', '.corp,10.0.0.0/8'], env).transport, env);
  assert.deepEqual({ ...fromEnv.proxy, env: undefined }, { proxy: 'http://u:p@proxy:3128', proxySource: '--proxy-env CORP_PROXY', noProxy: '.corp,10.0.0.0/8', env: undefined });
  assert.equal(transportOptions(parsed(['--no-proxy']).transport, { https_proxy: 'http://p:1' }).proxy, undefined, 'direct, the environment ignored');
  assert.equal(transportOptions(parsed(['--proxy', 'http://p:1']).transport, {}).proxy?.proxySource, '--proxy');
});

test('--max-redirects, --secret-header and the reconnect timing reach the connection options', () => {
  const { connection } = parsed(['--follow-redirects', '--max-redirects', '0', '--secret-header', 'X-Ticket', '--secret-header=X-Other', '--reconnect', '3', '--reconnect-delay', '100:2000', '--reconnect-jitter', '0.1']);
  assert.equal(connection.maxRedirects, 0);
  assert.deepEqual(connection.secretHeaders, ['X-Ticket', 'X-Other']);
  assert.deepEqual(connection.reconnect, { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 2000, jitter: 0.1 });
  assert.deepEqual(parsed(['--reconnect-delay', '250', '--reconnect']).connection.reconnect, { maxAttempts: 10, initialDelayMs: 250, maxDelayMs: undefined }, 'in any order');
});

test('bad values of the new flags are usage errors that say what to write', () => {
  const error = (args: string[], env: NodeJS.ProcessEnv = {}) => parseConnectArgs([URL_ARG, ...args], env);
  assert.equal(error(['--passphrase-env', 'NOPE']), '--passphrase-env: the environment variable NOPE is not set or empty.');
  assert.equal(error(['--proxy-env']), '--proxy-env needs the name of an environment variable.');
  assert.match(error(['--no-proxy', '--proxy', 'http://p:1']) as string, /^--no-proxy and --proxy contradict each other/);
  assert.match(error(['--reconnect-delay', '500']) as string, /only make sense with --reconnect/);
  assert.match(error(['--reconnect', '--reconnect-delay', '900:100']) as string, /the first at most the longest.*not "900:100"/);
  assert.match(error(['--reconnect', '--reconnect-jitter', '2']) as string, /share from 0 to 1.*not "2"/);
  assert.match(error(['--max-redirects', '-1']) as string, /--max-redirects needs a whole number of at least 0/);
  assert.equal(error(['--secret-header']), '--secret-header needs a header name such as X-Ticket.');
});
