// What the sender child processes (floodSender.ts, pacedSender.ts) and their parents share: the
// child serves WebSocket upgrades on a free loopback port and tells the parent which; the parent
// forks it and stops it.
import { fork } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';

const ROOT = join(import.meta.dirname, '..', '..');

/** A sender running in a child process, listening on `port`. */
export interface SenderChild {
  readonly port: number;
  close(): Promise<void>;
}

/** Forks bench/lib/`file` (run through tsx) and resolves once it listens. */
export function forkSender(file: string, what: string): Promise<SenderChild> {
  const child = fork(join(import.meta.dirname, file), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the ${what} exited (code ${code}) before listening`)));
    child.once('message', (message: { port: number }) => {
      resolve({
        port: message.port,
        close: async () => {
          child.kill();
          await exited;
        },
      });
    });
  });
}

/** In the child: answers upgrades with `upgrade` (anything else with 426) on 127.0.0.1, reports the port, ends with its parent. */
export function serveUpgrades(upgrade: (request: IncomingMessage, socket: Duplex) => void): void {
  const server = createServer((_request, response) => response.writeHead(426).end());
  server.on('upgrade', upgrade);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('disconnect', () => process.exit(0));
}
