// Removing a connection while its export's dialogs are open: the log is released only after the
// export has read it; a connection removed before its export began is refused, not written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClientConnection } from '../../core/client/clientConnection';
import { SocketLensError } from '../../core/errors';
import { PendingReads } from '../sessions/pendingReads';
import { ImportedSessions } from '../panel/importedSessions';
import { readForExport, readImportedForExport } from './exportRead';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A registry holding `connection`, whose remove() releases the log once no read is running, as ConnectionRegistry.remove does. */
function registryOf(connection: ClientConnection) {
  const entries = new Map<string, ClientConnection>([[connection.id, connection]]);
  const reads = new PendingReads();
  const events: string[] = [];
  const remove = async () => {
    entries.delete(connection.id);
    await reads.settled(connection.id);
    events.push('log released');
  };
  return { registry: { get: (id: string) => entries.get(id), reads }, remove, events };
}

test('removing the connection while the save dialog is open waits for the export to read the log', async (t) => {
  const connection = new ClientConnection({ url: new URL('ws://127.0.0.1:9/feed') });
  t.after(() => connection.dispose());
  const { registry, remove, events } = registryOf(connection);
  const dialog = deferred();
  const exported = readForExport(registry, connection, async () => {
    await dialog.promise;
    events.push('log read');
    return '/tmp/out.har';
  });
  const removed = remove();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(events, [], 'the log is not released while the dialog is open');
  dialog.resolve();
  await Promise.all([exported, removed]);
  assert.deepEqual(events, ['log read', 'log released']);
});

test('a connection removed while it was being picked is refused with what to do, and nothing is read', async (t) => {
  const connection = new ClientConnection({ url: new URL('ws://127.0.0.1:9/feed?token=t0k3n') });
  t.after(() => connection.dispose());
  const { registry, remove } = registryOf(connection);
  await remove();
  let read = false;
  const error = await readForExport(registry, connection, async () => (read = true)).then(() => assert.fail('expected a refusal'), (e: unknown) => e);
  assert.ok(error instanceof SocketLensError);
  assert.equal(error.code, 'session/unknown');
  assert.match(error.message, /removed before its export began, so nothing was written/);
  assert.ok(!error.message.includes('t0k3n'), 'the URL in the message is redacted');
  assert.equal(read, false);
});

test('an imported session: removing it mid-export waits for the export; one removed before is refused', async () => {
  const imported = new ImportedSessions(() => ({ reveal() {}, dispose() {}, onDidDispose() {} }), () => undefined);
  const session = { entry: 1, url: 'ws://recorded.example/?token=t0k3n', startedDateTime: '', requestHeaders: [], responseHeaders: [], messages: [{ direction: 'in' as const, kind: 'text' as const, payload: Buffer.from('hi'), time: 1 }] };
  const entry = imported.add('/tmp/a.har', session);
  const dialog = deferred();
  const exported = readImportedForExport(imported, entry, async () => {
    await dialog.promise;
    return entry.log.length;
  });
  const removed = imported.remove(entry.id);
  dialog.resolve();
  assert.equal(await exported, 1, 'the export read the whole log');
  await removed;
  assert.equal(entry.log.length, 0, 'then the log was released');

  const error = await readImportedForExport(imported, entry, async () => 0).then(() => assert.fail('expected a refusal'), (e: unknown) => e);
  assert.ok(error instanceof SocketLensError && error.code === 'session/unknown');
  assert.match(error.message, /removed before its export began.*Import Session/);
  assert.ok(!error.message.includes('t0k3n'), 'the URL in the message is redacted');
});
