import { maxHeaderSize } from 'node:http';
import { errorCode, errorMessage, SocketLensError } from '../errors';
import { isValidWireCloseCode, MAX_CLOSE_REASON_BYTES } from '../protocol/closeCodes';
import type { PendingFrame } from '../protocol/frameParser';
import { redactUrl } from '../redaction/redactUrl';
import { hostAndPort, isSecureScheme } from '../url/webSocketUrl';

/** What was offered and answered in the upgrade, to explain a failed negotiation. */
export interface NegotiationContext {
  readonly offeredProtocols: readonly string[];
  readonly answeredProtocol?: string;
  readonly offeredDeflate: boolean;
  readonly answeredExtensions?: string;
}

/** Turns what `ws` or Node raised while connecting into an error that says what to check (TLS failures: see tlsFailure.ts). */
export function describeConnectError(error: unknown, url: URL, negotiation?: NegotiationContext): SocketLensError {
  const code = errorCode(error);
  const message = errorMessage(error);
  const where = hostAndPort(url);
  if (code === 'ECONNREFUSED') {
    return new SocketLensError('connection/network', `Connection refused by ${where}. Is the server running and listening on that port?`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SocketLensError('connection/network', `Could not resolve the host "${url.hostname}" (${code}). Check the spelling and your DNS or network.`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new SocketLensError('connection/network', `${where} dropped the TCP connection during the handshake (${code}). Check that it speaks ${isSecureScheme(url) ? 'TLS and ' : ''}WebSocket on this path.`);
  }
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new SocketLensError('connection/network', `Could not reach ${where} (${code}). Check the address, firewalls and proxies.`);
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new SocketLensError('connection/bad-response', `${where} answered the upgrade with headers that are too large (over Node's limit of ${maxHeaderSize} bytes; ${code}). Check what the server sends on this path.`);
  }
  if (code.startsWith('HPE_')) {
    return new SocketLensError('connection/bad-response', `${where}'s answer to the upgrade is not HTTP: ${message} (${code}). Check the port and scheme: is something other than a WebSocket server listening there${isSecureScheme(url) ? '' : ', or does it expect TLS (wss://)'}?`);
  }
  if (message.includes('Opening handshake has timed out')) {
    return new SocketLensError('connection/handshake-timeout', `${where} accepted TCP but did not answer the WebSocket upgrade in time. Check the path and that the server speaks WebSocket there.`);
  }
  const negotiated = negotiation && describeNegotiationError(message, negotiation);
  if (negotiated) return negotiated;
  if (message.includes('Sec-WebSocket-Accept')) {
    return new SocketLensError('connection/bad-accept', `The server's 101 response has a wrong or missing Sec-WebSocket-Accept (RFC 6455 §4.1): ${message}.`);
  }
  return new SocketLensError('connection/network', `Connecting to ${redactUrl(url)} failed: ${message}${code ? ` (${code})` : ''}.`);
}

/** The opening handshake did not finish by its deadline (however many bytes of the answer came). */
export function describeHandshakeTimeout(url: URL, timeoutMs: number): SocketLensError {
  return new SocketLensError('connection/handshake-timeout', `${hostAndPort(url)} did not finish the WebSocket upgrade within ${timeoutMs} ms of our request (the handshake timeout). Check the path and that the server speaks WebSocket there, or raise the timeout for a slow server.`);
}

/** ws ended an open connection because the peer's pings outran the pongs (its maxPendingAutoPongs, 60 by default). */
export function describePingFlood(): SocketLensError {
  return new SocketLensError('connection/protocol-error', 'The server sent pings faster than their pongs could be written (60 still waiting to be written), so ws ended the connection without a close frame (1006). Check the server\'s keep-alive, or turn automatic pongs off to watch the pings.');
}

/** The server ended TCP inside frame `index` (RFC 6455 §7.1.5: the connection closed abnormally, 1006). */
export function describeCutFrame(index: number, frame: PendingFrame): SocketLensError {
  const missing = frame.headerBytesMissing > 0 ? `its header was ${frame.headerBytesMissing} bytes short` : `${frame.payloadBytesMissing} of its payload bytes never came`;
  return new SocketLensError('connection/network', `The server ended the connection in the middle of frame ${index}: ${missing}. Its message is lost; check the server's logs for a crash or a limit it hit.`);
}

/** RFC 6455 §7.4: codes an endpoint may send: 1000-1003, 1007-1014, 3000-4999. */
function checkCloseCode(code: number): SocketLensError | undefined {
  if (isValidWireCloseCode(code)) return undefined;
  return new SocketLensError('connection/close-code', `${code} cannot be sent as a close code (RFC 6455 §7.4). Use 1000 (normal), 1001, 1002, 1003, 1007-1014 or 3000-4999.`);
}

/** A close code and reason an endpoint may send: the code as checkCloseCode says, the reason at most 123 bytes of UTF-8. */
export function checkClose(code: number, reason: string): SocketLensError | undefined {
  if (Buffer.byteLength(reason) <= MAX_CLOSE_REASON_BYTES) return checkCloseCode(code);
  return new SocketLensError('connection/close-code', `A close reason can be at most ${MAX_CLOSE_REASON_BYTES} bytes of UTF-8 (RFC 6455 §5.5). Shorten it.`);
}

/** An error `ws` raised on an open connection: almost always the peer broke the protocol. */
export function describeSocketError(error: Error): SocketLensError {
  const code = errorCode(error);
  const status = Object.getOwnPropertySymbols(error).map((s) => (error as unknown as Record<symbol, unknown>)[s]).find((v) => typeof v === 'number');
  if (code.startsWith('WS_ERR_')) {
    const closing = typeof status === 'number' ? ` ws closed the connection with ${status}.` : '';
    return new SocketLensError('connection/protocol-error', `The server broke the WebSocket protocol: ${error.message} (${code}).${closing} See the lifecycle for the frame and RFC section.`);
  }
  return new SocketLensError('connection/network', `The connection failed: ${error.message}${code ? ` (${code})` : ''}.`);
}

/** ws's refusals of the server's subprotocol or extension choice, said with what was offered and answered. */
function describeNegotiationError(message: string, n: NegotiationContext): SocketLensError | undefined {
  const offered = n.offeredProtocols.map((p) => `"${p}"`).join(', ');
  const answered = `"${n.answeredProtocol ?? ''}"`;
  if (message === 'Server sent a subprotocol but none was requested') {
    return new SocketLensError('connection/bad-subprotocol', `The server chose the subprotocol ${answered}, but none was offered (RFC 6455 §4.1: a server may only pick one the client offered). Offer it with a subprotocol option, or fix the server.`);
  }
  if (message === 'Server sent an invalid subprotocol') {
    return new SocketLensError('connection/bad-subprotocol', `The server chose the subprotocol ${answered}, which was not offered (offered: ${offered}; RFC 6455 §4.1). Names are case-sensitive: check the spelling on both sides.`);
  }
  if (message === 'Server sent no subprotocol') {
    return new SocketLensError('connection/bad-subprotocol', `The server accepted none of the offered subprotocols (${offered}). ws, the engine under Socket Lens, fails the connection then (browsers would open it with no subprotocol). Check which names the server supports, or connect without offering any.`);
  }
  if (message.includes('Sec-WebSocket-Extensions') || message.includes('extension that was not requested')) {
    const what = n.offeredDeflate ? 'only permessage-deflate was offered' : 'no extension was offered';
    return new SocketLensError('connection/bad-extension', `The server answered Sec-WebSocket-Extensions: ${n.answeredExtensions ?? '(missing)'}, but ${what}, or its parameters are not valid for the offer (RFC 6455 §9.1, RFC 7692 §7). Fix the server's extension answer${n.offeredDeflate ? '' : ', or connect with permessage-deflate on'}.`);
  }
  return undefined;
}
