import { describeValue, type Fields, has, isPlainObject, indexPath, joinPath, ProblemList } from '../mock/definitionFields';
import { scanJsonText } from '../mock/jsonSyntax';
import type { DefinitionProblem } from '../mock/validateDefinition';
import { checkWebSocketUrl } from '../url/webSocketUrl';
import { findReferences } from './references';
import type { SavedConnections } from './savedConnection';

export type SavedConnectionsCheck = { readonly ok: true; readonly saved: SavedConnections } | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

const ROOT_KEYS = ['$schema', 'connections', 'variables'];
const CONNECTION_KEYS = ['name', 'url', 'headers', 'subprotocols', 'tls', 'proxy', 'messages'];
const TLS_KEYS = ['caFile', 'certFile', 'keyFile', 'pfxFile', 'passphrase', 'insecure', 'servername'];
const TLS_FILES = ['caFile', 'certFile', 'keyFile', 'pfxFile'];
const MESSAGE_KEYS = ['name', 'text'];
const SECRET_ONLY = /^\$\{secret:[A-Za-z0-9_.-]+\}$/;

/** Reads the text of `.vscode/socket-lens.json`: every problem at once, each at its path. */
export function parseSavedConnections(text: string): SavedConnectionsCheck {
  const scan = scanJsonText(text);
  if (scan.error) return { ok: false, problems: [{ path: '', message: scan.error }] };
  return checkSavedConnections(JSON.parse(text) as unknown);
}

/** Checks a value already parsed (the user's list in global state, or a file's JSON). Never throws. */
export function checkSavedConnections(value: unknown): SavedConnectionsCheck {
  const problems = new ProblemList();
  const root = problems.object(value, '', 'the saved-connections file', ROOT_KEYS);
  if (root) {
    const variables = checkVariables(problems, root);
    const context = { problems, variables: new Set(Object.keys(variables)) };
    const list = has(root, 'connections') ? problems.list(root, '', 'connections', 'connections') : [];
    if (list) checkConnections(context, list);
  }
  if (problems.problems.length > 0) return { ok: false, problems: problems.problems };
  return { ok: true, saved: value as SavedConnections };
}

interface CheckContext {
  readonly problems: ProblemList;
  readonly variables: ReadonlySet<string>;
}

function checkVariables(problems: ProblemList, root: Fields): Readonly<Record<string, unknown>> {
  if (!has(root, 'variables')) return {};
  const variables = root.variables;
  if (!isPlainObject(variables)) {
    problems.add('variables', `"variables" must be an object of names and string values ({ "host": "staging.example.com" }); it is ${describeValue(variables)}.`);
    return {};
  }
  for (const [name, text] of Object.entries(variables)) {
    const path = joinPath('variables', name);
    if (typeof text !== 'string') problems.add(path, `A variable must be a string; "${name}" is not.`);
    else checkReferences({ problems, variables: new Set() }, text, path, 'a variable');
  }
  return variables;
}

function checkConnections(context: CheckContext, list: readonly unknown[]): void {
  const names = new Set<string>();
  list.forEach((item, index) => {
    const path = indexPath('connections', index);
    const fields = context.problems.object(item, path, 'a connection', CONNECTION_KEYS);
    if (!fields) return;
    const name = context.problems.string(fields, path, 'name', 'what the connection is called');
    if (!has(fields, 'name') || name?.trim() === '') context.problems.add(joinPath(path, 'name'), 'Every connection needs a "name" to pick it by.');
    else if (name !== undefined && names.has(name)) context.problems.add(joinPath(path, 'name'), `Another connection is also called "${name}". Give each its own name.`);
    if (name !== undefined) names.add(name);
    checkConnection(context, fields, path);
  });
}

