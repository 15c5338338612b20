/**
 * What is wrong with one frame header on its own (RFC 6455 §5.1, §5.2, §5.5, §10.4; RFC 7692
 * §6.1). FrameParser calls these only for a header out of the ordinary, so a well-formed data
 * frame never reaches them; sequences of frames are the decoder's to check.
 */
import type { FrameHeader, FrameParserOptions, LengthEncoding } from './frameParser';
import { isControlOpcode, isReservedOpcode } from './opcodes';
import { violation, type Violation } from './violations';

/** What is wrong with a whole header, as read into `header`; undefined when nothing is. */
export function checkHeader(header: FrameHeader, options: FrameParserOptions): Violation[] | undefined {
  const found = firstBytesViolations(header.fin, header.rsv1, header.rsv2, header.rsv3, header.opcode, header.masked, header.payloadLength, header.lengthEncoding, options);
  if (header.lengthEncoding === 64 && header.lengthHigh >= 0x80000000) {
    found.push(violation('5.2', 1002, 'The most significant bit of the 64-bit payload length is set; it must be 0.', 'length'));
  }
  if (options.maxPayloadBytes !== undefined && header.payloadLength > options.maxPayloadBytes) {
    found.push(overLimit(header.payloadLength, options.maxPayloadBytes));
  }
  if (!header.minimalLength && !isControlOpcode(header.opcode)) {
    found.push(violation('5.2', null, `The length ${header.payloadLength} is sent in the ${header.lengthEncoding}-bit form; the minimal form must be used.`, 'length'));
  }
  return found.length > 0 ? found : undefined;
}

/** What the first two header bytes alone show to be wrong, so a frame cut off inside its header is judged too. */
export function partialHeaderViolations(first: number, second: number, options: FrameParserOptions): Violation[] | undefined {
  const len7 = second & 0x7f;
  const found = firstBytesViolations((first & 0x80) !== 0, (first & 0x40) !== 0, (first & 0x20) !== 0, (first & 0x10) !== 0, first & 0x0f, (second & 0x80) !== 0, len7 < 126 ? len7 : undefined, len7 === 126 ? 16 : len7 === 127 ? 64 : 7, options);
  // A 7-bit length is complete in the second byte: a receiver applies its limit before the mask.
  if (options.maxPayloadBytes !== undefined && len7 < 126 && len7 > options.maxPayloadBytes) found.push(overLimit(len7, options.maxPayloadBytes));
  return found.length > 0 ? found : undefined;
}

/** The checks that need only FIN, RSV1-3, the opcode, MASK and the 7-bit length field. */
function firstBytesViolations(fin: boolean, rsv1: boolean, rsv2: boolean, rsv3: boolean, opcode: number, masked: boolean, length: number | undefined, encoding: LengthEncoding, options: FrameParserOptions): Violation[] {
  const found: Violation[] = [];
  if (rsv1) {
    if (!options.perMessageDeflate) found.push(violation('5.2', 1002, 'RSV1 is set but no extension that defines it (permessage-deflate) was negotiated.', 'rsv1'));
    else if (opcode === 0) found.push(violation('7692 §6.1', 1002, 'RSV1 is set on a continuation frame; permessage-deflate marks only the first frame of a message.', 'rsv1'));
    else if (isControlOpcode(opcode)) found.push(violation('7692 §6.1', 1002, 'RSV1 is set on a control frame; permessage-deflate never compresses control frames.', 'rsv1'));
  }
  if (rsv2) found.push(violation('5.2', 1002, 'RSV2 is set but no negotiated extension defines it.', 'rsv2'));
  if (rsv3) found.push(violation('5.2', 1002, 'RSV3 is set but no negotiated extension defines it.', 'rsv3'));
  if (isReservedOpcode(opcode)) found.push(violation('5.2', 1002, `Opcode 0x${opcode.toString(16)} is reserved; no frame may use it.`, 'opcode'));
  else if (isControlOpcode(opcode)) {
    if (!fin) found.push(violation('5.5', 1002, 'A control frame is fragmented (FIN is 0); control frames must not be fragmented.', 'fin'));
    if (length !== undefined && length > 125) found.push(violation('5.5', 1002, `A control frame carries ${length} bytes; the limit is 125.`, 'length'));
    else if (encoding !== 7) found.push(violation('5.5', 1002, `A control frame uses the ${encoding}-bit length form; its length must fit the 7-bit field (at most 125 bytes).`, 'length'));
    if (opcode === 0x8 && length === 1) found.push(violation('5.5.1', 1002, 'The close frame has a 1-byte payload; a close payload is empty or starts with a 2-byte code.', 'length'));
  }
  if (options.sender === 'client' && !masked) found.push(violation('5.1', 1002, 'A frame from the client is not masked; every client frame must be.', 'mask'));
  if (options.sender === 'server' && masked) found.push(violation('5.1', 1002, 'A frame from the server is masked; server frames must not be.', 'mask'));
  return found;
}

function overLimit(length: number, limit: number): Violation {
  return violation('10.4', 1009, `The frame declares ${length} bytes, more than the ${limit}-byte limit.`, 'length');
}
