// A tiny draft-07 checker for the keywords our schemas (schemas/*.schema.json) use, so tests can
// hold each schema and its parser (validateMockDefinition, checkSavedConnections) to the same
// verdicts without a new dependency. A keyword it does not know fails loudly, so a schema cannot
// outgrow the checker unnoticed. Test code only.

type Schema = { readonly [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'examples', 'default', 'defaultSnippets', 'definitions']);

/** Where `value` breaks `schema` (JSON pointers to the value), or [] when it conforms. */
export function schemaErrors(schema: Schema, value: unknown, root: Schema = schema, at = ''): string[] {
  const errors: string[] = [];
  for (const [keyword, argument] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    const check = KEYWORDS[keyword];
    if (!check) throw new Error(`jsonSchemaSubset: keyword "${keyword}" is not implemented; add it to the checker`);
    const failed = check(argument, value, schema, root, at);
    if (failed) errors.push(...(typeof failed === 'string' ? [`${at}: ${failed}`] : failed));
  }
  return errors;
}

type Check = (argument: unknown, value: unknown, schema: Schema, root: Schema, at: string) => string | string[] | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const sub = (s: unknown): Schema => s as Schema;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) && typeof a === typeof b;
}

const KEYWORDS: Record<string, Check> = {
  type: (t, v) => (typeOf(v) === t || (t === 'number' && typeOf(v) === 'integer') ? undefined : `not of type ${String(t)}`),
  enum: (e, v) => ((e as unknown[]).some((item) => jsonEqual(item, v)) ? undefined : 'not in enum'),
  const: (c, v) => (jsonEqual(c, v) ? undefined : 'not the const'),
  minimum: (m, v) => (typeof v === 'number' && v < (m as number) ? `below ${String(m)}` : undefined),
  maximum: (m, v) => (typeof v === 'number' && v > (m as number) ? `above ${String(m)}` : undefined),
  minLength: (m, v) => (typeof v === 'string' && [...v].length < (m as number) ? 'too short' : undefined),
  maxLength: (m, v) => (typeof v === 'string' && [...v].length > (m as number) ? 'too long' : undefined),
  pattern: (p, v) => (typeof v === 'string' && !new RegExp(p as string, 'u').test(v) ? `does not match ${String(p)}` : undefined),
  minItems: (m, v) => (Array.isArray(v) && v.length < (m as number) ? 'too few items' : undefined),
  uniqueItems: (u, v) => (u && Array.isArray(v) && new Set(v.map((item) => JSON.stringify(item))).size !== v.length ? 'items repeat' : undefined),
  items: (s, v, _, root, at) => (Array.isArray(v) ? v.flatMap((item, i) => schemaErrors(sub(s), item, root, `${at}/${i}`)) : undefined),
  required: (r, v) => (isObject(v) ? (r as string[]).filter((key) => !Object.hasOwn(v, key)).map((key) => `missing ${key}`) : undefined),
  properties: (p, v, _, root, at) => (isObject(v) ? Object.entries(p as Record<string, unknown>).flatMap(([key, s]) => (Object.hasOwn(v, key) ? schemaErrors(sub(s), v[key], root, `${at}/${key}`) : [])) : undefined),
  additionalProperties: (a, v, schema, root, at) => {
    if (!isObject(v)) return undefined;
    const extra = Object.keys(v).filter((key) => !Object.hasOwn((schema.properties ?? {}) as object, key));
    return a === false ? extra.map((key) => `${at}: unknown ${key}`) : extra.flatMap((key) => schemaErrors(sub(a), v[key], root, `${at}/${key}`));
  },
  propertyNames: (s, v, _, root, at) => (isObject(v) ? Object.keys(v).flatMap((key) => schemaErrors(sub(s), key, root, `${at}/${key}`)) : undefined),
  dependencies: (d, v) => (isObject(v) ? Object.entries(d as Record<string, string[]>).flatMap(([key, needs]) => (Object.hasOwn(v, key) ? needs.filter((n) => !Object.hasOwn(v, n)).map((n) => `${key} needs ${n}`) : [])) : undefined),
  anyOf: (list, v, _, root, at) => ((list as unknown[]).some((s) => schemaErrors(sub(s), v, root, at).length === 0) ? undefined : 'matches none of anyOf'),
  oneOf: (list, v, _, root, at) => {
    const matching = (list as unknown[]).filter((s) => schemaErrors(sub(s), v, root, at).length === 0).length;
    return matching === 1 ? undefined : `matches ${matching} of oneOf`;
  },
  $ref: (ref, v, _, root, at) => {
    const name = /^#\/definitions\/(\w+)$/.exec(ref as string)?.[1];
    const target = name === undefined ? undefined : (root.definitions as Record<string, unknown>)[name];
    if (target === undefined) throw new Error(`jsonSchemaSubset: cannot resolve ${String(ref)}`);
    return schemaErrors(sub(target), v, root, at);
  },
};
