import { SocketLensError } from '../errors';
import type { MockDefinition, MockPath, MockRule, MockSend } from '../mock/mockDefinition';
import { describeProblem, validateMockDefinition } from '../mock/validateDefinition';
import { redactUrl } from '../redaction/redactUrl';
import type { ImportedMessage, ImportedSession } from './harImport';

/** A mock that plays the server's side of an imported session, and what it could not carry over. */
export interface SessionMock {
  readonly definition: MockDefinition;
  /** Things a person should know: messages left out, and why. */
  readonly notes: readonly string[];
}

/**
 * The server's side of `session` as a mock: the messages it sent before the client's first one
 * on connect, then for each text the client sent (matched exactly) the messages the server sent
 * until the client's next one, with their original spacing. Checked with the mock validator.
 */
export function mockFromSession(session: ImportedSession, name: string): SessionMock {
  const data = session.messages.filter((m) => m.kind === 'text' || m.kind === 'binary');
  const firstOut = data.findIndex((m) => m.direction === 'out');
  const greeting = firstOut === -1 ? data : data.slice(0, firstOut);
  const path: MockPath = {
    path: pathOf(session.url),
    ...(greeting.length > 0 && { onConnect: sends(greeting, greeting[0]!.time) }),
    rules: [],
    otherwise: 'nothing',
  };
  const notes: string[] = [];
  const rules = firstOut === -1 ? [] : rulesFrom(data.slice(firstOut), notes);
  const definition: MockDefinition = { name, paths: [{ ...path, rules }] };
  const check = validateMockDefinition(definition);
  if (!check.ok) throw new SocketLensError('import/mock', `The mock made from ${redactUrl(session.url)} is not valid: ${check.problems.map(describeProblem).join('; ')}.`);
  return { definition, notes };
}

/** One rule per distinct text the client sent; a text sent again keeps its first answer (the first rule that matches answers). */
function rulesFrom(messages: readonly ImportedMessage[], notes: string[]): MockRule[] {
  const rules: MockRule[] = [];
  const seen = new Set<string>();
  let binary = 0;
  let repeated = 0;
  for (const [sent, replies] of exchanges(messages)) {
    if (sent.kind === 'binary') binary++;
    else {
      const text = Buffer.from(sent.payload).toString('utf8');
      if (seen.has(text)) repeated++;
      else rules.push({ match: { text }, ...(replies.length > 0 && { reply: sends(replies, sent.time) }) });
      seen.add(text);
    }
  }
  if (binary > 0) notes.push(`${binary} binary ${binary === 1 ? 'message' : 'messages'} from the client got no rule: a mock rule cannot match binary content exactly.`);
  if (repeated > 0) notes.push(`${repeated} ${repeated === 1 ? 'text was' : 'texts were'} sent again; the mock answers each text as it was answered the first time.`);
  return rules;
}

/** Each message the client sent, with the server's messages that followed it before the client's next one. */
function* exchanges(messages: readonly ImportedMessage[]): Generator<[ImportedMessage, ImportedMessage[]]> {
  let current: [ImportedMessage, ImportedMessage[]] | undefined;
  for (const message of messages) {
    if (message.direction === 'out') {
      if (current) yield current;
      current = [message, []];
    } else current?.[1].push(message);
  }
  if (current) yield current;
}

/** The messages as mock sends; each delay counts from the message before, the first from `since`. */
function sends(messages: readonly ImportedMessage[], since: number): MockSend[] {
  let previous = since;
  return messages.map((message) => {
    const delayMs = Math.max(0, Math.round(message.time - previous));
    previous = message.time;
    return { ...payloadOf(message), ...(delayMs > 0 && { delayMs }) };
  });
}

/** Text is a template in a mock: a literal "{{" is written "\{{". */
function payloadOf(message: ImportedMessage): { text: string } | { base64: string } {
  if (message.kind === 'binary') return { base64: Buffer.from(message.payload).toString('base64') };
  return { text: Buffer.from(message.payload).toString('utf8').replaceAll('{{', '\\{{') };
}

/** The URL's path, which the mock answers; '/' when the URL cannot be read. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname || '/';
  } catch {
    return '/';
  }
}
