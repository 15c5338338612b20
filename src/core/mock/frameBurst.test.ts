import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { FrameBurst } from './frameBurst';

/** What a socket was asked to write, in order, as hex. */
function fakeSocket(): { socket: Socket; written: string[] } {
  const written: string[] = [];
  const socket = { destroyed: false, write: (chunk: Uint8Array | string) => written.push(Buffer.from(chunk).toString('hex')) } as unknown as Socket;
  return { socket, written };
}

test('frames sent in one tick leave in one write when the tick ends, header and payload together', async () => {
  const { socket, written } = fakeSocket();
  const burst = new FrameBurst(socket);
  burst.add(0x1, Buffer.from('hi'));
  burst.add(0x2, new Uint8Array(200).fill(7));
  assert.deepEqual(written, [], 'nothing is written within the tick');
  assert.equal(burst.pending, 4 + 204);
  await new Promise((resolve) => process.nextTick(resolve));
  assert.deepEqual(written, [`8102${Buffer.from('hi').toString('hex')}827e00c8${'07'.repeat(200)}`]);
  assert.equal(burst.pending, 0);
});

test('any other write to the socket first writes out the frames sent before it', () => {
  const { socket, written } = fakeSocket();
  const burst = new FrameBurst(socket);
  burst.add(0x1, Buffer.from('a'));
  socket.write(Uint8Array.of(0x88, 0x00));
  burst.add(0x1, Buffer.from('b'));
  burst.flush();
  assert.deepEqual(written, ['810161', '8800', '810162']);
});

test('a burst larger than one slab is written in order, slab by slab', () => {
  const { socket, written } = fakeSocket();
  const burst = new FrameBurst(socket);
  const payload = new Uint8Array(16 * 1024);
  for (let k = 0; k < 10; k++) burst.add(0x2, payload.fill(k));
  burst.flush();
  const frames = Buffer.from(written.join(''), 'hex');
  assert.equal(frames.length, 10 * (4 + payload.length));
  for (let k = 0; k < 10; k++) assert.equal(frames[k * (4 + payload.length) + 4], k, `frame ${k} is in its place`);
});
