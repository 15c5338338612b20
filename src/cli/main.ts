import { once } from 'node:events';
import { USAGE, parseCliArgs } from './cliArgs';
import { runConnect, type CliIo } from './connectCommand';
import { runDecode, type DecodeIo } from './decodeCommand';
import { runMock } from './mockCommand';

declare const SOCKET_LENS_VERSION: string | undefined;

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCliArgs(argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version':
      process.stdout.write(`${typeof SOCKET_LENS_VERSION === 'string' ? SOCKET_LENS_VERSION : 'dev'}\n`);
      return 0;
    case 'usage-error':
      process.stderr.write(`socket-lens: ${command.message}\n`);
      return 2;
    case 'connect':
      return runConnect(command, processIo());
    case 'decode':
      return runDecode(command, bufferedProcessIo());
    case 'mock':
      return runMock(command, processIo());
  }
}

function processIo(): CliIo {
  return {
    stdin: process.stdin,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}

/** Standard output written a batch of lines at a time, waiting while the reader catches up. */
function bufferedProcessIo(): DecodeIo {
  let lines: string[] = [];
  return {
    ...processIo(),
    out: (line) => lines.push(line),
    flush: async () => {
      if (lines.length === 0) return;
      const text = `${lines.join('\n')}\n`;
      lines = [];
      if (!process.stdout.write(text)) await once(process.stdout, 'drain');
    },
  };
}

// `socket-lens decode capture.bin | head` closes the pipe early: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`socket-lens: unexpected failure: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
