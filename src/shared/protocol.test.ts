import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from './protocol';

test('accepts each well-formed webview message', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'webview/ready' }), { ok: true, message: { type: 'webview/ready' } });
  assert.deepEqual(parseWebviewMessage({ type: 'connection/disconnect', requestId: 3, code: 1000, reason: '', extra: 1 }), { ok: true, message: { type: 'connection/disconnect', requestId: 3, code: 1000, reason: '' } });
  const close = parseWebviewMessage({ type: 'connection/disconnect', requestId: 4, code: 1000, reason: '' });
  assert.equal(close.ok, true);
  assert.deepEqual(parseWebviewMessage({ type: 'connection/reconnect', requestId: 6 }), { ok: true, message: { type: 'connection/reconnect', requestId: 6 } });
  assert.deepEqual(parseWebviewMessage({ type: 'log/detail', requestId: 5, id: 12 }), { ok: true, message: { type: 'log/detail', requestId: 5, id: 12 } });
});

test('rejects malformed webview messages with a reason', () => {
  const cases: [unknown, RegExp][] = [
    [null, /object/],
    ['webview/ready', /object/],
    [{ type: 'nope' }, /unknown message type "nope"/],
    [{ type: 'connection/sendText', requestId: 1, text: 'x' }, /unknown message type "connection\/sendText"/],
    [{ type: 'connection/disconnect', requestId: -1, code: 1000, reason: '' }, /requestId/],
    [{ type: 'connection/disconnect', requestId: 1, code: 1000.5, reason: '' }, /code must be an integer/],
    [{ type: 'log/detail', requestId: 1, id: '12' }, /id must be a non-negative integer/],
    [{ type: 'connection/reconnect' }, /requestId/],
    [{ type: 'log/savePayload', requestId: 1, id: -3 }, /id must be a non-negative integer/],
  ];
  for (const [input, reason] of cases) {
    const result = parseWebviewMessage(input);
    assert.equal(result.ok, false, JSON.stringify(input));
    if (!result.ok) assert.match(result.reason, reason);
  }
});

test('accepts log range and filter requests, and a ready message with the saved filter', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'log/range', requestId: 1, start: 500_000, count: 80 }), { ok: true, message: { type: 'log/range', requestId: 1, start: 500_000, count: 80 } });
  const filter = { direction: 'in', kinds: ['text', 'ping'], text: 'err.*', regex: true, ignoreCase: false, jsonPath: '$.type == "x"' };
  assert.deepEqual(parseWebviewMessage({ type: 'log/filter', requestId: 2, filter: { ...filter, junk: 1 } }), { ok: true, message: { type: 'log/filter', requestId: 2, filter } });
  assert.deepEqual(parseWebviewMessage({ type: 'webview/ready', filter: { direction: 'out' } }), { ok: true, message: { type: 'webview/ready', filter: { direction: 'out' } } });
});

test('rejects bad ranges and filters with a reason', () => {
  const cases: [unknown, RegExp][] = [
    [{ type: 'log/range', requestId: 1, start: -1, count: 10 }, /start must be/],
    [{ type: 'log/range', requestId: 1, start: 0, count: 5000 }, /count must be an integer from 0 to 2000/],
    [{ type: 'log/filter', requestId: 1 }, /filter must be an object/],
    [{ type: 'log/filter', requestId: 1, filter: { direction: 'up' } }, /direction must be "in" or "out"/],
    [{ type: 'log/filter', requestId: 1, filter: { kinds: ['text', 'control'] } }, /kinds must be a list of text, binary, ping, pong, close/],
    [{ type: 'log/filter', requestId: 1, filter: { text: 'x'.repeat(10_001) } }, /filter.text must be a string of at most 10000/],
    [{ type: 'log/filter', requestId: 1, filter: { regex: 'yes' } }, /true or false/],
    [{ type: 'webview/ready', filter: { jsonPath: 3 } }, /filter.jsonPath must be a string/],
  ];
  for (const [input, reason] of cases) {
    const result = parseWebviewMessage(input);
    assert.equal(result.ok, false, JSON.stringify(input));
    if (!result.ok) assert.match(result.reason, reason);
  }
});

test('accepts the composer\'s requests', () => {
  const payload = { kind: 'binary', base64: 'AQID' };
  assert.deepEqual(parseWebviewMessage({ type: 'connection/send', requestId: 1, payload, fragments: 3 }), { ok: true, message: { type: 'connection/send', requestId: 1, payload, fragments: 3 } });
  assert.deepEqual(parseWebviewMessage({ type: 'connection/control', requestId: 2, opcode: 'ping', payload: { kind: 'text', text: 'hb', extra: 1 } }), { ok: true, message: { type: 'connection/control', requestId: 2, opcode: 'ping', payload: { kind: 'text', text: 'hb' } } });
  assert.deepEqual(parseWebviewMessage({ type: 'connection/repeat', requestId: 3, payload: { kind: 'text', text: 't' }, everyMs: 500 }), { ok: true, message: { type: 'connection/repeat', requestId: 3, payload: { kind: 'text', text: 't' }, everyMs: 500 } });
  assert.deepEqual(parseWebviewMessage({ type: 'connection/stopRepeat', requestId: 4 }), { ok: true, message: { type: 'connection/stopRepeat', requestId: 4 } });
  assert.deepEqual(parseWebviewMessage({ type: 'composer/watch', requestId: 5 }), { ok: true, message: { type: 'composer/watch', requestId: 5 } });
});

