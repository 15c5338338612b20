import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeJsonProblem, findJsonProblem, formatJson } from './jsonCheck';

test('valid JSON has no problem', () => {
  for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ', '"s"', '0']) assert.equal(findJsonProblem(text), undefined, text);
});

test('the first error has its line, column and what was expected', () => {
  const cases: [string, number, number, RegExp][] = [
    ['{"a": 1,}', 1, 9, /trailing comma/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected ',' or '}' after a property value, found """/],
    ["{'a': 1}", 1, 2, /property name in double quotes/],
    ['[1, 2', 1, 6, /expected ',' or ']'.*the end of the text/],
    ['{"a": tru}', 1, 7, /expected a value/],
    ['{"a": "x\ny"}', 1, 9, /cannot span lines/],
    ['{"a": "\\q"}', 1, 8, /invalid escape "\\q"/],
    ['', 1, 1, /empty/],
    ['{} x', 1, 4, /after the end/],
  ];
  for (const [text, line, column, message] of cases) {
    const problem = findJsonProblem(text);
    assert.ok(problem, text);
    assert.deepEqual([problem.line, problem.column], [line, column], text);
    assert.match(problem.message, message, text);
  }
  assert.equal(describeJsonProblem({ line: 2, column: 3, message: 'x.' }), 'Invalid JSON at line 2, column 3: x.');
});

test('format re-indents valid JSON and reports invalid JSON', () => {
  assert.deepEqual(formatJson('{"a":[1,2]}'), { ok: true, value: '{\n  "a": [\n    1,\n    2\n  ]\n}' });
  const bad = formatJson('{"a":}');
  assert.ok(!bad.ok && /line 1, column 6/.test(bad.error));
});
