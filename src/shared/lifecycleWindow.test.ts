import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionStart, LIFECYCLE_SHOWN, windowLifecycle } from './lifecycleWindow';

const events = (n: number) => Array.from({ length: n }, (_, k) => ({ time: 1_000 + k, kind: k % 10 ? 'open' : 'connecting' }));

test('up to LIFECYCLE_SHOWN events are sent as they are, with nothing counted earlier', () => {
  for (const n of [0, 1, LIFECYCLE_SHOWN]) {
    const all = events(n);
    const view = windowLifecycle(all);
    assert.equal(view.lifecycle, all);
    assert.equal(view.lifecycleEarlier, undefined);
    assert.equal(connectionStart(view), all[0]?.time);
  }
});

test('more are cut to the newest LIFECYCLE_SHOWN, from the first attempt that begins among them; the rest are counted, and the start is still the first event', () => {
  // An attempt every 10 events: the newest 500 begin 3 events into one, so the window starts 7 on, at the next.
  const all = events(LIFECYCLE_SHOWN * 10 + 3);
  const view = windowLifecycle(all);
  assert.equal(view.lifecycle.length, LIFECYCLE_SHOWN - 7);
  assert.equal(view.lifecycle[0]!.kind, 'connecting');
  assert.deepEqual(view.lifecycle.at(-1), all.at(-1));
  assert.deepEqual(view.lifecycleEarlier, { count: LIFECYCLE_SHOWN * 9 + 10, since: 1_000 });
  assert.equal(view.lifecycleEarlier!.count + view.lifecycle.length, all.length, 'every event is sent or counted');
  assert.equal(connectionStart(view), 1_000);
});

test('events the connection let go are counted with those cut here, from the connection\'s first', () => {
  const kept = events(LIFECYCLE_SHOWN + 20);
  const view = windowLifecycle(kept, { count: 9_000, since: 7 });
  assert.equal(view.lifecycle.length, LIFECYCLE_SHOWN);
  assert.deepEqual(view.lifecycleEarlier, { count: 9_020, since: 7 });
  const few = events(3);
  assert.deepEqual(windowLifecycle(few, { count: 1_000, since: 7 }), { lifecycle: few, lifecycleEarlier: { count: 1_000, since: 7 } });
  assert.equal(connectionStart(windowLifecycle(few, { count: 1_000, since: 7 })), 7);
});

test('an attempt longer than the window is cut where the window begins', () => {
  const all = Array.from({ length: LIFECYCLE_SHOWN + 50 }, (_, k) => ({ time: k, kind: k === 0 ? 'connecting' : 'protocol-violation' }));
  const view = windowLifecycle(all);
  assert.equal(view.lifecycle.length, LIFECYCLE_SHOWN);
  assert.deepEqual(view.lifecycleEarlier, { count: 50, since: 0 });
});
