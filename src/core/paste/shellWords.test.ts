import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { shellWords } from './shellWords';

/** The words bash itself makes of `text`, through printf. */
function bashWords(text: string): string[] {
  const run = spawnSync('bash', ['-c', `printf '%s\\0' ${text}`], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.split('\0').slice(0, -1);
}

const SAME_AS_BASH = [
  `wscat -c 'wss://example.com/socket?a=1&b=2' -H "Authorization: Bearer abc" -s chat`,
  `curl 'wss://example.com/' \\\n  -H 'Origin: https://example.com' \\\n  -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64)' \\\n  --compressed`,
  `websocat -H=X-Quote:\\ it\\'s ws://127.0.0.1:8080/`,
  `x "a \\"quoted\\" \\$word \\\\ back" 'single \\ kept' mixed'in'"side"`,
  `x $'tab\\there' $'\\x41\\u00e9\\'' $'new\\nline'`,
  `x "" '' a""b`,
  `x price=$ 100%`,
];

for (const text of SAME_AS_BASH) {
  test(`splits as bash does: ${JSON.stringify(text).slice(0, 70)}`, () => {
    const words = shellWords(text);
    assert.ok(words.ok, words.ok ? '' : words.message);
    assert.deepEqual(words.value, bashWords(text));
  });
}

test('what it will not run or guess at is an error that says what to change', () => {
  const cases: [string, RegExp][] = [
    [`wscat -c ws://x -H "Authorization: Bearer $TOKEN"`, /environment variable TOKEN.*"\$TOKEN"/],
    [`wscat -c ws://x -H 'Authorization: '"\${API_KEY}"`, /environment variable API_KEY/],
    [`wscat -c ws://x -H "X: $(cat token)"`, /runs another command/],
    [`wscat -c ws://x -H "X: \`cat token\`"`, /runs another command/],
    [`wscat -c 'ws://x`, /' quote is opened but never closed/],
    [`wscat -c ws://x | tee log`, /unquoted "\|"/],
    [`wscat -c ws://x/?a=1&b=2`, /unquoted "&".*in quotes/],
    [`curl ^"wss://x/^" -H ^"Origin: y^"`, /Windows cmd.*bash/],
  ];
  for (const [text, message] of cases) {
    const words = shellWords(text);
    assert.ok(!words.ok, `${text} is refused`);
    assert.match(words.message, message);
  }
});
