import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasFailed, lastAttemptOpened, refusedStatus, statusTextOf } from './connectionOutcome';

test('a refused upgrade is its HTTP status; a 101 or no answer is no refusal', () => {
  assert.equal(refusedStatus(404, statusTextOf('HTTP/1.1 404 Not Found')), '404 Not Found');
  assert.equal(refusedStatus(500), '500');
  assert.equal(refusedStatus(101, 'Switching Protocols'), undefined);
  assert.equal(refusedStatus(undefined), undefined);
});

test('failed: closed with an error or without the closing handshake; a clean close or a live one is not', () => {
  assert.equal(hasFailed({ state: 'closed', error: { code: 'connection/network' } }), true);
  assert.equal(hasFailed({ state: 'closed', close: { wasClean: false } }), true);
  assert.equal(hasFailed({ state: 'closed', close: { wasClean: true } }), false);
  assert.equal(hasFailed({ state: 'open', error: { code: 'connection/send-failed' } }), false);
});

test('the newest attempt opened only if an open follows its connecting', () => {
  assert.equal(lastAttemptOpened([{ kind: 'connecting' }, { kind: 'upgrade-response' }, { kind: 'error' }, { kind: 'closed' }]), false);
  assert.equal(lastAttemptOpened([{ kind: 'connecting' }, { kind: 'open' }, { kind: 'closed' }]), true);
  // Reconnected after it had opened once: the second attempt is the one that counts.
  assert.equal(lastAttemptOpened([{ kind: 'connecting' }, { kind: 'open' }, { kind: 'closed' }, { kind: 'connecting' }, { kind: 'error' }]), false);
  assert.equal(lastAttemptOpened([{ kind: 'imported' }]), true);
});
