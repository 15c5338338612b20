import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ClientConnection, type ClientConnectionOptions } from '../core/client/clientConnection';
import { typedSecrets } from '../core/client/requestInput';
import { startRawServer } from '../core/testing/rawServer';
import { until, wsServer } from '../core/testing/clientTesting';
import { connectionSource } from './panel/panelSource';
import { logConnection } from './connectionLog';
import { recordingLog } from './testing/recordingLog';

const TOKEN = 'tok-s3cret-1';

/** A connection whose lines go to a fake log from its start, as the registry does for each connection. */
function loggedConnection(t: TestContext, url: string, options: Omit<ClientConnectionOptions, 'url'> = {}): { connection: ClientConnection; lines: string[] } {
  const connection = new ClientConnection({ ...options, url: new URL(url) });
  t.after(() => connection.dispose());
  const log = recordingLog();
  logConnection(log, connection);
  return { connection, lines: log.lines };
}

async function refusedPort(): Promise<number> {
  const closed = createServer();
  const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)));
  await new Promise((resolve) => closed.close(resolve));
  return port;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function assertNoSecret(lines: readonly string[]): void {
  assert.ok(lines.every((line) => !line.includes(TOKEN) && !line.includes('pw-s3cret')), lines.join('\n'));
}

test('connecting, and closing: the URL with its ?token= hidden, the close with its code, reason and who closed', async (t) => {
  const url = `${await wsServer(t, {}, () => {})}feed?token=${TOKEN}&room=1`;
  const { connection, lines } = loggedConnection(t, url);
  await connection.connect();
  connection.close(1000, 'done');
  await until(connection, () => connection.isFinished);
  const shown = url.replace(TOKEN, '***');
  assert.deepEqual(lines.slice(0, 2), [`info Connecting to ${shown} (${connection.id})`, `info Connected to ${shown}`]);
  assert.equal(lines.length, 3, lines.join('\n'));
  assert.match(lines[2]!, new RegExp(`^info Closed ${escaped(shown)}: 1000 done — closed by the client`));
  assertNoSecret(lines);
});

test('a server that breaks the protocol after the handshake: its failure with the reason (1002), and the close', async (t) => {
  // An opcode RFC 6455 §5.2 reserves, then TCP ends once our close frame arrives.
  const raw = await startRawServer((socket) => {
    socket.on('data', () => socket.end());
    setTimeout(() => socket.write(Buffer.from([0x83, 0x00])), 20);
  });
  t.after(() => raw.close());
  const { connection, lines } = loggedConnection(t, `${raw.url}?token=${TOKEN}`);
  await connection.connect();
  await until(connection, () => connection.isFinished);
  assert.equal(lines[1], `info Connected to ${raw.url}?token=***`);
  const failures = lines.filter((line) => line.startsWith('warn '));
  assert.equal(failures.length, 1, lines.join('\n'));
  assert.match(failures[0]!, /^warn Error on ws:\/\/127\.0\.0\.1:\d+\/\?token=\*\*\*: The server broke the WebSocket protocol: .*invalid opcode 3.* 1002/);
  assert.match(lines.at(-1)!, /^info Closed ws:\/\/127\.0\.0\.1:\d+\/\?token=\*\*\*: \d{4}.* — closed by the client/);
  assert.equal(lines.length, 4, lines.join('\n'));
  assertNoSecret(lines);
});

test("the panel's Reconnect is logged like the command's: the close it makes, the new attempt, its outcome", async (t) => {
  const url = `${await wsServer(t, {}, () => {})}feed?token=${TOKEN}`;
  const { connection, lines } = loggedConnection(t, url);
  await connection.connect();
  // What the panel calls on connection/reconnect.
  await connectionSource(connection).reconnect!();
  await connection.reconnect();
  const shown = url.replace(TOKEN, '***');
  const closedToReconnect = new RegExp(`^info Closed ${escaped(shown)}: 1000 reconnecting — closed by the client`);
  assert.equal(lines.length, 8, lines.join('\n'));
  assert.match(lines[2]!, closedToReconnect);
  assert.equal(lines[3], `info Reconnecting to ${shown} (${connection.id}), attempt 2`);
  assert.equal(lines[4], `info Connected to ${shown}`);
  assert.match(lines[5]!, closedToReconnect);
  assert.equal(lines[6], `info Reconnecting to ${shown} (${connection.id}), attempt 3`);
  assert.equal(lines[7], `info Connected to ${shown}`);
});

