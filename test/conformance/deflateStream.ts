// permessage-deflate as the conformance peer negotiates it (RFC 7692).
import { deflateParameters, type DeflateSettings } from '../../src/core/testing/deflateHistory';

export { DeflateHistory, NO_TAKEOVER, settingsOf, type DeflateSettings, type NegotiatedDeflate } from '../../src/core/testing/deflateHistory';

/** The Sec-WebSocket-Extensions value the raw peer offers (as a client) or answers (as a server). */
export function deflateOffer(settings: DeflateSettings): string {
  return ['permessage-deflate', ...deflateParameters(settings).map(({ name, value }) => (value === true ? name : `${name}=${value}`))].join('; ');
}
