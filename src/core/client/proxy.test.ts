import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SocketLensError } from '../errors';
import { bypassesProxy, describeProxyUrl, findProxy, parseProxyUrl, type ProxyConfig } from './proxy';

const resolved = (target: string, config: ProxyConfig) => findProxy(new URL(target), config)?.url.href;

test('picks the environment variable that matches the scheme, then all_proxy', () => {
  const env = { http_proxy: 'http://plain:3128', https_proxy: 'http://secure:3128', all_proxy: 'http://any:1080' };
  assert.equal(resolved('ws://example.com/', { env }), 'http://plain:3128/');
  assert.equal(resolved('wss://example.com/', { env }), 'http://secure:3128/');
  assert.equal(resolved('wss://example.com/', { env: { all_proxy: 'http://any:1080' } }), 'http://any:1080/');
  assert.equal(resolved('ws://example.com/', { env: { ALL_PROXY: 'http://any:1080' } }), 'http://any:1080/');
  assert.equal(resolved('ws://example.com/', { env: { https_proxy: 'http://secure:3128' } }), undefined, 'https_proxy is not for ws:');
  assert.equal(resolved('ws://example.com/', {}), undefined);
});

test('prefers lower-case variables and treats empty ones as unset', () => {
  assert.equal(resolved('wss://example.com/', { env: { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' } }), 'http://lower:1/');
  assert.equal(resolved('wss://example.com/', { env: { HTTPS_PROXY: 'http://upper:2' } }), 'http://upper:2/');
  assert.equal(resolved('wss://example.com/', { env: { https_proxy: '', HTTPS_PROXY: 'http://upper:2' } }), 'http://upper:2/');
  assert.equal(resolved('ws://example.com/', { env: { HTTP_PROXY: 'http://upper:2' } }), 'http://upper:2/');
});

test('an explicit proxy wins over the environment; an empty one does not count', () => {
  const env = { https_proxy: 'http://from-env:3128' };
  assert.equal(resolved('wss://example.com/', { proxy: 'http://explicit:8080', env }), 'http://explicit:8080/');
  assert.equal(resolved('wss://example.com/', { proxy: '', env }), 'http://from-env:3128/');
  assert.equal(findProxy(new URL('wss://example.com/'), { proxy: 'http://explicit:8080', proxySource: 'the http.proxy setting', env })?.source, 'the http.proxy setting');
  assert.equal(findProxy(new URL('wss://example.com/'), { env })?.source, 'the https_proxy environment variable');
});

test('a proxy value without a scheme means http://', () => {
  assert.equal(resolved('ws://example.com/', { env: { http_proxy: 'proxy.corp:3128' } }), 'http://proxy.corp:3128/');
  assert.equal(resolved('ws://example.com/', { env: { http_proxy: '127.0.0.1:3128' } }), 'http://127.0.0.1:3128/');
});

const noProxyCases: ReadonlyArray<[list: string, target: string, bypassed: boolean]> = [
  ['*', 'wss://anything.example/', true],
  ['example.com', 'wss://example.com/', true],
  ['example.com', 'wss://api.example.com/', true],
  ['.example.com', 'wss://api.example.com/', true],
  ['.example.com', 'wss://example.com/', true],
  ['*.example.com', 'wss://deep.api.example.com/', true],
  ['example.com', 'wss://notexample.com/', false],
  ['example.com', 'wss://example.com.evil.net/', false],
  ['EXAMPLE.com', 'wss://Example.COM/', true],
  ['example.com.', 'wss://example.com/', true],
  ['example.com:8443', 'wss://example.com:8443/', true],
  ['example.com:8443', 'wss://example.com/', false],
  ['example.com:443', 'wss://example.com/', true],
  ['example.com:80', 'ws://example.com/', true],
  ['other.org, example.com', 'wss://example.com/', true],
  ['other.org example.com', 'wss://example.com/', true],
  ['other.org,,  ,example.com', 'wss://example.com/', true],
  ['localhost', 'ws://localhost:8080/', true],
  ['localhost', 'ws://127.0.0.1:8080/', false],
  ['', 'ws://localhost:8080/', false],
  ['127.0.0.1', 'ws://127.0.0.1:8080/', true],
  ['127.0.0.1', 'ws://127.0.0.2:8080/', false],
  ['127.0.0.1:8080', 'ws://127.0.0.1:8080/', true],
  ['127.0.0.1:9090', 'ws://127.0.0.1:8080/', false],
  ['10.0.0.0/8', 'ws://10.20.30.40/', true],
  ['10.0.0.0/8', 'ws://11.0.0.1/', false],
  ['::1', 'ws://[::1]:8080/', true],
  ['[::1]', 'ws://[::1]:8080/', true],
  ['[::1]:8080', 'ws://[::1]:8080/', true],
  ['[::1]:9090', 'ws://[::1]:8080/', false],
  ['0:0:0:0:0:0:0:1', 'ws://[::1]/', true],
  ['fd00::/8', 'ws://[fd12:3456::1]/', true],
  ['1.2.3.4', 'ws://example.com/', false],
  ['example.com', 'ws://1.2.3.4/', false],
];

test('no_proxy: every form of entry', () => {
  for (const [list, target, bypassed] of noProxyCases) {
    assert.equal(bypassesProxy(new URL(target), list), bypassed, `no_proxy="${list}" for ${target}`);
  }
});

test('no_proxy from the environment and from the config both exempt a host, whatever the proxy came from', () => {
  const env = { https_proxy: 'http://p:3128', no_proxy: 'internal.corp' };
  assert.equal(resolved('wss://api.internal.corp/', { env }), undefined);
  assert.equal(resolved('wss://api.internal.corp/', { env: { https_proxy: 'http://p:3128', NO_PROXY: 'internal.corp' } }), undefined);
  assert.equal(resolved('wss://api.internal.corp/', { proxy: 'http://explicit:8080', env }), undefined);
  assert.equal(resolved('wss://dev.local/', { proxy: 'http://explicit:8080', noProxy: ['dev.local', 'test.local'] }), undefined);
  assert.equal(resolved('wss://dev.local/', { env: { https_proxy: 'http://p:3128' }, noProxy: 'dev.local' }), undefined);
  assert.equal(resolved('wss://public.example/', { env, noProxy: 'dev.local' }), 'http://p:3128/');
});

function configError(fn: () => unknown): SocketLensError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SocketLensError);
    assert.equal(error.code, 'connection/proxy-config');
    return error;
  }
  assert.fail('expected a SocketLensError');
}

test('a bad proxy URL names the setting or variable, shows a valid example, and hides the password', () => {
  const https = configError(() => findProxy(new URL('wss://example.com/'), { env: { https_proxy: 'https://alice:s3cret@proxy:443' } }));
  assert.match(https.message, /^The https_proxy environment variable is not a usable proxy URL/);
  assert.match(https.message, /https:\/\/ proxies .* are not supported/);
  assert.match(https.message, /http:\/\/proxy\.example\.com:3128/);
  assert.doesNotMatch(https.message, /s3cret/);
  assert.match(https.message, /alice:\*\*\*@proxy/);

  const socks = configError(() => findProxy(new URL('ws://example.com/'), { proxy: 'socks5://proxy:1080', proxySource: 'the http.proxy setting' }));
  assert.match(socks.message, /^The http\.proxy setting .* socks5 proxies are not supported/);

  const garbage = configError(() => parseProxyUrl('http://bob:pa/ss@[not a host', 'the --proxy option'));
  assert.match(garbage.message, /^The --proxy option is not a usable proxy URL .*it is not a URL/);
  assert.doesNotMatch(garbage.message, /pa\/ss/);

  configError(() => parseProxyUrl('http://bob:%zz@proxy:3128', 'the proxy setting'));
});

test('a proxy that is bypassed is not even parsed', () => {
  assert.equal(resolved('wss://example.com/', { env: { https_proxy: 'https://bad', no_proxy: '*' } }), undefined);
});

test('describeProxyUrl never shows the password', () => {
  assert.equal(describeProxyUrl(new URL('http://alice:s3cret@proxy.corp:3128')), 'http://alice:***@proxy.corp:3128');
  assert.equal(describeProxyUrl(new URL('http://proxy.corp')), 'http://proxy.corp:80');
  assert.equal(describeProxyUrl(new URL('http://alice@[::1]:3128')), 'http://alice@[::1]:3128');
  assert.equal(describeProxyUrl(new URL('http://:s3cret@proxy.corp:3128')), 'http://:***@proxy.corp:3128', 'a password without a user is sent too: say so');
  assert.equal(describeProxyUrl(new URL('http://al%40ce:s3%3Acr%40et@proxy.corp')), 'http://al%40ce:***@proxy.corp:80');
});

test('loopback hosts are reached directly whatever the settings, unless told otherwise', () => {
  const config = { proxy: 'http://proxy.example:3128' };
  for (const target of ['ws://localhost:8080/', 'ws://app.localhost/', 'wss://127.0.0.1/', 'ws://127.1.2.3:9/', 'ws://[::1]:8080/']) {
    assert.equal(findProxy(new URL(target), config)?.url, undefined, target);
    assert.equal(findProxy(new URL(target), { ...config, bypassLoopback: false })?.url.host, 'proxy.example:3128', target);
  }
  assert.equal(findProxy(new URL('ws://10.0.0.1/'), config)?.url.host, 'proxy.example:3128');
});
