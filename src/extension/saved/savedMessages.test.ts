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

function fixture(entries: SavedEntry[], secrets: Record<string, string> = {}) {
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
  const origins = new Map([['c1', written]]);
  const hidden: [string, string[]][] = [];
  const messages = new SavedMessages(store, vault, origins, (id, values) => hidden.push([id, [...values]]), { USER: 'ada' });
  return { messages, listeners, asked, entries, hidden };
}

function workspace(connection: SavedConnection, variables?: Record<string, string>): SavedEntry {
  return { scope: 'workspace', connection, variables };
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

test('of two saved connections with its name, the one with its URL wins', async () => {
  const { messages } = fixture([
    { scope: 'workspace', connection: { name: 'Staging', url: 'wss://elsewhere', messages: [{ name: 'w', text: 'w' }] }, variables: undefined },
    { scope: 'user', connection: { ...written, messages: [{ name: 'u', text: 'u' }] }, variables: undefined },
  ]);
  assert.deepEqual((await messages.view('c1'))?.messages, [{ name: 'u', text: 'u' }]);
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
