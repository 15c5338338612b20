import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaErrors } from '../testing/jsonSchemaSubset';
import { validateMockDefinition } from './validateDefinition';

type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../../schemas/wsmock.schema.json'), 'utf8')) as Schema;

const base = (entry: object) => ({ paths: [{ path: '/', ...entry }] });
const rule = (r: object) => base({ rules: [r] });
const send = (s: object) => base({ onConnect: [s] });

const VALID: Record<string, unknown> = {
  'the smallest mock': { paths: [{ path: '*' }] },
  'every field': {
    $schema: './wsmock.schema.json', name: 'Chat', host: '::1', port: 8080, subprotocols: ['chat.v2'], perMessageDeflate: false, maxPayloadBytes: 1024, maxConnections: 5, allowedOrigins: ['http://localhost:3000', '*', 'null'],
    paths: [
      { path: '/chat', handshake: { delayMs: 5, requireHeaders: { 'X-Key': '*' }, requireToken: 't0k' }, onConnect: [{ text: 'hi {{client}}', delayMs: 1, fragments: 2 }], otherwise: 'nothing', timers: [{ everyMs: 1000, send: { json: { t: '{{now}}' } }, to: 'all' }],
        rules: [
          { match: { text: 'a' }, reply: [{ text: 'b', to: 'all' }] },
          { match: { regex: '^(x)$', flags: 'is' }, reply: [{ text: '{{match.1}}' }], fault: { close: { code: 4000, reason: 'r' } } },
          { match: { json: { a: [1] } }, fault: { drop: true } },
          { match: { jsonPath: "$.a['b'][0]", equals: null }, fault: { stopReading: true } },
          { match: { binary: true }, reply: [{ hex: '0x01 02' }, { base64: 'AQ==' }], fault: { pings: { delayMs: 10 } } },
          { match: { text: 'c' }, fault: { pings: 'ignore' } },
          { fault: { brokenFrame: 'oversized-control' } },
        ] },
      { path: '/no', handshake: { reject: { status: 100, headers: { 'Retry-After': '1' }, body: '' } } },
    ],
  },
  'close codes at the edges': rule({ match: { text: 'x' }, fault: { close: { code: 1014 } } }),
  'port 0 and 65535': { port: 65535, paths: [{ path: '/' }] },
  'tls: self-signed with hosts': { tls: { selfSigned: true, hosts: ['mock.test', '*.mock.test', '10.0.0.1', '::1'] }, paths: [{ path: '/' }] },
  'tls: certificate and key files': { tls: { certFile: 'certs/a.pem', keyFile: 'certs/a.key', passphrase: 'p' }, paths: [{ path: '/' }] },
  'tls: a PKCS#12 file': { tls: { pfxFile: 'a.p12' }, paths: [{ path: '/' }] },
};

const INVALID: Record<string, unknown> = {
  'no paths': {},
  'empty paths': { paths: [] },
  'a list at the root': [],
  'an unknown key at the root': { paths: [{ path: '/' }], prot: 1 },
  'an unknown key in a match': rule({ match: { text: 'a', flag: 'i' } }),
  'a port out of range': { port: 70000, paths: [{ path: '/' }] },
  'a port as a string': { port: '80', paths: [{ path: '/' }] },
  'tls without a form': { tls: {}, paths: [{ path: '/' }] },
  'tls with two forms': { tls: { selfSigned: true, pfxFile: 'a.p12' }, paths: [{ path: '/' }] },
  'tls with a certificate and no key': { tls: { certFile: 'a.pem' }, paths: [{ path: '/' }] },
  'tls with a key and a PKCS#12 file': { tls: { pfxFile: 'a.p12', keyFile: 'a.key' }, paths: [{ path: '/' }] },
  'tls hosts without selfSigned': { tls: { pfxFile: 'a.p12', hosts: ['a.test'] }, paths: [{ path: '/' }] },
  'tls selfSigned: false': { tls: { selfSigned: false }, paths: [{ path: '/' }] },
  'tls with "host" for "hosts"': { tls: { selfSigned: true, host: ['a.test'] }, paths: [{ path: '/' }] },
  'tls hosts with a URL': { tls: { selfSigned: true, hosts: ['https://a.test'] }, paths: [{ path: '/' }] },
  'tls with an empty certFile': { tls: { certFile: '', keyFile: 'a.key' }, paths: [{ path: '/' }] },
  'a path without "/"': { paths: [{ path: 'chat' }] },
  'a path with a query': { paths: [{ path: '/a?b' }] },
  'status 101': base({ handshake: { reject: { status: 101 } } }),
  'status 600': base({ handshake: { reject: { status: 600 } } }),
  'a reject without status': base({ handshake: { reject: {} } }),
  'a header name with a space': base({ handshake: { requireHeaders: { 'X Key': '1' } } }),
  'close code 1005': rule({ fault: { close: { code: 1005 } } }),
  'close code 2000': rule({ fault: { close: { code: 2000 } } }),
  'a close reason of 124 characters': rule({ fault: { close: { code: 1000, reason: 'x'.repeat(124) } } }),
  'two fault kinds': rule({ fault: { drop: true, stopReading: true } }),
  'drop: false': rule({ fault: { drop: false } }),
  'an unknown broken frame': rule({ fault: { brokenFrame: 'bad' } }),
  'pings: "never"': rule({ fault: { pings: 'never' } }),
  'two match kinds': rule({ match: { text: 'a', regex: 'a' } }),
  'an empty match': rule({ match: {} }),
  'jsonPath without equals': rule({ match: { jsonPath: '$.a' } }),
  'equals without jsonPath': rule({ match: { text: 'a', equals: 1 } }),
  'flags without regex': rule({ match: { text: 'a', flags: 'i' } }),
  'a repeated flag': rule({ match: { regex: 'a', flags: 'ii' } }),
  'a JSON path without $': rule({ match: { jsonPath: 'a.b', equals: 1 } }),
  'binary: false': rule({ match: { binary: false } }),
  'a payload with two kinds': send({ text: 'a', hex: '01' }),
  'a payload with none': send({ delayMs: 1 }),
  'hex with a non-hex letter': send({ hex: '0g' }),
  'base64 with "*"': send({ base64: 'SGV*' }),
  'a negative delay': send({ text: 'a', delayMs: -1 }),
  'zero fragments': send({ text: 'a', fragments: 0 }),
  'to on an onConnect message': send({ text: 'a', to: 'all' }),
  'a reply to "everyone"': rule({ reply: [{ text: 'a', to: 'everyone' }] }),
  'everyMs 0': base({ timers: [{ everyMs: 0, send: { text: 'a' } }] }),
  'a timer without send': base({ timers: [{ everyMs: 5 }] }),
  'a scheduled fault without afterMs': base({ faults: [{ fault: { drop: true } }] }),
  'a scheduled fault repeating every 0 ms': base({ faults: [{ afterMs: 1, everyMs: 0, fault: { drop: true } }] }),
  'a scheduled fault with two kinds': base({ faults: [{ afterMs: 1, fault: { drop: true, stopReading: true } }] }),
  'a subprotocol with a space': { subprotocols: ['a b'], paths: [{ path: '/' }] },
  'a subprotocol twice': { subprotocols: ['a', 'a'], paths: [{ path: '/' }] },
  'an origin with a path': { allowedOrigins: ['http://a.com/x'], paths: [{ path: '/' }] },
  'a host with a scheme': { host: 'http://localhost', paths: [{ path: '/' }] },
  'otherwise "Echo"': base({ otherwise: 'Echo' }),
};

