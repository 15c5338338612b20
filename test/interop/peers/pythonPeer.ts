// Python's `websockets` as a peer: test/interop/peers/python_server.py, one process per test.
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startPeer, type PeerProcess } from './peerProcess';

const SCRIPT = join(import.meta.dirname, 'python_server.py');

/** What the server script prints, one JSON object a line. */
export type PythonServerEvent = ListeningEvent | ClosedEvent;

interface ListeningEvent {
  readonly event: 'listening';
  readonly port: number;
  readonly compression: string | null;
  readonly version: string;
}

/** A connection ended: the close code and reason the server received (null without a close frame). */
export interface ClosedEvent {
  readonly event: 'closed';
  readonly code: number | null;
  readonly reason: string | null;
}

export interface PythonPeer {
  readonly url: string;
  readonly version: string;
  readonly server: PeerProcess;
  /** The events printed so far. */
  events(): PythonServerEvent[];
}

/**
 * Starts the echo server with `python` (Debian's own interpreter, in isolated mode so no user
 * site-packages or PYTHON* variable changes which websockets it imports) and waits until it
 * listens. `compression`: websockets' default permessage-deflate, or none.
 */
export async function startPythonPeer(t: TestContext, python: string, compression: boolean): Promise<PythonPeer> {
  const args = ['-I', SCRIPT, ...(compression ? [] : ['--no-compression'])];
  const server = await startPeer(t, 'the Python websockets server', python, args);
  const events = () => parseEvents(server.output());
  const listening = await server.waitFor('it listened', () => events().find((e): e is ListeningEvent => e.event === 'listening'));
  return { url: `ws://127.0.0.1:${listening.port}/`, version: listening.version, server, events };
}

/** The complete JSON lines among the output (stderr may interleave Python's warnings). */
function parseEvents(output: string): PythonServerEvent[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{') && line.endsWith('}'))
    .map((line) => JSON.parse(line) as PythonServerEvent);
}
