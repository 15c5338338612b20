import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { UpdateThrottle } from './updateThrottle';

test('many schedules make one update per interval, and the interval is asked for at each schedule', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let updates = 0;
    let interval = 16;
    const throttle = new UpdateThrottle(() => updates++, () => interval);
    for (let i = 0; i < 100; i++) throttle.schedule();
    mock.timers.tick(15);
    assert.equal(updates, 0);
    mock.timers.tick(1);
    assert.equal(updates, 1, 'one update for a hundred signals');
    interval = 50;
    throttle.schedule();
    mock.timers.tick(49);
    assert.equal(updates, 1, 'the slower interval holds');
    mock.timers.tick(1);
    assert.equal(updates, 2);
  } finally {
    mock.timers.reset();
  }
});
