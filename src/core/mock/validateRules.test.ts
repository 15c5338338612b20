import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateMockDefinition } from './validateDefinition';

const rule = (r: unknown) => ({ paths: [{ path: '/', rules: [r] }] });
const send = (s: unknown) => ({ paths: [{ path: '/', onConnect: [s] }] });

/** Every problem of `value` as "path: message". */
function problems(value: unknown): string[] {
  const check = validateMockDefinition(value);
  return check.ok ? [] : check.problems.map((p) => `${p.path}: ${p.message}`);
}

function expectOne(value: unknown, expected: RegExp): void {
  const found = problems(value);
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0]!, expected);
}

test('a match has exactly one kind; flags and equals belong to theirs', () => {
  expectOne(rule({ match: {} }), /^paths\[0\]\.rules\[0\]\.match: A match needs one of "text", "regex", "json", "jsonPath", "binary"; it has none/);
  expectOne(rule({ match: { text: 'a', regex: 'a' } }), /match: A match takes exactly one of .* it has "text" and "regex"\. Keep one/);
  expectOne(rule({ match: { text: 'a', flags: 'i' } }), /match\.flags: "flags" belongs to a "regex" match/);
  expectOne(rule({ match: { json: {}, equals: 1 } }), /match\.equals: "equals" belongs to a "jsonPath" match/);
  expectOne(rule({ match: { jsonPath: '$.a' } }), /match: A "jsonPath" match needs "equals"/);
  expectOne(rule({ match: { binary: false } }), /match\.binary: "binary" only takes true/);
  expectOne(rule({ match: 'ping' }), /match: A match must be an object/);
});

