import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { MockClient } from '../../src/core/mock/mockClient';
import type * as MockModule from '../../src/core/mock/mockServer';

export type MessageKind = 'text' | 'binary';

/** The mock, or a plain `ws` server doing the same, behind one face so one driver measures both. */
export interface ServerUnderTest {
  readonly url: string;
  /** Takes note of the clients connected so far (call after they are). */
  refresh(): void;
  /** One message to the first client. */
  send(kind: MessageKind, payload: Uint8Array): void;
  /** One message to every client. */
  broadcast(kind: MessageKind, payload: Uint8Array): void;
  /** The most bytes any client has waiting to be written. */
  buffered(): number;
  /** Throws unless each client's log holds `perClient` outgoing messages, paired with their frames. */
  checkSent(perClient: number, size: number): void;
  close(): Promise<void>;
}

type MockServer = MockModule.MockServer;

class MockSide implements ServerUnderTest {
  readonly url: string;
  private ids: string[] = [];
  private clients: MockClient[] = [];

  constructor(private readonly mock: MockServer) {
    this.url = `${mock.url}/`;
  }

  refresh(): void {
    this.ids = this.mock.clients().map((c) => c.id);
    this.clients = this.ids.map((id) => this.mock.client(id)!);
  }

  send(kind: MessageKind, payload: Uint8Array): void {
    this.mock.send(this.ids[0]!, kind, payload);
  }

  broadcast(kind: MessageKind, payload: Uint8Array): void {
    this.mock.broadcast(kind, payload);
  }

  buffered(): number {
    let most = 0;
    for (const client of this.clients) most = Math.max(most, client.bufferedAmount);
    return most;
  }

  checkSent(perClient: number, size: number): void {
    for (const client of this.clients) {
      const { log } = client;
      if (log.totals.messagesOut !== perClient) throw new Error(`mock client ${client.id}: its log counts ${log.totals.messagesOut} messages out; ${perClient} were sent`);
      const last = log.tail(1)[0];
      const frame = last?.wire?.frames[0];
      if (!last || last.payload.length !== size || last.wire?.frames.length !== 1 || frame?.payloadLength !== size) throw new Error(`mock client ${client.id}: the last message in its log is not a ${size}-byte message paired with its frame`);
    }
  }

  close(): Promise<void> {
    return this.mock.close();
  }
}

class WsSide implements ServerUnderTest {
  readonly url: string;
  private clients: WebSocket[] = [];

  constructor(private readonly wss: WebSocketServer) {
    this.url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
  }

  refresh(): void {
    this.clients = [...this.wss.clients];
  }

  send(kind: MessageKind, payload: Uint8Array): void {
    this.clients[0]!.send(payload, { binary: kind === 'binary' });
  }

  broadcast(kind: MessageKind, payload: Uint8Array): void {
    const options = { binary: kind === 'binary' };
    for (const client of this.clients) client.send(payload, options);
  }

  buffered(): number {
    let most = 0;
    for (const client of this.clients) most = Math.max(most, client.bufferedAmount);
    return most;
  }

  checkSent(): void {}

  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

export type Side = 'mock' | 'ws';

/** A fresh server of either kind on 127.0.0.1 and a free port; the mock's one path sends nothing on its own. */
export async function startServer(side: Side, Mock: typeof MockModule.MockServer): Promise<ServerUnderTest> {
  if (side === 'mock') {
    return new MockSide(await Mock.start({ definition: { perMessageDeflate: false, maxConnections: 1_000_000, paths: [{ path: '/', otherwise: 'nothing' }] } }));
  }
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  return new WsSide(wss);
}
