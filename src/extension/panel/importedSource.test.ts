// What an imported session shows of its URL outside the panel: its title and what the API and
// Import Session report. A HAR holds the URL as the browser sent it, credentials and all.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImportedSession } from '../../core/import/harImport';
import { SessionLog } from '../../core/log/sessionLog';
import { importedTitle, toImportedInfo } from './importedSource';

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
