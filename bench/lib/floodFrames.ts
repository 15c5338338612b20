// The frames the flood sender repeats, built the same way in the sender and in the benchmark
// that checks what arrived: the payload of an N-byte message, and its frame, compressed or not.
import { constants, deflateRawSync } from 'node:zlib';
import { encodeFrame } from '../../src/core/protocol/frameEncoder';
import { Opcode } from '../../src/core/protocol/opcodes';

const TEXT = 'socket-lens bench {"seq":12345,"ok":true} ';
/** RFC 7692 §7.2.1: a sender removes the empty block's tail that ends every flushed message. */
const DEFLATE_TAIL = 4;

/** The `size` bytes of every message the sender repeats: ASCII text, so valid for text and binary frames alike. */
export function floodPayload(size: number): Buffer {
  return Buffer.from(TEXT.repeat(Math.ceil(size / TEXT.length)).slice(0, size), 'latin1');
}

/**
 * One frame carrying `floodPayload(size)`. With `deflate` the payload is compressed on its own
 * (RSV1 set, RFC 7692 §7.2.1), which is what a sender under `server_no_context_takeover` sends:
 * the same bytes can then go out again and again.
 */
export function floodFrame(size: number, opcode: number = Opcode.text, deflate = false): Uint8Array {
  const payload = floodPayload(size);
  if (!deflate) return encodeFrame({ opcode, payload });
  const flushed = deflateRawSync(payload, { finishFlush: constants.Z_SYNC_FLUSH });
  return encodeFrame({ opcode, payload: flushed.subarray(0, flushed.length - DEFLATE_TAIL), rsv1: true });
}
