import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeptLifecycle, LIFECYCLE_KEPT, startedAt } from './keptLifecycle';

test('events are kept in time order: one recorded late goes before those that came after it', () => {
  const kept = new KeptLifecycle();
  kept.add({ time: 10, kind: 'connecting' });
  kept.add({ time: 30, kind: 'open' });
  kept.add({ time: 20, kind: 'tcp-connected' });
  kept.add({ time: 30, kind: 'close-sent' });
  assert.deepEqual(kept.snapshot().lifecycle.map((e) => e.kind), ['connecting', 'tcp-connected', 'open', 'close-sent']);
  assert.equal(kept.snapshot().lifecycleEarlier, undefined);
  assert.equal(startedAt(kept.snapshot()), 10);
});

test('past LIFECYCLE_KEPT the oldest go a thousand at a time, each counted, and the start stays the first event', () => {
  const kept = new KeptLifecycle();
  const total = LIFECYCLE_KEPT * 3 + 7;
  for (let k = 0; k < total; k++) kept.add({ time: 1_000 + k, kind: 'open' });
  const { lifecycle, lifecycleEarlier } = kept.snapshot();
  assert.ok(lifecycle.length <= LIFECYCLE_KEPT && lifecycle.length > LIFECYCLE_KEPT - 1_000, `${lifecycle.length} kept`);
  assert.equal(lifecycleEarlier!.count + lifecycle.length, total, 'every event is kept or counted');
  assert.equal(lifecycleEarlier!.since, 1_000);
  assert.equal(lifecycle[0]!.time, 1_000 + lifecycleEarlier!.count, 'the newest are the ones kept');
  assert.equal(lifecycle.at(-1)!.time, 1_000 + total - 1);
  assert.equal(startedAt(kept.snapshot()), 1_000);
  assert.notEqual(kept.snapshot().lifecycle, kept.snapshot().lifecycle, 'each snapshot has its own copy');
});
