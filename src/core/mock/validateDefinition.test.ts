import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateMockDefinition, type DefinitionCheck, type DefinitionProblem } from './validateDefinition';

const ok = { paths: [{ path: '/' }] };
const withPath = (entry: object) => ({ paths: [{ path: '/', ...entry }] });

function problemsOf(check: DefinitionCheck): readonly DefinitionProblem[] {
  assert.equal(check.ok, false, 'expected problems');
  return check.ok ? [] : check.problems;
}

/** The one problem of `value`, at `path`, whose message matches `message`. */
function expectProblem(value: unknown, path: string, message: RegExp): void {
  const problems = problemsOf(validateMockDefinition(value));
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 1));
  assert.equal(problems[0]!.path, path);
  assert.match(problems[0]!.message, message);
}

const FULL = {
  $schema: './wsmock.schema.json',
  name: 'Chat',
  host: '127.0.0.1',
  port: 8080,
  subprotocols: ['chat.v2', 'chat'],
  perMessageDeflate: false,
  maxPayloadBytes: 1024,
  maxConnections: 10,
  allowedOrigins: ['http://localhost:3000', '*', 'null', 'vscode-webview://abc'],
  paths: [
    {
      path: '/chat',
      handshake: { delayMs: 100, requireHeaders: { 'X-Api-Key': '*' }, requireToken: 's3cret' },
      onConnect: [{ text: 'welcome {{client}} to {{path}}', delayMs: 0 }, { json: { hello: '{{uuid}}' }, fragments: 2 }],
      rules: [
        { match: { text: 'ping' }, reply: [{ text: 'pong #{{counter}}' }] },
        { match: { regex: '^say (\\w+)$', flags: 'i' }, reply: [{ text: '{{match.1}}', to: 'all' }] },
        { match: { json: { type: 'sub' } }, reply: [{ json: { ok: true, id: '{{json.id}}' } }] },
        { match: { jsonPath: '$.op', equals: 'quit' }, fault: { close: { code: 4000, reason: 'bye' } } },
        { match: { binary: true }, reply: [{ hex: '01 02 03', fragments: 3 }, { base64: 'AQID' }] },
        { match: { text: 'drop' }, fault: { drop: true } },
        { match: { text: 'stall' }, fault: { stopReading: true } },
        { match: { text: 'slow' }, fault: { pings: { delayMs: 5000 } } },
        { match: { text: 'deaf' }, fault: { pings: 'ignore' } },
        { match: { text: 'break' }, fault: { brokenFrame: 'bad-utf8' } },
        { reply: [{ text: 'other: {{message}}', delayMs: 1.5 }] },
      ],
      otherwise: 'nothing',
      timers: [{ everyMs: 1000, send: { text: 'tick {{now}}' }, to: 'all' }],
    },
    { path: '/closed', handshake: { reject: { status: 503, headers: { 'Retry-After': '5' }, body: 'later' } } },
    { path: '*', otherwise: 'echo' },
  ],
};

test('a definition that uses every field is accepted and returned as given', () => {
  const check = validateMockDefinition(FULL);
  assert.deepEqual(check.ok ? [] : check.problems, []);
  assert.equal(check.ok && check.definition, FULL);
  assert.equal(validateMockDefinition(ok).ok, true);
});

test('the root: an object with at least one path', () => {
  expectProblem([], '', /A mock definition must be an object/);
  expectProblem(null, '', /must be an object .* it is null/);
  expectProblem({}, '', /A mock needs "paths"/);
  expectProblem({ paths: [] }, 'paths', /needs at least one/);
  expectProblem({ paths: {} }, 'paths', /must be a list/);
});

test('unknown keys are named, with the allowed keys and a likely spelling', () => {
  expectProblem({ ...ok, prot: 1 }, 'prot', /"prot" is not a key of a mock definition\. Did you mean "port"\? Allowed here: \$schema, name, host, port/);
  expectProblem(withPath({ onconnect: [] }), 'paths[0].onconnect', /Did you mean "onConnect"\?/);
  expectProblem(withPath({ rules: [{ match: { text: 'a', flag: 'i' } }] }), 'paths[0].rules[0].match.flag', /Did you mean "flags"\?/);
  expectProblem(withPath({ zzz: 1 }), 'paths[0].zzz', /^"zzz" is not a key of a path\. Allowed here: path, handshake/);
  expectProblem({ ...ok, 'bad key': 1 }, '["bad key"]', /not a key/);
});

