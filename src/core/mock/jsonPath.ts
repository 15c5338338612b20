/**
 * The small JSON path language of mock rules and templates: `$` (the whole value), `.name`,
 * `['name']` or `["name"]` (any key, dots and spaces included) and `[0]` (an array element).
 */
export type JsonPathSegment = string | number;

export type ParsedJsonPath = { readonly segments: readonly JsonPathSegment[] } | { readonly error: string };

const DOT_NAME = /^\.([^.[\]'"\s]+)/;
const INDEX = /^\[(\d+)\]/;
const QUOTED = /^\[(?:'([^']*)'|"([^"]*)")\]/;

/** `$` followed by steps, as in a rule's `jsonPath`. */
export function parseJsonPath(path: string): ParsedJsonPath {
  if (!path.startsWith('$')) {
    const fixed = /^[.[]/.test(path) ? `$${path}` : `$.${path}`;
    return { error: `starts with ${JSON.stringify(path.slice(0, 1))}, but a JSON path starts with "$": write ${JSON.stringify(fixed)} (e.g. "$.type" or "$.items[0].id")` };
  }
  return parseJsonSteps(path.slice(1));
}

/** The steps after the root (`.a.b[0]`), as in a template's `{{json.a.b[0]}}`. */
export function parseJsonSteps(steps: string): ParsedJsonPath {
  const segments: JsonPathSegment[] = [];
  let rest = steps;
  while (rest.length > 0) {
    const step = readStep(rest);
    if (!step) return { error: stepError(steps, steps.length - rest.length) };
    segments.push(step.segment);
    rest = rest.slice(step.length);
  }
  return { segments };
}

/** The value at `segments` inside `value`, or undefined when any step is missing. Only own keys count. */
export function valueAtPath(value: unknown, segments: readonly JsonPathSegment[]): unknown {
  let here = value;
  for (const segment of segments) {
    if (typeof segment === 'number') here = Array.isArray(here) ? here[segment] : undefined;
    else here = isRecord(here) && Object.hasOwn(here, segment) ? here[segment] : undefined;
    if (here === undefined) return undefined;
  }
  return here;
}

function readStep(text: string): { readonly segment: JsonPathSegment; readonly length: number } | undefined {
  const index = INDEX.exec(text);
  if (index) return { segment: indexOf(index[1]!), length: index[0].length };
  const step = DOT_NAME.exec(text) ?? QUOTED.exec(text);
  return step ? { segment: step[1] ?? step[2] ?? '', length: step[0].length } : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function indexOf(digits: string): number {
  const index = Number(digits);
  return Number.isSafeInteger(index) ? index : Number.MAX_SAFE_INTEGER;
}

function stepError(steps: string, at: number): string {
  const near = JSON.stringify(steps.slice(at, at + 12));
  return `cannot read the step at ${near}: write each step as .name, ['name'] or [0] (a whole number)`;
}
