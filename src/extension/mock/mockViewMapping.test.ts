import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MockClientInfo } from '../../core/mock/mockClient';
import type { MockClientRecord } from './mockActivity';
import { toMockClientRow, toMockServerView } from './mockViewMapping';

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);

function info(overrides: Partial<MockClientInfo> = {}): MockClientInfo {
  return {
    id: 'ab12cd34',
    path: '/chat',
    target: '/chat',
    remote: '127.0.0.1:50123',
    headers: [['Host', '127.0.0.1:9002']],
    response: { statusLine: 'HTTP/1.1 101 Switching Protocols', headers: [] },
    requestedProtocols: ['chat.v1'],
    protocol: 'chat.v1',
    connectedAt: T0,
    ...overrides,
  };
}

function record(overrides: Partial<MockClientRecord> = {}): MockClientRecord {
  return { info: info(), counters: { messagesIn: 3, messagesOut: 5, bytesIn: 30, bytesOut: 50 }, open: true, logAvailable: true, ...overrides };
}

test('an open client becomes a row with its address, path, subprotocol, start and message counts', () => {
  assert.deepEqual(toMockClientRow(record()), {
    id: 'ab12cd34',
    remote: '127.0.0.1:50123',
    path: '/chat',
    protocol: 'chat.v1',
    connectedAt: T0,
    state: 'open',
    messagesIn: 3,
    messagesOut: 5,
    logAvailable: true,
  });
});

test('a client without a subprotocol has no protocol field; one no longer open and not yet closed is closing', () => {
  const row = toMockClientRow(record({ info: info({ protocol: undefined }), open: false }));
  assert.equal('protocol' in row, false);
  assert.equal(row.state, 'closing');
  assert.equal(row.close, undefined);
});

test('a closed client keeps its counts and says how it ended and when', () => {
  const closed = { code: 4000, reason: 'asked to leave', initiatedBy: 'server' as const, wasClean: true, tcpClosedFirstBy: 'server' as const };
  const row = toMockClientRow(record({ info: info({ closed }), open: false, closedAt: T0 + 61_000, logAvailable: false }));
  assert.equal(row.state, 'closed');
  assert.equal(row.closedAt, T0 + 61_000);
  assert.deepEqual(row.close, { code: 4000, reason: 'asked to leave', initiatedBy: 'server', wasClean: true });
  assert.equal(row.logAvailable, false);
  assert.equal(row.messagesOut, 5);
});

test('the header counts clients now and in all, and messages both ways; a stopped mock has no clients now', () => {
  const activity = { clientsNow: 2, clientsTotal: 7, messageTotals: () => ({ messagesIn: 11, messagesOut: 13 }) };
  const mock = { key: 'file:///w/chat.wsmock.json', label: 'demo chat', url: 'ws://127.0.0.1:9002/chat', otherPaths: ['/private'] };
  assert.deepEqual(toMockServerView(mock, 'running', activity), { key: mock.key, name: 'demo chat', url: 'ws://127.0.0.1:9002/chat', otherPaths: ['/private'], state: 'running', clientsNow: 2, clientsTotal: 7, messagesIn: 11, messagesOut: 13 });
  assert.equal(toMockServerView(mock, 'stopped', activity).clientsNow, 0);
});

test('the header carries the URL Copy gives only when it is not the local one', () => {
  const activity = { clientsNow: 0, clientsTotal: 0, messageTotals: () => ({ messagesIn: 0, messagesOut: 0 }) };
  const mock = { key: 'echo', label: 'echo', url: 'ws://127.0.0.1:9002/chat', otherPaths: [] };
  assert.equal(toMockServerView(mock, 'running', activity, 'wss://editor.example/proxy/9002/chat').reachableUrl, 'wss://editor.example/proxy/9002/chat');
  assert.equal('reachableUrl' in toMockServerView(mock, 'running', activity, mock.url), false, 'locally Copy gives the URL shown');
  assert.equal('reachableUrl' in toMockServerView(mock, 'running', activity), false, 'not worked out yet');
});