test('wrong types say what to write', () => {
  expectProblem({ ...ok, port: '8080' }, 'port', /whole number from 0 to 65535 .*the string "8080"\. Write 8080 without quotes/);
  expectProblem({ ...ok, name: 5 }, 'name', /must be a string .* Write "5" in quotes/);
  expectProblem({ ...ok, perMessageDeflate: 'yes' }, 'perMessageDeflate', /true or false/);
  expectProblem(withPath({ otherwise: 'Echo' }), 'paths[0].otherwise', /"echo" or "nothing".*Did you mean "echo"\?/);
  expectProblem(withPath({ rules: {} }), 'paths[0].rules', /must be a list/);
});

test('ranges: port, limits, delays and intervals', () => {
  expectProblem({ ...ok, port: 65536 }, 'port', /from 0 to 65535/);
  expectProblem({ ...ok, port: 80.5 }, 'port', /whole number/);
  assert.equal(validateMockDefinition({ ...ok, port: 0 }).ok, true);
  expectProblem({ ...ok, maxPayloadBytes: 0 }, 'maxPayloadBytes', /at least 1/);
  expectProblem({ ...ok, maxConnections: -1 }, 'maxConnections', /at least 1/);
  expectProblem(withPath({ handshake: { delayMs: -1 } }), 'paths[0].handshake.delayMs', /from 0 to 2147483647/);
  expectProblem(withPath({ onConnect: [{ text: 'a', delayMs: 2 ** 31 }] }), 'paths[0].onConnect[0].delayMs', /from 0 to 2147483647/);
  expectProblem(withPath({ timers: [{ everyMs: 0.5, send: { text: 'a' } }] }), 'paths[0].timers[0].everyMs', /from 1 to/);
  expectProblem(withPath({ onConnect: [{ text: 'a', fragments: 0 }] }), 'paths[0].onConnect[0].fragments', /whole number from 1/);
  expectProblem(withPath({ onConnect: [{ hex: '0102', fragments: 3 }] }), 'paths[0].onConnect[0].fragments', /3 fragments for a 2-byte message.*at most 2/);
  expectProblem({ ...ok, port: Number.NaN }, 'port', /it is NaN/);
});

test('host, subprotocols and origins', () => {
  assert.equal(validateMockDefinition({ ...ok, host: '::1' }).ok, true);
  assert.equal(validateMockDefinition({ ...ok, host: 'my-box.local' }).ok, true);
  expectProblem({ ...ok, host: 'http://localhost:80' }, 'host', /without a scheme, port or path/);
  expectProblem({ ...ok, host: '[::1]' }, 'host', /without brackets: "::1"/);
  expectProblem({ ...ok, subprotocols: ['chat v2'] }, 'subprotocols[0]', /not a subprotocol name.*RFC 6455 §4\.1/);
  expectProblem({ ...ok, subprotocols: ['a', 'a'] }, 'subprotocols[1]', /listed twice/);
  expectProblem({ ...ok, subprotocols: [''] }, 'subprotocols[0]', /not a subprotocol name/);
  expectProblem({ ...ok, allowedOrigins: ['http://localhost:3000/'] }, 'allowedOrigins[0]', /no trailing slash: write "http:\/\/localhost:3000"/);
  expectProblem({ ...ok, allowedOrigins: ['localhost'] }, 'allowedOrigins[0]', /scheme, host and port only/);
});

test('paths: start with "/" or are "*", listed once, none after "*"', () => {
  expectProblem({ paths: [{ path: 'chat' }] }, 'paths[0].path', /must start with "\/" \(e\.g\. "\/chat"\)/);
  expectProblem({ paths: [{ path: '/a?x=1' }] }, 'paths[0].path', /matched without its query.*"\/a"/);
  expectProblem({ paths: [{}] }, 'paths[0]', /A path needs "path"/);
  expectProblem({ paths: [{ path: '/a' }, { path: '/a' }] }, 'paths[1].path', /already answered by paths\[0\]/);
  expectProblem({ paths: [{ path: '*' }, { path: '/a' }] }, 'paths[1].path', /never answered: paths\[0\] is "\*"/);
  expectProblem({ paths: ['/a'] }, 'paths[0]', /A path must be an object/);
});

