import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionSnapshot } from '../../core/client/connectionTypes';
import { hostAndPath, toConnectionRow } from './connectionRow';

function snapshot(overrides: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return { id: 'c1', url: 'wss://echo.example.com:8443/chat?room=2', state: 'open', handshake: {}, lifecycle: [], ...overrides };
}

test('a row names the connection by host and path, and counts its messages each way', () => {
  const row = toConnectionRow(snapshot(), { messagesIn: 12, messagesOut: 3 });
  assert.equal(row.label, 'echo.example.com:8443/chat?room=2');
  assert.equal(row.description, 'open · ↓ 12 ↑ 3');
  assert.equal(row.icon, 'plug');
  assert.equal(row.contextValue, 'socketLens.connection.open');
});

test('a named connection (saved, or a replay) is listed by its name, its address beside it', () => {
  const row = toConnectionRow(snapshot({ label: 'Staging feed' }), { messagesIn: 1, messagesOut: 0 });
  assert.deepEqual([row.label, row.description], ['Staging feed', 'echo.example.com:8443/chat?room=2 · open · ↓ 1 ↑ 0']);
});

test('each state has its icon; a connection that ended in an error shows the error icon', () => {
  const icon = (overrides: Partial<ConnectionSnapshot>) => toConnectionRow(snapshot(overrides), { messagesIn: 0, messagesOut: 0 }).icon;
  assert.equal(icon({ state: 'connecting' }), 'loading~spin');
  assert.equal(icon({ state: 'closing' }), 'loading~spin');
  assert.equal(icon({ state: 'closed' }), 'debug-disconnect');
  assert.equal(icon({ state: 'closed', error: { code: 'connection/refused', message: 'refused' } }), 'error');
});

test('the tooltip spells out the URL, state, close code and reason, and the error', () => {
  const closed = snapshot({
    state: 'closed',
    close: { code: 1008, reason: 'policy', initiatedBy: 'server', wasClean: true, tcpClosedFirstBy: 'server' },
    error: { code: 'connection/closed', message: 'The server closed it.' },
  });
  const tooltip = toConnectionRow(closed, { messagesIn: 1, messagesOut: 2 }).tooltip;
  assert.equal(tooltip, 'wss://echo.example.com:8443/chat?room=2\nState: failed · 1 received, 2 sent\nClosed with 1008 "policy"\nError: The server closed it.');
});

const DROPPED = { code: 1006, reason: '', initiatedBy: 'none', wasClean: false, tcpClosedFirstBy: 'unknown' } as const;

test('a handshake the server refused with 404 reads "failed · 404 Not Found" as the panel says it, never as a close', () => {
  const refused = snapshot({
    state: 'closed',
    handshake: { response: { httpVersion: '1.1', statusCode: 404, statusMessage: 'Not Found', headers: [] } },
    lifecycle: [{ time: 1, kind: 'connecting' }, { time: 2, kind: 'upgrade-response' }, { time: 3, kind: 'error' }, { time: 4, kind: 'closed' }],
    close: DROPPED,
    error: { code: 'connection/handshake-rejected', message: 'The server answered 404 Not Found instead of 101 Switching Protocols.' },
  });
  const row = toConnectionRow(refused, { messagesIn: 0, messagesOut: 0 });
  assert.equal(row.description, 'failed · 404 Not Found · ↓ 0 ↑ 0');
  assert.equal(row.icon, 'error');
  assert.equal(row.contextValue, 'socketLens.connection.closed');
  assert.equal(row.tooltip, 'wss://echo.example.com:8443/chat?room=2\nState: failed · 0 received, 0 sent\nError: The server answered 404 Not Found instead of 101 Switching Protocols.');
});

test('a WebSocket that opened and then lost TCP without a close frame reads "failed · 1006"; a clean close reads "closed"', () => {
  const opened = [{ time: 1, kind: 'connecting' }, { time: 2, kind: 'open' }, { time: 3, kind: 'closed' }] as const;
  const dropped = toConnectionRow(snapshot({ state: 'closed', lifecycle: [...opened], close: DROPPED }), { messagesIn: 4, messagesOut: 1 });
  assert.equal(dropped.description, 'failed · 1006 · ↓ 4 ↑ 1');
  assert.equal(dropped.icon, 'error');
  const clean = toConnectionRow(snapshot({ state: 'closed', lifecycle: [...opened], close: { ...DROPPED, code: 1000, initiatedBy: 'client', wasClean: true } }), { messagesIn: 4, messagesOut: 1 });
  assert.equal(clean.description, 'closed · ↓ 4 ↑ 1');
  assert.equal(clean.icon, 'debug-disconnect');
});

test('the label keeps user info out and falls back to the text of a URL it cannot parse', () => {
  assert.equal(hostAndPath('ws://***:***@127.0.0.1:9000/'), '127.0.0.1:9000/');
  assert.equal(hostAndPath('not a url'), 'not a url');
});
