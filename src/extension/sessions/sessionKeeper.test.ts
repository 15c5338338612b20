import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { ClientConnection } from '../../core/client/clientConnection';
import { SessionLog } from '../../core/log/sessionLog';
import type { ExportSource } from '../../core/export/sessionExport';
import { recordingLog } from '../testing/recordingLog';
import { PendingReads } from './pendingReads';
import { SessionKeeper, type KeptConnections } from './sessionKeeper';

/** A connection as the keeper sees it: an id, a log that grows, a state. */
function connection(id: string, state: 'open' | 'closed' = 'open') {
  const log = new SessionLog();
  const c = { id, log, state, snapshot: () => ({ state: c.state }) };
  return c;
}
type FakeConnection = ReturnType<typeof connection>;

function say(c: FakeConnection, text: string): void {
  c.log.append({ direction: 'out', kind: 'text', payload: Buffer.from(text), time: Date.now() });
}

function registry(...connections: FakeConnection[]): KeptConnections & { changed(): void } {
  const changeListeners: (() => void)[] = [];
  return {
    all: () => connections as unknown as ClientConnection[],
    onDidChange: (listener) => (changeListeners.push(listener), { dispose: () => {} }),
    onDidRemove: () => ({ dispose: () => {} }),
    reads: new PendingReads(),
    changed: () => changeListeners.forEach((l) => l()),
  };
}

/** An archive that records each save (the messages it held) and takes `delayMs` to write one. */
function archive(delayMs = 0) {
  const saves: { id: string; messages: number }[] = [];
  let writing = 0;
  let mostAtOnce = 0;
  return {
    saves,
    mostAtOnce: () => mostAtOnce,
    async save(id: string, source: ExportSource): Promise<string> {
      mostAtOnce = Math.max(mostAtOnce, ++writing);
      const messages = source.log.length;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      writing--;
      saves.push({ id, messages });
      return `${id}.har`;
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function keeper(t: TestContext, connections: KeptConnections, store: ReturnType<typeof archive>, everyMs: number): SessionKeeper {
  const k = new SessionKeeper(connections, store, recordingLog(), () => {}, everyMs);
  t.after(() => k.dispose());
  return k;
}

test('an open connection is kept every interval while its log grows, and not written again while it does not', async (t) => {
  const open = connection('c1');
  const store = archive();
  keeper(t, registry(open), store, 20);
  say(open, 'one');
  await until(() => store.saves.length === 1, 'the first save');
  say(open, 'two');
  say(open, 'three');
  await until(() => store.saves.length === 2, 'the save after the log grew');
  assert.deepEqual(store.saves, [{ id: 'c1', messages: 1 }, { id: 'c1', messages: 3 }]);
  await new Promise((resolve) => setTimeout(resolve, 120));
  assert.equal(store.saves.length, 2, 'six intervals with nothing new wrote nothing');
});

test("one connection's saves never overlap, and the last one holds the whole log", async (t) => {
  const open = connection('c1');
  const store = archive(40);
  const connections = registry(open);
  const k = keeper(t, connections, store, 10);
  for (let i = 0; i < 5; i++) {
    say(open, `m${i}`);
    void k.flush();
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  open.state = 'closed';
  connections.changed();
  await k.flush();
  await connections.reads.settled('c1');
  assert.equal(store.mostAtOnce(), 1, 'one write at a time');
  assert.equal(store.saves.at(-1)?.messages, 5);
  assert.ok(store.saves.length < 8, `no save repeats one before it: ${store.saves.length}`);
});

test('a connection that closes is kept at once, its save tracked from the start (removal waits for it)', async (t) => {
  const c = connection('c1');
  const store = archive(30);
  const connections = registry(c);
  keeper(t, connections, store, 60_000);
  say(c, 'last words');
  c.state = 'closed';
  connections.changed();
  assert.equal(connections.reads.count('c1'), 1, 'the save is tracked from the start');
  await connections.reads.settled('c1');
  assert.deepEqual(store.saves, [{ id: 'c1', messages: 1 }]);
});

test('a failed save is logged and tried again at the next interval', async (t) => {
  const open = connection('c1');
  say(open, 'one');
  let failures = 1;
  const saves: number[] = [];
  const log = recordingLog();
  const k = new SessionKeeper(registry(open), {
    save: async (_id, source) => {
      if (failures-- > 0) throw new Error('disk full');
      saves.push(source.log.length);
      return 'c1.har';
    },
  }, log, () => {}, 20);
  t.after(() => k.dispose());
  await until(() => saves.length === 1, 'the retry');
  assert.match(log.lines[0] ?? '', /^warn Could not keep the session of c1 for the next window: disk full/);
});

test('the window closing: flush, then each log disposed once its save has read it, keeps every message', async (t) => {
  /** An archive that, like the HAR export, reads the log after a turn of the event loop. */
  const reading = () => {
    const read: number[] = [];
    return { read, save: async (_id: string, source: ExportSource) => (await new Promise((resolve) => setImmediate(resolve)), read.push(source.log.range(source.log.firstId, 100).length), 'c1.har') };
  };
  const run = async (disposeAfterReads: boolean) => {
    const c = connection('c1');
    ['one', 'two', 'three'].forEach((text) => say(c, text));
    const connections = registry(c);
    const store = reading();
    const k = new SessionKeeper(connections, store, recordingLog(), () => {}, 60_000);
    t.after(() => k.dispose());
    // deactivate: the last save starts; VS Code disposes the subscriptions at once, not waiting.
    const flushing = k.flush();
    if (disposeAfterReads) void connections.reads.settled('c1').then(() => c.log.dispose());
    else c.log.dispose();
    await flushing;
    return store.read;
  };
  assert.deepEqual(await run(false), [0], 'a log disposed at once is saved empty: why the registry waits');
  assert.deepEqual(await run(true), [3], 'disposed after its save, the log is kept whole');
});
