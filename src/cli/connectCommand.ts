import { createInterface } from 'node:readline';
import { ClientConnection } from '../core/client/clientConnection';
import { SocketLensError } from '../core/errors';
import { checkWebSocketUrl } from '../core/url/webSocketUrl';
import type { ConnectArgs, ConnectScript } from './connectArgs';
import { jsonConnectPrinter, textConnectPrinter } from './connectFormat';
import { transportOptions } from './connectTransport';
import { LineCommands } from './slashCommands';

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  /** Where proxy variables and SOCKET_LENS_PASSPHRASE are read; process.env when absent. */
  readonly env?: NodeJS.ProcessEnv;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/**
 * `socket-lens connect`: prints the lifecycle, every frame and every message as it happens; sends
 * each line of standard input (or runs `--send`/`--wait`/`--close`). Resolves with the exit code:
 * 0 after a clean close, 1 on failure, 2 on bad input.
 */
export async function runConnect(args: ConnectArgs, io: CliIo): Promise<number> {
  const checked = checkWebSocketUrl(args.url);
  if (!checked.ok) {
    io.err(`socket-lens: ${checked.error.message}`);
    return 2;
  }
  const connection = new ClientConnection({ ...args.connection, ...transportOptions(args.transport, io.env ?? process.env), url: checked.url });
  const print = args.json ? jsonConnectPrinter(io) : textConnectPrinter(io);
  connection.onDidRecord((event) => print.event(event));
  connection.log.onDidAppend((entry) => print.message(entry));
  // Over for good: closed, failed, or out of retries (a reconnect in between is not the end).
  const finished = new Promise<void>((resolve) => connection.onDidFinish(resolve));
  try {
    await connection.connect();
  } catch (error) {
    // The listing already showed it as the lifecycle's error; JSON lines keep the plain line for scripts.
    const shown = !args.json && connection.snapshot().lifecycle.some((e) => e.kind === 'error' && e.detail === (error as Error).message);
    if (!shown) io.err(`socket-lens: ${(error as Error).message}`);
    connection.dispose();
    return error instanceof SocketLensError && BAD_OPTION_CODES.has(error.code) ? 2 : 1;
  }
  const stop = () => safeClose(connection, 1000, '');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const input = args.script ? runScript(connection, args.script, io) : readLines(connection, io);
  await finished;
  input.stop();
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  const close = connection.snapshot().close;
  connection.dispose();
  return close?.wasClean ? 0 : 1;
}

/** Errors that come from an option's value rather than from the server: exit 2, like a usage error. */
const BAD_OPTION_CODES = new Set(['connection/request', 'connection/tls-config', 'connection/proxy-config']);

interface Input {
  stop(): void;
}

function readLines(connection: ClientConnection, io: CliIo): Input {
  const input = createInterface({ input: io.stdin, terminal: false });
  const commands = new LineCommands(connection);
  input.on('line', (line) => {
    try {
      const reply = commands.run(line);
      if (reply) io.err(reply);
    } catch (error) {
      io.err(`socket-lens: ${(error as Error).message}`);
    }
  });
  input.on('close', () => safeClose(connection, 1000, ''));
  return { stop: () => input.close() };
}

/** --send each message, --wait, then --close. */
function runScript(connection: ClientConnection, script: ConnectScript, io: CliIo): Input {
  try {
    for (const text of script.sends) connection.sendText(text);
  } catch (error) {
    io.err(`socket-lens: ${(error as Error).message}`);
  }
  const timer = setTimeout(() => safeClose(connection, script.close.code, script.close.reason), script.waitMs);
  return { stop: () => clearTimeout(timer) };
}

function safeClose(connection: ClientConnection, code: number, reason: string): void {
  if (connection.snapshot().state !== 'closed') connection.close(code, reason);
}
