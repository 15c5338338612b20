/**
 * `{{name}}` placeholders in a composed message, resolved from the composer's name=value table
 * and a few built-ins (`{{$timestamp}}`, `{{$uuid}}`…), before anything is sent.
 */
import type { Checked } from './payloadEncoding';

/** What the built-ins read: the clock and a source of randomness (crypto, never Math.random). */
export interface VariableEnvironment {
  now(): number;
  uuid(): string;
  /** A whole number in [0, 1000]. */
  randomInt(): number;
}

/** The built-in variables, by name, with what each gives. */
export const BUILT_IN_VARIABLES: Readonly<Record<string, { readonly describe: string; readonly value: (env: VariableEnvironment) => string }>> = {
  $timestamp: { describe: 'Unix time in seconds', value: (env) => String(Math.floor(env.now() / 1000)) },
  $timestampMs: { describe: 'Unix time in milliseconds', value: (env) => String(env.now()) },
  $isoTimestamp: { describe: 'the time as ISO 8601, UTC', value: (env) => new Date(env.now()).toISOString() },
  $uuid: { describe: 'a random UUID v4', value: (env) => env.uuid() },
  $randomInt: { describe: 'a random whole number from 0 to 1000', value: (env) => String(env.randomInt()) },
};

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[A-Za-z_][\w.-]*$/;

/** One row of the table that could not be read. */
export interface VariableTable {
  readonly values: ReadonlyMap<string, string>;
  readonly errors: readonly string[];
}

/**
 * Reads the table as people write it: one `name=value` per line; blank lines and lines starting
 * with # are skipped; the value is everything after the first `=`, kept as typed.
 */
export function parseVariableTable(text: string): VariableTable {
  const values = new Map<string, string>();
  const errors: string[] = [];
  text.split('\n').forEach((raw, k) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const eq = line.indexOf('=');
    const name = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (eq < 0) errors.push(`Variables, line ${k + 1}: "${name}" has no "=". Write name=value.`);
    else if (!NAME.test(name)) errors.push(`Variables, line ${k + 1}: "${name}" is not a variable name. Use letters, digits, _ . or -, starting with a letter or _.`);
    else values.set(name, line.slice(eq + 1));
  });
  return { values, errors };
}

/** The names `text` refers to, in order of first use. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * `text` with every placeholder replaced; values are inserted as they are (not resolved again).
 * Unknown names are an error that lists them all.
 */
export function resolveVariables(text: string, table: ReadonlyMap<string, string>, env: VariableEnvironment): Checked<string> {
  const missing = variablesIn(text).filter((name) => !table.has(name) && !Object.hasOwn(BUILT_IN_VARIABLES, name));
  if (missing.length > 0) {
    const list = missing.map((n) => `{{${n}}}`).join(', ');
    const hint = missing.some((n) => n.startsWith('$')) ? `Built-ins: ${Object.keys(BUILT_IN_VARIABLES).join(', ')}.` : 'Add it to Variables as name=value.';
    return { ok: false, error: `Unknown variable${missing.length > 1 ? 's' : ''} ${list}. ${hint}` };
  }
  return { ok: true, value: text.replace(PLACEHOLDER, (_, name: string) => table.get(name) ?? BUILT_IN_VARIABLES[name]!.value(env)) };
}
