// Save Connection of a connection opened from a saved one: references stay as written, while a
// password, token or key written literally in the original goes to SecretStorage, not the copy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SocketLensError } from '../errors';
import { copyWithSecretReferences, literalSecretNames } from './savedCopy';
import type { SavedConnection } from './savedConnection';

test('literal secrets in the URL and headers are taken out; references and everything else are kept as written', () => {
  const original: SavedConnection = {
    name: 'Staging',
    url: 'wss://ada:pa55word@${var:host}/ws/${var:room}?token=lit3ral&room=${var:room}&key=${secret:api-key}',
    headers: { Authorization: 'Bearer ${secret:api}', 'X-Api-Key': 'k3y-literal', 'X-Plain': '${env:USER}' },
    subprotocols: ['chat.v1'],
    tls: { passphrase: '${secret:key-pass}', caFile: 'certs/ca.pem' },
    messages: [{ name: 'join', text: '${var:room}' }],
  };
  const { connection, secrets } = copyWithSecretReferences(original, 'Copy');
  assert.equal(connection.url, 'wss://ada:${secret:copy.password}@${var:host}/ws/${var:room}?token=${secret:copy.query.token}&room=${var:room}&key=${secret:api-key}');
  assert.deepEqual(connection.headers, { Authorization: 'Bearer ${secret:api}', 'X-Api-Key': '${secret:copy.header.x-api-key}', 'X-Plain': '${env:USER}' });
  assert.deepEqual(secrets, [
    { name: 'copy.header.x-api-key', value: 'k3y-literal' },
    { name: 'copy.password', value: 'pa55word' },
    { name: 'copy.query.token', value: 'lit3ral' },
  ]);
  assert.deepEqual([connection.name, connection.subprotocols, connection.tls, connection.messages], ['Copy', original.subprotocols, original.tls, original.messages]);
});

test('a copy with only references is the original under its new name; a proxy password is taken out too', () => {
  const original: SavedConnection = { name: 'a', url: 'wss://me:${secret:pw}@host/?token=${secret:t}', proxy: 'http://p:hunter22@proxy:3128' };
  const { connection, secrets } = copyWithSecretReferences(original, 'b');
  assert.deepEqual(connection, { ...original, name: 'b', proxy: 'http://p:${secret:b.proxy.password}@proxy:3128/' });
  assert.deepEqual(secrets, [{ name: 'b.proxy.password', value: 'hunter22' }]);
});

test('a URL that reads only once its references are filled in is kept as written, unless it holds a literal secret', () => {
  const port: SavedConnection = { name: 'a', url: 'ws://localhost:${var:port}/ws?room=1' };
  assert.equal(copyWithSecretReferences(port, 'b').connection.url, port.url);
  const error = (() => {
    try {
      copyWithSecretReferences({ name: 'a', url: 'ws://localhost:${var:port}/ws?token=lit3ral' }, 'b');
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  assert.ok(error instanceof SocketLensError);
  assert.equal(error.code, 'saved/literal-secret');
  assert.match(error.message, /Replace the value with \$\{secret:NAME\}/);
  assert.ok(!error.message.includes('lit3ral'), 'the message never shows the value');
});

test('literalSecretNames names what a saved connection holds as it is, and nothing for references', () => {
  assert.deepEqual(literalSecretNames({ name: 'prod', url: 'wss://h/?token=abc', headers: { Authorization: 'Bearer xyz' } }).sort(), ['prod.header.authorization', 'prod.query.token']);
  assert.deepEqual(literalSecretNames({ name: 'prod', url: 'wss://h/?token=${secret:t}', headers: { Authorization: 'Bearer ${secret:b}' } }), []);
  assert.deepEqual(literalSecretNames({ name: 'odd', url: 'wss://u:pw@h:${var:port}/' }), ['odd (URL)'], 'a URL that reads only with its references filled in');
});
