import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from './protocol';

test('accepts each well-formed webview message', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'webview/ready' }), { ok: true, message: { type: 'webview/ready' } });
  const send = parseWebviewMessage({ type: 'connection/sendText', requestId: 3, text: 'hi', extra: 1 });
  assert.deepEqual(send, { ok: true, message: { type: 'connection/sendText', requestId: 3, text: 'hi' } });
  const close = parseWebviewMessage({ type: 'connection/disconnect', requestId: 4, code: 1000, reason: '' });
  assert.equal(close.ok, true);
  assert.deepEqual(parseWebviewMessage({ type: 'log/detail', requestId: 5, id: 12 }), { ok: true, message: { type: 'log/detail', requestId: 5, id: 12 } });
});

test('rejects malformed webview messages with a reason', () => {
  const cases: [unknown, RegExp][] = [
    [null, /object/],
    ['webview/ready', /object/],
    [{ type: 'nope' }, /unknown message type "nope"/],
    [{ type: 'connection/sendText', requestId: -1, text: 'x' }, /requestId/],
    [{ type: 'connection/sendText', requestId: 1, text: 42 }, /text must be a string/],
    [{ type: 'connection/disconnect', requestId: 1, code: 1000.5, reason: '' }, /code must be an integer/],
    [{ type: 'log/detail', requestId: 1, id: '12' }, /id must be a non-negative integer/],
  ];
  for (const [input, reason] of cases) {
    const result = parseWebviewMessage(input);
    assert.equal(result.ok, false, JSON.stringify(input));
    if (!result.ok) assert.match(result.reason, reason);
  }
});
