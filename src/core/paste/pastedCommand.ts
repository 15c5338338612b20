import { type Checked, checkHeader, fail, type HeaderPair, isWrittenByHandshake, parseSubprotocolList } from '../client/requestInput';
import { authorizationValue, type ClientAuth } from '../client/upgradeRequest';
import { checkWebSocketUrl } from '../url/webSocketUrl';
import { shellWords } from './shellWords';
import { COMMAND_OPTIONS, type OptionUse, type PastedTool } from './toolOptions';

/** The request a pasted wscat, websocat, curl or socket-lens command makes. */
export interface PastedCommand {
  readonly tool: PastedTool;
  readonly url: string;
  readonly headers: readonly HeaderPair[];
  readonly protocols: readonly string[];
  /**
   * What the command says that does not change the request: its other options by name (never
   * their values, which may be secrets) and the handshake headers Socket Lens writes itself.
   */
  readonly leftOut: readonly string[];
  /** Words that are neither the URL nor an option's value (websocat's "-" for standard input, say). */
  readonly otherWords: number;
}

/** The tool a text starts with (after npx or sudo), when it reads as a command rather than a URL. */
export function pastedTool(text: string): PastedTool | undefined {
  const first = text.trim().match(/^(?:sudo\s+)?(?:npx\s+(?:(?:-y|--yes)\s+)?)?(\S+)\s/)?.[1];
  const name = first === undefined ? undefined : toolName(first);
  return name !== undefined && Object.hasOwn(COMMAND_OPTIONS, name) ? (name as PastedTool) : undefined;
}

/** A program's name as a command line gives it: /usr/bin/curl and curl.exe are curl. */
function toolName(word: string): string {
  return word.replace(/^.*[\\/]/, '').replace(/\.(exe|cmd)$/i, '');
}

/** The URL, headers and subprotocols of a pasted command, or what keeps it from being read. */
export function parsePastedCommand(text: string): Checked<PastedCommand> {
  const tool = pastedTool(text);
  if (!tool) return fail(`Paste a wscat, websocat, curl or socket-lens connect command, or a ws:// or wss:// URL.`);
  const split = shellWords(text);
  if (!split.ok) return split;
  const words = split.value;
  let args = words.slice(words.findIndex((w) => toolName(w) === tool) + 1);
  if (tool === 'socket-lens') {
    if (args[0] !== 'connect') return fail(args[0] === 'mock' ? 'socket-lens mock starts a mock server: use Socket Lens: Start Mock Server… instead.' : 'Paste a socket-lens connect command: it names the URL to connect to.');
    args = args.slice(1);
  }
  const request = new RequestBuilder(tool);
  const options = COMMAND_OPTIONS[tool];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const use = Object.hasOwn(options, name) ? options[name] : undefined;
    if (use === undefined) {
      // By name only: an unknown --name=value may hold a secret.
      if (arg.startsWith('-') && arg !== '-') request.leftOut.push(name);
      else request.positional(arg);
      continue;
    }
    if (use === 'flag' || use === 'count-or-flag') {
      request.leftOut.push(name);
      if (use === 'count-or-flag' && inline === undefined && /^\d+$/.test(args[i + 1] ?? '')) i++;
      continue;
    }
    if (use === 'server') return fail(`${name} makes ${tool} a server: use Socket Lens: Start Mock Server… instead.`);
    const value = inline ?? args[++i];
    if (value === undefined) return fail(`${name} at the end of the command has no value: paste the whole command.`);
    const problem = request.apply(use, name, value);
    if (problem) return fail(problem);
  }
  return request.result();
}

/** Collects what the options say, in order. */
class RequestBuilder {
  readonly leftOut: string[] = [];
  private otherWords = 0;
  private url: string | undefined;
  private readonly headers: HeaderPair[] = [];
  private readonly protocols: string[] = [];
  private readonly query: [string, string][] = [];

  constructor(private readonly tool: PastedTool) {}

