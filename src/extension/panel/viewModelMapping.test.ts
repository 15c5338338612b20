import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionLog } from '../../core/log/sessionLog';
import { connectTo, until, wsServer } from '../../core/testing/clientTesting';
import { LIFECYCLE_SHOWN } from '../../shared/lifecycleWindow';
import { toConnectionView, toCountersView, toMessageDetail, toMessageSummary } from './viewModelMapping';

test('a message whose payload hides a secret shows the size that crossed the wire, its payload still ***, and the counters count those bytes', () => {
  const log = new SessionLog();
  const secret = 'tok-'.padEnd(30, 'x');
  log.hide([secret]);
  const said = `my token is ${secret}`;
  const entry = log.get(log.append({ direction: 'out', kind: 'text', payload: Buffer.from(said), time: 1 }))!;
  const summary = toMessageSummary(entry);
  assert.equal(summary.size, 42);
  assert.equal(summary.preview, 'my token is ***');
  assert.equal(Buffer.from(toMessageDetail(entry).payloadBase64, 'base64').toString(), 'my token is ***');
  assert.equal(toCountersView(log).bytesOut, 42);
});

test('a connection that keeps dropping: the panel is sent its newest events and a count of the rest, which the connection keeps', async (t) => {
  const url = await wsServer(t, {}, (ws) => ws.terminate());
  const connection = await connectTo(t, url, { reconnect: { initialDelayMs: 0, maxDelayMs: 0, maxAttempts: 1_000, jitter: 0 } });
  await until(connection, () => connection.snapshot().lifecycle.length > LIFECYCLE_SHOWN + 100);
  connection.close();
  await until(connection, () => connection.snapshot().state === 'closed');
  const all = connection.snapshot().lifecycle;
  const view = toConnectionView(connection);
  assert.ok(view.lifecycle.length <= LIFECYCLE_SHOWN && view.lifecycle.length > LIFECYCLE_SHOWN - 20, `${view.lifecycle.length} sent`);
  assert.deepEqual(view.lifecycle, all.slice(-view.lifecycle.length), 'the newest events, the close among them');
  assert.equal(view.lifecycle[0]!.kind, 'connecting', 'from the start of an attempt');
  assert.deepEqual(view.lifecycleEarlier, { count: all.length - view.lifecycle.length, since: all[0]!.time });
  assert.equal(all[0]!.kind, 'connecting');
});
