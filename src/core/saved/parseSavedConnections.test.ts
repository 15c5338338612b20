import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeProblem } from '../mock/validateDefinition';
import { parseSavedConnections } from './parseSavedConnections';

function problems(value: unknown): string[] {
  const checked = parseSavedConnections(JSON.stringify(value));
  assert.equal(checked.ok, false, 'the file is refused');
  return checked.ok ? [] : checked.problems.map(describeProblem);
}

test('a complete file is accepted as written, references and all', () => {
  const file = {
    $schema: 'x',
    variables: { host: 'staging.example.com' },
    connections: [
      {
        name: 'Staging',
        url: 'wss://${var:host}/socket',
        headers: { Authorization: 'Bearer ${secret:api-token}', 'X-Env': '${env:USER}' },
        subprotocols: ['chat.v1'],
        tls: { caFile: 'certs/ca.pem', certFile: 'c.pem', keyFile: 'k.pem', passphrase: '${secret:key-pass}', insecure: false, servername: 'api' },
        proxy: 'http://proxy:3128',
        messages: [{ name: 'hello', text: '{"op":"hello"}' }],
      },
    ],
  };
  const checked = parseSavedConnections(JSON.stringify(file));
  assert.ok(checked.ok, checked.ok ? '' : checked.problems.map(describeProblem).join('\n'));
  assert.deepEqual(checked.saved, file);
});

test('an empty object is an empty list', () => {
  assert.ok(parseSavedConnections('{}').ok);
});

test('a JSON syntax error is reported with line and column', () => {
  const checked = parseSavedConnections('{\n  "connections": [,]\n}');
  assert.ok(!checked.ok);
  assert.match(checked.problems[0]!.message, /line 2, column/);
});

test('problems name the connection index and field', () => {
  const found = problems({
    connections: [
      { name: 'ok', url: 'ws://a' },
      { name: 'ok', url: 'http://b', headers: { Authorization: 42 }, subprotocols: 'chat', tlz: {} },
      { url: 'ws://c', messages: [{ name: 'x' }] },
    ],
  });
  const joined = found.join('\n');
  assert.match(joined, /^connections\[1\]\.name: Another connection is also called "ok"/m);
  assert.match(joined, /^connections\[1\]\.url: http is not a WebSocket scheme/m);
  assert.match(joined, /^connections\[1\]\.headers\.Authorization: The header "Authorization" must have a string value/m);
  assert.match(joined, /^connections\[1\]\.subprotocols: "subprotocols" must be a list/m);
  assert.match(joined, /^connections\[1\]\.tlz: /m);
  assert.match(joined, /^connections\[2\]\.name: Every connection needs a "name"/m);
  assert.match(joined, /^connections\[2\]\.messages\[0\]: A saved message needs a "name" and a "text"/m);
});

test('a malformed or unknown reference, or a var that does not exist, is reported where it is', () => {
  const joined = problems({
    variables: { a: '${var:b}' },
    connections: [{ name: 'x', url: 'ws://${host}/', headers: { 'X-A': '${var:nope}', 'X-B': '${secret:ok' } }],
  }).join('\n');
  assert.match(joined, /^variables\.a: \$\{var:b\} in a variable names no variable\. A variable cannot use another variable/m);
  assert.match(joined, /^connections\[0\]\.url: \$\{host\} is not a reference Socket Lens knows/m);
  assert.match(joined, /^connections\[0\]\.headers\["X-A"\]: \$\{var:nope\} in a header names no variable/m);
  assert.match(joined, /^connections\[0\]\.headers\["X-B"\]: "\$\{" is not closed/m);
});

test('a passphrase written in the file is refused: it must be a ${secret:…}', () => {
  const joined = problems({ connections: [{ name: 'x', url: 'wss://a', tls: { passphrase: 'hunter2' } }] }).join('\n');
  assert.match(joined, /^connections\[0\]\.tls\.passphrase: A passphrase is never written in the file/m);
  assert.doesNotMatch(joined, /hunter2/);
});

test('a hostile value never throws', () => {
  for (const value of [null, [], 'x', 1, { connections: {} }, { connections: [null] }, { variables: [] }]) {
    const checked = parseSavedConnections(JSON.stringify(value));
    assert.equal(checked.ok, false, JSON.stringify(value));
  }
});
