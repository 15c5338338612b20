import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactProxyUrl, redactRequestPath, redactSavedUrl, redactUrl } from './redactUrl';

test('a URL as shown: user info and secret query values hidden, nothing else', () => {
  assert.equal(redactUrl(new URL('wss://ada:pw@api.example/feed?room=1&token=abc')), 'wss://***:***@api.example/feed?room=1&token=***');
  assert.equal(redactUrl('ws://h/?access_token=a&code=b&sig=c&key=d&jwt=e&X-Api-Key=f'), 'ws://h/?access_token=***&code=***&sig=***&key=***&jwt=***&X-Api-Key=***');
  assert.equal(redactUrl('ws://ada@h/'), 'ws://***@h/');
  assert.equal(redactUrl(new URL('ws://:pw@h/')), 'ws://:***@h/');
});

test('every occurrence of a secret parameter is hidden, even with its name escaped', () => {
  assert.equal(redactUrl('ws://h/?token=a&token=b&access%5Ftoken=c'), 'ws://h/?token=***&token=***&access%5Ftoken=***');
});

test('a URL with nothing secret comes back as it was written', () => {
  assert.equal(redactUrl('ws://h:8080/p?q=a%20b&r=c+d&flag'), 'ws://h:8080/p?q=a%20b&r=c+d&flag');
  assert.equal(redactUrl('ws://h/a&token=in-the-path'), 'ws://h/a&token=in-the-path');
});

test('text that is not a URL is still redacted: a password up to the last "@", secret query values', () => {
  assert.equal(redactUrl('ws://bob:pa/ss@[bad host/x?token=abc'), 'ws://***:***@[bad host/x?token=***');
  assert.equal(redactUrl('/next?access_token=xyz&room=2'), '/next?access_token=***&room=2');
  assert.equal(redactUrl('/mail?to=a@b.example'), '/mail?to=a@b.example');
  assert.equal(redactUrl('next?to=a@b.example'), 'next?to=a@b.example');
  assert.equal(redactUrl('http://alice@[::1]:bad/'), 'http://***@[::1]:bad/');
});

test('a request target keeps its path and hides secret query values', () => {
  assert.equal(redactRequestPath('/chat?room=2&token=query-secret'), '/chat?room=2&token=***');
  assert.equal(redactRequestPath('/chat'), '/chat');
});

test('a proxy URL keeps its user and hides its password, even when it does not parse', () => {
  assert.equal(redactProxyUrl('http://alice:s3cret@proxy:3128'), 'http://alice:***@proxy:3128');
  assert.equal(redactProxyUrl('bob:pa/ss@[not a host'), 'bob:***@[not a host');
  assert.equal(redactProxyUrl('http://proxy:3128'), 'http://proxy:3128');
  assert.equal(redactProxyUrl('http://alice@[::1]:3128'), 'http://alice@[::1]:3128');
});

test('a saved URL hides a written password or secret query value, and keeps ${secret:…} references', () => {
  assert.equal(redactSavedUrl('wss://ada:hunter2@host/x'), 'wss://ada:***@host/x');
  assert.equal(redactSavedUrl('wss://ada:${secret:pw}@host/x'), 'wss://ada:${secret:pw}@host/x');
  assert.equal(redactSavedUrl('ws://host/a:b@c'), 'ws://host/a:b@c');
  assert.equal(redactSavedUrl('ws://${env:HOST}/?token=abc&room=${var:room}'), 'ws://${env:HOST}/?token=***&room=${var:room}');
  assert.equal(redactSavedUrl('ws://host/?token=${secret:t}'), 'ws://host/?token=${secret:t}');
});
