/** Parsed command line of `socket-lens`. Usage errors carry the message to print. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'connect'; readonly url: string; readonly headers: Record<string, string>; readonly protocols: string[]; readonly json: boolean }
  | { readonly kind: 'usage-error'; readonly message: string };

export const USAGE = `Usage: socket-lens <command> [options]

Commands:
  connect <url>          Connect to a WebSocket server (ws:// or wss://). Each line typed on
                         standard input is sent as a text message; end of input closes (1000).
    -H, --header "K: V"  Add a request header (repeatable).
    -p, --protocol NAME  Offer a subprotocol (repeatable).
    --json               Print one JSON object per line instead of text.

Options:
  -h, --help             Show this help.
  -v, --version          Show the version.
`;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') return { kind: 'help' };
  if (command === '-v' || command === '--version') return { kind: 'version' };
  if (command === 'connect') return parseConnect(rest);
  return { kind: 'usage-error', message: `Unknown command "${command}". Run socket-lens --help to see the commands.` };
}

function parseConnect(args: readonly string[]): CliCommand {
  const headers: Record<string, string> = {};
  const protocols: string[] = [];
  let url: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '-H' || arg === '--header') {
      const header = args[++i];
      const colon = header?.indexOf(':') ?? -1;
      if (header === undefined || colon <= 0) return { kind: 'usage-error', message: `${arg} needs a value like "Authorization: Bearer TOKEN".` };
      headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
    } else if (arg === '-p' || arg === '--protocol') {
      const protocol = args[++i];
      if (!protocol) return { kind: 'usage-error', message: `${arg} needs a subprotocol name.` };
      protocols.push(protocol);
    } else if (arg.startsWith('-')) return { kind: 'usage-error', message: `Unknown option "${arg}" for connect. Run socket-lens --help.` };
    else if (url === undefined) url = arg;
    else return { kind: 'usage-error', message: `connect takes one URL, but got "${url}" and "${arg}".` };
  }
  if (url === undefined) return { kind: 'usage-error', message: 'connect needs a URL, for example: socket-lens connect ws://127.0.0.1:8080/' };
  return { kind: 'connect', url, headers, protocols, json };
}