/** What JSON Schema cannot say, so only validateMockDefinition refuses it; each is worth an error. */
const VALIDATOR_ONLY: Record<string, unknown> = {
  'a regex that does not compile': rule({ match: { regex: '(' } }),
  'a passphrase with a self-signed certificate': { tls: { selfSigned: true, passphrase: 'p' }, paths: [{ path: '/' }] },
  'an unknown placeholder': send({ text: '{{mesage}}' }),
  '{{message}} where there is no message': send({ text: '{{message}}' }),
  'a capture group the regex does not have': rule({ match: { regex: 'a' }, reply: [{ text: '{{match.1}}' }] }),
  'an odd number of hex digits': send({ hex: '012' }),
  'more fragments than bytes': send({ hex: '01', fragments: 2 }),
  'a close reason over 123 bytes in UTF-8': rule({ fault: { close: { code: 1000, reason: 'é'.repeat(62) } } }),
  'the same path twice': { paths: [{ path: '/a' }, { path: '/a' }] },
  'a path after "*"': { paths: [{ path: '*' }, { path: '/a' }] },
  'a rule after a rule that matches everything': base({ rules: [{}, { match: { text: 'a' } }] }),
  'base64 cut off': send({ base64: 'SGVsb' }),
};

const verdict = (value: unknown) => ({ schema: schemaErrors(schema, value).length === 0, validator: validateMockDefinition(value).ok });

test('valid definitions pass both the schema and validateMockDefinition', () => {
  for (const [name, value] of Object.entries(VALID)) assert.deepEqual(verdict(value), { schema: true, validator: true }, `${name}: ${schemaErrors(schema, value).join('; ')}`);
});

test('invalid definitions fail both the schema and validateMockDefinition', () => {
  for (const [name, value] of Object.entries(INVALID)) assert.deepEqual(verdict(value), { schema: false, validator: false }, name);
});

test('what JSON Schema cannot express is refused by validateMockDefinition alone', () => {
  for (const [name, value] of Object.entries(VALIDATOR_ONLY)) assert.deepEqual(verdict(value), { schema: true, validator: false }, name);
});

test('every object in the schema refuses unknown keys, and every property has a description for hover text', () => {
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}/${i}`));
    if (typeof node !== 'object' || node === null) return;
    const s = node as Schema;
    if (s.properties) {
      assert.equal(s.additionalProperties, false, `${at} allows unknown keys`);
      for (const [key, property] of Object.entries(s.properties as Record<string, Schema>)) {
        const target = typeof property.$ref === 'string' ? (schema.definitions as Record<string, Schema>)[property.$ref.split('/').pop()!]! : property;
        assert.ok(typeof (property.description ?? target.description) === 'string', `${at}/properties/${key} has no description`);
      }
    }
    for (const [key, child] of Object.entries(s)) if (key !== 'defaultSnippets' && key !== 'examples') walk(child, `${at}/${key}`);
  };
  walk(schema, '#');
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
});

test('the schema\'s own examples and snippets are definitions or parts that validate', () => {
  const body = (schema.defaultSnippets as { body: unknown }[])[0]!.body;
  assert.deepEqual(verdict(JSON.parse(JSON.stringify(body).replace('${1:echo}', 'echo'))), { schema: true, validator: true });
});