function checkConnection(context: CheckContext, fields: Fields, path: string): void {
  const { problems } = context;
  const url = problems.string(fields, path, 'url', 'ws:// or wss:// URL');
  if (!has(fields, 'url')) problems.add(joinPath(path, 'url'), 'Every connection needs a "url" (ws:// or wss://).');
  if (url !== undefined) checkUrl(context, url, joinPath(path, 'url'));
  checkStringMap(context, fields, path, 'headers');
  const protocols = problems.list(fields, path, 'subprotocols', 'subprotocol names');
  protocols?.forEach((p, i) => {
    if (typeof p !== 'string') problems.add(indexPath(joinPath(path, 'subprotocols'), i), 'A subprotocol must be a string.');
    else checkReferences(context, p, indexPath(joinPath(path, 'subprotocols'), i), 'a subprotocol');
  });
  if (has(fields, 'tls')) checkTls(context, fields.tls, joinPath(path, 'tls'));
  const proxy = problems.string(fields, path, 'proxy', 'an http:// proxy URL');
  if (proxy !== undefined) checkReferences(context, proxy, joinPath(path, 'proxy'), 'the proxy');
  const messages = problems.list(fields, path, 'messages', 'messages ({ "name", "text" })');
  messages?.forEach((m, i) => checkMessage(problems, m, indexPath(joinPath(path, 'messages'), i)));
}

function checkUrl(context: CheckContext, url: string, path: string): void {
  const { references } = checkReferences(context, url, path, 'the URL');
  if (references.length > 0) return;
  const checked = checkWebSocketUrl(url);
  if (!checked.ok) context.problems.add(path, checked.error.message);
}

function checkStringMap(context: CheckContext, fields: Fields, path: string, key: string): void {
  if (!has(fields, key)) return;
  const mapPath = joinPath(path, key);
  const map = fields[key];
  if (!isPlainObject(map)) {
    context.problems.add(mapPath, `"${key}" must be an object of names and string values ({ "Authorization": "Bearer \${secret:token}" }); it is ${describeValue(map)}.`);
    return;
  }
  for (const [name, value] of Object.entries(map)) {
    if (typeof value !== 'string') context.problems.add(joinPath(mapPath, name), `The header "${name}" must have a string value.`);
    else checkReferences(context, value, joinPath(mapPath, name), 'a header');
  }
}

function checkTls(context: CheckContext, value: unknown, path: string): void {
  const { problems } = context;
  const tls = problems.object(value, path, '"tls"', TLS_KEYS);
  if (!tls) return;
  for (const key of [...TLS_FILES, 'servername']) {
    const text = problems.string(tls, path, key, key === 'servername' ? 'the name to send as SNI' : 'a file path');
    if (text !== undefined) checkReferences(context, text, joinPath(path, key), key);
  }
  problems.boolean(tls, path, 'insecure', 'skip verifying the server certificate');
  const passphrase = problems.string(tls, path, 'passphrase', 'a ${secret:NAME} reference');
  if (passphrase !== undefined && !SECRET_ONLY.test(passphrase)) {
    problems.add(joinPath(path, 'passphrase'), 'A passphrase is never written in the file: store it with "Socket Lens: Set Secret…" and write "${secret:NAME}" here.');
  }
}

function checkMessage(problems: ProblemList, value: unknown, path: string): void {
  const message = problems.object(value, path, 'a saved message', MESSAGE_KEYS);
  if (!message) return;
  problems.string(message, path, 'name', 'what the message is called');
  problems.string(message, path, 'text', 'the message to send');
  if (!has(message, 'name') || !has(message, 'text')) problems.add(path, 'A saved message needs a "name" and a "text".');
}

function checkReferences(context: CheckContext, text: string, path: string, what: string): ReturnType<typeof findReferences> {
  const found = findReferences(text);
  for (const problem of found.problems) context.problems.add(path, problem);
  for (const reference of found.references) {
    if (reference.kind !== 'var' || context.variables.has(reference.name)) continue;
    const hint = what === 'a variable' ? 'A variable cannot use another variable; use ${env:…} or ${secret:…}.' : `Add "${reference.name}" to "variables", or fix the name.`;
    context.problems.add(path, `${reference.text} in ${what} names no variable. ${hint}`);
  }
  return found;
}
