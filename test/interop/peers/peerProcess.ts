// A peer server run as a child process for one test, and ended with it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { trackProcessGroup } from '../../../scripts/bootstrap/lib.mjs';

/** How often `waitFor` looks again; the test's own timeout bounds the wait. */
const POLL_MS = 20;
/** How long a peer gets to exit on SIGTERM before its process group is killed. */
const EXIT_GRACE_MS = 3000;

export interface PeerProcess {
  readonly name: string;
  readonly child: ChildProcessWithoutNullStreams;
  /** What it printed on stdout and stderr so far, for failure messages. */
  output(): string;
  /**
   * Resolves with `find()`'s first value other than undefined; rejects, with the peer's output,
   * if the peer exits first.
   */
  waitFor<T>(what: string, find: () => T | undefined): Promise<T>;
}

/**
 * Starts `command` in its own process group. The test's cleanup closes its stdin, asks it to end
 * (SIGTERM), then kills the group; our own exit, however it happens, kills the group too.
 */
export async function startPeer(t: TestContext, name: string, command: string, args: readonly string[]): Promise<PeerProcess> {
  const child = spawn(command, args, { stdio: 'pipe', detached: true });
  if (child.pid === undefined) {
    const [error] = (await once(child, 'error')) as [Error];
    throw new Error(`Could not start ${name} (${command}): ${error.message}`);
  }
  const untrack = trackProcessGroup(child.pid);
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = once(child, 'exit');
  const running = () => child.exitCode === null && child.signalCode === null;
  t.after(async () => {
    child.stdin.end();
    if (running()) child.kill('SIGTERM');
    await Promise.race([exited, sleep(EXIT_GRACE_MS, undefined, { ref: false })]);
    if (running()) process.kill(-child.pid!, 'SIGKILL');
    untrack();
  });
  const waitFor = async <T>(what: string, find: () => T | undefined): Promise<T> => {
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (!running()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before ${what}; its output:\n${output}`);
      await sleep(POLL_MS);
    }
  };
  return { name, child, output: () => output, waitFor };
}

/**
 * The TCP ports process `pid` listens on, read from /proc: its socket inodes, looked up among
 * the listening sockets of its network namespace. For servers that bind port 0 and do not say
 * which port they got.
 */
export function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of safeReaddir(`/proc/${pid}/fd`)) {
    const target = safeReadlink(`/proc/${pid}/fd/${fd}`);
    const inode = /^socket:\[(\d+)\]$/.exec(target ?? '')?.[1];
    if (inode) inodes.add(inode);
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      const LISTEN = '0A';
      if (fields[3] === LISTEN && inodes.has(fields[9] ?? '')) ports.push(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return []; // the process is gone; waitFor says so
  }
}

function safeReadlink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined; // the fd closed while we looked
  }
}
