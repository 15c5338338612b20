// The libwebsockets test server as a peer, one process per test.
import type { TestContext } from 'node:test';
import { listeningPorts, startPeer, type PeerProcess } from './peerProcess';

/**
 * Its protocols, chosen by subprotocol: `dumb-increment-protocol` sends a counter as text every
 * 50 ms ("reset\n" sets it to 0, "closeme\n" makes it close with 1001 "seeya");
 * `lws-mirror-protocol` sends each message it receives to every client on the mirror, the
 * sender included, always as text.
 */
export type LwsProtocol = 'dumb-increment-protocol' | 'lws-mirror-protocol';

export interface LwsPeer {
  readonly url: string;
  readonly server: PeerProcess;
}

/**
 * Starts it on loopback (`--interface=lo`; without it, it listens on every interface) and port 0.
 * It does not print the port it got, so we read it from /proc.
 */
export async function startLwsPeer(t: TestContext, executable: string): Promise<LwsPeer> {
  const server = await startPeer(t, 'the libwebsockets test server', executable, ['--interface=lo', '--port=0']);
  const port = await server.waitFor('it listened', () => listeningPorts(server.child.pid!)[0]);
  return { url: `ws://127.0.0.1:${port}/`, server };
}
