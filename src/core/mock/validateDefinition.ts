import { isIP } from 'node:net';
import type { MockDefinition } from './mockDefinition';
import { type Fields, has, joinPath, ProblemList } from './definitionFields';
import { scanJsonText } from './jsonSyntax';
import { isToken } from '../protocol/negotiation';
import { checkHandshake } from './validateHandshake';
import { checkEach, checkSend, checkTimer } from './validateMessages';
import { checkRules, checkScheduledFault } from './validateRules';
import { checkTls } from './validateTls';

/** One thing wrong with a definition: where (e.g. "paths[0].rules[2].match.regex", "" for the whole file) and what to write instead. */
export interface DefinitionProblem {
  readonly path: string;
  readonly message: string;
}

/** A problem as one line: "paths[0].rules[1].match: …". */
export function describeProblem(problem: DefinitionProblem): string {
  return `${problem.path || '(top level)'}: ${problem.message}`;
}

export type DefinitionCheck = { readonly ok: true; readonly definition: MockDefinition } | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

const ROOT_KEYS = ['$schema', 'name', 'host', 'port', 'tls', 'subprotocols', 'perMessageDeflate', 'maxPayloadBytes', 'maxConnections', 'allowedOrigins', 'paths'];
const PATH_KEYS = ['path', 'handshake', 'onConnect', 'rules', 'otherwise', 'timers', 'faults'];
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/;

/**
 * Every problem of a mock definition at once, or the definition itself (as given: the server
 * applies the defaults). Never throws, whatever `value` is.
 */
export function validateMockDefinition(value: unknown): DefinitionCheck {
  const problems = new ProblemList();
  try {
    checkRoot(problems, value);
  } catch (error) {
    // Only a hostile value (a throwing getter, a proxy) gets here; JSON never does.
    problems.add('', `The definition could not be read: ${error instanceof Error ? error.message : String(error)}. Give it plain JSON.`);
  }
  return problems.problems.length === 0 ? { ok: true, definition: value as MockDefinition } : { ok: false, problems: problems.problems };
}

/** JSON text of a *.wsmock.json file; a JSON syntax error is a problem with line and column. */
export function parseMockFile(text: string): DefinitionCheck {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const scan = scanJsonText(source);
  if (scan.error) return { ok: false, problems: [{ path: '', message: scan.error }] };
  const duplicates = scan.duplicateKeys.map(({ path, key }) => ({ path: joinPath(path, key), message: `"${key}" appears more than once in this object; JSON keeps only the last one. Merge them into one.` }));
  const check = validateMockDefinition(JSON.parse(source));
  if (duplicates.length === 0) return check;
  return { ok: false, problems: [...duplicates, ...(check.ok ? [] : check.problems)] };
}

function checkRoot(problems: ProblemList, value: unknown): void {
  const root = problems.object(value, '', 'a mock definition', ROOT_KEYS);
  if (!root) return;
  problems.string(root, '', '$schema', 'the JSON Schema for editors');
  problems.string(root, '', 'name', 'shown in VS Code and in logs');
  checkHost(problems, root);
  problems.number(root, '', 'port', { min: 0, max: 65535, integer: true, note: '(0 picks a free port)' });
  if (has(root, 'tls')) checkTls(problems, root.tls, 'tls');
  checkSubprotocols(problems, root);
  problems.boolean(root, '', 'perMessageDeflate', 'accept permessage-deflate when a client offers it');
  problems.number(root, '', 'maxPayloadBytes', { min: 1, integer: true, note: '(the largest message accepted, in bytes)' });
  problems.number(root, '', 'maxConnections', { min: 1, integer: true, note: '(the most clients at once)' });
  checkOrigins(problems, root);
  if (!has(root, 'paths')) problems.add('', 'A mock needs "paths", e.g. "paths": [{ "path": "/", "otherwise": "echo" }].');
  checkPaths(problems, problems.list(root, '', 'paths', 'paths the server answers, e.g. [{ "path": "/" }]', 1));
}

function checkHost(problems: ProblemList, root: Fields): void {
  const host = problems.string(root, '', 'host', 'the address to listen on');
  if (host === undefined || isIP(host) !== 0 || HOSTNAME.test(host)) return;
  const bare = /^\[(.*)\]$/.exec(host)?.[1];
  const hint = bare !== undefined && isIP(bare) === 6 ? ` Write an IPv6 address without brackets: "${bare}".` : ' Write an address such as "127.0.0.1", "::1" or "localhost", without a scheme, port or path; put the port in "port".';
  problems.add('host', `"${host}" is not an address to listen on.${hint}`);
}

