import { SocketLensError } from '../errors';
import { parseJsonPath, valueAtPath } from '../mock/jsonPath';

/**
 * A log filter on JSON messages: a path, alone (the value exists) or compared with a JSON
 * literal: `$.type`, `$.type == "trade"`, `$.error != null`.
 */
export class JsonPathFilter {
  /**
   * The last key of the path as it appears in raw JSON (`"type"`): a payload without it cannot
   * match, so most misses cost one byte search instead of a parse. A key written with escapes
   * in the payload (`"\u0074ype"`) is missed; people do not write JSON that way.
   */
  readonly keyNeedle: Buffer | undefined;

  private constructor(
    private readonly segments: readonly (string | number)[],
    private readonly compare: { readonly equal: boolean; readonly literal: string } | undefined,
  ) {
    const key = [...segments].reverse().find((s): s is string => typeof s === 'string');
    this.keyNeedle = key === undefined ? undefined : Buffer.from(JSON.stringify(key), 'utf8');
  }

  /** Parses `expression`; a SocketLensError 'log/query' says what is wrong with it. */
  static parse(expression: string): JsonPathFilter {
    const match = /^(.*?)\s*(==|!=)\s*(.*)$/s.exec(expression.trim());
    const pathText = (match ? match[1]! : expression).trim();
    const path = parseJsonPath(pathText);
    if ('error' in path) fail(`The JSON path ${JSON.stringify(pathText)} ${path.error}.`);
    if (!match) return new JsonPathFilter(path.segments, undefined);
    const literal = match[3]!.trim();
    let value: unknown;
    try {
      value = JSON.parse(literal);
    } catch {
      const hint = /^[A-Za-z_][\w-]*$/.test(literal) ? ` To compare with the string, quote it: ${JSON.stringify(literal)}.` : '';
      fail(`The value after ${match[2]} must be JSON (a number, "a string", true, false or null); got ${JSON.stringify(literal)}.${hint}`);
    }
    return new JsonPathFilter(path.segments, { equal: match[2] === '==', literal: canonical(value) });
  }

  /** True when `text` is JSON with a value at the path that passes the comparison. */
  matches(text: string): boolean {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return false;
    }
    const value = valueAtPath(json, this.segments);
    if (value === undefined) return false;
    return !this.compare || (canonical(value) === this.compare.literal) === this.compare.equal;
  }
}

/** JSON text with object keys sorted, so `{"a":1,"b":2}` equals `{"b":2,"a":1}`. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function fail(message: string): never {
  throw new SocketLensError('log/query', message);
}
