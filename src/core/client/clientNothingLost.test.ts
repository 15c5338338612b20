// Nothing is lost: a long run of numbered messages through a real server into a small log
// leaves each number in the log exactly once and in order, or counted as evicted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectTo, until, wsServer } from '../testing/clientTesting';

const MESSAGES = 200_000;
const SENT = 50_000;

test(`${MESSAGES.toLocaleString('en')} numbered messages in and ${SENT.toLocaleString('en')} out through a 256 KiB log: the newest are kept in order each way, every older one counted as evicted`, async (t) => {
  const url = await wsServer(t, { perMessageDeflate: false }, (ws) => {
    // In batches, so the server yields to the event loop and the client reads as it goes.
    let next = 0;
    const batch = () => {
      for (const end = Math.min(next + 5000, MESSAGES); next < end; next++) ws.send(String(next));
      if (next < MESSAGES) setImmediate(batch);
    };
    batch();
  });
  const connection = await connectTo(t, url, { logBudgetBytes: 256 * 1024 });
  const { log } = connection;
  for (let n = 0; n < SENT; n++) connection.sendText(`out ${n}`);
  await until(connection, () => log.totals.messagesIn === MESSAGES && log.totals.messagesOut === SENT);
  const kept = log.range(log.firstId, MESSAGES + SENT);
  assert.ok(log.evictedEntries > 0 && kept.length > 1000, `${kept.length} kept, ${log.evictedEntries} evicted: the budget should force eviction`);
  assert.equal(kept.length + log.evictedEntries, MESSAGES + SENT, 'every message is kept or counted as evicted, none twice');
  kept.forEach((entry, k) => assert.equal(entry.id, log.firstId + k, 'ids have no gaps'));
  // Each direction's kept messages are its newest, in order, up to the last one; the rest were evicted.
  const numbers = (direction: 'in' | 'out', prefix: string) =>
    kept.filter((e) => e.direction === direction && e.kind === 'text').map((e) => Number(Buffer.from(e.payload).toString().slice(prefix.length)));
  const incoming = numbers('in', '');
  const outgoing = numbers('out', 'out ');
  assert.equal(incoming.length + outgoing.length, kept.length, 'nothing but the messages is logged');
  for (const [list, total] of [[incoming, MESSAGES], [outgoing, SENT]] as const) {
    list.forEach((n, k) => assert.equal(n, total - list.length + k));
  }
  assert.equal(connection.snapshot().state, 'open');
});
