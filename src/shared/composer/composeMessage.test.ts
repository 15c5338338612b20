import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CloseCodeView } from '../protocol';
import { composeMessage, composeRepeat, type ComposerDraft } from './composeMessage';

const env = { now: () => 1_700_000_000_000, uuid: () => 'u-u-i-d', randomInt: () => 7 };
const codes: CloseCodeView[] = [
  { code: 1000, name: 'Normal Closure', meaning: '', sendable: true },
  { code: 1005, name: 'No Status Received', meaning: '', sendable: false },
];
const draft = (over: Partial<ComposerDraft>): ComposerDraft => ({ mode: 'text', text: '', fragments: '1', closeCode: '1000', closeReason: '', variables: '', ...over });
const compose = (over: Partial<ComposerDraft>) => composeMessage(draft(over), env, codes);

test('text with variables resolves before sending and shows what it became', () => {
  const result = compose({ text: 'hi {{who}} at {{$timestamp}}', variables: 'who=ada' });
  assert.deepEqual(result, { ok: true, request: { type: 'connection/send', payload: { kind: 'text', text: 'hi ada at 1700000000' }, fragments: 1 }, summary: '20 bytes', resolved: 'hi ada at 1700000000' });
  assert.deepEqual(compose({ text: '{{nobody}}' }), { ok: false, field: 'text', error: 'Unknown variable {{nobody}}. Add it to Variables as name=value.' });
  assert.deepEqual(compose({ text: 'x', variables: 'oops' }), { ok: false, field: 'variables', error: 'Variables, line 1: "oops" has no "=". Write name=value.' });
});

test('JSON is checked after the variables are filled in', () => {
  assert.equal(compose({ mode: 'json', text: '{"t": {{$timestamp}}}' }).ok, true);
  const bad = compose({ mode: 'json', text: '{"a": 1,}' });
  assert.ok(!bad.ok && bad.field === 'text' && /line 1, column 9/.test(bad.error));
});

test('hex and base64 become bytes; fragments are checked against the byte count', () => {
  assert.deepEqual(compose({ mode: 'hex', text: '01 02 03', fragments: '3' }), { ok: true, request: { type: 'connection/send', payload: { kind: 'binary', base64: 'AQID' }, fragments: 3 }, summary: '3 bytes in 3 frames', resolved: undefined });
  assert.deepEqual(compose({ mode: 'hex', text: '01 02 03', fragments: '4' }), { ok: false, field: 'fragments', error: '4 frames for 3 bytes: each frame needs at least one byte, so use at most 3.' });
  assert.deepEqual(compose({ mode: 'hex', text: '01', fragments: 'two' }), { ok: false, field: 'fragments', error: '"two" frames: enter a whole number from 1 to 1.' });
  assert.equal(compose({ mode: 'base64', text: 'AQID' }).ok, true);
  const bad = compose({ mode: 'hex', text: '0g' });
  assert.ok(!bad.ok && bad.field === 'text' && /"g" at character 2/.test(bad.error));
});

test('a file is sent as binary, within the size limit', () => {
  assert.deepEqual(compose({ mode: 'file' }), { ok: false, field: 'file', error: 'Choose a file to send.' });
  const ok = compose({ mode: 'file', file: { name: 'a.bin', bytes: Uint8Array.from([255]) } });
  assert.ok(ok.ok && ok.request.type === 'connection/send' && ok.request.payload.kind === 'binary' && ok.request.payload.base64 === '/w==');
  const big = compose({ mode: 'file', file: { name: 'big.bin', bytes: new Uint8Array(10 * 1024 * 1024 + 1) } });
  assert.ok(!big.ok && /"big.bin" is 10,485,761 bytes; the composer sends files of at most 10,485,760 bytes/.test(big.error));
});

test('ping and pong payloads are at most 125 bytes', () => {
  assert.deepEqual(compose({ mode: 'ping', text: 'hb' }), { ok: true, request: { type: 'connection/control', opcode: 'ping', payload: { kind: 'text', text: 'hb' } }, summary: 'ping · 2 bytes', resolved: undefined });
  const long = compose({ mode: 'pong', text: '€'.repeat(42) });
  assert.deepEqual(long, { ok: false, field: 'text', error: 'A pong carries at most 125 bytes (RFC 6455 §5.5); this payload has 126. Shorten it by 1.' });
});

test('close takes a sendable registered code or 3000-4999, and a reason of at most 123 bytes', () => {
  assert.deepEqual(compose({ mode: 'close', closeCode: '1000', closeReason: 'bye' }), { ok: true, request: { type: 'connection/disconnect', code: 1000, reason: 'bye' }, summary: 'close 1000 Normal Closure · reason 3 bytes' });
  assert.equal(compose({ mode: 'close', closeCode: '4001' }).ok, true);
  const cases: [string, string, RegExp][] = [
    ['1005', '', /1005 No Status Received must not be sent/],
    ['2000', '', /2000 cannot be sent as a close code/],
    ['abc', '', /"abc" is not a close code/],
    ['1000', 'x'.repeat(124), /at most 123 bytes of UTF-8.*this one has 124/],
  ];
  for (const [closeCode, closeReason, error] of cases) {
    const result = compose({ mode: 'close', closeCode, closeReason });
    assert.ok(!result.ok && error.test(result.error), `${closeCode}: ${JSON.stringify(result)}`);
  }
});

test('a repeat takes a data message in one frame and an interval in range', () => {
  assert.deepEqual(composeRepeat(draft({ text: 'tick' }), '500', env), { ok: true, request: { type: 'connection/repeat', payload: { kind: 'text', text: 'tick' }, everyMs: 500 }, summary: '4 bytes every 500 ms', resolved: undefined });
  assert.match(JSON.stringify(composeRepeat(draft({ text: 'tick' }), '5', env)), /from 10 to 86400000/);
  assert.match(JSON.stringify(composeRepeat(draft({ text: 'tick', fragments: '2' }), '500', env)), /one frame/);
  assert.match(JSON.stringify(composeRepeat(draft({ mode: 'ping' }), '500', env)), /Only data messages repeat/);
});
