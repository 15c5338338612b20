import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseVariableTable, resolveVariables, variablesIn, type VariableEnvironment } from './variables';

const env: VariableEnvironment = { now: () => 1_700_000_000_123, uuid: () => '00000000-0000-4000-8000-000000000000', randomInt: () => 42 };

test('the table reads name=value lines, skipping blanks and comments, and names bad lines', () => {
  const table = parseVariableTable('user=ada\n# comment\n\n token = a=b \nbad line\n9x=1');
  assert.deepEqual([...table.values], [['user', 'ada'], ['token', ' a=b ']]);
  assert.deepEqual(table.errors, ['Variables, line 5: "bad line" has no "=". Write name=value.', 'Variables, line 6: "9x" is not a variable name. Use letters, digits, _ . or -, starting with a letter or _.']);
});

test('placeholders resolve from the table and the built-ins', () => {
  const table = parseVariableTable('user=ada').values;
  const resolved = resolveVariables('{"u":"{{user}}","t":{{$timestamp}},"ms":{{ $timestampMs }},"id":"{{$uuid}}","n":{{$randomInt}},"iso":"{{$isoTimestamp}}"}', table, env);
  assert.deepEqual(resolved, { ok: true, value: '{"u":"ada","t":1700000000,"ms":1700000000123,"id":"00000000-0000-4000-8000-000000000000","n":42,"iso":"2023-11-14T22:13:20.123Z"}' });
  assert.deepEqual(variablesIn('{{a}} {{b}} {{a}}'), ['a', 'b']);
});

test('values are inserted as they are, not resolved again', () => {
  assert.deepEqual(resolveVariables('{{a}}', new Map([['a', '{{b}}']]), env), { ok: true, value: '{{b}}' });
});

test('unknown variables are an error naming each', () => {
  assert.deepEqual(resolveVariables('{{who}} {{$nope}} {{toString}}', new Map(), env), { ok: false, error: 'Unknown variables {{who}}, {{$nope}}, {{toString}}. Built-ins: $timestamp, $timestampMs, $isoTimestamp, $uuid, $randomInt.' });
  assert.deepEqual(resolveVariables('hi {{name}}', new Map(), env), { ok: false, error: 'Unknown variable {{name}}. Add it to Variables as name=value.' });
});
