// The saved messages behind a panel: read from the saved connections as they are now, their
// references filled in only to send, with errors that name what is missing and never a value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SocketLensError } from '../../core/errors';
import type { SavedConnection } from '../../core/saved/savedConnection';
import { SavedMessages } from './savedMessages';
import type { SavedEntry, SavedStore } from './savedStore';
import type { SecretVault } from './secretVault';

const written: SavedConnection = { name: 'Staging', url: 'wss://staging.example/ws', messages: [{ name: 'join', text: '{"room":"${var:room}"}' }] };

/** Where `written` was connected from, unless a test says otherwise: the workspace file of the first folder. */
const FOLDER = { toString: () => 'file:///ws' } as unknown as SavedEntry['folder'];

function fixture(entries: SavedEntry[], secrets: Record<string, string> = {}, { origin = workspace(written), trusted = true } = {}) {
  const listeners: (() => void)[] = [];
  const store = {
    all: async () => ({ entries, broken: [] }),
    onDidChange: (listener: () => void) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
  } as unknown as SavedStore;
  const asked: string[][] = [];
  const vault = {
    lookup: async (names: readonly string[]) => {
      asked.push([...names]);
      return new Map(names.filter((n) => secrets[n] !== undefined).map((n) => [n, secrets[n]!]));
    },
  } as unknown as SecretVault;
  const origins = new Map([['c1', origin]]);
  const hidden: [string, string[]][] = [];
  const env = { USER: 'ada', API_TOKEN: 'env-token-0123456789', AWS_SECRET_ACCESS_KEY: 'aws-never-sent' };
  const messages = new SavedMessages(store, vault, origins, (id, values) => hidden.push([id, [...values]]), () => trusted, env);
  return { messages, listeners, asked, entries, hidden };
}

function workspace(connection: SavedConnection, variables?: Record<string, string>): SavedEntry {
  return { scope: 'workspace', connection, variables, folder: FOLDER };
}

function user(connection: SavedConnection, variables?: Record<string, string>): SavedEntry {
  return { scope: 'user', connection, variables };
}

async function rejection(promise: Promise<unknown>): Promise<SocketLensError> {
  const error = await promise.then(() => assert.fail('expected a rejection'), (e: unknown) => e);
  assert.ok(error instanceof SocketLensError, String(error));
  return error;
}

test('the panel lists the messages as the file has them now, references unresolved', async () => {
  const { messages, entries } = fixture([workspace({ ...written, messages: [{ name: 'auth', text: '{"token":"${secret:api}"}' }] })]);
  assert.deepEqual(await messages.view('c1'), { connection: 'Staging', messages: [{ name: 'auth', text: '{"token":"${secret:api}"}' }] });
  entries.splice(0, 1, workspace({ ...written, messages: [] }));
  assert.deepEqual(await messages.view('c1'), { connection: 'Staging', messages: [] }, 'a message taken out of the file leaves the list');
  assert.equal(await messages.view('typed-url'), undefined, 'a connection not opened from a saved one has none');
});

test('a saved connection no longer in the file keeps the messages it was connected with', async () => {
  const { messages } = fixture([workspace({ name: 'Other', url: 'wss://x', messages: [{ name: 'x', text: 'x' }] })]);
  assert.deepEqual(await messages.view('c1'), { connection: 'Staging', messages: [{ name: 'join', text: '{"room":"${var:room}"}' }] });
});

test('of two saved connections with its name in its file, the one with its URL wins', async () => {
  const { messages } = fixture([
    workspace({ name: 'Staging', url: 'wss://elsewhere', messages: [{ name: 'w', text: 'w' }] }),
    workspace({ ...written, messages: [{ name: 'u', text: 'u' }] }),
  ]);
  assert.deepEqual((await messages.view('c1'))?.messages, [{ name: 'u', text: 'u' }]);
});

test('a workspace file with the same name and URL does not stand in for the user connection it was opened from', async () => {
  const attack = workspace({ ...written, messages: [{ name: 'join', text: '${env:API_TOKEN} ${secret:prod}' }] }, { room: 'x' });
  const mine = user({ ...written, messages: [{ name: 'join', text: 'hello ${secret:api}' }] });
  const { messages, asked } = fixture([attack, mine], { api: 't0k', prod: 'prod-secret' }, { origin: user(written) });
  assert.deepEqual((await messages.view('c1'))?.messages, [{ name: 'join', text: 'hello ${secret:api}' }], 'workspace entries are listed first, yet the user one is found');
  assert.equal(await messages.named('c1', 'join'), 'hello t0k');
  assert.deepEqual(asked, [['api']], 'the workspace file named no secret that was read');
});

test('nor does the same name in another workspace folder', async () => {
  const other = { toString: () => 'file:///other' } as unknown as SavedEntry['folder'];
  const { messages } = fixture([{ ...workspace({ ...written, messages: [{ name: 'o', text: 'o' }] }), folder: other }, workspace({ ...written, messages: [{ name: 'w', text: 'w' }] })]);
  assert.deepEqual((await messages.view('c1'))?.messages, [{ name: 'w', text: 'w' }]);
});

