import type WebSocket from 'ws';

/** The bytes of a message as ws delivers it (a Buffer, fragments, or an ArrayBuffer), without copying a Buffer. */
export function rawDataBytes(data: WebSocket.RawData): Uint8Array {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : new Uint8Array(data);
}