test('rejects malformed composer requests with a reason', () => {
  const text = { kind: 'text', text: 'x' };
  const cases: [unknown, RegExp][] = [
    [{ type: 'connection/send', payload: text, fragments: 1 }, /requestId/],
    [{ type: 'connection/send', requestId: 1, payload: text, fragments: 0 }, /fragments must be a whole number from 1 to 1000/],
    [{ type: 'connection/send', requestId: 1, payload: text, fragments: 1001 }, /fragments/],
    [{ type: 'connection/send', requestId: 1, payload: text, fragments: 1.5 }, /fragments/],
    [{ type: 'connection/send', requestId: 1, payload: 'x', fragments: 1 }, /payload must be an object/],
    [{ type: 'connection/send', requestId: 1, payload: { kind: 'utf16' }, fragments: 1 }, /payload.kind must be "text" or "binary"/],
    [{ type: 'connection/send', requestId: 1, payload: { kind: 'text', text: 1 }, fragments: 1 }, /payload.text must be a string/],
    [{ type: 'connection/send', requestId: 1, payload: { kind: 'binary', base64: 'AQI' }, fragments: 1 }, /standard base64 with padding/],
    [{ type: 'connection/send', requestId: 1, payload: { kind: 'binary', base64: 'A-_=' }, fragments: 1 }, /standard base64/],
    [{ type: 'connection/send', requestId: 1, payload: { kind: 'binary', base64: 'A'.repeat(30_000_000) }, fragments: 1 }, /payload.base64 is longer than/],
    [{ type: 'connection/control', requestId: 1, opcode: 'close', payload: text }, /opcode must be "ping" or "pong"/],
    [{ type: 'connection/repeat', requestId: 1, payload: text, everyMs: 5 }, /everyMs must be a whole number of milliseconds from 10/],
    [{ type: 'connection/repeat', requestId: 1, payload: text }, /everyMs/],
    [{ type: 'connection/stopRepeat', requestId: 'a' }, /requestId/],
  ];
  for (const [input, reason] of cases) {
    const result = parseWebviewMessage(input);
    assert.equal(result.ok, false, JSON.stringify(input).slice(0, 200));
    if (!result.ok) assert.match(result.reason, reason);
  }
});

test('a saved message is asked for by name, and a text payload may ask the host to fill in its references', () => {
  const text = { kind: 'text', text: '{"token":"${secret:api}"}' };
  assert.deepEqual(parseWebviewMessage({ type: 'composer/sendSaved', requestId: 7, name: 'join room', extra: 1 }), { ok: true, message: { type: 'composer/sendSaved', requestId: 7, name: 'join room' } });
  assert.deepEqual(parseWebviewMessage({ type: 'connection/send', requestId: 8, payload: text, fragments: 1, references: true }), { ok: true, message: { type: 'connection/send', requestId: 8, payload: text, fragments: 1, references: true } });
  assert.deepEqual(parseWebviewMessage({ type: 'connection/repeat', requestId: 9, payload: text, everyMs: 100, references: true }), { ok: true, message: { type: 'connection/repeat', requestId: 9, payload: text, everyMs: 100, references: true } });
  // false is the same as absent: the host sends the text as it is.
  assert.deepEqual(parseWebviewMessage({ type: 'connection/send', requestId: 10, payload: text, fragments: 1, references: false }), { ok: true, message: { type: 'connection/send', requestId: 10, payload: text, fragments: 1 } });
});

test('rejects a saved-message request without a usable name, and references on anything but text', () => {
  const cases: [unknown, RegExp][] = [
    [{ type: 'composer/sendSaved', requestId: 1 }, /name must be a saved message's name/],
    [{ type: 'composer/sendSaved', requestId: 1, name: '' }, /name must be/],
    [{ type: 'composer/sendSaved', requestId: 1, name: 7 }, /name must be/],
    [{ type: 'composer/sendSaved', requestId: 1, name: 'x'.repeat(1001) }, /1 to 1000 characters/],
    [{ type: 'composer/sendSaved', name: 'join' }, /requestId/],
    [{ type: 'connection/send', requestId: 1, payload: { kind: 'text', text: 'x' }, fragments: 1, references: 'yes' }, /references must be true or false/],
    [{ type: 'connection/send', requestId: 1, payload: { kind: 'binary', base64: 'AQID' }, fragments: 1, references: true }, /only be filled in in a text payload/],
    [{ type: 'connection/repeat', requestId: 1, payload: { kind: 'binary', base64: 'AQID' }, everyMs: 100, references: true }, /text payload/],
  ];
  for (const [input, reason] of cases) {
    const result = parseWebviewMessage(input);
    assert.equal(result.ok, false, JSON.stringify(input).slice(0, 200));
    if (!result.ok) assert.match(result.reason, reason);
  }
});
