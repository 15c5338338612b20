import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SocketLensError } from '../errors';
import { payloadBytes } from './mockPayload';
import type { MockPayload } from './mockDefinition';
import type { TemplateContext } from './template';

const context: TemplateContext = { message: 'hi', json: { id: 7, tags: ['a'] }, captures: ['x'], counter: 2, client: 'c1', path: '/p' };
const utf8 = (data: Uint8Array) => new TextDecoder().decode(data);
const hex = (data: Uint8Array) => Buffer.from(data).toString('hex');

test('text is rendered as a template with a context, sent as written without one', () => {
  const payload: MockPayload = { text: 'echo {{message}} #{{counter}} é' };
  const rendered = payloadBytes(payload, context);
  assert.equal(rendered.kind, 'text');
  assert.equal(utf8(rendered.data), 'echo hi #2 é');
  assert.equal(utf8(payloadBytes(payload, undefined).data), 'echo {{message}} #{{counter}} é');
});

test('json is sent as JSON text with every string value rendered, keys untouched', () => {
  const payload: MockPayload = { json: { '{{client}}': '{{client}}', id: '{{json.id}}', n: 1, list: ['{{path}}', null, true], deep: { all: '{{json.tags}}' } } };
  const rendered = payloadBytes(payload, context);
  assert.equal(rendered.kind, 'text');
  assert.deepEqual(JSON.parse(utf8(rendered.data)), { '{{client}}': 'c1', id: '7', n: 1, list: ['/p', null, true], deep: { all: '["a"]' } });
  assert.equal(utf8(payloadBytes({ json: { a: '{{client}}' } }, undefined).data), '{"a":"{{client}}"}');
  assert.equal(utf8(payloadBytes({ json: 'just {{counter}}' }, context).data), '"just 2"');
  assert.equal(utf8(payloadBytes({ json: null }, context).data), 'null');
});

test('a "__proto__" key in a json payload stays a key', () => {
  const payload = { json: JSON.parse('{"__proto__":{"x":"{{counter}}"}}') as unknown };
  assert.equal(utf8(payloadBytes(payload, context).data), '{"__proto__":{"x":"2"}}');
});

test('hex and base64 are binary, never templates', () => {
  assert.deepEqual(payloadBytes({ hex: '48 65 6c 6c 6f' }, context), { kind: 'binary', data: Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f]) });
  assert.equal(hex(payloadBytes({ base64: 'SGVsbG8=' }, context).data), '48656c6c6f');
  assert.equal(payloadBytes({ hex: '' }, undefined).data.length, 0);
});

test('a payload the definition check would refuse throws a mock/definition error that says why', () => {
  const attempt = (payload: unknown) => () => payloadBytes(payload as MockPayload, undefined);
  assert.throws(attempt({ hex: '4' }), (error: unknown) => error instanceof SocketLensError && error.code === 'mock/definition' && /hex payload is not valid: An odd number/.test(error.message));
  assert.throws(attempt({ base64: '*' }), /base64 payload is not valid/);
  assert.throws(attempt({}), /needs one of "text", "json", "hex" or "base64"/);
  assert.throws(attempt({ json: undefined }), /not a JSON value/);
});
