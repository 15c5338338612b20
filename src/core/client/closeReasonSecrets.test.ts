// A secret the log hides (SessionLog.hide) is hidden too where the connection keeps text beside
// the log: the lifecycle's close lines and the close info (its reason, and each close frame's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectTo, until, wsServer } from '../testing/clientTesting';

const SECRET = 's3cr3t-tok-42';

test('a close reason that quotes a hidden secret shows *** in the lifecycle and the close info', async (t) => {
  const url = await wsServer(t, { host: '127.0.0.1' }, (ws) => ws.on('message', () => ws.close(4001, `bad token ${SECRET}`)));
  const connection = await connectTo(t, url);
  connection.log.hide([SECRET]);
  connection.sendText('hello');
  await until(connection, () => connection.snapshot().state === 'closed');
  const { lifecycle, close } = connection.snapshot();
  const shown = JSON.stringify({ lifecycle, close });
  assert.ok(!shown.includes(SECRET), `the secret is not shown: ${shown}`);
  assert.equal(close?.reason, 'bad token ***');
  assert.equal(close?.received?.reason, 'bad token ***');
  assert.ok(lifecycle.some((e) => e.kind === 'close-received' && e.detail?.includes('bad token ***')), 'the close line keeps the rest of the reason');
});
