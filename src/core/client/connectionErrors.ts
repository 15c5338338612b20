import { SocketLensError } from '../errors';
import { isValidWireCloseCode } from '../protocol/closeCodes';

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_)/;

/** Turns what `ws` or Node raised while connecting into an error that says what to check. */
export function describeConnectError(error: unknown, url: URL): SocketLensError {
  const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const where = `${url.hostname}:${url.port || (url.protocol === 'wss:' ? 443 : 80)}`;
  if (code === 'ECONNREFUSED') {
    return new SocketLensError('connection/network', `Connection refused by ${where}. Is the server running and listening on that port?`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SocketLensError('connection/network', `Could not resolve the host "${url.hostname}" (${code}). Check the spelling and your DNS or network.`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new SocketLensError('connection/network', `${where} dropped the TCP connection during the handshake (${code}). Check that it speaks ${url.protocol === 'wss:' ? 'TLS and ' : ''}WebSocket on this path.`);
  }
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new SocketLensError('connection/network', `Could not reach ${where} (${code}). Check the address, firewalls and proxies.`);
  }
  if (TLS_CODES.test(code)) {
    return new SocketLensError('connection/tls', `TLS handshake with ${where} failed: ${message} (${code}). Check the server certificate, or whether the server speaks TLS at all.`);
  }
  if (message.includes('Opening handshake has timed out')) {
    return new SocketLensError('connection/handshake-timeout', `${where} accepted TCP but did not answer the WebSocket upgrade in time. Check the path and that the server speaks WebSocket there.`);
  }
  if (message.includes('Sec-WebSocket-Accept')) {
    return new SocketLensError('connection/bad-accept', `The server's 101 response has a wrong or missing Sec-WebSocket-Accept (RFC 6455 §4.1): ${message}.`);
  }
  return new SocketLensError('connection/network', `Connecting to ${url.href} failed: ${message}${code ? ` (${code})` : ''}.`);
}

/** RFC 6455 §7.4: codes an endpoint may send: 1000-1003, 1007-1014, 3000-4999. */
export function checkCloseCode(code: number): SocketLensError | undefined {
  if (isValidWireCloseCode(code)) return undefined;
  return new SocketLensError('connection/close-code', `${code} cannot be sent as a close code (RFC 6455 §7.4). Use 1000 (normal), 1001, 1002, 1003, 1007-1014 or 3000-4999.`);
}

/** An error `ws` raised on an open connection: almost always the peer broke the protocol. */
export function describeSocketError(error: Error): SocketLensError {
  const code = 'code' in error ? String(error.code) : '';
  const status = Object.getOwnPropertySymbols(error).map((s) => (error as unknown as Record<symbol, unknown>)[s]).find((v) => typeof v === 'number');
  if (code.startsWith('WS_ERR_')) {
    const closing = typeof status === 'number' ? ` ws closed the connection with ${status}.` : '';
    return new SocketLensError('connection/protocol-error', `The server broke the WebSocket protocol: ${error.message} (${code}).${closing} See the lifecycle for the frame and RFC section.`);
  }
  return new SocketLensError('connection/network', `The connection failed: ${error.message}${code ? ` (${code})` : ''}.`);
}
