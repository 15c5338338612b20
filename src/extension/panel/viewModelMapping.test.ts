import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionLog } from '../../core/log/sessionLog';
import { toCountersView, toMessageDetail, toMessageSummary } from './viewModelMapping';

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
