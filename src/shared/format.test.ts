import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatRelativeTime, formatRate } from './format';

test('formats byte sizes the way people read them', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(64 * 1024), '64 KiB');
  assert.equal(formatBytes(5 * 1024 * 1024 * 1024), '5.0 GiB');
});

test('formats relative times with millisecond precision under ten seconds', () => {
  assert.equal(formatRelativeTime(1004, 1000), '+0.004 s');
  assert.equal(formatRelativeTime(13_500, 1000), '+12.5 s');
});

test('rates are short', () => {
  assert.equal(formatRate(0), '0/s');
  assert.equal(formatRate(0.5), '0.5/s');
  assert.equal(formatRate(2), '2/s');
  assert.equal(formatRate(849.6), '850/s');
  assert.equal(formatRate(4_820), '4.8k/s');
  assert.equal(formatRate(48_200), '48k/s');
  assert.equal(formatRate(1_230_000), '1.2M/s');
});
