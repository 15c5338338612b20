import { describeCloseCode, isValidWireCloseCode, MAX_CLOSE_REASON_BYTES } from '../protocol/closeCodes';
import { describeValue, type Fields, has, joinPath, MAX_DELAY_MS, type ProblemList } from './definitionFields';
import { parseJsonPath } from './jsonPath';
import { BROKEN_FRAMES } from './mockDefinition';
import { checkEach, checkSend, type RegexGroups, type TemplateScope } from './validateMessages';

const MATCH_KINDS = ['text', 'regex', 'json', 'jsonPath', 'binary'] as const;
const FAULT_KINDS = ['close', 'drop', 'stopReading', 'pings', 'brokenFrame'] as const;

/** A path's rules, in order; a rule after one that matches everything can never answer. */
export function checkRules(problems: ProblemList, rules: readonly unknown[] | undefined, path: string): void {
  let catchAll: string | undefined;
  checkEach(rules, path, (rule, at) => {
    if (catchAll !== undefined) problems.add(at, `This rule never runs: ${catchAll} has no "match", so it answers every message first. Move this rule above it, or give ${catchAll} a "match".`);
    const fields = checkRule(problems, rule, at);
    if (fields && !has(fields, 'match')) catchAll ??= at;
  });
}

function checkRule(problems: ProblemList, value: unknown, path: string): Fields | undefined {
  const fields = problems.object(value, path, 'a rule', ['match', 'reply', 'fault']);
  if (!fields) return undefined;
  const groups = has(fields, 'match') ? checkMatch(problems, fields.match, joinPath(path, 'match')) : 'not-regex';
  const scope: TemplateScope = { kind: 'reply', groups };
  const replies = problems.list(fields, path, 'reply', 'replies, e.g. [{ "text": "pong" }]');
  checkEach(replies, joinPath(path, 'reply'), (reply, at) => checkReply(problems, reply, at, scope));
  if (has(fields, 'fault')) checkFault(problems, fields.fault, joinPath(path, 'fault'));
  return fields;
}

function checkReply(problems: ProblemList, value: unknown, path: string, scope: TemplateScope): void {
  const fields = checkSend(problems, value, path, scope, 'a reply', ['to']);
  if (fields) problems.choice(fields, path, 'to', ['sender', 'all']);
}

/** A MockMatch; returns how many capture groups its regex has, for checking {{match.N}}. */
function checkMatch(problems: ProblemList, value: unknown, path: string): RegexGroups {
  const fields = problems.object(value, path, 'a match', [...MATCH_KINDS, 'flags', 'equals']);
  if (!fields) return 'unknown';
  const kind = problems.oneKind(fields, path, 'A match', MATCH_KINDS);
  if (has(fields, 'flags') && kind !== 'regex') problems.add(joinPath(path, 'flags'), '"flags" belongs to a "regex" match: add "regex", or remove "flags".');
  if (has(fields, 'equals') && kind !== 'jsonPath') problems.add(joinPath(path, 'equals'), '"equals" belongs to a "jsonPath" match: add "jsonPath", or remove "equals".');
  if (kind === 'text') problems.string(fields, path, 'text', 'the exact message');
  if (kind === 'json') problems.json(fields.json, joinPath(path, 'json'));
  if (kind === 'jsonPath') checkJsonPathMatch(problems, fields, path);
  problems.onlyTrue(fields, path, 'binary', 'it matches every binary message');
  if (kind === 'regex') return checkRegex(problems, fields, path);
  return kind === undefined ? 'unknown' : 'not-regex';
}

function checkRegex(problems: ProblemList, fields: Fields, path: string): number | 'unknown' {
  const source = problems.string(fields, path, 'regex', 'a JavaScript regular expression, e.g. "^ping (\\\\d+)$"');
  const flags = has(fields, 'flags') ? problems.string(fields, path, 'flags', 'regex flags, e.g. "i"') : '';
  if (source === undefined || flags === undefined) return 'unknown';
  try {
    new RegExp('', flags);
  } catch {
    problems.add(joinPath(path, 'flags'), `"${flags}" are not valid regex flags: use each of d, i, m, s, u (or v), g, y at most once, e.g. "i" to ignore case.`);
    return 'unknown';
  }
  try {
    const regex = new RegExp(source, flags);
    // An empty alternative always matches "", so the result's length counts every group.
    return new RegExp(`${regex.source}|`, flags.replace(/[gy]/g, '')).exec('')!.length - 1;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    problems.add(joinPath(path, 'regex'), `The regex does not compile: ${why}. Write a JavaScript regular expression; in JSON a backslash is written twice ("\\\\d").`);
    return 'unknown';
  }
}

