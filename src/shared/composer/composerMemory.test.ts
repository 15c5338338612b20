import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteSnippet, EMPTY_COMPOSER_MEMORY, readComposerMemory, saveSnippet } from './composerMemory';

test('state from elsewhere is read defensively', () => {
  assert.deepEqual(readComposerMemory(undefined), EMPTY_COMPOSER_MEMORY);
  assert.deepEqual(readComposerMemory({ mode: 'smoke', history: 'x', snippets: [{ name: '', mode: 'text', text: 'x' }] }), EMPTY_COMPOSER_MEMORY);
  const memory = readComposerMemory({ mode: 'hex', fragments: '3', history: [{ mode: 'text', text: 'a' }, { mode: 'nope', text: 'b' }, null], snippets: [{ name: 'hi', mode: 'json', text: '{}', extra: 1 }] });
  assert.equal(memory.mode, 'hex');
  assert.equal(memory.fragments, '3');
  assert.deepEqual(memory.history, [{ mode: 'text', text: 'a' }]);
  assert.deepEqual(memory.snippets, [{ name: 'hi', mode: 'json', text: '{}' }]);
});

test('snippets are saved by name (a same name replaces), sorted, and deleted', () => {
  let snippets = saveSnippet([], { name: 'b', mode: 'text', text: '1' });
  snippets = saveSnippet(snippets, { name: 'a', mode: 'hex', text: '00' });
  snippets = saveSnippet(snippets, { name: 'b', mode: 'text', text: '2' });
  assert.deepEqual(snippets, [{ name: 'a', mode: 'hex', text: '00' }, { name: 'b', mode: 'text', text: '2' }]);
  assert.deepEqual(deleteSnippet(snippets, 'a'), [{ name: 'b', mode: 'text', text: '2' }]);
});
