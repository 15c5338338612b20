import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ClientConnection } from '../../core/client/clientConnection';
import { wsServer } from '../../core/testing/clientTesting';
import { logStart, type ConnectionLog } from './connectionLog';

const TOKEN = 'tok-s3cret-1';

function fakeLog(): ConnectionLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) };
}

test('connecting and reconnecting log the URL with its ?token= hidden', async (t) => {
  const url = `${await wsServer(t, {}, () => {})}feed?token=${TOKEN}&room=1`;
  const connection = new ClientConnection({ url: new URL(url) });
  t.after(() => connection.dispose());
  const log = fakeLog();
  await logStart(log, connection, () => connection.connect());
  await logStart(log, connection, () => connection.reconnect(), true);
  const shown = url.replace(TOKEN, '***');
  assert.deepEqual(log.lines, [`info Connecting to ${shown} (${connection.id})`, `info Connected to ${shown}`, `info Reconnecting to ${shown} (${connection.id})`, `info Reconnected to ${shown}`]);
});

test('a failed connection logs its error, never the token, and rejects for the caller', async (t) => {
  const closed = createServer();
  const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)));
  await new Promise((resolve) => closed.close(resolve));
  const connection = new ClientConnection({ url: new URL(`ws://user:pw-s3cret@127.0.0.1:${port}/?access_token=${TOKEN}`) });
  t.after(() => connection.dispose());
  const log = fakeLog();
  await assert.rejects(logStart(log, connection, () => connection.connect()), /refused/);
  assert.equal(log.lines.length, 2);
  assert.match(log.lines[1]!, /^warn Connection to ws:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:\d+\/\?access_token=\*\*\* failed: Connection refused/);
  assert.ok(log.lines.every((line) => !line.includes(TOKEN) && !line.includes('pw-s3cret')), log.lines.join('\n'));
});
