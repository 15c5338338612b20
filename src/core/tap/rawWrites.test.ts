import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RawWrites } from './rawWrites';

test('raw writes are read back by stream offset, across writes that follow each other, not across gaps', () => {
  const writes = new RawWrites();
  writes.add(10, Uint8Array.of(1, 2, 3));
  writes.add(13, Uint8Array.of(4, 5));
  writes.add(20, Uint8Array.of(6));
  assert.ok(writes.holds(10) && writes.holds(14) && writes.holds(20));
  assert.ok(!writes.holds(15) && !writes.holds(9));
  assert.deepEqual([...writes.read(11, 15)!], [2, 3, 4, 5]);
  assert.equal(writes.read(14, 21), undefined, 'bytes 15-19 were not written raw');
});
