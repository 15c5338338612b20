import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMockFile } from './validateDefinition';

/** The single problem of a file's text, as "path: message". */
function problemOf(text: string): string {
  const check = parseMockFile(text);
  assert.equal(check.ok, false);
  const problems = check.ok ? [] : check.problems;
  assert.equal(problems.length, 1, JSON.stringify(problems));
  return `${problems[0]!.path}: ${problems[0]!.message}`;
}

test('a valid file parses, a byte order mark included', () => {
  const text = '{\n  "name": "echo",\n  "paths": [{ "path": "/", "otherwise": "echo" }]\n}\n';
  const check = parseMockFile(text);
  assert.ok(check.ok);
  assert.deepEqual(check.definition, JSON.parse(text));
  assert.ok(parseMockFile(`\uFEFF${text}`).ok);
});

test('a syntax error says where (line and column) and what to write', () => {
  assert.equal(problemOf('{\n  "paths": [\n    { "path": "/", }\n  ]\n}'), ': JSON syntax error at line 3, column 20: a comma before "}": JSON allows no trailing comma; remove it.');
  assert.match(problemOf('{"paths": [1,]}'), /line 1, column 14: a comma before "\]"/);
  assert.match(problemOf("{'paths': []}"), /line 1, column 2: expected a key in double quotes, e.g. "path", found a single quote: JSON strings and keys use double quotes/);
  assert.match(problemOf('{\n  // note\n  "paths": []\n}'), /line 2, column 3: a comment: JSON files cannot hold comments/);
  assert.match(problemOf('{"paths": [{"path": "/"} {"path": "/b"}]}'), /column 26: expected "," or "\]" after an item \(is a comma missing\?\)/);
  assert.match(problemOf('{"a": 1 "b": 2}'), /column 9: expected "," or "\}" after a value/);
  assert.match(problemOf('{"otherwise": echo}'), /column 15: expected a value .*found echo \(words need double quotes: "echo"\)/);
  assert.match(problemOf('{"port": 080}'), /column 11: expected "," or "\}"/);
  assert.match(problemOf('{"a": "line\nbreak"}'), /line 1, column 12: this string is not closed on its line.*\\n/);
  assert.match(problemOf('{"regex": "\\d+"}'), /column 12: "\\d" is not a JSON escape: write a backslash as \\\\/);
  assert.match(problemOf('{"a": "open'), /this string is never closed/);
  assert.match(problemOf('{"paths": []'), /line 1, column 13: expected "," or "\}" after a value .*found the end of the file/);
  assert.match(problemOf(''), /line 1, column 1: expected a value/);
  assert.match(problemOf('{} {}'), /column 4: "\{" after the end of the JSON value/);
  assert.match(problemOf('[' .repeat(600) + ']'.repeat(600)), /nests deeper than 512 levels/);
});

test('literals and numbers in every JSON form are read', () => {
  const check = parseMockFile('{"paths":[{"path":"/","rules":[{"match":{"jsonPath":"$.a","equals":[true,false,null,-1.5e+3,0,"\\u00e9\\n"]}}]}]}');
  assert.deepEqual(check.ok ? [] : check.problems, []);
});

test('a key written twice in one object is a problem (JSON.parse would keep only the last)', () => {
  const check = parseMockFile('{"paths": [{"path": "/a", "rules": [], "rules": [{"reply": []}]}], "port": 1, "port": 2}');
  assert.equal(check.ok, false);
  assert.deepEqual(check.ok ? [] : check.problems.map((p) => p.path), ['paths[0].rules', 'port']);
  assert.match(check.ok ? '' : check.problems[0]!.message, /"rules" appears more than once in this object; JSON keeps only the last one/);
});

test('duplicate keys and definition problems are reported together', () => {
  const check = parseMockFile('{"paths": [{"path": "x"}], "name": "a", "name": "b"}');
  assert.deepEqual(check.ok ? [] : check.problems.map((p) => p.path), ['name', 'paths[0].path']);
});

test('never throws on any text, and calls a syntax error exactly what JSON.parse refuses', () => {
  let seed = 99;
  const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const pieces = ['{', '}', '[', ']', '"', ':', ',', 'paths', 'true', '-', '1', '.', 'e', '\\', ' ', '\n', 'u', '/', "'", '{"paths":[{"path":"/"}]}'];
  for (let i = 0; i < 3000; i++) {
    const text = Array.from({ length: random(30) }, () => pieces[random(pieces.length)]).join('');
    const check = parseMockFile(text);
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    const first = check.ok ? '' : check.problems[0]!.message;
    if (valid) assert.doesNotMatch(first, /^JSON syntax error/, text);
    else assert.match(first, /^JSON syntax error at line \d+, column \d+: /, text);
  }
});
