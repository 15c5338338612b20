import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionsReference, savedMessageMode, splitReferences } from './savedMessageText';

test('a saved message loads as JSON when it is a JSON object or array, as text otherwise', () => {
  assert.equal(savedMessageMode('{"op":"join","room":"${var:room}"}'), 'json');
  assert.equal(savedMessageMode(' [1, 2] '), 'json');
  assert.equal(savedMessageMode('{"op": ${var:count}}'), 'text', 'a reference outside a string is not JSON until filled in');
  assert.equal(savedMessageMode('hello'), 'text');
  assert.equal(savedMessageMode('42'), 'text');
  assert.equal(savedMessageMode('null'), 'text');
  assert.equal(savedMessageMode(''), 'text');
});

test('references are env, var and secret ones; any other ${…} is message text', () => {
  assert.equal(mentionsReference('Bearer ${secret:api-token}'), true);
  assert.equal(mentionsReference('${ env:HOME }'), true);
  assert.equal(mentionsReference('${var:room.v2}'), true);
  assert.equal(mentionsReference('`${name}` and {{var}}'), false);
  assert.equal(mentionsReference('${secret:}'), false);
  assert.equal(mentionsReference('${file:x}'), false);
});

test('a message is cut around its references so the list can mark them', () => {
  assert.deepEqual(splitReferences('{"token":"${secret:api}","room":"${var:room}"}'), ['{"token":"', '${secret:api}', '","room":"', '${var:room}', '"}']);
  assert.deepEqual(splitReferences('plain ${x}'), ['plain ${x}']);
});

test('a ${…} runs to the first }, as the host reads it: one opened inside another unclosed one is not marked', () => {
  assert.deepEqual(splitReferences('${env:${secret:tok} sent'), ['${env:${secret:tok} sent']);
  assert.equal(mentionsReference('${env:${secret:tok}'), false);
});
