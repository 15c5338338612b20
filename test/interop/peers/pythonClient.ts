// Python's `websockets` as a scripted client: test/interop/peers/python_client.py, one process
// (one connection) per client, driven command by command over stdin.
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startPeer, type PeerProcess } from './peerProcess';

const SCRIPT = join(import.meta.dirname, 'python_client.py');

/** A close frame as websockets parsed or sent it. */
export interface PythonCloseFrame {
  readonly code: number;
  readonly reason: string;
}

/** How the connection ended, as websockets saw it (see python_client.py). */
export interface PythonClose {
  readonly code: number;
  readonly reason: string;
  /** null: TCP ended without a close frame from the server. */
  readonly received: PythonCloseFrame | null;
  /** The close frame websockets sent, e.g. 1002 when it failed the connection. */
  readonly sent: PythonCloseFrame | null;
  /** The exception that failed the connection, as "Type: message". */
  readonly error: string | null;
}

/** [opcode, fin, payload length] of each data frame of a message. */
export type PythonFrame = readonly [number, boolean, number];

/** A message, and when its last frame arrived (a monotonic clock, ms). */
export type PythonMessage =
  | { readonly kind: 'text'; readonly text: string; readonly frames: readonly PythonFrame[]; readonly atMs: number }
  | { readonly kind: 'binary'; readonly hex: string; readonly frames: readonly PythonFrame[]; readonly atMs: number };

export type PythonReceived =
  | PythonMessage
  | { readonly kind?: undefined; readonly timeout: true }
  | { readonly kind?: undefined; readonly closed: PythonClose };

export interface PythonConnectOptions {
  readonly subprotocols?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
  readonly origin?: string;
  readonly compression?: boolean;
}

export type PythonConnected = { readonly open: true; readonly subprotocol: string | null } | { readonly open: false; readonly status?: number; readonly error?: string };

/** One Python websockets client. Each method sends one command and resolves with its answer. */
export class PythonClient {
  private nextId = 1;

  private constructor(private readonly peer: PeerProcess) {}

  /** Starts the script with Debian's interpreter (isolated mode) and waits until it is ready. */
  static async start(t: TestContext, python: string): Promise<PythonClient> {
    const peer = await startPeer(t, 'the Python websockets client', python, ['-I', SCRIPT]);
    await peer.waitFor('it was ready', () => lines(peer.output()).find((l) => l.ready === true));
    return new PythonClient(peer);
  }

  connect(url: string, options: PythonConnectOptions = {}): Promise<PythonConnected> {
    return this.command({ op: 'connect', url, ...options });
  }

  sendText(text: string): Promise<{ sent: boolean }> {
    return this.command({ op: 'send', text });
  }

  sendBinary(data: Uint8Array): Promise<{ sent: boolean }> {
    return this.command({ op: 'send', hex: Buffer.from(data).toString('hex') });
  }

  recv(timeoutMs = 5000): Promise<PythonReceived> {
    return this.command({ op: 'recv', timeoutMs });
  }

  /** Resolves with the next `n` messages; rejects if the connection closes or one does not come in time. */
  async messages(n: number, timeoutMs = 5000): Promise<PythonMessage[]> {
    const received: PythonMessage[] = [];
    while (received.length < n) {
      const message = await this.recv(timeoutMs);
      if (!message.kind) throw new Error(`Python client: expected ${n} messages, got ${JSON.stringify(received)} and then ${JSON.stringify(message)}`);
      received.push(message);
    }
    return received;
  }

  ping(payload: Uint8Array, timeoutMs: number): Promise<{ pong: boolean; ms?: number }> {
    return this.command({ op: 'ping', hex: Buffer.from(payload).toString('hex'), timeoutMs });
  }

  flood(bytes: number, timeoutMs: number): Promise<{ sent: number; blocked: boolean }> {
    return this.command({ op: 'flood', bytes, timeoutMs });
  }

  close(code: number, reason: string): Promise<{ closed: PythonClose }> {
    return this.command({ op: 'close', code, reason });
  }

  waitClosed(timeoutMs = 5000): Promise<{ closed?: PythonClose; timeout?: true }> {
    return this.command({ op: 'wait_closed', timeoutMs });
  }

  private async command<T>(command: Record<string, unknown>): Promise<T> {
    const id = this.nextId++;
    this.peer.child.stdin.write(`${JSON.stringify({ id, ...command })}\n`);
    const answer = await this.peer.waitFor(`it answered ${command.op}`, () => lines(this.peer.output()).find((l) => l.id === id));
    if (typeof answer.failed === 'string') throw new Error(`Python client: ${command.op} failed: ${answer.failed}\n${this.peer.output()}`);
    return answer as T;
  }
}

/** The complete JSON lines among the output (stderr may interleave Python's warnings). */
function lines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{') && line.endsWith('}'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
