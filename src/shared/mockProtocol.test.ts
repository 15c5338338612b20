import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMockWebviewMessage } from './mockProtocol';

test('accepts each well-formed mock panel message and keeps only its known fields', () => {
  assert.deepEqual(parseMockWebviewMessage({ type: 'webview/ready' }), { ok: true, message: { type: 'webview/ready' } });
  assert.deepEqual(parseMockWebviewMessage({ type: 'mock/sendText', requestId: 1, clientId: 'ab12cd34', text: 'hi', extra: true }), {
    ok: true,
    message: { type: 'mock/sendText', requestId: 1, clientId: 'ab12cd34', text: 'hi' },
  });
  assert.deepEqual(parseMockWebviewMessage({ type: 'mock/broadcastText', requestId: 2, text: '' }), { ok: true, message: { type: 'mock/broadcastText', requestId: 2, text: '' } });
  assert.deepEqual(parseMockWebviewMessage({ type: 'mock/disconnect', requestId: 3, clientId: 'x', code: 4000, reason: 'bye' }), {
    ok: true,
    message: { type: 'mock/disconnect', requestId: 3, clientId: 'x', code: 4000, reason: 'bye' },
  });
  assert.deepEqual(parseMockWebviewMessage({ type: 'mock/openLog', requestId: 4, clientId: 'x' }), { ok: true, message: { type: 'mock/openLog', requestId: 4, clientId: 'x' } });
  assert.deepEqual(parseMockWebviewMessage({ type: 'mock/copyUrl', requestId: 5 }), { ok: true, message: { type: 'mock/copyUrl', requestId: 5 } });
});

test('rejects malformed mock panel messages with a reason that names the field', () => {
  const cases: [unknown, RegExp][] = [
    [undefined, /object with a string "type"/],
    [[{ type: 'webview/ready' }], /object/],
    [{ type: 42 }, /string "type"/],
    [{ type: 'connection/sendText', requestId: 1, text: 'x' }, /unknown message type "connection\/sendText"/],
    [{ type: 'toString', requestId: 1 }, /unknown message type "toString"/],
    [{ type: 'mock/sendText', clientId: 'a', text: 'x' }, /mock\/sendText: requestId must be a non-negative integer/],
    [{ type: 'mock/sendText', requestId: 1.5, clientId: 'a', text: 'x' }, /requestId/],
    [{ type: 'mock/sendText', requestId: 1, clientId: '', text: 'x' }, /clientId must be a string of 1-64 characters/],
    [{ type: 'mock/sendText', requestId: 1, clientId: 'a'.repeat(65), text: 'x' }, /clientId/],
    [{ type: 'mock/sendText', requestId: 1, clientId: 7, text: 'x' }, /clientId/],
    [{ type: 'mock/sendText', requestId: 1, clientId: 'a', text: null }, /text must be a string/],
    [{ type: 'mock/broadcastText', requestId: 1 }, /mock\/broadcastText: text must be a string/],
    [{ type: 'mock/disconnect', requestId: 1, clientId: 'a', code: '1000', reason: '' }, /code must be an integer close code/],
    [{ type: 'mock/disconnect', requestId: 1, clientId: 'a', code: 1000.5, reason: '' }, /code must be an integer/],
    [{ type: 'mock/disconnect', requestId: 1, clientId: 'a', code: 1000 }, /reason must be a string/],
    [{ type: 'mock/disconnect', requestId: 1, clientId: 'a', code: 1000, reason: 'x'.repeat(1025) }, /reason is longer than 1024 characters/],
    [{ type: 'mock/openLog', requestId: 1 }, /mock\/openLog: clientId/],
  ];
  for (const [input, reason] of cases) {
    const result = parseMockWebviewMessage(input);
    assert.equal(result.ok, false, JSON.stringify(input));
    if (!result.ok) assert.match(result.reason, reason, JSON.stringify(input));
  }
});