test('a regex that does not compile says the regex error; bad flags are named', () => {
  expectOne(rule({ match: { regex: 'a(b' } }), /match\.regex: The regex does not compile: Invalid regular expression: \/a\(b\/: Unterminated group/);
  expectOne(rule({ match: { regex: 'a', flags: 'ii' } }), /match\.flags: "ii" are not valid regex flags/);
  expectOne(rule({ match: { regex: 'a', flags: 'x' } }), /match\.flags: "x" are not valid regex flags/);
  assert.deepEqual(problems(rule({ match: { regex: '\\p{L}+', flags: 'u' } })), []);
});

test('JSON path syntax', () => {
  for (const path of ['$', '$.a', "$['a b']", '$.a[0].b', '$["x"]']) assert.deepEqual(problems(rule({ match: { jsonPath: path, equals: 1 } })), [], path);
  expectOne(rule({ match: { jsonPath: 'a.b', equals: 1 } }), /match\.jsonPath: The JSON path starts with "a", but a JSON path starts with "\$": write "\$\.a\.b"/);
  expectOne(rule({ match: { jsonPath: '$.a[x]', equals: 1 } }), /cannot read the step at "\[x\]"/);
  expectOne(rule({ match: { jsonPath: '$.', equals: 1 } }), /cannot read the step at "\."/);
});

test('a payload has exactly one kind; hex and base64 must decode', () => {
  expectOne(send({}), /onConnect\[0\]: A message to send needs one of "text", "json", "hex", "base64"/);
  expectOne(send({ text: 'a', json: 1 }), /exactly one of .* it has "text" and "json"/);
  expectOne(send({ hex: '0g' }), /onConnect\[0\]\.hex: Not valid hex: "g" at character 2 is not a hex digit/);
  expectOne(send({ hex: '123' }), /Not valid hex: An odd number of hex digits/);
  expectOne(send({ base64: 'SGV*' }), /onConnect\[0\]\.base64: Not valid base64: "\*" is not a base64 character/);
  expectOne(send({ text: 5 }), /onConnect\[0\]\.text: "text" must be a string/);
  expectOne(send({ json: { a: undefined } }), /onConnect\[0\]\.json\.a: This must be a JSON value/);
  expectOne(send({ text: 'a', to: 'all' }), /onConnect\[0\]\.to: "to" is not a key of a message to send/);
});

test('templates: unknown placeholders, and placeholders with nothing to fill them', () => {
  expectOne(send({ text: '{{clinet}}' }), /onConnect\[0\]\.text: \{\{clinet\}\} is not a placeholder: did you mean \{\{client\}\}\?/);
  expectOne(send({ json: { a: ['{{mesage}}'] } }), /onConnect\[0\]\.json\.a\[0\]: \{\{mesage\}\} is not a placeholder/);
  expectOne(send({ text: 'hi {{message}}' }), /\{\{message\}\} has nothing to fill it: onConnect messages are not answers to a message/);
  expectOne({ paths: [{ path: '/', timers: [{ everyMs: 5, send: { text: '{{json.a}}' } }] }] }, /timers\[0\]\.send\.text: \{\{json\.a\}\} has nothing to fill it: timers/);
  expectOne(rule({ match: { text: 'a' }, reply: [{ text: '{{match.1}}' }] }), /reply\[0\]\.text: \{\{match\.1\}\} is always empty: captures come from a "regex" match/);
  expectOne(rule({ match: { regex: '(a)' }, reply: [{ text: '{{match.1}} {{match.2}}' }] }), /\{\{match\.2\}\} is always empty: the rule's regex has 1 capture group\. Use \{\{match\.0\}\} to \{\{match\.1\}\}/);
  assert.deepEqual(problems(rule({ match: { regex: '(a)(?<n>b)' }, reply: [{ text: '{{match.2}} {{message}} {{json}}' }] })), []);
});

test('replies: the recipient, delays and fragments', () => {
  expectOne(rule({ reply: [{ text: 'a', to: 'everyone' }] }), /reply\[0\]\.to: "to" must be "sender" or "all"/);
  expectOne(rule({ reply: { text: 'a' } }), /rules\[0\]\.reply: "reply" must be a list/);
  expectOne(rule({ reply: [{ text: 'a', delay: 5 }] }), /reply\[0\]\.delay: .*Did you mean "delayMs"\?/);
});

test('rules after a rule without a match never run', () => {
  const found = problems({ paths: [{ path: '/', rules: [{ match: { text: 'a' } }, { reply: [] }, { match: { text: 'b' } }, {}] }] });
  assert.deepEqual(found.map((p) => p.split(':')[0]), ['paths[0].rules[2]', 'paths[0].rules[3]']);
  assert.match(found[0]!, /This rule never runs: paths\[0\]\.rules\[1\] has no "match"/);
});

test('faults: one kind; close codes valid to send (RFC 6455 §7.4), reasons within 123 bytes', () => {
  const fault = (f: unknown) => rule({ fault: f });
  expectOne(fault({}), /fault: A fault needs one of "close", "drop", "stopReading", "pings", "brokenFrame"/);
  expectOne(fault({ drop: true, stopReading: true }), /exactly one of/);
  for (const code of [1000, 1003, 1007, 1014, 3000, 4999]) assert.deepEqual(problems(fault({ close: { code } })), [], String(code));
  for (const code of [1004, 1005, 1006, 1015, 1016, 2999]) expectOne(fault({ close: { code } }), /fault\.close\.code: \d+ \(.*\) may not be sent in a close frame \(RFC 6455 §7\.4\)/);
  expectOne(fault({ close: { code: 999 } }), /from 1000 to 4999/);
  expectOne(fault({ close: { code: 5000 } }), /from 1000 to 4999/);
  expectOne(fault({ close: {} }), /fault\.close: A close needs "code"/);
  expectOne(fault({ close: { code: 1000, reason: 'é'.repeat(62) } }), /fault\.close\.reason: The reason is 124 bytes in UTF-8; a close frame holds at most 123/);
  assert.deepEqual(problems(fault({ close: { code: 1000, reason: 'x'.repeat(123) } })), []);
  expectOne(fault({ drop: 1 }), /fault\.drop: "drop" only takes true/);
  expectOne(fault({ pings: 'never' }), /fault\.pings: "pings" must be "ignore" \(never answer\) or \{ "delayMs": 5000 \}/);
  expectOne(fault({ pings: {} }), /fault\.pings: Late pongs need "delayMs"/);
  expectOne(fault({ pings: { delayMs: -5 } }), /fault\.pings\.delayMs: .*from 0/);
  expectOne(fault({ brokenFrame: 'bad-utf-8' }), /fault\.brokenFrame: .*Did you mean "bad-utf8"\?/);
});

test('timers: everyMs and send are required; to is "all"', () => {
  const timer = (t: unknown) => ({ paths: [{ path: '/', timers: [t] }] });
  expectOne(timer({ send: { text: 'a' } }), /timers\[0\]: A timer needs "everyMs"/);
  expectOne(timer({ everyMs: 10 }), /timers\[0\]: A timer needs "send"/);
  expectOne(timer({ everyMs: 10, send: { text: 'a', delayMs: 1 } }), /timers\[0\]\.send\.delayMs: "delayMs" is not a key of a timer's message/);
  expectOne(timer({ everyMs: 10, send: { text: 'a' }, to: 'sender' }), /timers\[0\]\.to: "to" must be "all"/);
});

test('a scheduled fault needs afterMs and a fault, and its fault is checked like a rule\'s', () => {
  const scheduled = (f: unknown) => ({ paths: [{ path: '/', faults: [f] }] });
  assert.deepEqual(problems(scheduled({ afterMs: 1000, everyMs: 500, fault: { brokenFrame: 'bad-utf8' } })), []);
  expectOne(scheduled({ fault: { drop: true } }), /^paths\[0\]\.faults\[0\]: A scheduled fault needs "afterMs"/);
  expectOne(scheduled({ afterMs: 5 }), /^paths\[0\]\.faults\[0\]: A scheduled fault needs "fault"/);
  expectOne(scheduled({ afterMs: 5, everyMs: 0, fault: { drop: true } }), /faults\[0\]\.everyMs: "everyMs" must be a number from 1 to/);
  expectOne(scheduled({ afterMs: 5, fault: { close: { code: 1005 } } }), /faults\[0\]\.fault\.close\.code: 1005 .* may not be sent/);
  expectOne(scheduled({ aftrMs: 5, afterMs: 5, fault: { drop: true } }), /faults\[0\]\.aftrMs: "aftrMs" is not a key of a scheduled fault\. Did you mean "afterMs"\?/);
});
