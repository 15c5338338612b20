import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { connectTo } from '../testing/clientTesting';
import { createTestPki, type TestPki } from '../testing/testCertificates';
import { ClientConnection } from './clientConnection';
import { commonName } from './tlsInfo';

let pki: TestPki;
before(() => (pki = createTestPki()));
after(() => pki.dispose());

/** A wss server with the test PKI's `name`.pem and .key, on 127.0.0.1; returns its port. */
async function wssServer(t: TestContext, name: string): Promise<number> {
  const server = createServer({ cert: pki.read(`${name}.pem`), key: pki.read(`${name}.key`) });
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.close();
  });
  return (server.address() as AddressInfo).port;
}

test('a refused certificate: the handshake still has the chain the server presented and why it was refused', async (t) => {
  const port = await wssServer(t, 'expired');
  const connection = new ClientConnection({ url: new URL(`wss://localhost:${port}/`), tls: { caFile: pki.path('ca.pem') } });
  t.after(() => connection.dispose());
  await assert.rejects(connection.connect(), /expired/i);
  const tls = connection.snapshot().handshake.tls;
  assert.ok(tls, 'the TLS details are kept');
  assert.equal(tls.authorized, false);
  assert.equal(tls.authorizationError, 'CERT_HAS_EXPIRED');
  assert.match(tls.protocol, /^TLSv1\.[23]$/);
  assert.equal(commonName(tls.certificates[0]!.subject), 'localhost');
  assert.match(tls.certificates[0]!.validTo, /2020/);
});

test('a trusted chain: authorized, leaf first, up to the CA that verified it', async (t) => {
  const port = await wssServer(t, 'server');
  const tls = (await connectTo(t, `wss://localhost:${port}/`, { tls: { caFile: pki.path('ca.pem') } })).snapshot().handshake.tls;
  assert.equal(tls?.authorized, true);
  assert.equal(tls?.authorizationError, undefined);
  assert.deepEqual(tls?.certificates.map((c) => `${commonName(c.subject)} ← ${commonName(c.issuer)}`), ['localhost ← Socket Lens Test CA', 'Socket Lens Test CA ← Socket Lens Test CA']);
});
