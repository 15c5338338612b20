import { createHash, randomBytes } from 'node:crypto';

/** RFC 6455 §1.3: the GUID appended to Sec-WebSocket-Key before hashing. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** RFC 6455 §4.2.2: Sec-WebSocket-Accept = base64(SHA-1(key + GUID)). */
export function computeAccept(key: string): string {
  return createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
}

/** RFC 6455 §4.1: a nonce of 16 random bytes, base64-encoded. */
export function generateKey(): string {
  return randomBytes(16).toString('base64');
}

export interface AcceptCheck {
  readonly key: string;
  readonly expected: string;
  readonly received: string | undefined;
  readonly valid: boolean;
}

export function checkAccept(key: string, received: string | undefined): AcceptCheck {
  const expected = computeAccept(key);
  return { key, expected, received, valid: received === expected };
}
