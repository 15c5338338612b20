// Connect… reads a pasted `socket-lens connect` line with its own table of the options
// (src/core/paste/toolOptions.ts): every option the CLI's help lists must be in it, or a new
// option would be read as a stray word, its value as the URL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMAND_OPTIONS } from '../core/paste/toolOptions';
import { CONNECT_USAGE } from './connectArgs';

test('the paste table knows every option socket-lens connect lists in its help', () => {
  const listed = [...new Set(CONNECT_USAGE.match(/(?<=^|[\s,])--?[a-z][\w-]*/gm) ?? [])];
  assert.ok(listed.length > 30, `the help lists the options (${listed.length})`);
  const known = COMMAND_OPTIONS['socket-lens'];
  assert.deepEqual(listed.filter((option) => !Object.hasOwn(known, option)), []);
  assert.equal(known['--reconnect'], 'count-or-flag', '--reconnect [N] takes a number only when one follows');
});
