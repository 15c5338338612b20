import type { ClientRequest, IncomingMessage } from 'node:http';
import { SocketLensError } from '../errors';
import type { HandshakeResponse, HeaderList } from './connectionTypes';

/** The request headers in the order and case they were written (Host first, as Node sends it). */
export function requestHeaders(request: ClientRequest): HeaderList {
  const names = request.getRawHeaderNames();
  const host = names.some((n) => n.toLowerCase() === 'host') ? [] : [['Host', String(request.host)] as const];
  return [...host, ...names.map((name) => [name, String(request.getHeader(name))] as const)];
}

/** Node's flat rawHeaders ([name, value, name, value, …]) as pairs, in order and case as received. */
export function rawHeaderList(rawHeaders: readonly string[]): HeaderList {
  const headers: (readonly [string, string])[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return headers;
}

export function responseOf(response: IncomingMessage): HandshakeResponse {
  return { httpVersion: response.httpVersion, statusCode: response.statusCode ?? 0, statusMessage: response.statusMessage ?? '', headers: rawHeaderList(response.rawHeaders) };
}

export function headerValue(headers: HeaderList | undefined, name: string): string | undefined {
  return headers?.find(([n]) => n.toLowerCase() === name)?.[1];
}

export function rejectedError(response: IncomingMessage, body: string): SocketLensError {
  const status = `${response.statusCode} ${response.statusMessage ?? ''}`.trim();
  const excerpt = body.trim().slice(0, 200);
  return new SocketLensError(
    'connection/handshake-rejected',
    `The server answered ${status} instead of 101 Switching Protocols.${excerpt ? ` Body: "${excerpt}".` : ''} Check the URL path, auth headers and Origin.`,
  );
}

/** The start of a response body (up to `limit` bytes) as UTF-8, once it ended or the limit was reached. */
export function readBody(response: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => resolve(Buffer.concat(chunks).toString('utf8'));
    response.on('data', (chunk: Buffer) => {
      if (size < limit) chunks.push(Buffer.from(chunk.subarray(0, limit - size)));
      size += chunk.length;
      if (size >= limit) response.destroy();
    });
    response.once('end', finish);
    response.once('close', () => response.readableEnded || finish());
  });
}
