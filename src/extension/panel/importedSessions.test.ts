import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImportedSession } from '../../core/import/harImport';
import type { SessionPanel } from './importedSource';
import { ImportedSessions } from './importedSessions';

function session(texts: readonly string[]): ImportedSession {
  return {
    entry: 1,
    url: 'ws://recorded.example/feed',
    startedDateTime: '2025-01-02T03:04:05.000Z',
    requestHeaders: [],
    responseHeaders: [],
    messages: texts.map((t, i) => ({ direction: 'in' as const, kind: 'text' as const, payload: Buffer.from(t), time: 1_700_000_000_000 + i })),
  };
}

/** A panel that records what was done to it, and can be closed as the person would close it. */
class FakePanel implements SessionPanel {
  disposed = false;
  revealed = 0;
  private readonly closeListeners: (() => void)[] = [];
  reveal(): void {
    this.revealed++;
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const listener of this.closeListeners) listener();
  }
  onDidDispose(listener: () => void): void {
    this.closeListeners.push(listener);
  }
}

function sessions() {
  const panels: FakePanel[] = [];
  const imported = new ImportedSessions(() => {
    const panel = new FakePanel();
    panels.push(panel);
    return panel;
  }, () => undefined);
  return { imported, panels };
}

test('closing the panel keeps the session listed; showing it again opens a new panel on the same log', () => {
  const { imported, panels } = sessions();
  const entry = imported.add('/tmp/a.har', session(['one', 'two']));
  imported.showPanel(entry.id);
  panels[0]!.dispose();
  assert.equal(entry.panel, undefined);
  assert.deepEqual(imported.all().map((e) => e.id), [entry.id]);
  assert.equal(entry.log.length, 2, 'the log is kept');
  imported.showPanel(entry.id);
  assert.equal(panels.length, 2);
  imported.showPanel(entry.id);
  assert.equal(panels[1]!.revealed, 1, 'an open panel is revealed, not opened twice');
});

test('remove closes the panel, releases the log and tells listeners', async () => {
  const { imported, panels } = sessions();
  const kept = imported.add('/tmp/a.har', session(['a']));
  const gone = imported.add('/tmp/b.har', session(['b', 'c']), 'previous');
  imported.showPanel(gone.id);
  let changes = 0;
  imported.onDidChange(() => changes++);
  await imported.remove(gone.id);
  assert.equal(panels[0]!.disposed, true);
  assert.equal(gone.log.length, 0, 'the log no longer holds the messages');
  assert.equal(imported.get(gone.id), undefined);
  assert.deepEqual(imported.all().map((e) => e.id), [kept.id]);
  assert.equal(changes, 1);
});

test('removing an id that is not there says so and what to do', async () => {
  const { imported } = sessions();
  const entry = imported.add('/tmp/a.har', session([]));
  await imported.remove(entry.id);
  await assert.rejects(imported.remove(entry.id), (error: Error & { code?: string }) => error.code === 'session/unknown' && /may have been removed.*Import Session/.test(error.message));
});

test('removing a session an export still reads leaves the list at once and releases the log only after the export', async () => {
  const { imported, panels } = sessions();
  const entry = imported.add('/tmp/a.har', session(['a', 'b']));
  imported.showPanel(entry.id);
  let finishExport!: () => void;
  void imported.reads.track(entry.id, new Promise<void>((resolve) => (finishExport = resolve)));
  const removed = imported.remove(entry.id);
  assert.equal(imported.get(entry.id), undefined, 'gone from the list at once');
  assert.equal(panels[0]!.disposed, true, 'its panel closes at once');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(entry.log.length, 2, 'the log stays while the export reads it');
  finishExport();
  await removed;
  assert.equal(entry.log.length, 0, 'released once the export ended');
});

test('each session keeps where it came from, and dispose releases every panel and log', () => {
  const { imported, panels } = sessions();
  const har = imported.add('/tmp/a.har', session(['a']));
  const previous = imported.add('/tmp/b.har', session(['b']), 'previous');
  assert.deepEqual([har.origin, previous.origin], ['har', 'previous']);
  imported.showPanel(har.id);
  imported.dispose();
  assert.equal(panels[0]!.disposed, true);
  assert.deepEqual([har.log.length, previous.log.length], [0, 0]);
  assert.deepEqual(imported.all(), []);
});
