import { fork } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface PacedSender {
  /** The URL whose upgrade gets `rate` text messages of `size` bytes a second. */
  url(rate: number, size: number): string;
  close(): Promise<void>;
}

/** Starts pacedSender.ts in a child process, so the sender shares no event loop with what is measured. */
export function startPacedSender(): Promise<PacedSender> {
  const child = fork(join(import.meta.dirname, 'pacedSender.ts'), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the paced sender exited (code ${code}) before listening`)));
    child.once('message', (message: { port: number }) => {
      resolve({
        url: (rate, size) => `ws://127.0.0.1:${message.port}/?rate=${rate}&size=${size}`,
        close: async () => {
          child.kill();
          await exited;
        },
      });
    });
  });
}
