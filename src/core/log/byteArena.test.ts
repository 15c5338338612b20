import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARENA_CHUNK_BYTES, ByteArena } from './byteArena';

const C = ARENA_CHUNK_BYTES;
const pattern = (length: number, seed: number) => Uint8Array.from({ length }, (_, k) => (k * 13 + seed) & 0xff);

test('reads back what was written, across chunk boundaries, as fresh copies', () => {
  const arena = new ByteArena();
  const a = pattern(C - 10, 1);
  const b = pattern(25, 2); // straddles the first boundary
  const c = pattern(2 * C + 3, 3); // spans whole chunks
  for (const bytes of [a, b, c]) arena.write(bytes);
  assert.equal(arena.end, a.length + b.length + c.length);
  assert.deepEqual(arena.copy(0, a.length), a);
  assert.deepEqual(arena.copy(a.length, a.length + b.length), b);
  assert.deepEqual(arena.copy(a.length + b.length, arena.end), c);
  assert.deepEqual(new Uint8Array(arena.view(a.length, a.length + b.length)), b);
  const copy = arena.copy(0, 4);
  copy.fill(0);
  assert.deepEqual(arena.copy(0, 4), a.subarray(0, 4), 'a copy shares nothing with the arena');
});

test('hands out a chunk to read in place only when the range lies in it', () => {
  const arena = new ByteArena();
  arena.write(pattern(C + 100, 4));
  const inside = arena.chunkHolding(C - 20, C - 10)!;
  assert.deepEqual(new Uint8Array(inside.subarray(arena.offsetOf(C - 20), arena.offsetOf(C - 10))), pattern(C + 100, 4).subarray(C - 20, C - 10));
  assert.equal(arena.chunkHolding(C - 10, C + 10), undefined, 'straddles');
  assert.equal(arena.chunkHolding(5, 5), undefined, 'empty');
  assert.ok(arena.chunkHolding(C, C + 100), 'starts the second chunk');
});

test('releases whole chunks behind the oldest live byte and reuses one', () => {
  const arena = new ByteArena();
  const piece = pattern(C / 4, 5);
  for (let k = 0; k < 40; k++) {
    arena.write(piece);
    arena.release(arena.end - 2 * piece.length); // keep the newest two pieces
    assert.deepEqual(arena.copy(arena.end - piece.length, arena.end), piece);
  }
  assert.ok(arena.allocatedBytes <= 3 * C, `${arena.allocatedBytes} bytes held for ${2 * piece.length} live`);
  arena.release(arena.end);
  arena.write(piece);
  assert.deepEqual(arena.copy(arena.end - piece.length, arena.end), piece, 'writes go on after everything was released');
  arena.clear();
  assert.equal(arena.allocatedBytes, 0);
});

test('a young log holds a small first chunk that grows, keeping its bytes, up to a full one', () => {
  const arena = new ByteArena();
  const small = pattern(10, 6);
  arena.write(small);
  assert.ok(arena.allocatedBytes < C / 16, `${arena.allocatedBytes} bytes held for ${small.length}`);
  const written = [small];
  for (let k = 0; k < 200; k++) {
    const piece = pattern(700 + k, k);
    arena.write(piece);
    written.push(piece);
  }
  let at = 0;
  for (const piece of written) {
    assert.deepEqual(arena.copy(at, at + piece.length), piece, `the piece at ${at} survived the growth`);
    at += piece.length;
  }
  assert.ok(arena.end > 2 * C, 'went on to full chunks');
  assert.equal(arena.allocatedBytes, Math.ceil(arena.end / C) * C, 'every chunk but a young first one is full-size');
});