test('handshake: reject status, headers and token', () => {
  const reject = (r: object) => withPath({ handshake: { reject: r } });
  expectProblem(reject({ status: 101 }), 'paths[0].handshake.reject.status', /101 accepts the upgrade/);
  expectProblem(reject({ status: 99 }), 'paths[0].handshake.reject.status', /from 100 to 599/);
  expectProblem(reject({ status: 600 }), 'paths[0].handshake.reject.status', /from 100 to 599/);
  expectProblem(reject({}), 'paths[0].handshake.reject', /needs "status"/);
  expectProblem(reject({ status: 400, headers: { 'Bad Name': 'x' } }), 'paths[0].handshake.reject.headers["Bad Name"]', /not a header name/);
  expectProblem(reject({ status: 400, headers: { A: 'x\r\nB: y' } }), 'paths[0].handshake.reject.headers.A', /line break/);
  expectProblem(reject({ status: 400, headers: { A: 1 } }), 'paths[0].handshake.reject.headers.A', /must be a string/);
  expectProblem(withPath({ handshake: { requireToken: 'a b' } }), 'paths[0].handshake.requireToken', /printable ASCII without spaces/);
  expectProblem(withPath({ handshake: { requireHeaders: [] } }), 'paths[0].handshake.requireHeaders', /A set of headers must be an object/);
});

test('a problem is reported at every bad place at once', () => {
  const problems = problemsOf(validateMockDefinition({ port: -1, host: 5, paths: [{ path: 'x', otherwise: 1 }, { path: '/y', rules: [{ match: {} }] }], extra: true }));
  assert.deepEqual(problems.map((p) => p.path), ['extra', 'host', 'port', 'paths[0].path', 'paths[0].otherwise', 'paths[1].rules[0].match']);
});

test('never throws, whatever the value: seeded random JSON and odd JavaScript values', () => {
  let seed = 20261130;
  const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const keys = ['paths', 'path', 'rules', 'match', 'reply', 'fault', 'text', 'regex', 'json', 'jsonPath', 'equals', 'binary', 'close', 'code', 'hex', 'base64', 'handshake', 'reject', 'status', 'timers', 'everyMs', 'send', 'port', 'pings', 'x'];
  const strings = ['', '/', '*', '{{', '{{json.a}}', '(', '$.a', 'zz', '48', 'ignore', 'echo', '\u0000', '__proto__'];
  const value = (depth: number): unknown => {
    switch (random(depth > 4 ? 4 : 7)) {
      case 0: return strings[random(strings.length)];
      case 1: return [null, true, false][random(3)];
      case 2: return [0, -1, 1.5, 101, 1005, 4000, 65536, 1e300][random(8)];
      case 3: return random(2) ? 1 : '';
      case 4: case 5: return Array.from({ length: random(4) }, () => value(depth + 1));
      default: return Object.fromEntries(Array.from({ length: random(5) }, () => [keys[random(keys.length)]!, value(depth + 1)]));
    }
  };
  for (let i = 0; i < 3000; i++) {
    const input = random(2) ? value(0) : { paths: [value(1)] };
    const check = validateMockDefinition(input);
    if (!check.ok) for (const problem of check.problems) assert.ok(typeof problem.path === 'string' && problem.message.length > 10);
  }
  const cyclic: Record<string, unknown> = { text: 'a' };
  cyclic.self = cyclic;
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const hostile = Object.defineProperty({}, 'paths', { enumerable: true, get: () => { throw new Error('boom'); } });
  for (const odd of [undefined, () => 1, Symbol('s'), 10n, new Date(), new Map(), withPath({ onConnect: [{ json: cyclic }] }), withPath({ onConnect: [{ json: deep }] }), hostile]) {
    assert.equal(validateMockDefinition(odd).ok, false);
  }
});
