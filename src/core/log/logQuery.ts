import { SocketLensError } from '../errors';
import { isDirection, kindCode, type Direction, type LogEntry, type MessageKind } from './logEntry';
import { Flag } from './logColumns';
import { JsonPathFilter } from './jsonPathFilter';

/**
 * Which entries to find. Every field given must match. `text` and `regex` look at an entry's
 * searchable text:
 * - text messages: the payload decoded as UTF-8;
 * - close frames: the code and the reason, as "1000 bye" (empty when there is no code);
 * - binary, ping and pong: the payload as lowercase hex digits without separators ("deadbeef"),
 *   and `text` is read as hex with whitespace and case ignored, so "DE AD" finds de ad. A `text`
 *   that is not hex digits matches no binary entry.
 * Case-sensitive `text` on a text message is searched as its UTF-8 bytes, which is the same as
 * searching the decoded text unless the payload is invalid UTF-8.
 */
export interface LogQuery {
  readonly direction?: Direction;
  /** Kinds to keep; an empty list keeps none. */
  readonly kinds?: readonly MessageKind[];
  /** A literal to find. */
  readonly text?: string;
  /** A pattern to find: a RegExp (its `g` and `y` flags are ignored) or its source. */
  readonly regex?: string | RegExp;
  /**
   * Text messages holding JSON with a value at this path, optionally compared with a JSON
   * literal: `$.type`, `$.type == "trade"`, `$.error != null`. Other kinds never match it.
   */
  readonly jsonPath?: string;
  /** `text` and a `regex` source match regardless of case. */
  readonly ignoreCase?: boolean;
  /** Scan from this id on; evicted ids are skipped. Default: the oldest entry. */
  readonly fromId?: number;
  /** At most this many entries (default DEFAULT_QUERY_LIMIT); `count` ignores it. */
  readonly limit?: number;
}

export interface LogQueryResult {
  /** The matching entries, oldest first. */
  readonly entries: LogEntry[];
  /** The `fromId` that continues after this page; undefined when the scan reached the newest entry. */
  readonly nextId: number | undefined;
}

export const DEFAULT_QUERY_LIMIT = 1000;

/** A query checked and ready to run against the columns. */
export interface CompiledQuery {
  /** Indexed by a row's flags byte: 1 when its direction and kind pass. */
  readonly accepts: Uint8Array;
  /** Undefined when every payload passes. */
  readonly payload: PayloadMatcher | undefined;
  readonly fromId: number;
  readonly limit: number;
}

export function compileQuery(query: LogQuery): CompiledQuery {
  if (typeof query !== 'object' || query === null) fail(`A query is an object such as { text: "error" }; got ${describe(query)}.`);
  const { direction, kinds, text, regex, jsonPath, ignoreCase = false, fromId, limit = DEFAULT_QUERY_LIMIT } = query;
  if (direction !== undefined && !isDirection(direction)) fail(`direction must be "in" or "out"; got ${describe(direction)}.`);
  if (kinds !== undefined && (!Array.isArray(kinds) || kinds.some((k) => kindCode(k) < 0))) {
    fail(`kinds must be a list of "text", "binary", "ping", "pong" and "close"; got ${describe(kinds)}.`);
  }
  if (text !== undefined && typeof text !== 'string') fail(`text must be a string; got ${describe(text)}.`);
  if (fromId !== undefined && (typeof fromId !== 'number' || Number.isNaN(fromId))) fail(`fromId must be an entry id (a number); got ${describe(fromId)}.`);
  if (typeof limit !== 'number' || !(limit >= 0) || (!Number.isInteger(limit) && limit !== Infinity)) fail(`limit must be a whole number, 0 or more; got ${describe(limit)}.`);
  if (jsonPath !== undefined && typeof jsonPath !== 'string') fail(`jsonPath must be a string such as "$.type"; got ${describe(jsonPath)}.`);
  const pattern = regex === undefined ? undefined : compileRegex(regex, ignoreCase === true);
  const json = jsonPath === undefined ? undefined : JsonPathFilter.parse(jsonPath);
  return {
    accepts: flagsTable(direction, json ? (kinds ?? ['text']).filter((k) => k === 'text') : kinds),
    payload: text === undefined && !pattern && !json ? undefined : new PayloadMatcher(text, ignoreCase === true, pattern, json),
    fromId: fromId ?? -Infinity,
    limit,
  };
}

