// The credentials a connection's request carries are hidden in its log from the start, whoever
// opened it (the extension or the CLI): a server that echoes one back shows ***.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectTo, until, wsServer } from '../testing/clientTesting';
import { requestSecrets } from './requestInput';

test('a header token, an extra secret header and a bearer token echoed by the server are *** in the log', async (t) => {
  const url = await wsServer(t, {}, (ws, request) => {
    ws.send(`you sent ${request.headers['x-api-key']}`);
    ws.send(`and ${request.headers['x-ticket']}`);
    ws.send(`and ${request.headers.authorization}`);
  });
  const connection = await connectTo(t, url, { headers: { 'X-Api-Key': 'key-5150-abc', 'X-Ticket': 'tkt-77-xyz' }, secretHeaders: ['X-Ticket'], auth: { kind: 'bearer', token: 'bearer-99-tok' } });
  await until(connection, () => connection.log.length === 3);
  const texts = connection.log.tail(3).map((entry) => Buffer.from(entry.payload).toString());
  assert.deepEqual(texts, ['you sent ***', 'and ***', 'and Bearer ***']);
});

test('a credential of fewer than 4 characters (a test value) is not hidden: it would blank those letters everywhere', () => {
  assert.deepEqual(requestSecrets({ headers: { 'X-Api-Key': 'k1', Authorization: 'Bearer tok-1234' }, auth: { kind: 'basic', username: 'ann', password: 'pw' } }), ['tok-1234']);
});
