import { decodeUtf8Strict } from '../protocol/utf8Stream';
import type { MockMatch } from './mockDefinition';
import { type JsonPathSegment, parseJsonPath, valueAtPath } from './jsonPath';

/** A whole message from a client, as `ws` delivered it. */
export interface MockMessage {
  readonly kind: 'text' | 'binary';
  readonly data: Uint8Array;
}

/** What a matching rule's templates can use. */
export interface MatchResult {
  /** Regex groups (index 0 = the whole match; a group that took no part is ""), or []. */
  readonly captures: readonly string[];
  /** The message parsed as JSON when it is JSON text, else undefined. */
  readonly json: unknown;
}

type Reading = { text: string | undefined; json?: unknown };

const NOT_JSON = Symbol('not JSON');
// Compiled once per match object, so a definition's rules compile once however many messages come.
const regexes = new WeakMap<object, RegExp | null>();
const jsonPaths = new WeakMap<object, readonly JsonPathSegment[] | null>();
const readings = new WeakMap<MockMessage, Reading>();

/**
 * The result of `match` on `message`, or undefined when it does not match. An absent match
 * matches every message. Text, regex and JSON matches never match binary messages or text that
 * is not valid UTF-8; `{ binary: true }` matches every binary message.
 */
export function matchMessage(match: MockMatch | undefined, message: MockMessage): MatchResult | undefined {
  if (match === undefined) return { captures: [], json: message.kind === 'text' ? jsonOrUndefined(message) : undefined };
  if ('binary' in match) return message.kind === 'binary' && match.binary === true ? { captures: [], json: undefined } : undefined;
  if (message.kind !== 'text') return undefined;
  const text = readingOf(message).text;
  if (text === undefined) return undefined;
  if ('text' in match) return text === match.text ? { captures: [], json: jsonOrUndefined(message) } : undefined;
  if ('regex' in match) return matchRegex(match, text, message);
  const json = jsonOf(message);
  if (json === NOT_JSON) return undefined;
  if ('json' in match) return isSubset(json, match.json) ? { captures: [], json } : undefined;
  if ('jsonPath' in match) return matchJsonPath(match, json) ? { captures: [], json } : undefined;
  return undefined;
}

function matchRegex(match: { readonly regex: string; readonly flags?: string }, text: string, message: MockMessage): MatchResult | undefined {
  const regex = compiledRegex(match);
  if (!regex) return undefined;
  regex.lastIndex = 0;
  const found = regex.exec(text);
  return found ? { captures: Array.from(found, (group) => group ?? ''), json: jsonOrUndefined(message) } : undefined;
}

function matchJsonPath(match: { readonly jsonPath: string; readonly equals: unknown }, json: unknown): boolean {
  let segments = jsonPaths.get(match);
  if (segments === undefined) {
    const parsed = parseJsonPath(match.jsonPath);
    segments = 'segments' in parsed ? parsed.segments : null;
    jsonPaths.set(match, segments);
  }
  if (segments === null) return false;
  const value = valueAtPath(json, segments);
  return value !== undefined && deepEqual(value, match.equals);
}

function compiledRegex(match: { readonly regex: string; readonly flags?: string }): RegExp | null {
  let regex = regexes.get(match);
  if (regex === undefined) {
    try {
      regex = new RegExp(match.regex, match.flags ?? '');
    } catch {
      regex = null; // the definition check reports it; at run time the rule never matches
    }
    regexes.set(match, regex);
  }
  return regex;
}

/** A text message's text for templates (decoded once, shared with matching); "" for binary. */
export function messageText(message: MockMessage): string {
  return message.kind === 'text' ? (readingOf(message).text ?? '') : '';
}

function readingOf(message: MockMessage): Reading {
  let reading = readings.get(message);
  if (!reading) {
    reading = { text: decodeUtf8Strict(message.data) };
    readings.set(message, reading);
  }
  return reading;
}

function jsonOf(message: MockMessage): unknown {
  const reading = readingOf(message);
  if (!('json' in reading)) reading.json = reading.text === undefined ? NOT_JSON : parseOrNotJson(reading.text);
  return reading.json;
}

function jsonOrUndefined(message: MockMessage): unknown {
  const json = jsonOf(message);
  return json === NOT_JSON ? undefined : json;
}

function parseOrNotJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** Objects: every key of the pattern present and matching; arrays: same length, element by element. */
function isSubset(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) return Array.isArray(value) && value.length === pattern.length && pattern.every((item, i) => isSubset(value[i], item));
  if (isRecord(pattern)) return isRecord(value) && Object.keys(pattern).every((key) => Object.hasOwn(value, key) && isSubset(value[key], pattern[key]));
  return value === pattern;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isRecord(a)) return isRecord(b) && Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  return a === b;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
