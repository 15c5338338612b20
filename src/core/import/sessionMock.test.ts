import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderTemplate } from '../mock/template';
import { validateMockDefinition } from '../mock/validateDefinition';
import { parseHar } from './harImport';
import { mockFromSession } from './sessionMock';

const chromeSession = async () => parseHar(await readFile(join(__dirname, 'testdata', 'chrome-websocket.har'), 'utf8'))[0]!;

test('a mock from a session: greeting on connect, each text answered with what followed it, spacing kept', async () => {
  const { definition, notes } = mockFromSession(await chromeSession(), 'live');
  assert.ok(validateMockDefinition(definition).ok);
  assert.equal(definition.name, 'live');
  assert.equal(definition.paths.length, 1);
  const [path] = definition.paths;
  assert.equal(path!.path, '/live');
  assert.equal(path!.otherwise, 'nothing');
  assert.deepEqual(path!.onConnect, [{ text: '{"type":"welcome","room":7}' }]);
  assert.deepEqual(path!.rules, [
    { match: { text: '{"type":"join","name":"ada"}' }, reply: [{ text: '{"type":"joined","name":"ada"}', delayMs: 11 }, { base64: 'AAEC/w==', delayMs: 39 }] },
    { match: { text: 'héllo {{name}} ✓' }, reply: [{ text: 'héllo \\{{name}} ✓', delayMs: 20 }] },
  ]);
  assert.deepEqual(notes, ['1 binary message from the client got no rule: a mock rule cannot match binary content exactly.']);
});

test('a reply with "{{" is escaped so the mock sends it as recorded', async () => {
  const { definition } = mockFromSession(await chromeSession(), 'live');
  const reply = definition.paths[0]!.rules![1]!.reply![0] as { text: string };
  assert.equal(renderTemplate(reply.text, { message: '', json: undefined, captures: [], counter: 1, client: 'c', path: '/' }), 'héllo {{name}} ✓');
});

test('a text sent twice keeps its first answer; a session with no client message is all on-connect', () => {
  const m = (direction: 'in' | 'out', text: string, time: number) => ({ direction, kind: 'text' as const, payload: Buffer.from(text), time });
  const base = { entry: 1, url: 'ws://h/a/b', startedDateTime: '', requestHeaders: [], responseHeaders: [] };
  const twice = mockFromSession({ ...base, messages: [m('out', 'ping', 0), m('in', 'pong 1', 5), m('out', 'ping', 10), m('in', 'pong 2', 12)] }, 'x');
  assert.deepEqual(twice.definition.paths[0]!.rules, [{ match: { text: 'ping' }, reply: [{ text: 'pong 1', delayMs: 5 }] }]);
  assert.deepEqual(twice.notes, ['1 text was sent again; the mock answers each text as it was answered the first time.']);
  const greeting = mockFromSession({ ...base, messages: [m('in', 'a', 100), m('in', 'b', 150)] }, 'x');
  assert.deepEqual(greeting.definition.paths[0], { path: '/a/b', onConnect: [{ text: 'a' }, { text: 'b', delayMs: 50 }], rules: [], otherwise: 'nothing' });
  assert.ok(validateMockDefinition(greeting.definition).ok);
});
