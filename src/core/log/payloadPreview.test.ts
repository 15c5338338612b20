import { test } from 'node:test';
import assert from 'node:assert/strict';
import { previewPayload } from './payloadPreview';

test('previews short text whole', () => {
  assert.deepEqual(previewPayload('text', Buffer.from('{"a":1}')), { text: '{"a":1}', truncated: false });
});

test('cuts long text at a character boundary, never inside a code point', () => {
  const preview = previewPayload('text', Buffer.from('é'.repeat(300)), 10);
  assert.deepEqual(preview, { text: 'é'.repeat(10), truncated: true });
  const emoji = previewPayload('text', Buffer.from('😀'.repeat(100)), 5);
  assert.equal(emoji.text, '😀'.repeat(5));
});

test('shows invalid UTF-8 as replacement characters instead of dropping bytes', () => {
  const preview = previewPayload('text', Uint8Array.of(0x61, 0xff, 0x62));
  assert.equal(preview.text, 'a\uFFFDb');
});

test('shows binary and control payloads as hex', () => {
  assert.deepEqual(previewPayload('binary', Uint8Array.of(0, 1, 0xab)), { text: '00 01 ab', truncated: false });
  const long = previewPayload('ping', new Uint8Array(100), 30);
  assert.equal(long.text, Array(10).fill('00').join(' '));
  assert.equal(long.truncated, true);
});

test('pings and pongs read as quoted text when they are text, hex when they are not', () => {
  assert.deepEqual(previewPayload('ping', Buffer.from('keepalive 1')), { text: '"keepalive 1"', truncated: false });
  assert.deepEqual(previewPayload('pong', Uint8Array.of(0, 1, 0xff)), { text: '00 01 ff', truncated: false });
  assert.deepEqual(previewPayload('ping', Buffer.from('line\nbreak')).text, '6c 69 6e 65 0a 62 72 65 61 6b');
  assert.deepEqual(previewPayload('ping', new Uint8Array(0)), { text: '', truncated: false });
});