function checkSubprotocols(problems: ProblemList, root: Fields): void {
  const seen = new Set<string>();
  checkEach(problems.list(root, '', 'subprotocols', 'subprotocol names, e.g. ["chat.v2"]'), 'subprotocols', (value, path) => {
    if (typeof value !== 'string' || !isToken(value)) problems.add(path, `${JSON.stringify(value) ?? String(value)} is not a subprotocol name: use letters, digits and ! # $ % & ' * + - . ^ _ \` | ~ only, no spaces or commas (RFC 6455 §4.1), e.g. "chat.v2".`);
    else if (seen.has(value)) problems.add(path, `"${value}" is listed twice; keep one.`);
    else seen.add(value);
  });
}

function checkOrigins(problems: ProblemList, root: Fields): void {
  checkEach(problems.list(root, '', 'allowedOrigins', 'origins, e.g. ["http://localhost:3000"]'), 'allowedOrigins', (value, path) => {
    if (value === '*' || value === 'null' || (typeof value === 'string' && ORIGIN.test(value))) return;
    const trimmed = typeof value === 'string' ? /^([a-z][a-z0-9+.-]*:\/\/[^/?#\s]+)\/$/.exec(value)?.[1] : undefined;
    const hint = trimmed ? ` Browsers send no trailing slash: write "${trimmed}".` : ' Write an origin as a browser sends it: scheme, host and port only, e.g. "https://example.com" or "http://localhost:3000"; or "*" for any.';
    problems.add(path, `${JSON.stringify(value) ?? String(value)} is not an origin.${hint}`);
  });
}

function checkPaths(problems: ProblemList, paths: readonly unknown[] | undefined): void {
  const seen = new Map<string, string>();
  let wildcard: string | undefined;
  checkEach(paths, 'paths', (value, at) => {
    const fields = problems.object(value, at, 'a path', PATH_KEYS);
    if (!fields) return;
    const path = checkPathName(problems, fields, at);
    if (path !== undefined && seen.has(path)) problems.add(joinPath(at, 'path'), `"${path}" is already answered by ${seen.get(path)}; each path may be listed once. Merge the two.`);
    else if (path !== undefined && wildcard !== undefined) problems.add(joinPath(at, 'path'), `"${path}" is never answered: ${wildcard} is "*", which answers every path not listed before it. Move this entry above it.`);
    if (path !== undefined) seen.set(path, at);
    if (path === '*') wildcard ??= at;
    checkPathBehaviour(problems, fields, at);
  });
}

function checkPathName(problems: ProblemList, fields: Fields, at: string): string | undefined {
  if (!has(fields, 'path')) {
    problems.add(at, 'A path needs "path": where clients connect, e.g. "/chat", or "*" for any other path.');
    return undefined;
  }
  const path = problems.string(fields, at, 'path', 'where clients connect, e.g. "/chat"');
  if (path === undefined) return undefined;
  if (path !== '*' && !path.startsWith('/')) problems.add(joinPath(at, 'path'), `"${path}" must start with "/" (e.g. "/${path.replace(/^\*+/, '')}"), or be "*" for any other path.`);
  else if (/[\s?#]/.test(path)) problems.add(joinPath(at, 'path'), `"${path}" has a space, "?" or "#": a path is matched without its query, so write the path alone (e.g. "${path.split(/[\s?#]/)[0]}").`);
  return path;
}

function checkPathBehaviour(problems: ProblemList, fields: Fields, at: string): void {
  if (has(fields, 'handshake')) checkHandshake(problems, fields.handshake, joinPath(at, 'handshake'));
  const onConnect = problems.list(fields, at, 'onConnect', 'messages, e.g. [{ "text": "welcome" }]');
  checkEach(onConnect, joinPath(at, 'onConnect'), (send, path) => checkSend(problems, send, path, { kind: 'unprompted', where: 'onConnect messages' }));
  checkRules(problems, problems.list(fields, at, 'rules', 'rules, e.g. [{ "match": { "text": "ping" }, "reply": [{ "text": "pong" }] }]'), joinPath(at, 'rules'));
  problems.choice(fields, at, 'otherwise', ['echo', 'nothing']);
  const timers = problems.list(fields, at, 'timers', 'timers, e.g. [{ "everyMs": 1000, "send": { "text": "tick" } }]');
  checkEach(timers, joinPath(at, 'timers'), (timer, path) => checkTimer(problems, timer, path));
  const faults = problems.list(fields, at, 'faults', 'scheduled faults, e.g. [{ "afterMs": 30000, "fault": { "drop": true } }]');
  checkEach(faults, joinPath(at, 'faults'), (fault, path) => checkScheduledFault(problems, fault, path));
}
