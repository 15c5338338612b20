import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportChunks } from '../export/sessionExport';
import { SessionLog } from '../log/sessionLog';
import { parseHar, type ImportedSession } from './harImport';
import { importedConnection, importedHandshake, importedStart } from './importedConnection';

const session: ImportedSession = {
  entry: 2,
  url: 'wss://user:pw@feed.example/live?room=1&token=abc',
  startedDateTime: '2025-01-02T03:04:05.000Z',
  requestHeaders: [['Authorization', 'Bearer abc']],
  status: 101,
  statusText: 'Switching Protocols',
  responseHeaders: [['Sec-WebSocket-Protocol', 'chat.v2'], ['Sec-WebSocket-Extensions', 'permessage-deflate']],
  messages: [
    { direction: 'out', kind: 'text', payload: Buffer.from('hello'), time: 1_735_787_045_500 },
    { direction: 'in', kind: 'binary', payload: Buffer.from([0, 1, 255]), time: 1_735_787_045_750 },
  ],
};

test('the handshake a HAR recorded: request path and query, the answer, the agreed subprotocol and extensions', () => {
  assert.deepEqual(importedHandshake(session), {
    request: { method: 'GET', path: '/live?room=1&token=abc', headers: [['Authorization', 'Bearer abc']] },
    response: { httpVersion: '1.1', statusCode: 101, statusMessage: 'Switching Protocols', headers: session.responseHeaders },
    protocol: 'chat.v2',
    extensions: 'permessage-deflate',
  });
  const unanswered = { ...session, status: undefined, responseHeaders: [] };
  assert.deepEqual(Object.keys(importedHandshake(unanswered)), ['request'], 'no answer, no subprotocol');
});

test('the start is the HAR startedDateTime, else the first message, else 0', () => {
  assert.equal(importedStart(session), Date.parse('2025-01-02T03:04:05.000Z'));
  assert.equal(importedStart({ ...session, startedDateTime: '' }), 1_735_787_045_500);
  assert.equal(importedStart({ ...session, startedDateTime: 'yesterday', messages: [] }), 0);
});

test('exported as HAR and read back: the same messages, the credentials hidden', async () => {
  const log = new SessionLog({});
  for (const message of session.messages) log.append(message);
  let text = '';
  for await (const chunk of exportChunks('har', { snapshot: importedConnection(session), log }, { version: '0.0.0' })) text += chunk;
  for (const secret of ['pw@', 'token=abc', 'Bearer abc']) assert.ok(!text.includes(secret), `${secret} is hidden`);
  const [again] = parseHar(text);
  assert.equal(again!.startedDateTime, session.startedDateTime);
  assert.deepEqual(
    again!.messages.map((m) => [m.direction, m.kind, Buffer.from(m.payload).toString('hex'), m.time]),
    session.messages.map((m) => [m.direction, m.kind, Buffer.from(m.payload).toString('hex'), m.time]),
  );
  log.dispose();
});