test('a failed handshake logs its reason once, never the token or password', async (t) => {
  const server = createHttpServer();
  server.on('upgrade', (_request, socket) => socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const { port } = server.address() as AddressInfo;
  const { connection, lines } = loggedConnection(t, `ws://user:pw-s3cret@127.0.0.1:${port}/feed?access_token=${TOKEN}`);
  await assert.rejects(connection.connect(), /404/);
  const shown = `ws://***:***@127.0.0.1:${port}/feed?access_token=***`;
  assert.equal(lines[0], `info Connecting to ${shown} (${connection.id})`);
  assert.deepEqual(lines.filter((line) => line.startsWith('warn ')), [`warn Connection to ${shown} failed: The server answered 404 Not Found instead of 101 Switching Protocols. Check the URL path, auth headers and Origin.`]);
  assert.ok(!lines.some((line) => line.includes('Closed')), `no close is logged for a WebSocket that never opened: ${lines.join(' | ')}`);
  assertNoSecret(lines);
});

test('headers typed on Connect… never reach the log, not even from a server that quotes them in its refusal', async (t) => {
  const headers = { Authorization: `Bearer ${TOKEN}`, 'X-Api-Key': TOKEN, Cookie: `sid=${TOKEN}` };
  // As Connect… does: the connection's log hides what typedSecrets finds, and lifecycle details are scrubbed with it.
  const typed = (url: string) => {
    const logged = loggedConnection(t, url, { headers, protocols: ['chat.v2'] });
    logged.connection.log.hide(typedSecrets(headers));
    return logged;
  };
  const opened = typed(await wsServer(t, {}, () => {}));
  await opened.connection.connect();
  opened.connection.close(1000, 'done');
  await until(opened.connection, () => opened.connection.isFinished);
  const server = createHttpServer();
  server.on('upgrade', (request, socket) => socket.end(`HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\nContent-Length: ${request.headers.authorization!.length}\r\n\r\n${request.headers.authorization}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const refused = typed(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await assert.rejects(refused.connection.connect(), /401/);
  assert.equal(opened.lines.length, 3, opened.lines.join('\n'));
  assert.match(refused.lines.at(-1)!, /^warn Connection to .* failed: The server answered 401 .*Body: "Bearer \*\*\*"/);
  assertNoSecret([...opened.lines, ...refused.lines]);
});

test('automatic reconnects: each retry scheduled, each attempt and its failure, then giving up', async (t) => {
  const port = await refusedPort();
  const { connection, lines } = loggedConnection(t, `ws://127.0.0.1:${port}/?token=${TOKEN}`, { reconnect: { initialDelayMs: 5, maxAttempts: 1, jitter: 0 } });
  await assert.rejects(connection.connect(), /refused/);
  const shown = `ws://127.0.0.1:${port}/?token=***`;
  const expected = [
    `info Connecting to ${shown} (${connection.id})`,
    `warn Connection to ${shown} failed: Connection refused`,
    `info Will reconnect to ${shown}: retry 1 in `,
    `info Reconnecting to ${shown} (${connection.id}), attempt 2`,
    `warn Connection to ${shown} failed: Connection refused`,
    `warn Stopped reconnecting to ${shown}: gave up after 2 attempts`,
  ];
  assert.equal(lines.length, expected.length, lines.join('\n'));
  expected.forEach((start, n) => assert.ok(lines[n]!.startsWith(start), `line ${n}: ${lines[n]}`));
  assertNoSecret(lines);
});
