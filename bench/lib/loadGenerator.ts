// Child process: the client side of the mock benchmark, so that it does not share the event loop
// of the server being measured. Started by `startLoadGenerator` (load.ts); takes one command at a
// time over IPC and answers each with `{ id, ... }`. Every client is a raw TCP socket upgraded by
// hand (rawClient.ts): it costs the server what any client costs, and the generator next to nothing.
import type { Socket } from 'node:net';
import { countFor } from './flood';
import { CLOSE_FRAME, FrameCounter, rawUpgrade } from './rawClient';
import type { LoadCommand } from './load';

/** The clients of the last `connect`, and what they have received. */
let clients: { socket: Socket; counter: FrameCounter }[] = [];
/** Called on every chunk while an `await` waits for a count. */
let onFrames: (() => void) | undefined;

const total = (): number => clients.reduce((sum, c) => sum + c.counter.frames, 0);

function reply(id: number, answer: Record<string, unknown>): void {
  process.send?.({ id, ...answer });
}

/** Opens `count` clients, `inFlight` upgrades at a time, each counting the frames it gets. */
async function connectClients(url: string, count: number, inFlight: number): Promise<void> {
  let next = 0;
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const counter = new FrameCounter();
      rawUpgrade(url, (socket, rest) => {
        clients.push({ socket, counter });
        socket.on('data', (chunk: Buffer) => {
          counter.push(chunk);
          onFrames?.();
        });
        if (rest.length > 0) counter.push(rest);
        resolve();
      }, reject);
    });
  const lane = async (): Promise<void> => {
    while (next < count) {
      next++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
}

/** Resolves once the clients have received `frames` frames in all. */
function awaitFrames(frames: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (total() < frames) return;
      onFrames = undefined;
      resolve();
    };
    onFrames = check;
    check();
  });
}

function disconnectAll(): void {
  for (const { socket } of clients) socket.destroy();
  clients = [];
}

/**
 * For `durationMs` (after `settleMs`), keeps `inFlight` connections cycling: connect, upgrade, send
 * a close frame and FIN, wait for the server to close. Returns the cycles completed per second.
 */
async function churn(url: string, inFlight: number, settleMs: number, durationMs: number): Promise<{ perSecond: number; errors: number }> {
  let completed = 0;
  let errors = 0;
  let stop = false;
  const cycle = (): Promise<void> =>
    new Promise((resolve) => {
      const socket = rawUpgrade(url, (upgraded) => {
        upgraded.on('data', () => {});
        upgraded.end(CLOSE_FRAME);
      }, () => errors++);
      socket.on('close', () => {
        completed++;
        resolve();
      });
    });
  const lane = async (): Promise<void> => {
    while (!stop) await cycle();
  };
  const lanes = Array.from({ length: inFlight }, lane);
  const perSecond = await new Promise<number>((resolve) => countFor({ settleMs, durationMs }, () => completed - errors, resolve));
  stop = true;
  await Promise.all(lanes);
  return { perSecond, errors };
}

async function run(command: LoadCommand): Promise<Record<string, unknown>> {
  switch (command.op) {
    case 'connect':
      await connectClients(command.url, command.count, command.inFlight);
      return { clients: clients.length };
    case 'await':
      await awaitFrames(command.frames);
      return { frames: total() };
    case 'disconnect':
      disconnectAll();
      return {};
    case 'churn':
      return churn(command.url, command.inFlight, command.settleMs, command.durationMs);
  }
}

process.on('message', (command: LoadCommand) => {
  run(command).then(
    (answer) => reply(command.id, answer),
    (error: unknown) => reply(command.id, { error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
