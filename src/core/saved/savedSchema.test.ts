// schemas/socket-lens.schema.json (what the editor checks as .vscode/socket-lens.json is typed)
// against checkSavedConnections (what Connect to Saved reads): the same files pass and fail both,
// except what JSON Schema cannot say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaErrors } from '../testing/jsonSchemaSubset';
import { checkSavedConnections } from './parseSavedConnections';

type Schema = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../../schemas/socket-lens.schema.json'), 'utf8')) as Schema;
const one = (connection: object) => ({ connections: [{ name: 'a', url: 'ws://h/', ...connection }] });

const VALID: Record<string, unknown> = {
  'an empty list': { connections: [] },
  'nothing at all': {},
  'every field': {
    $schema: './socket-lens.schema.json',
    variables: { host: 'staging.example.com', token: '${secret:api}' },
    connections: [
      {
        name: 'Staging',
        url: 'wss://user:${secret:pw}@${var:host}/ws?room=1',
        headers: { Authorization: 'Bearer ${secret:api}', 'X-Env': '${env:USER}' },
        subprotocols: ['v2.chat', 'v1.chat'],
        tls: { caFile: 'ca.pem', certFile: 'me.pem', keyFile: 'me.key', passphrase: '${secret:key-pass}', insecure: false, servername: 'staging.example.com' },
        proxy: 'http://proxy.example:3128',
        messages: [{ name: 'join', text: '{"room":"${var:host}"}' }],
      },
      { name: 'PKCS#12', url: 'wss://h/', tls: { pfxFile: 'me.p12' } },
    ],
  },
};

const INVALID: Record<string, unknown> = {
  'a list at the root': [],
  'an unknown key at the root': { connections: [], conections: [] },
  'connections not a list': { connections: {} },
  'a connection without a url': { connections: [{ name: 'a' }] },
  'a connection without a name': { connections: [{ url: 'ws://h/' }] },
  'an unknown key in a connection': one({ header: {} }),
  'a header with a number': one({ headers: { 'X-A': 1 } }),
  'a subprotocol that is not a string': one({ subprotocols: [1] }),
  'a passphrase written in the file': one({ tls: { passphrase: 'hunter2' } }),
  'an unknown tls key': one({ tls: { ca: 'ca.pem' } }),
  'insecure as a string': one({ tls: { insecure: 'yes' } }),
  'a message without text': one({ messages: [{ name: 'join' }] }),
  'an unknown key in a message': one({ messages: [{ name: 'join', text: 'x', json: {} }] }),
  'a variable that is not a string': { variables: { n: 1 }, connections: [] },
};

/** What JSON Schema cannot say, so only the parser refuses it. */
const PARSER_ONLY: Record<string, unknown> = {
  'two connections with one name': { connections: [{ name: 'a', url: 'ws://h/' }, { name: 'a', url: 'ws://i/' }] },
  'an http URL': one({ url: 'http://h/' }),
  'a ${var:…} with no variable': one({ url: 'ws://${var:nope}/' }),
};

const verdict = (value: unknown) => ({ schema: schemaErrors(schema, value).length === 0, parser: checkSavedConnections(value).ok });

test('valid files pass both the schema and the parser', () => {
  for (const [name, value] of Object.entries(VALID)) {
    const parsed = checkSavedConnections(value);
    assert.deepEqual(verdict(value), { schema: true, parser: true }, `${name}: ${schemaErrors(schema, value).join('; ')} ${parsed.ok ? '' : JSON.stringify(parsed.problems)}`);
  }
});

test('invalid files fail both the schema and the parser', () => {
  for (const [name, value] of Object.entries(INVALID)) assert.deepEqual(verdict(value), { schema: false, parser: false }, name);
});

test('what JSON Schema cannot express is refused by the parser alone', () => {
  for (const [name, value] of Object.entries(PARSER_ONLY)) assert.deepEqual(verdict(value), { schema: true, parser: false }, name);
});
