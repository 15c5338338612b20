/** RFC 6455 §5.2 / §11.8: the opcode of a frame. */
export const Opcode = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

const NAMES = ['continuation', 'text', 'binary', 'reserved-3', 'reserved-4', 'reserved-5', 'reserved-6', 'reserved-7', 'close', 'ping', 'pong', 'reserved-b', 'reserved-c', 'reserved-d', 'reserved-e', 'reserved-f'] as const;

export type OpcodeName = (typeof NAMES)[number];

export function opcodeName(opcode: number): OpcodeName {
  return NAMES[opcode & 0xf]!;
}

/** Control frames have the high bit of the opcode set (RFC 6455 §5.5). */
export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

/** 0x3-0x7 and 0xB-0xF are reserved for further frames (RFC 6455 §5.2). */
export function isReservedOpcode(opcode: number): boolean {
  return (opcode >= 0x3 && opcode <= 0x7) || opcode >= 0xb;
}
