import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ipAddressBytes } from './ipAddressBytes';

const hex = (text: string) => {
  const bytes = ipAddressBytes(text);
  return bytes && Buffer.from(bytes).toString('hex');
};

test('IPv4 and IPv6 addresses in network order; anything else is no address', () => {
  assert.equal(hex('127.0.0.1'), '7f000001');
  assert.equal(hex('::1'), '00000000000000000000000000000001');
  assert.equal(hex('::'), '00000000000000000000000000000000');
  assert.equal(hex('2001:db8::8:800:200c:417a'), '20010db80000000000080800200c417a');
  assert.equal(hex('fe80::1%eth0'), 'fe800000000000000000000000000001');
  assert.equal(hex('::ffff:192.0.2.1'), '00000000000000000000ffffc0000201');
  assert.equal(hex('1:2:3:4:5:6:7:8'), '00010002000300040005000600070008');
  for (const text of ['localhost', '256.0.0.1', '[::1]', '1::2::3', '']) assert.equal(ipAddressBytes(text), undefined, text);
});
