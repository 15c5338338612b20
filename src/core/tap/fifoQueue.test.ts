import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FifoQueue } from './fifoQueue';

test('items come out in the order they went in, across resets and compactions', () => {
  const queue = new FifoQueue<number>();
  assert.equal(queue.shift(), undefined);
  assert.equal(queue.first, undefined);
  let next = 0;
  let expected = 0;
  // Uneven pushes and shifts, so the queue empties sometimes and runs long (past the compaction point) other times.
  for (let round = 0; round < 200; round++) {
    for (let k = 0; k < (round * 37) % 3000; k++) queue.push(next++);
    for (let k = 0; k < (round * 53) % 2900 && queue.length > 0; k++) {
      assert.equal(queue.first, expected);
      assert.equal(queue.shift(), expected++);
    }
    assert.equal(queue.length, next - expected);
  }
  assert.deepEqual(queue.drain(), Array.from({ length: next - expected }, (_, k) => expected + k));
  assert.equal(queue.length, 0);
});

test('find returns the oldest match still queued', () => {
  const queue = new FifoQueue<number | string>();
  for (const item of [1, 'a', 2, 'b']) queue.push(item);
  queue.shift();
  queue.shift();
  assert.equal(queue.find((item): item is number => typeof item === 'number'), 2);
  queue.shift();
  assert.equal(queue.find((item): item is number => typeof item === 'number'), undefined);
  assert.equal(queue.find((item): item is string => typeof item === 'string'), 'b');
});
