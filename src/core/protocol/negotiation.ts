/** Parsing of the negotiation headers: Sec-WebSocket-Protocol and Sec-WebSocket-Extensions (RFC 6455 §4.3, §9.1; RFC 7692 §7). */

export interface ExtensionParam {
  readonly name: string;
  /** The value, unquoted; `true` when the parameter has no value. */
  readonly value: string | true;
}

export interface ExtensionOffer {
  readonly name: string;
  readonly params: readonly ExtensionParam[];
}

export interface Parsed<T> {
  readonly value: T;
  /** What is malformed, each said so a person can fix the header. */
  readonly problems: readonly string[];
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** An HTTP token (RFC 7230 §3.2.6): header and cookie names, subprotocol and extension names. */
export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

/** Sec-WebSocket-Protocol: a comma-separated list of tokens, order and case kept. */
export function parseSubprotocols(header: string | undefined): Parsed<string[]> {
  if (header === undefined) return { value: [], problems: [] };
  const problems: string[] = [];
  const value: string[] = [];
  for (const item of header.split(',').map((s) => s.trim())) {
    if (!TOKEN.test(item)) problems.push(item === '' ? 'Sec-WebSocket-Protocol has an empty entry (two commas in a row or a trailing comma).' : `"${item}" is not a valid subprotocol name: it must be an HTTP token (no spaces, quotes or separators).`);
    else if (value.includes(item)) problems.push(`Subprotocol "${item}" is listed twice.`);
    else value.push(item);
  }
  return { value, problems };
}

/** Sec-WebSocket-Extensions: `name; param; param=value, name2 …` with quoted values allowed. */
export function parseExtensions(header: string | undefined): Parsed<ExtensionOffer[]> {
  if (header === undefined || header.trim() === '') return { value: [], problems: [] };
  const problems: string[] = [];
  const value: ExtensionOffer[] = [];
  for (const item of splitOutsideQuotes(header, ',')) {
    const [nameText = '', ...paramTexts] = splitOutsideQuotes(item, ';').map((s) => s.trim());
    if (!TOKEN.test(nameText)) {
      problems.push(`"${item.trim()}" does not start with a valid extension name.`);
      continue;
    }
    const params: ExtensionParam[] = [];
    for (const text of paramTexts) {
      const equals = text.indexOf('=');
      const name = (equals < 0 ? text : text.slice(0, equals)).trim();
      const raw = equals < 0 ? undefined : text.slice(equals + 1).trim();
      const unquoted = raw?.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
      if (!TOKEN.test(name)) problems.push(`Extension ${nameText} has a malformed parameter "${text}".`);
      else if (unquoted !== undefined && !TOKEN.test(unquoted)) problems.push(`Parameter ${name} of ${nameText} has a malformed value "${raw}".`);
      else params.push({ name, value: unquoted ?? true });
    }
    value.push({ name: nameText, params });
  }
  return { value, problems };
}

/** The permessage-deflate parameters of RFC 7692 §7.1. */
export interface PerMessageDeflateParams {
  readonly serverNoContextTakeover: boolean;
  readonly clientNoContextTakeover: boolean;
  /** LZ77 window of the server's compressor, 8-15 bits; undefined means 15 (the default). */
  readonly serverMaxWindowBits: number | undefined;
  /** A number, or `true` in an offer meaning "the server may choose". */
  readonly clientMaxWindowBits: number | true | undefined;
}

/** Reads one permessage-deflate offer or response; `isResponse` applies the stricter rules for the server's answer. */
export function parsePerMessageDeflate(offer: ExtensionOffer, isResponse: boolean): Parsed<PerMessageDeflateParams> {
  const problems: string[] = [];
  const seen = new Set<string>();
  let serverNoContextTakeover = false;
  let clientNoContextTakeover = false;
  let serverMaxWindowBits: number | undefined;
  let clientMaxWindowBits: number | true | undefined;
  for (const { name, value } of offer.params) {
    if (seen.has(name)) problems.push(`permessage-deflate has ${name} twice (RFC 7692 §7).`);
    seen.add(name);
    if (name === 'server_no_context_takeover' || name === 'client_no_context_takeover') {
      if (value !== true) problems.push(`${name} takes no value (RFC 7692 §7.1.1).`);
      if (name === 'server_no_context_takeover') serverNoContextTakeover = true;
      else clientNoContextTakeover = true;
    } else if (name === 'server_max_window_bits' || name === 'client_max_window_bits') {
      const bits = value === true ? true : windowBits(value);
      if (bits === undefined) problems.push(`${name}=${String(value)} must be a whole number from 8 to 15 (RFC 7692 §7.1.2).`);
      else if (bits === true && (name === 'server_max_window_bits' || isResponse)) problems.push(`${name} needs a value from 8 to 15 here (RFC 7692 §7.1.2).`);
      else if (name === 'server_max_window_bits') serverMaxWindowBits = bits as number;
      else clientMaxWindowBits = bits;
    } else {
      problems.push(`permessage-deflate has an unknown parameter ${name} (RFC 7692 §7).`);
    }
  }
  return { value: { serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits, clientMaxWindowBits }, problems };
}

function windowBits(value: string): number | undefined {
  if (!/^(8|9|1[0-5])$/.test(value)) return undefined;
  return Number(value);
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && quoted) {
      current += c + (text[++i] ?? '');
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}
