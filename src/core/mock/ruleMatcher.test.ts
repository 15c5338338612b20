import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchMessage, type MockMessage } from './ruleMatcher';
import type { MockMatch } from './mockDefinition';

const text = (value: string): MockMessage => ({ kind: 'text', data: new TextEncoder().encode(value) });
const binary = (...bytes: number[]): MockMessage => ({ kind: 'binary', data: Uint8Array.from(bytes) });
const badUtf8: MockMessage = { kind: 'text', data: Uint8Array.from([0x70, 0xc3, 0x28]) };

test('no match matches every message, with the JSON when there is some', () => {
  assert.deepEqual(matchMessage(undefined, text('hi')), { captures: [], json: undefined });
  assert.deepEqual(matchMessage(undefined, text('{"a":1}')), { captures: [], json: { a: 1 } });
  assert.deepEqual(matchMessage(undefined, binary(1, 2)), { captures: [], json: undefined });
  assert.deepEqual(matchMessage(undefined, badUtf8), { captures: [], json: undefined });
});

test('text is exact equality, byte for byte', () => {
  const match: MockMatch = { text: 'ping' };
  assert.ok(matchMessage(match, text('ping')));
  assert.equal(matchMessage(match, text('ping ')), undefined);
  assert.equal(matchMessage(match, text('PING')), undefined);
  assert.equal(matchMessage({ text: 'x' }, text('\uFEFFx')), undefined, 'a byte order mark is part of the message');
  assert.deepEqual(matchMessage({ text: '42' }, text('42')), { captures: [], json: 42 });
});

test('regex gives its captures, index 0 the whole match; flags apply', () => {
  const match: MockMatch = { regex: 'ping (\\d+)(x)?' };
  assert.deepEqual(matchMessage(match, text('a ping 42 b')), { captures: ['ping 42', '42', ''], json: undefined });
  assert.equal(matchMessage(match, text('PING 42')), undefined);
  assert.ok(matchMessage({ regex: '^ping', flags: 'i' }, text('PING')));
  assert.deepEqual(matchMessage({ regex: '"n":(\\d)' }, text('{"n":5}'))?.json, { n: 5 });
});

test('a global or sticky regex matches the same way every time', () => {
  const match: MockMatch = { regex: 'a', flags: 'g' };
  for (let i = 0; i < 3; i++) assert.ok(matchMessage(match, text('a')));
  const sticky: MockMatch = { regex: 'a', flags: 'y' };
  for (let i = 0; i < 3; i++) assert.ok(matchMessage(sticky, text('ab')));
  assert.equal(matchMessage(sticky, text('ba')), undefined);
});

test('a regex that does not compile never matches and never throws', () => {
  assert.equal(matchMessage({ regex: '(' }, text('(')), undefined);
  assert.equal(matchMessage({ regex: 'a', flags: 'qq' }, text('a')), undefined);
});

test('json matches a subset: every key of the pattern, recursively; lists element by element', () => {
  const match: MockMatch = { json: { type: 'sub', topic: { name: 'x' }, tags: [1, { k: 2 }] } };
  assert.ok(matchMessage(match, text('{"type":"sub","id":9,"topic":{"name":"x","extra":1},"tags":[1,{"k":2,"z":0}]}')));
  assert.equal(matchMessage(match, text('{"type":"sub","topic":{"name":"y"},"tags":[1,{"k":2}]}')), undefined);
  assert.equal(matchMessage(match, text('{"type":"sub","topic":{"name":"x"},"tags":[1,{"k":2},3]}')), undefined, 'list lengths differ');
  assert.equal(matchMessage(match, text('{"type":"sub","topic":{"name":"x"}}')), undefined, 'a key is missing');
  assert.equal(matchMessage({ json: { a: 1 } }, text('{"a":"1"}')), undefined, 'primitives compare with ===');
  assert.equal(matchMessage({ json: { a: {} } }, text('{"a":[]}')), undefined, 'a list is not an object');
  assert.ok(matchMessage({ json: {} }, text('{"any":1}')));
  assert.ok(matchMessage({ json: null }, text('null')));
  assert.equal(matchMessage({ json: { a: 1 } }, text('not json')), undefined);
  assert.equal(matchMessage({ json: { toString: 'x' } }, text('{}')), undefined, 'inherited keys do not count');
});

test('jsonPath + equals compares the value there deeply', () => {
  const message = text('{"op":"send","to":["a","b"],"meta":{"v":2,"w":null}}');
  assert.ok(matchMessage({ jsonPath: '$.op', equals: 'send' }, message));
  assert.ok(matchMessage({ jsonPath: '$.to', equals: ['a', 'b'] }, message));
  assert.ok(matchMessage({ jsonPath: "$['meta']", equals: { w: null, v: 2 } }, message));
  assert.ok(matchMessage({ jsonPath: '$.to[1]', equals: 'b' }, message));
  assert.ok(matchMessage({ jsonPath: '$.meta.w', equals: null }, message));
  assert.equal(matchMessage({ jsonPath: '$.meta', equals: { v: 2 } }, message), undefined, 'equality, not a subset');
  assert.equal(matchMessage({ jsonPath: '$.to', equals: ['a'] }, message), undefined);
  assert.equal(matchMessage({ jsonPath: '$.missing', equals: null }, message), undefined);
  assert.equal(matchMessage({ jsonPath: 'op', equals: 'send' }, message), undefined, 'a bad path never matches');
  assert.deepEqual(matchMessage({ jsonPath: '$', equals: 3 }, text('3')), { captures: [], json: 3 });
});

test('binary: true matches any binary message and nothing else', () => {
  assert.deepEqual(matchMessage({ binary: true }, binary(0xff, 0)), { captures: [], json: undefined });
  assert.ok(matchMessage({ binary: true }, binary()));
  assert.equal(matchMessage({ binary: true }, text('')), undefined);
});

test('text, regex and JSON matches never match binary messages, even with the same bytes', () => {
  const bytes = binary(...new TextEncoder().encode('{"a":1}'));
  assert.equal(matchMessage({ text: '{"a":1}' }, bytes), undefined);
  assert.equal(matchMessage({ regex: '.*' }, bytes), undefined);
  assert.equal(matchMessage({ json: { a: 1 } }, bytes), undefined);
  assert.equal(matchMessage({ jsonPath: '$.a', equals: 1 }, bytes), undefined);
});

test('text that is not valid UTF-8 never matches a text rule', () => {
  assert.equal(matchMessage({ regex: '' }, badUtf8), undefined);
  assert.equal(matchMessage({ text: 'p\uFFFD(' }, badUtf8), undefined);
  assert.equal(matchMessage({ json: null }, badUtf8), undefined);
  assert.equal(matchMessage({ binary: true }, badUtf8), undefined);
});

test('the same message tried against many rules reads the same way each time', () => {
  const message = text('{"n":1}');
  const rules: MockMatch[] = [{ text: 'x' }, { regex: 'y' }, { json: { n: 2 } }, { jsonPath: '$.n', equals: 1 }];
  assert.deepEqual(rules.map((rule) => matchMessage(rule, message) !== undefined), [false, false, false, true]);
  assert.deepEqual(rules.map((rule) => matchMessage(rule, message) !== undefined), [false, false, false, true]);
});
