import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCliArgs } from './cliArgs';

test('parses connect with headers, subprotocols and --json', () => {
  assert.deepEqual(parseCliArgs(['connect', 'ws://h/', '-H', 'Authorization: Bearer a:b', '--protocol', 'v2', '-p', 'v1', '--json']), {
    kind: 'connect',
    url: 'ws://h/',
    headers: { Authorization: 'Bearer a:b' },
    protocols: ['v2', 'v1'],
    json: true,
  });
});

test('explains usage errors', () => {
  const cases: [string[], RegExp][] = [
    [['connect'], /needs a URL/],
    [['connect', 'ws://a', 'ws://b'], /one URL/],
    [['connect', 'ws://a', '-H', 'nocolon'], /needs a value like/],
    [['connect', 'ws://a', '--bogus'], /Unknown option "--bogus"/],
    [['frobnicate'], /Unknown command "frobnicate"/],
  ];
  for (const [argv, message] of cases) {
    const parsed = parseCliArgs(argv);
    assert.equal(parsed.kind, 'usage-error', argv.join(' '));
    if (parsed.kind === 'usage-error') assert.match(parsed.message, message);
  }
  assert.deepEqual(parseCliArgs([]), { kind: 'help' });
});
