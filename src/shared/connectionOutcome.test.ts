import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFailure, hasFailed, lastAttemptOpened, refusedStatus, statusTextOf } from './connectionOutcome';

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

const OPENED = [{ kind: 'connecting' }, { kind: 'open' }, { kind: 'closed' }];
const REFUSED = [{ kind: 'connecting' }, { kind: 'upgrade-response' }, { kind: 'error' }, { kind: 'closed' }];

test('a failure is described by its refused status and reason, else the close code of a WebSocket that opened, else by the word alone', () => {
  // ws reports 1006 for a refused upgrade too: the status says what happened.
  assert.equal(describeFailure({ statusCode: 404, statusText: 'Not Found', close: { code: 1006 }, lifecycle: REFUSED }), 'failed · 404 Not Found');
  assert.equal(describeFailure({ statusCode: 500, lifecycle: REFUSED }, 'Failed'), 'Failed · 500');
  assert.equal(describeFailure({ statusCode: 101, close: { code: 1006 }, lifecycle: OPENED }, 'Failed'), 'Failed · 1006');
  // No WebSocket opened, so its close code describes nothing; the error's message is said beside it.
  assert.equal(describeFailure({ close: { code: 1006 }, lifecycle: REFUSED }), 'failed');
  assert.equal(describeFailure({ lifecycle: [] }, 'Failed'), 'Failed');
});
