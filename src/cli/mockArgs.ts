import { splitOption } from './connectArgs';

export interface MockArgs {
  /** The definition file; undefined with --echo. */
  readonly file?: string;
  readonly echo: boolean;
  readonly port?: number;
  readonly host?: string;
  readonly json: boolean;
  /** --tls-self-signed: serve wss:// with a certificate made at start, whatever the file says about tls. */
  readonly tlsSelfSigned?: boolean;
}

export const MOCK_USAGE = `  mock FILE [--port N] [--host H] [--tls-self-signed] [--json]
  mock --echo [--port N] [--host H] [--tls-self-signed] [--json]
                         Run the mock server a *.wsmock.json file defines (or a plain echo
                         server) and print its URL, every connection, frame and message.
                         Saving the file applies its new rules to the clients connected.
                         SIGINT or SIGTERM close every client with 1001 and exit 0.
    --port N             Listen on this port instead of the file's (0: any free one).
    --host H             Listen on this address instead of the file's (default 127.0.0.1).
    --tls-self-signed    Serve wss:// with a self-signed certificate made at start; prints its
                         SHA-256 fingerprint and a file with it for clients to trust.
    --json               One JSON object per line: listening, connected, frame, message, …
`;

/** The arguments of `socket-lens mock`, or what is wrong with them. */
export function parseMockArgs(args: readonly string[]): MockArgs | string {
  let file: string | undefined;
  let echo = false;
  let json = false;
  let port: number | undefined;
  let host: string | undefined;
  let tlsSelfSigned = false;
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = splitOption(args[i]!);
    const value = () => inline ?? args[++i];
    if (name === '--echo') echo = true;
    else if (name === '--json') json = true;
    else if (name === '--tls-self-signed') tlsSelfSigned = true;
    else if (name === '--port') {
      const text = value();
      if (text === undefined || !/^\d+$/.test(text) || Number(text) > 65535) return `--port needs a port number from 0 to 65535${text === undefined ? '' : `, not "${text}"`}.`;
      port = Number(text);
    } else if (name === '--host') {
      host = value();
      if (!host) return '--host needs an address, for example 127.0.0.1.';
    } else if (name.startsWith('-')) return `Unknown option "${name}" for mock. Run socket-lens --help.`;
    else if (file === undefined) file = name;
    else return `mock takes one definition file, but got "${file}" and "${name}".`;
  }
  if (echo && file !== undefined) return 'mock takes a definition FILE or --echo, not both.';
  if (!echo && file === undefined) return 'mock needs a definition file (*.wsmock.json), or --echo for a plain echo server.';
  return { file, echo, json, ...(port !== undefined && { port }), ...(host !== undefined && { host }), ...(tlsSelfSigned && { tlsSelfSigned }) };
}

