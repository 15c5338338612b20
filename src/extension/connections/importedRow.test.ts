import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImportedSession } from '../../core/import/harImport';
import { toImportedRow, type ImportedRowSource } from './importedRow';

function entry(overrides: Partial<ImportedRowSource> = {}, session: Partial<ImportedSession> = {}, count = 3): ImportedRowSource {
  const messages = Array.from({ length: count }, (_, i) => ({ direction: i % 3 === 0 ? ('out' as const) : ('in' as const), kind: 'text' as const, payload: new Uint8Array(), time: Date.UTC(2024, 5, 1, 12, 0, i) }));
  return {
    id: 'imported-1',
    file: '/work/captures/live.har',
    origin: 'har',
    session: { entry: 2, url: 'wss://echo.example.com/chat?room=2', startedDateTime: '2025-01-02T03:04:05.000Z', requestHeaders: [], responseHeaders: [], messages, ...session },
    ...overrides,
  };
}

test('an imported session says so, names its file and counts its messages with separators', () => {
  const row = toImportedRow(entry({}, {}, 1234), 'UTC');
  assert.equal(row.id, 'imported-1');
  assert.equal(row.label, 'echo.example.com/chat?room=2');
  assert.equal(row.description, 'imported · live.har · 1,234 messages');
  assert.equal(row.icon, 'archive');
  assert.equal(row.contextValue, 'socketLens.imported.har');
});

test('a session of an earlier window shows when it started, with its own icon and menu', () => {
  const row = toImportedRow(entry({ origin: 'previous', file: '/storage/sessions/c1.har' }, {}, 1), 'UTC');
  assert.equal(row.description, 'previous session · Jan 2, 2025, 03:04 · 1 message');
  assert.equal(row.icon, 'history');
  assert.equal(row.contextValue, 'socketLens.imported.previous');
});

test('without a start time in the HAR the first message dates it; without either the date is left out', () => {
  assert.equal(toImportedRow(entry({ origin: 'previous' }, { startedDateTime: '' }), 'UTC').description, 'previous session · Jun 1, 2024, 12:00 · 3 messages');
  assert.equal(toImportedRow(entry({ origin: 'previous' }, { startedDateTime: '' }, 0), 'UTC').description, 'previous session · 0 messages');
});

test('credentials a HAR recorded in the URL stay out of the label and the tooltip', () => {
  const row = toImportedRow(entry({}, { url: 'wss://user:pw@echo.example.com/chat?token=abc123&room=2' }), 'UTC');
  assert.equal(row.label, 'echo.example.com/chat?token=***&room=2');
  for (const secret of ['abc123', 'pw', 'user']) assert.ok(!`${row.label}\n${row.tooltip}`.includes(secret), `${secret} is hidden`);
});

test('the tooltip spells out the URL, where it came from, when it started and the messages each way', () => {
  const tooltip = toImportedRow(entry(), 'UTC').tooltip;
  assert.equal(
    tooltip,
    'wss://echo.example.com/chat?room=2\nImported from /work/captures/live.har, entry 2\nStarted Jan 2, 2025, 03:04\n3 messages: 2 received, 1 sent\nRead-only. Replay Imported Session… sends its messages to a server.',
  );
  assert.match(toImportedRow(entry({ origin: 'previous', file: '/s/c1.har' }), 'UTC').tooltip, /^Kept from an earlier window in \/s\/c1\.har$/m);
});

test('a URL the HAR wrote oddly is shown as written', () => {
  assert.equal(toImportedRow(entry({}, { url: 'not a url' }), 'UTC').label, 'not a url');
});