/** Decides whether a payload, read in place as `bytes[start, end)`, matches `text` and `regex`. */
export class PayloadMatcher {
  /** `text` as UTF-8, searched as bytes when case matters. */
  private readonly needle: Buffer | undefined;
  /** `text` as a case-insensitive pattern when case does not matter. */
  private readonly foldedText: RegExp | undefined;
  /** `text` as hex digits for binary payloads; null when it is not hex (no binary payload matches). */
  private readonly hexText: string | null | undefined;
  // The first place `needle` occurs in `hitBuffer` at or after `hitFrom`. Rows are scanned in
  // order, so one search serves every row up to the hit: a chunk without the text costs one.
  private hitBuffer: Buffer | undefined;
  private hitFrom = 0;
  private hitAt = 0;

  constructor(
    private readonly text: string | undefined,
    ignoreCase: boolean,
    private readonly pattern: RegExp | undefined,
    private readonly json?: JsonPathFilter,
  ) {
    if (text === undefined) return;
    if (ignoreCase) this.foldedText = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    else this.needle = Buffer.from(text, 'utf8');
    const hex = text.replace(/\s+/g, '').toLowerCase();
    this.hexText = /^[0-9a-f]*$/.test(hex) ? hex : null;
  }

  /** Forgets where the text was last found: the arena may have grown since the last scan. */
  startScan(): void {
    this.hitBuffer = undefined;
  }

  /** `kind`: the row's 3-bit kind code. */
  matches(kind: number, bytes: Buffer, start: number, end: number): boolean {
    if (kind === 0) {
      if (this.needle && !this.contains(bytes, start, end)) return false;
      const key = this.json?.keyNeedle;
      if (key && bytes.subarray(start, end).indexOf(key) < 0) return false;
      if (!this.foldedText && !this.pattern && !this.json) return true;
      const text = bytes.toString('utf8', start, end);
      return (!this.foldedText || this.foldedText.test(text)) && (!this.pattern || this.pattern.test(text)) && (!this.json || this.json.matches(text));
    }
    if (kind === 4) {
      const text = closeText(bytes, start, end);
      const literal = this.text === undefined || (this.foldedText ? this.foldedText.test(text) : text.includes(this.text));
      return literal && (!this.pattern || this.pattern.test(text));
    }
    if (this.hexText === null) return false;
    const hex = bytes.toString('hex', start, end);
    return (this.hexText === undefined || hex.includes(this.hexText)) && (!this.pattern || this.pattern.test(hex));
  }

  private contains(bytes: Buffer, start: number, end: number): boolean {
    const needle = this.needle!;
    if (needle.length === 0) return true;
    if (end - start < needle.length) return false;
    if (bytes !== this.hitBuffer || start < this.hitFrom || this.hitAt < start) {
      const at = bytes.indexOf(needle, start);
      this.hitBuffer = bytes;
      this.hitFrom = start;
      this.hitAt = at < 0 ? Infinity : at;
    }
    return this.hitAt + needle.length <= end;
  }
}

/** RFC 6455 §5.5.1: "code reason" for a close payload. */
function closeText(bytes: Buffer, start: number, end: number): string {
  if (end - start < 2) return '';
  return `${(bytes[start]! << 8) | bytes[start + 1]!} ${bytes.toString('utf8', start + 2, end)}`;
}

function compileRegex(regex: string | RegExp, ignoreCase: boolean): RegExp {
  if (regex instanceof RegExp) {
    // A global or sticky RegExp remembers where it stopped; testing many payloads needs neither.
    const flags = regex.flags.replace(/[gy]/g, '');
    return new RegExp(regex.source, ignoreCase && !flags.includes('i') ? `${flags}i` : flags);
  }
  if (typeof regex !== 'string') fail(`regex must be a RegExp or its source as a string; got ${describe(regex)}.`);
  try {
    return new RegExp(regex, ignoreCase ? 'i' : '');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`The regular expression ${JSON.stringify(regex)} is not valid (${reason}). Fix the pattern, or search for it as plain text.`);
  }
}

function flagsTable(direction: Direction | undefined, kinds: readonly MessageKind[] | undefined): Uint8Array {
  const table = new Uint8Array(256);
  const wantedKinds = kinds && new Set(kinds.map(kindCode));
  for (let flags = 0; flags < 256; flags++) {
    const out = (flags & Flag.OUT) !== 0;
    const kind = (flags & Flag.KIND_MASK) >> Flag.KIND_SHIFT;
    const directionPasses = direction === undefined || (direction === 'out') === out;
    table[flags] = directionPasses && (!wantedKinds || wantedKinds.has(kind)) ? 1 : 0;
  }
  return table;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return value === null || typeof value !== 'object' ? String(value) : 'an object';
}

function fail(message: string): never {
  throw new SocketLensError('log/query', message);
}
