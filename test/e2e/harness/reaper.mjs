// Process-group leader that runs one command (code-server) and guarantees it dies with us.
//
//   node reaper.mjs <command> [args...]
//
// startCodeServer() spawns this detached (so it leads a new process group) with a pipe on
// stdin. Exit handlers in the test process cover crashes and Ctrl-C, but not SIGKILL (an
// outer `timeout -s KILL`, the OOM killer, a CI job cancel). In every case the test
// process's end closes the pipe, and then we end the whole group: code-server, its
// extension hosts, and ourselves.

import { spawn } from 'node:child_process';

const GRACE_MS = 3000;
const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node reaper.mjs <command> [args...]\n');
  process.exit(2);
}

// stdout/stderr are the log file the parent opened; the child writes straight into it.
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;

/** Ask the group to stop, then force it (the SIGKILL also ends this process). */
function stopGroup() {
  if (stopping) return;
  stopping = true;
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), GRACE_MS).unref();
}

/** @param {NodeJS.Signals} signal */
function signalGroup(signal) {
  try {
    process.kill(-process.pid, signal);
  } catch {
    // group already gone
  }
}

// A group-wide SIGTERM from stop() reaches us too: keep running until the child has exited,
// so the parent can wait for our exit as "code-server is gone".
process.on('SIGTERM', () => { stopping = true; setTimeout(() => signalGroup('SIGKILL'), GRACE_MS).unref(); });
process.on('SIGINT', stopGroup);
process.on('SIGHUP', stopGroup);

// The parent holds the write end of our stdin; EOF means it exited, however it died.
process.stdin.on('end', stopGroup);
process.stdin.on('error', stopGroup);
process.stdin.resume();

child.on('error', (error) => {
  process.stderr.write(`reaper: could not start ${command}: ${error.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  process.stderr.write(`reaper: ${command} exited (${signal ?? code})\n`);
  process.exit(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15));
});
