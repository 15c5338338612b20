import { isToken } from '../protocol/negotiation';
import { has, isPlainObject, joinPath, MAX_DELAY_MS, type ProblemList } from './definitionFields';

// Node refuses to send a header value with CR, LF or NUL (it would split the response).
const BAD_HEADER_VALUE = /[\r\n\0]/;

/** A MockHandshake. */
export function checkHandshake(problems: ProblemList, value: unknown, path: string): void {
  const fields = problems.object(value, path, 'a handshake', ['delayMs', 'reject', 'requireHeaders', 'requireToken']);
  if (!fields) return;
  problems.number(fields, path, 'delayMs', { min: 0, max: MAX_DELAY_MS, note: 'milliseconds to wait before answering the upgrade' });
  if (has(fields, 'reject')) checkReject(problems, fields.reject, joinPath(path, 'reject'));
  if (has(fields, 'requireHeaders')) checkHeaders(problems, fields.requireHeaders, joinPath(path, 'requireHeaders'), 'the value each header must have, or "*" for any');
  const token = problems.string(fields, path, 'requireToken', 'the token clients must send');
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) {
    problems.add(joinPath(path, 'requireToken'), 'The token must be printable ASCII without spaces, as it travels in "Authorization: Bearer …" or "?token=…". Pick another token.');
  }
}

function checkReject(problems: ProblemList, value: unknown, path: string): void {
  const fields = problems.object(value, path, 'a rejection', ['status', 'headers', 'body']);
  if (!fields) return;
  if (!has(fields, 'status')) problems.add(path, 'A rejection needs "status": the HTTP status to answer with, e.g. 401, 403 or 503.');
  const status = problems.number(fields, path, 'status', { min: 100, max: 599, integer: true, note: '(an HTTP status)' });
  if (status === 101) problems.add(joinPath(path, 'status'), '101 accepts the upgrade, so it cannot reject it. Use an error status such as 400, 401, 403 or 503, or remove "reject" to accept.');
  if (has(fields, 'headers')) checkHeaders(problems, fields.headers, joinPath(path, 'headers'), 'the header value');
  problems.string(fields, path, 'body', 'the response body');
}

function checkHeaders(problems: ProblemList, value: unknown, path: string, what: string): void {
  const headers = problems.object(value, path, 'a set of headers', isPlainObject(value) ? Object.keys(value) : []);
  if (!headers) return;
  for (const name of Object.keys(headers)) {
    if (!isToken(name)) problems.add(joinPath(path, name), `"${name}" is not a header name: use letters, digits and - (no spaces or colons), e.g. "X-Api-Key".`);
    const header = problems.string(headers, path, name, what);
    if (header !== undefined && BAD_HEADER_VALUE.test(header)) problems.add(joinPath(path, name), `The value of "${name}" has a line break or NUL, which cannot go in a header. Remove it.`);
  }
}
