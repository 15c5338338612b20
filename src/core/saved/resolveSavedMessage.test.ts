import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReferenceLookups } from './resolveSavedConnection';
import { resolveMessageText, savedMessageNamed, savedMessagePath, secretsOfMessage } from './resolveSavedMessage';
import type { SavedConnection } from './savedConnection';

function lookups(env: Record<string, string>, secrets: Record<string, string>): ReferenceLookups {
  return { env: (name) => env[name], secret: (name) => secrets[name] };
}

const variables = { room: 'lobby', tenant: 'acme-${secret:tenant-id}' };

test('env, var and secret references of a message are filled in, through variables too', () => {
  const text = '{"room":"${var:room}","user":"${env:USER}","token":"${secret:api-token}","tenant":"${var:tenant}"}';
  const resolved = resolveMessageText(text, variables, lookups({ USER: 'ada' }, { 'api-token': 't0k', 'tenant-id': '7' }), 'join');
  assert.deepEqual(resolved, { ok: true, text: '{"room":"lobby","user":"ada","token":"t0k","tenant":"acme-7"}', hidden: ['t0k', '7'] });
});

test('the values to hide in the log: every secret, and env values long enough to be a credential', () => {
  const text = '${env:API_TOKEN} ${env:USER} ${env:PORT} ${secret:pin} ${env:API_TOKEN}';
  const resolved = resolveMessageText(text, variables, lookups({ API_TOKEN: 'ghp_0123456789abcdef', USER: 'ada', PORT: '8080' }, { pin: '42' }), 'env');
  assert.ok(resolved.ok);
  assert.deepEqual(resolved.hidden, ['ghp_0123456789abcdef', '42'], 'short env values (ada, 8080) are not hidden: they would blank common words');
});

test('a ${…} that is no reference is message text and goes out as written', () => {
  const text = 'const greeting = `${name}!`; ${ var:room }';
  assert.deepEqual(resolveMessageText(text, variables, lookups({}, {}), 'js'), { ok: true, text: 'const greeting = `${name}!`; lobby', hidden: [] });
});

test('every missing secret and env variable is named with what to do, and no value is shown', () => {
  const text = '${secret:api-token} ${env:NOPE} ${secret:tenant-id} ${var:tenant} ${secret:api-token}';
  const resolved = resolveMessageText(text, variables, lookups({ HOME: '/home/ada' }, { 'tenant-id': 'hidden-7' }), 'auth');
  assert.equal(resolved.ok, false);
  assert.ok(!resolved.ok);
  assert.deepEqual(resolved.problems, [
    `\${secret:api-token} is not set: run 'Socket Lens: Set Secret…' and store "api-token".`,
    '${env:NOPE} is not set in the environment VS Code was started from: set it and restart VS Code, or use ${secret:NOPE}.',
  ]);
  assert.ok(!resolved.problems.join(' ').includes('hidden-7'));
});

test('a ${var:…} that names no variable is refused rather than sent as nothing', () => {
  const resolved = resolveMessageText('{"room":"${var:rooom}"}', variables, lookups({}, {}), 'join');
  assert.deepEqual(resolved, { ok: false, problems: ['${var:rooom} names no variable: add "rooom" to "variables" of the saved connections, or fix the name.'] });
  assert.equal(resolveMessageText('${var:room}', undefined, lookups({}, {}), 'join').ok, false, "the user's list may have no variables at all");
});

test('the secrets a message needs are found directly and through its variables; messages are found by name', () => {
  assert.deepEqual(secretsOfMessage('${secret:a} ${var:tenant} ${secret:a} ${env:B}', variables).sort(), ['a', 'tenant-id']);
  assert.deepEqual(secretsOfMessage('plain', undefined), []);
  const connection: SavedConnection = { name: 'Staging', url: 'wss://x', messages: [{ name: 'join', text: 'j' }, { name: 'leave', text: 'l' }] };
  assert.deepEqual(savedMessageNamed(connection, 'leave'), { name: 'leave', text: 'l' });
  assert.equal(savedMessageNamed(connection, 'nope'), undefined);
  assert.equal(savedMessageNamed({ name: 'n', url: 'wss://x' }, 'join'), undefined);
  assert.equal(savedMessagePath(connection, 'join'), '"Staging".messages.join');
});