  positional(word: string): void {
    if (this.url === undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(word)) this.url = word;
    else this.otherWords++;
  }

  /** Applies an option's value; returns what is wrong with it. */
  apply(use: Exclude<OptionUse, 'flag' | 'count-or-flag' | 'server'>, name: string, value: string): string | undefined {
    switch (use) {
      case 'env':
        return `${name} reads the credential from the environment variable ${value}, which Socket Lens cannot see: write ${name.replace('-env', '')} with the value itself, or add the header with +.`;
      case 'url':
        this.url = value;
        return undefined;
      case 'header': {
        const colon = value.indexOf(':');
        if (colon < 0) return `${name} needs a header as "Name: value" (there is no ":" in one of them).`;
        return this.header(value.slice(0, colon).trim(), value.slice(colon + 1).trim());
      }
      case 'protocol':
        this.protocols.push(...value.split(',').map((p) => p.trim()));
        return undefined;
      case 'origin':
        return this.header('Origin', value);
      case 'user-agent':
        return this.header('User-Agent', value);
      case 'referer':
        return this.header('Referer', value);
      case 'basic': {
        const colon = value.indexOf(':');
        return colon < 0 ? `${name} needs USER:PASSWORD.` : this.auth({ kind: 'basic', username: value.slice(0, colon), password: value.slice(colon + 1) });
      }
      case 'bearer':
        return this.auth({ kind: 'bearer', token: value });
      case 'cookie':
        // curl -b also takes a file to read cookies from: that is left out.
        if (!value.includes('=')) this.leftOut.push(name);
        else return this.header('Cookie', value);
        return undefined;
      case 'query': {
        const equals = value.indexOf('=');
        if (equals < 1) return `${name} needs name=value.`;
        this.query.push([value.slice(0, equals), value.slice(equals + 1)]);
        return undefined;
      }
      case 'value':
        this.leftOut.push(name);
        return undefined;
    }
  }

  /** Authorization as the connection itself would write it. */
  private auth(auth: ClientAuth): string | undefined {
    try {
      return this.header('Authorization', authorizationValue(auth));
    } catch (error) {
      return (error as Error).message;
    }
  }

  private header(name: string, value: string): string | undefined {
    const lower = name.toLowerCase();
    if (lower === 'sec-websocket-protocol') {
      this.protocols.push(...value.split(',').map((p) => p.trim()));
      return undefined;
    }
    // A browser's "Copy as cURL" has them all; curl itself also writes Host, which the URL gives.
    if (lower === 'host' || isWrittenByHandshake(name)) {
      this.leftOut.push(`${name} header`);
      return undefined;
    }
    const cookie = lower === 'cookie' ? this.headers.findIndex(([n]) => n.toLowerCase() === 'cookie') : -1;
    if (cookie >= 0) {
      this.headers[cookie] = [this.headers[cookie]![0], `${this.headers[cookie]![1]}; ${value}`];
      return undefined;
    }
    const checked = checkHeader(name, value, this.headers.map(([n]) => n));
    if (!checked.ok) return checked.message;
    this.headers.push(checked.value);
    return undefined;
  }

  result(): Checked<PastedCommand> {
    if (this.url === undefined) return fail(`The ${this.tool} command has no ws:// or wss:// URL to connect to.`);
    // curl takes a WebSocket URL as http(s) too, the upgrade written as headers.
    const text = this.tool === 'curl' ? this.url.replace(/^http(s?):/i, 'ws$1:') : this.url;
    const checked = checkWebSocketUrl(text);
    if (!checked.ok) return fail(checked.error.message);
    for (const [name, value] of this.query) checked.url.searchParams.append(name, value);
    const protocols = parseSubprotocolList(this.protocols.join(','));
    if (!protocols.ok) return protocols;
    return { ok: true, value: { tool: this.tool, url: this.query.length ? checked.url.href : text, headers: this.headers, protocols: protocols.value, leftOut: this.leftOut, otherWords: this.otherWords } };
  }
}
