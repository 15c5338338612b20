import type { DefinitionProblem } from './validateDefinition';
import { closestName } from './spelling';

/** An object of a definition, its keys already checked against the allowed ones. */
export type Fields = Readonly<Record<string, unknown>>;

/** Longest setTimeout/setInterval delay; Node fires anything longer after 1 ms. */
export const MAX_DELAY_MS = 2_147_483_647;
/** Deeper JSON values are refused, so checking a hostile file cannot exhaust the stack. */
export const MAX_JSON_DEPTH = 100;

export function joinPath(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** A value as a person would recognise it in a message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether `fields` has `key` with a value (a key set to undefined counts as absent). */
export function has(fields: Fields, key: string): boolean {
  return Object.hasOwn(fields, key) && fields[key] !== undefined;
}

interface NumberRule {
  readonly min: number;
  readonly max?: number;
  readonly integer?: boolean;
  /** What the number means, to end the message: "(0 picks a free port)". */
  readonly note?: string;
}

/** Collects every problem of a definition, each at its path. */
export class ProblemList {
  readonly problems: DefinitionProblem[] = [];

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** `value` as an object whose keys are all in `allowed`, or undefined (reported) when it is no object. */
  object(value: unknown, path: string, what: string, allowed: readonly string[]): Fields | undefined {
    if (!isPlainObject(value)) {
      this.add(path, `${what.charAt(0).toUpperCase() + what.slice(1)} must be an object ({ … }); it is ${describeValue(value)}.`);
      return undefined;
    }
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.add(joinPath(path, key), unknownKey(key, what, allowed));
    return value;
  }

  /** The list at `key`, or undefined when absent or reported. */
  list(fields: Fields, path: string, key: string, what: string, minItems = 0): readonly unknown[] | undefined {
    if (!has(fields, key)) return undefined;
    const value = fields[key];
    if (!Array.isArray(value)) this.add(joinPath(path, key), `"${key}" must be a list ([ … ]) of ${what}; it is ${describeValue(value)}.`);
    else if (value.length < minItems) this.add(joinPath(path, key), `"${key}" needs at least ${minItems === 1 ? 'one' : minItems} ${what}.`);
    else return value;
    return undefined;
  }

  string(fields: Fields, path: string, key: string, what: string): string | undefined {
    if (!has(fields, key)) return undefined;
    const value = fields[key];
    if (typeof value === 'string') return value;
    this.add(joinPath(path, key), `"${key}" must be a string (${what}); it is ${describeValue(value)}.${typeof value === 'number' || typeof value === 'boolean' ? ` Write "${String(value)}" in quotes.` : ''}`);
    return undefined;
  }

  number(fields: Fields, path: string, key: string, rule: NumberRule): number | undefined {
    if (!has(fields, key)) return undefined;
    const value = fields[key];
    const ok = typeof value === 'number' && Number.isFinite(value) && (!rule.integer || Number.isInteger(value)) && value >= rule.min && value <= (rule.max ?? Number.MAX_SAFE_INTEGER);
    if (ok) return value;
    const kind = rule.integer ? 'a whole number' : 'a number';
    const range = rule.max === undefined ? `of at least ${rule.min}` : `from ${rule.min} to ${rule.max}`;
    const unquote = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? ` Write ${value.trim()} without quotes.` : '';
    this.add(joinPath(path, key), `"${key}" must be ${kind} ${range}${rule.note ? ` ${rule.note}` : ''}; it is ${describeValue(value)}.${unquote}`);
    return undefined;
  }

  boolean(fields: Fields, path: string, key: string, what: string): void {
    if (has(fields, key) && typeof fields[key] !== 'boolean') this.add(joinPath(path, key), `"${key}" must be true or false (${what}); it is ${describeValue(fields[key])}.`);
  }

  /** A key that only takes `true`: `{ "drop": true }`. */
  onlyTrue(fields: Fields, path: string, key: string, meaning: string): void {
    if (has(fields, key) && fields[key] !== true) this.add(joinPath(path, key), `"${key}" only takes true (${meaning}); it is ${describeValue(fields[key])}. Write "${key}": true, or remove it.`);
  }

  choice(fields: Fields, path: string, key: string, choices: readonly string[]): string | undefined {
    if (!has(fields, key)) return undefined;
    const value = fields[key];
    if (typeof value === 'string' && choices.includes(value)) return value;
    const guess = typeof value === 'string' ? closestName(value, choices) : undefined;
    this.add(joinPath(path, key), `"${key}" must be ${choices.map((c) => JSON.stringify(c)).join(' or ')}; it is ${describeValue(value)}.${guess ? ` Did you mean "${guess}"?` : ''}`);
    return undefined;
  }

  /** The one key of `kinds` that `fields` has, or undefined (reported) when it has none or several. */
  oneKind(fields: Fields, path: string, what: string, kinds: readonly string[]): string | undefined {
    const present = kinds.filter((kind) => has(fields, kind));
    if (present.length === 1) return present[0];
    const names = kinds.map((k) => `"${k}"`).join(', ');
    const What = what.charAt(0).toUpperCase() + what.slice(1);
    if (present.length === 0) this.add(path, `${What} needs one of ${names}; it has none.`);
    else this.add(path, `${What} takes exactly one of ${names}; it has ${present.map((k) => `"${k}"`).join(' and ')}. Keep one (split it into separate entries if you need both).`);
    return undefined;
  }

  /** Reports what in `value` is not JSON (undefined, functions, NaN, cycles, too deep); calls `onString` for every string. */
  json(value: unknown, path: string, onString?: (text: string, path: string) => void, depth = 0, seen = new Set<object>()): void {
    if (typeof value === 'string') onString?.(value, path);
    else if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return;
    else if (depth >= MAX_JSON_DEPTH) this.add(path, `This value nests deeper than ${MAX_JSON_DEPTH} levels; flatten it.`);
    else if (Array.isArray(value) || isPlainObject(value)) this.jsonChildren(value, path, onString, depth, seen);
    else this.add(path, `This must be a JSON value (object, list, string, number, true, false or null); it is ${describeValue(value)}.`);
  }

  private jsonChildren(value: object, path: string, onString: ((text: string, path: string) => void) | undefined, depth: number, seen: Set<object>): void {
    if (seen.has(value)) return this.add(path, 'This value contains itself; a JSON value cannot.');
    seen.add(value);
    if (Array.isArray(value)) value.forEach((item, i) => this.json(item, indexPath(path, i), onString, depth + 1, seen));
    else for (const [key, item] of Object.entries(value)) this.json(item, joinPath(path, key), onString, depth + 1, seen);
    seen.delete(value);
  }
}

function unknownKey(key: string, what: string, allowed: readonly string[]): string {
  const guess = closestName(key, allowed);
  const hint = guess ? `Did you mean "${guess}"? ` : '';
  return `"${key}" is not a key of ${what}. ${hint}Allowed here: ${allowed.join(', ')}.`;
}
