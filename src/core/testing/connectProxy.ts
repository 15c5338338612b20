import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** One CONNECT request as the proxy received it. */
export interface SeenConnect {
  readonly authority: string;
  readonly headers: IncomingHttpHeaders;
}

export interface ConnectProxyOptions {
  /** "user:password" the proxy demands as Basic Proxy-Authorization; unset means no authentication. */
  readonly credentials?: string;
  /** A raw answer to write instead of tunnelling (e.g. a 403), then the socket ends. */
  readonly answer?: (request: IncomingMessage) => string | undefined;
}

export interface ConnectProxy {
  readonly port: number;
  readonly url: string;
  readonly seen: readonly SeenConnect[];
  close(): Promise<void>;
}

/** A minimal HTTP CONNECT proxy on 127.0.0.1 and port 0, for tests; it records every CONNECT. */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const seen: SeenConnect[] = [];
  const server = createServer((_request, response) => response.writeHead(405).end());
  server.on('connection', track);
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push({ authority: request.url ?? '', headers: request.headers });
    client.on('error', () => client.destroy());
    const answer = options.answer?.(request) ?? authenticate(request, options.credentials);
    if (answer !== undefined) return void client.end(answer);
    const [host = '', port = ''] = splitAuthority(request.url ?? '');
    const upstream = connect({ host, port: Number(port) }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function authenticate(request: IncomingMessage, credentials: string | undefined): string | undefined {
  if (credentials === undefined) return undefined;
  const expected = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
  if (request.headers['proxy-authorization'] === expected) return undefined;
  const body = 'Proxy authentication required\n';
  return `HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
}

function splitAuthority(authority: string): [string, string] {
  const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(authority);
  return match ? [match[1]!, match[2]!] : [authority, '80'];
}