function checkJsonPathMatch(problems: ProblemList, fields: Fields, path: string): void {
  const jsonPath = problems.string(fields, path, 'jsonPath', 'a path into the message, e.g. "$.type"');
  if (jsonPath !== undefined) {
    const parsed = parseJsonPath(jsonPath);
    if ('error' in parsed) problems.add(joinPath(path, 'jsonPath'), `The JSON path ${parsed.error}.`);
  }
  if (!has(fields, 'equals')) problems.add(path, 'A "jsonPath" match needs "equals": the value the message must have there, e.g. "equals": "subscribe".');
  else problems.json(fields.equals, joinPath(path, 'equals'));
}

export function checkFault(problems: ProblemList, value: unknown, path: string): void {
  const fields = problems.object(value, path, 'a fault', FAULT_KINDS);
  if (!fields) return;
  const kind = problems.oneKind(fields, path, 'A fault', FAULT_KINDS);
  if (kind === 'close') checkClose(problems, fields.close, joinPath(path, 'close'));
  problems.onlyTrue(fields, path, 'drop', 'it drops the TCP connection without a close frame');
  problems.onlyTrue(fields, path, 'stopReading', 'it stops reading from the client');
  if (kind === 'pings') checkPings(problems, fields.pings, joinPath(path, 'pings'));
  problems.choice(fields, path, 'brokenFrame', BROKEN_FRAMES);
}

/** A MockScheduledFault: a fault with its own clock. */
export function checkScheduledFault(problems: ProblemList, value: unknown, path: string): void {
  const fields = problems.object(value, path, 'a scheduled fault', ['afterMs', 'everyMs', 'fault']);
  if (!fields) return;
  if (!has(fields, 'afterMs')) problems.add(path, 'A scheduled fault needs "afterMs": how long after a client connects it strikes, e.g. 30000.');
  problems.number(fields, path, 'afterMs', { min: 0, max: MAX_DELAY_MS, note: 'milliseconds after the client connected' });
  problems.number(fields, path, 'everyMs', { min: 1, max: MAX_DELAY_MS, note: 'milliseconds between repeats' });
  if (!has(fields, 'fault')) problems.add(path, 'A scheduled fault needs "fault", e.g. { "close": { "code": 1012 } } or { "drop": true }.');
  else checkFault(problems, fields.fault, joinPath(path, 'fault'));
}

function checkClose(problems: ProblemList, value: unknown, path: string): void {
  const fields = problems.object(value, path, 'a close', ['code', 'reason']);
  if (!fields) return;
  if (!has(fields, 'code')) problems.add(path, 'A close needs "code", e.g. 1000 (normal), 1011 (internal error) or 4000 (your own).');
  const code = problems.number(fields, path, 'code', { min: 1000, max: 4999, integer: true, note: '(a close code)' });
  if (code !== undefined && !isValidWireCloseCode(code)) {
    problems.add(joinPath(path, 'code'), `${code} (${describeCloseCode(code).name}) may not be sent in a close frame (RFC 6455 §7.4). Use 1000-1003, 1007-1014 or 3000-4999; to end without a close frame, use the "drop" fault.`);
  }
  const reason = problems.string(fields, path, 'reason', 'the close reason');
  const bytes = reason === undefined ? 0 : Buffer.byteLength(reason, 'utf8');
  if (bytes > MAX_CLOSE_REASON_BYTES) problems.add(joinPath(path, 'reason'), `The reason is ${bytes} bytes in UTF-8; a close frame holds at most ${MAX_CLOSE_REASON_BYTES} (RFC 6455 §5.5). Shorten it.`);
}

function checkPings(problems: ProblemList, value: unknown, path: string): void {
  if (value === 'ignore') return;
  if (typeof value === 'string' || value === null || typeof value !== 'object') {
    problems.add(path, `"pings" must be "ignore" (never answer) or { "delayMs": 5000 } (answer late); it is ${describeValue(value)}.`);
    return;
  }
  const fields = problems.object(value, path, 'a late pong', ['delayMs']);
  if (fields && !has(fields, 'delayMs')) problems.add(path, 'Late pongs need "delayMs": how long to wait before each pong, e.g. { "delayMs": 5000 }.');
  if (fields) problems.number(fields, path, 'delayMs', { min: 0, max: MAX_DELAY_MS, note: 'milliseconds before each pong' });
}
