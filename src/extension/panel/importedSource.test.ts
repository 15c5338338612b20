// What an imported session shows of its URL outside the panel: its title and what the API and
// Import Session report. A HAR holds the URL as the browser sent it, credentials and all.
// And that its panel knows it is read-only, so it offers nothing that would need a connection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImportedSession } from '../../core/import/harImport';
import { SessionLog } from '../../core/log/sessionLog';
import { notReconnectable } from './panelSource';
import { importedSource, importedTitle, toImportedInfo, type ImportedOrigin } from './importedSource';

function session(url: string): ImportedSession {
  return { entry: 1, url, startedDateTime: '2025-01-02T03:04:05.000Z', requestHeaders: [], responseHeaders: [], messages: [] };
}

test('the title of a URL that does not parse hides its user info and secret query values', () => {
  assert.equal(importedTitle('wss://ada:pa55@feed.example/ws'), 'WS feed.example/ws');
  const odd = importedTitle('wss://ada:pa55@feed.example:99999/ws?room=1&token=t0k3n');
  assert.equal(odd, 'WS wss://***:***@feed.example:99999/ws?room=1&token=***');
});

test('Import Session and the API report the URL redacted', () => {
  const entry = { id: 'i1', file: '/tmp/a.har', origin: 'har' as const, session: session('wss://ada:pa55@feed.example/ws?token=t0k3n&room=1'), log: new SessionLog() };
  assert.deepEqual(toImportedInfo(entry), { id: 'i1', url: 'wss://***:***@feed.example/ws?token=***&room=1', messages: 0, panelOpen: false });
});

test('an imported or previous session tells its panel it is read-only, and Reconnect there says why not and what to do', () => {
  const source = (origin: ImportedOrigin) => importedSource({ id: 'i1', file: '/tmp/a.har', origin, session: session('wss://feed.example/ws'), log: new SessionLog() });
  assert.equal(source('har').view().readOnly, 'imported');
  assert.equal(source('previous').view().readOnly, 'previous');
  const refusal = notReconnectable(source('har'));
  assert.equal(refusal.code, 'connection/not-reconnectable');
  assert.equal(refusal.message, 'WS feed.example/ws (imported) is a read-only session, read back from a file: there is no connection to open again. Use Socket Lens: Replay Imported Session… to send its messages to a server.');
});
