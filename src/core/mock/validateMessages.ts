import { bytesFromBase64, bytesFromHex } from '../client/outgoing';
import { type Fields, has, indexPath, joinPath, MAX_DELAY_MS, type ProblemList } from './definitionFields';
import { templatePlaceholders, templateProblems } from './template';

/** How many capture groups a rule's regex has, or why there are none to count. */
export type RegexGroups = number | 'not-regex' | 'unknown';

/** Where a payload is sent from, which decides what its placeholders can be filled with. */
export type TemplateScope =
  /** onConnect and timers: no message to answer. */
  | { readonly kind: 'unprompted'; readonly where: string }
  /** A rule's reply; `groups` is how many capture groups its regex has, or why there are none. */
  | { readonly kind: 'reply'; readonly groups: RegexGroups };

export const PAYLOAD_KINDS = ['text', 'json', 'hex', 'base64'] as const;
const SEND_KEYS = [...PAYLOAD_KINDS, 'delayMs', 'fragments'];

/** A MockSend (or, with `extraKeys`, a MockReply). */
export function checkSend(problems: ProblemList, value: unknown, path: string, scope: TemplateScope, what = 'a message to send', extraKeys: readonly string[] = []): Fields | undefined {
  const fields = problems.object(value, path, what, [...SEND_KEYS, ...extraKeys]);
  if (!fields) return undefined;
  const bytes = checkPayloadFields(problems, fields, path, scope, what);
  problems.number(fields, path, 'delayMs', { min: 0, max: MAX_DELAY_MS, note: 'milliseconds to wait before sending' });
  const fragments = problems.number(fields, path, 'fragments', { min: 1, max: 1_000_000, integer: true, note: '(how many frames to split the message into)' });
  if (fragments !== undefined && bytes !== undefined && fragments > Math.max(1, bytes)) {
    problems.add(joinPath(path, 'fragments'), `${fragments} fragments for a ${bytes}-byte message: each fragment needs at least one byte. Use at most ${Math.max(1, bytes)}.`);
  }
  return fields;
}

/** A bare MockPayload, as a timer sends it. */
export function checkPayload(problems: ProblemList, value: unknown, path: string, scope: TemplateScope, what: string): void {
  const fields = problems.object(value, path, what, PAYLOAD_KINDS);
  if (fields) checkPayloadFields(problems, fields, path, scope, what);
}

/** Checks the payload kind of `fields`; returns the byte length when it is known before sending (binary). */
function checkPayloadFields(problems: ProblemList, fields: Fields, path: string, scope: TemplateScope, what: string): number | undefined {
  const kind = problems.oneKind(fields, path, what, PAYLOAD_KINDS);
  const at = joinPath(path, kind ?? '');
  if (kind === 'text') {
    const text = problems.string(fields, path, 'text', 'the message, with {{placeholders}}');
    if (text !== undefined) checkTemplate(problems, text, at, scope);
  } else if (kind === 'json') {
    problems.json(fields.json, at, (text, where) => checkTemplate(problems, text, where, scope));
  } else if (kind === 'hex' || kind === 'base64') {
    const text = problems.string(fields, path, kind, kind === 'hex' ? 'bytes as hex, e.g. "48 65 6c"' : 'bytes as base64, e.g. "SGVsbG8="');
    if (text !== undefined) return binaryLength(problems, text, at, kind);
  }
  return undefined;
}

function binaryLength(problems: ProblemList, text: string, path: string, kind: 'hex' | 'base64'): number | undefined {
  try {
    return (kind === 'hex' ? bytesFromHex(text) : bytesFromBase64(text)).length;
  } catch (error) {
    problems.add(path, `Not valid ${kind}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Placeholder problems, and placeholders that can never be filled where the template is used. */
export function checkTemplate(problems: ProblemList, template: string, path: string, scope: TemplateScope): void {
  for (const message of templateProblems(template)) problems.add(path, message);
  for (const placeholder of templatePlaceholders(template)) {
    const shown = `{{${placeholder.source}}}`;
    if (scope.kind === 'unprompted' && (placeholder.field === 'message' || placeholder.field === 'json' || placeholder.field === 'match')) {
      problems.add(path, `${shown} has nothing to fill it: ${scope.where} are not answers to a message. Use it in a rule's reply, or write the text itself.`);
    } else if (scope.kind === 'reply' && placeholder.field === 'match') {
      if (scope.groups === 'not-regex') problems.add(path, `${shown} is always empty: captures come from a "regex" match, and this rule does not match by regex. Match with "regex", or remove the placeholder.`);
      else if (typeof scope.groups === 'number' && placeholder.group > scope.groups) problems.add(path, `${shown} is always empty: the rule's regex has ${scope.groups} capture group${scope.groups === 1 ? '' : 's'}. Use {{match.0}} to {{match.${scope.groups}}}, or add a group ( … ) to the regex.`);
    }
  }
}

/** A MockTimer. */
export function checkTimer(problems: ProblemList, value: unknown, path: string): void {
  const fields = problems.object(value, path, 'a timer', ['everyMs', 'send', 'to']);
  if (!fields) return;
  if (!has(fields, 'everyMs')) problems.add(path, 'A timer needs "everyMs": how often to send, in milliseconds (e.g. 1000).');
  problems.number(fields, path, 'everyMs', { min: 1, max: MAX_DELAY_MS, note: 'milliseconds between sends' });
  if (!has(fields, 'send')) problems.add(path, 'A timer needs "send": the message, e.g. { "text": "tick {{counter}}" }.');
  else checkPayload(problems, fields.send, joinPath(path, 'send'), { kind: 'unprompted', where: 'timers' }, 'a timer\'s message');
  problems.choice(fields, path, 'to', ['all']);
}

/** Each entry of a list, checked by `check` at its index. */
export function checkEach(list: readonly unknown[] | undefined, path: string, check: (value: unknown, path: string, index: number) => void): void {
  list?.forEach((value, index) => check(value, indexPath(path, index), index));
}
