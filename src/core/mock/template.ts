import { randomUUID } from 'node:crypto';
import { TEMPLATE_FIELDS } from './mockDefinition';
import { type JsonPathSegment, parseJsonSteps, valueAtPath } from './jsonPath';
import { closestName } from './spelling';

/** What a reply's placeholders are filled from. */
export interface TemplateContext {
  readonly message: string;
  readonly json: unknown;
  readonly captures: readonly string[];
  readonly counter: number;
  readonly client: string;
  readonly path: string;
}

/** A placeholder that can be filled; `source` is the text between the braces. */
export type TemplatePlaceholder =
  | { readonly field: 'message' | 'counter' | 'uuid' | 'now' | 'nowMs' | 'client' | 'path'; readonly source: string }
  | { readonly field: 'json'; readonly segments: readonly JsonPathSegment[]; readonly source: string }
  | { readonly field: 'match'; readonly group: number; readonly source: string };

type Piece = { readonly literal: string } | { readonly placeholder: TemplatePlaceholder } | { readonly broken: string; readonly problem: string };

const SIMPLE_FIELDS = new Set(['message', 'counter', 'uuid', 'now', 'nowMs', 'client', 'path']);
const FIELD_LIST = '{{message}}, {{json}} or {{json.a.b}} / {{json.items[0].id}}, {{match.1}}, {{counter}}, {{uuid}}, {{now}}, {{nowMs}}, {{client}}, {{path}}';
const ESCAPE_HINT = 'write \\{{ (in a JSON file "\\\\{{") for a literal "{{"';

/**
 * `template` with every placeholder filled. Objects and arrays go in as JSON, a missing field or
 * capture as "". `\{{` is a literal "{{"; anything that is not a placeholder (which the
 * definition check reports) stays as written, so a person sees it in the reply.
 */
export function renderTemplate(template: string, context: TemplateContext): string {
  if (!template.includes('{{')) return template;
  let out = '';
  for (const piece of piecesOf(template)) {
    if ('literal' in piece) out += piece.literal;
    else if ('broken' in piece) out += piece.broken;
    else out += fill(piece.placeholder, context);
  }
  return out;
}

/** What is wrong with the placeholders of `template`, one sentence each; [] when nothing is. */
export function templateProblems(template: string): string[] {
  if (!template.includes('{{')) return [];
  return piecesOf(template).flatMap((piece) => ('problem' in piece ? [piece.problem] : []));
}

/** The placeholders `template` uses, for checks that depend on where it is sent from. */
export function templatePlaceholders(template: string): TemplatePlaceholder[] {
  if (!template.includes('{{')) return [];
  return piecesOf(template).flatMap((piece) => ('placeholder' in piece ? [piece.placeholder] : []));
}

function fill(placeholder: TemplatePlaceholder, context: TemplateContext): string {
  switch (placeholder.field) {
    case 'message': return context.message;
    case 'json': return asText(valueAtPath(context.json, placeholder.segments));
    case 'match': return context.captures[placeholder.group] ?? '';
    case 'counter': return String(context.counter);
    case 'uuid': return randomUUID();
    case 'now': return new Date().toISOString();
    case 'nowMs': return String(Date.now());
    case 'client': return context.client;
    case 'path': return context.path;
  }
}

function asText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

/** Templates parsed once: replies and timers render the same few templates for every message. */
const parsed = new Map<string, readonly Piece[]>();
/** A bound on the cache, for a definition reloaded many times with ever new templates. */
const MAX_PARSED = 1000;

function piecesOf(template: string): readonly Piece[] {
  let pieces = parsed.get(template);
  if (!pieces) {
    if (parsed.size >= MAX_PARSED) parsed.clear();
    pieces = parsePieces(template);
    parsed.set(template, pieces);
  }
  return pieces;
}

function parsePieces(template: string): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{{', at);
    if (open < 0) break;
    if (open > at && template[open - 1] === '\\') {
      literal += template.slice(at, open - 1) + '{{';
      at = open + 2;
      continue;
    }
    const close = template.indexOf('}}', open + 2);
    if (close < 0) {
      pieces.push({ literal: literal + template.slice(at, open) }, { broken: template.slice(open), problem: `"{{" at character ${open + 1} is never closed with "}}": close the placeholder, or ${ESCAPE_HINT}.` });
      return pieces;
    }
    pieces.push({ literal: literal + template.slice(at, open) }, readPlaceholder(template.slice(open + 2, close)));
    literal = '';
    at = close + 2;
  }
  pieces.push({ literal: literal + template.slice(at) });
  return pieces;
}

function readPlaceholder(source: string): Piece {
  const name = source.trim();
  const broken = `{{${source}}}`;
  if (SIMPLE_FIELDS.has(name)) return { placeholder: { field: name as 'message', source } };
  if (name === 'json' || name.startsWith('json.') || name.startsWith('json[')) {
    const parsed = parseJsonSteps(name.slice('json'.length));
    if ('error' in parsed) return { broken, problem: `${broken}: the field path ${parsed.error}, e.g. {{json.items[0].id}}.` };
    return { placeholder: { field: 'json', segments: parsed.segments, source } };
  }
  const group = /^match\.(\d{1,3})$/.exec(name);
  if (group) return { placeholder: { field: 'match', group: Number(group[1]), source } };
  if (name === 'match' || name.startsWith('match')) return { broken, problem: `${broken}: say which regex capture, e.g. {{match.1}} for the first group or {{match.0}} for the whole match.` };
  const guess = closestName(name.split(/[.[\s]/)[0] ?? name, TEMPLATE_FIELDS);
  const hint = guess ? `did you mean {{${guess}}}? ` : '';
  return { broken, problem: `${broken} is not a placeholder: ${hint}Use ${FIELD_LIST}; ${ESCAPE_HINT}.` };
}
