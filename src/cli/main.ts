import { USAGE, parseCliArgs } from './cliArgs';
import { runConnect } from './connectCommand';

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
      return runConnect(command, {
        stdin: process.stdin,
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
      });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`socket-lens: unexpected failure: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