test('in an untrusted workspace a workspace connection\'s messages are listed but never filled in or sent', async () => {
  const { messages, asked, hidden } = fixture([workspace({ ...written, messages: [{ name: 'auth', text: '${secret:api}' }] })], { api: 't0k' }, { trusted: false });
  assert.equal((await messages.view('c1'))?.messages.length, 1);
  for (const attempt of [messages.named('c1', 'auth'), messages.fill('c1', '${secret:api}')]) {
    const refused = await rejection(attempt);
    assert.equal(refused.code, 'saved/untrusted');
    assert.match(refused.message, /not trusted.*Trust the workspace/);
  }
  assert.deepEqual([asked, hidden], [[], []], 'no secret was read');
  const mine = fixture([user({ ...written, messages: [{ name: 'auth', text: '${secret:api}' }] })], { api: 't0k' }, { origin: user(written), trusted: false });
  assert.equal(await mine.messages.named('c1', 'auth'), 't0k', "the user's own connection still sends");
});

test('composer text may name only what the saved connection, its messages and variables use', async () => {
  const connection: SavedConnection = { ...written, headers: { Authorization: 'Bearer ${secret:api}' }, messages: [{ name: 'env', text: '${env:API_TOKEN}' }] };
  const { messages, asked } = fixture([workspace(connection, { room: 'lobby', tenant: '${secret:tenant}' })], { api: 't0k', tenant: 'acme', prod: 'prod-secret' });
  assert.equal(await messages.fill('c1', '${secret:api} ${env:API_TOKEN} ${var:tenant}'), 't0k env-token-0123456789 acme');
  const refused = await rejection(messages.fill('c1', 'steal ${secret:prod} ${env:AWS_SECRET_ACCESS_KEY} ${secret:api}'));
  assert.equal(refused.code, 'saved/not-referenced');
  assert.equal(refused.message, 'Cannot send this message: ${secret:prod}, ${env:AWS_SECRET_ACCESS_KEY} are not used by the saved connection "Staging" (its URL, headers, TLS, saved messages or variables), so nothing was filled in or sent. Use them in a saved message or variable of "Staging" first, or take them out of the message.');
  assert.ok(!asked.flat().includes('prod'), 'the refused secret was never read');
});

test('env values long enough to be credentials are hidden in the log too; short ones are not', async () => {
  const { messages, hidden } = fixture([workspace({ ...written, messages: [{ name: 'env', text: '${env:API_TOKEN} ${env:USER}' }] })]);
  assert.equal(await messages.named('c1', 'env'), 'env-token-0123456789 ada');
  assert.deepEqual(hidden, [['c1', ['env-token-0123456789']]]);
});

test('a saved message is filled in from its variables, the environment and only the secrets it names', async () => {
  const message = { name: 'hello', text: '{"room":"${var:room}","user":"${env:USER}","token":"${secret:api}"}' };
  const { messages, asked, hidden } = fixture([workspace({ ...written, messages: [message] }, { room: 'lobby' })], { api: 't0k', other: 'never-read' });
  assert.equal(await messages.named('c1', 'hello'), '{"room":"lobby","user":"ada","token":"t0k"}');
  assert.deepEqual(asked, [['api']]);
  assert.deepEqual(hidden, [['c1', ['t0k']]], 'the secret is hidden in the log before the message goes out');
  assert.equal(await messages.fill('c1', 'edited ${var:room} ${secret:api}'), 'edited lobby t0k', 'text edited in the composer too');
});

test('a missing secret says which and how to set it; a missing message or origin says what to do', async () => {
  const { messages } = fixture([workspace({ ...written, messages: [{ name: 'auth', text: '${secret:api}' }] })], { other: 'hidden' });
  const missing = await rejection(messages.named('c1', 'auth'));
  assert.equal(missing.code, 'saved/unresolved');
  assert.equal(missing.message, `Cannot send "auth": \${secret:api} is not set: run 'Socket Lens: Set Secret…' and store "api".`);
  const gone = await rejection(messages.named('c1', 'join'));
  assert.equal(gone.code, 'saved/no-message');
  assert.match(gone.message, /No saved message is called "join" in the saved connection "Staging"/);
  const typed = await rejection(messages.fill('typed-url', '${secret:api}'));
  assert.match(typed.message, /not opened from a saved connection.*Connect to Saved/);
  assert.match((await rejection(messages.named('typed-url', 'auth'))).message, /not opened from a saved connection/);
});

test('the source a panel gets follows the store and unsubscribes', async () => {
  const { messages, listeners } = fixture([workspace(written, { room: 'lobby' })]);
  const source = messages.for('c1');
  let calls = 0;
  const unsubscribe = source.onDidChange(() => calls++);
  listeners.forEach((l) => l());
  unsubscribe();
  assert.equal(listeners.length, 0);
  assert.equal(calls, 1);
  assert.equal(await source.named('join'), '{"room":"lobby"}');
  assert.equal((await source.view())?.connection, 'Staging');
});
