// permessage-deflate as the conformance peer negotiates it (RFC 7692).
import type { DeflateSettings } from '../../src/core/testing/deflateHistory';

export { DeflateHistory, NO_TAKEOVER, type DeflateSettings } from '../../src/core/testing/deflateHistory';

/** The Sec-WebSocket-Extensions value the raw peer offers (as a client) or answers (as a server). */
export function deflateOffer({ windowBits, takeover }: DeflateSettings): string {
  const bits = windowBits === 15 ? '' : `; server_max_window_bits=${windowBits}; client_max_window_bits=${windowBits}`;
  return `permessage-deflate${takeover ? '' : '; client_no_context_takeover; server_no_context_takeover'}${bits}`;
}
