import { fork } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

type Command =
  /** Opens `count` raw clients on `url`, `inFlight` upgrades at a time; each counts the frames it receives. */
  | { readonly op: 'connect'; readonly url: string; readonly count: number; readonly inFlight: number }
  /** Answers once the clients have received `frames` frames in all. */
  | { readonly op: 'await'; readonly frames: number }
  | { readonly op: 'disconnect' }
  /** Connect, upgrade, close by the client, `inFlight` at a time: answers `{ perSecond, errors }`. */
  | { readonly op: 'churn'; readonly url: string; readonly inFlight: number; readonly settleMs: number; readonly durationMs: number };

export type LoadCommand = Command & { readonly id: number };

/** The client side of the mock benchmark, in a child process (loadGenerator.ts). */
export interface LoadGenerator {
  connect(url: string, count: number, inFlight?: number): Promise<void>;
  /** Resolves once the clients of the last `connect` have received `frames` frames in all. */
  awaitFrames(frames: number): Promise<void>;
  disconnect(): Promise<void>;
  churn(url: string, inFlight: number, settleMs: number, durationMs: number): Promise<{ perSecond: number; errors: number }>;
  close(): Promise<void>;
}

export function startLoadGenerator(): Promise<LoadGenerator> {
  const child = fork(join(import.meta.dirname, 'loadGenerator.ts'), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pending = new Map<number, { resolve: (answer: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const ask = (command: Command): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...command, id });
    });
  child.on('message', (answer: { id?: number; error?: string }) => {
    const waiting = answer.id === undefined ? undefined : pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id!);
    if (answer.error !== undefined) waiting.reject(new Error(`load generator: ${answer.error}`));
    else waiting.resolve(answer);
  });
  child.once('exit', (code) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`the load generator exited (code ${code})`));
    pending.clear();
  });
  const generator: LoadGenerator = {
    connect: async (url, count, inFlight = 64) => void (await ask({ op: 'connect', url, count, inFlight })),
    awaitFrames: async (frames) => void (await ask({ op: 'await', frames })),
    disconnect: async () => void (await ask({ op: 'disconnect' })),
    churn: async (url, inFlight, settleMs, durationMs) => (await ask({ op: 'churn', url, inFlight, settleMs, durationMs })) as { perSecond: number; errors: number },
    close: async () => {
      child.kill();
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the load generator exited (code ${code}) before it was ready`)));
    child.once('message', () => resolve(generator));
  });
}
