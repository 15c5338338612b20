import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSettings } from './settings';

const from = (values: Record<string, unknown>) => readSettings((key) => values[key]);

test('no settings give the defaults: 10 s handshake, 16 MiB messages, 64 MiB log, deflate on, no redirects, keep-alive or reconnect, mocks on 127.0.0.1', () => {
  const { settings, problems } = from({});
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, {
    connection: { handshakeTimeoutMs: 10_000, maxPayloadBytes: 16 * 1024 * 1024, perMessageDeflate: true, followRedirects: false, maxRedirects: 5, logBudgetBytes: 64 * 1024 * 1024 },
    mockHost: '127.0.0.1',
    logBudgetBytes: 64 * 1024 * 1024,
  });
});

test('each setting reaches the connection options', () => {
  const { settings, problems } = from({
    handshakeTimeoutMs: 2500,
    maxMessageBytes: 1024,
    logBudgetMiB: 8,
    keepAliveMs: 15_000,
    perMessageDeflate: false,
    followRedirects: true,
    maxRedirects: 2,
    'reconnect.enabled': true,
    'reconnect.maxAttempts': 3,
    'mock.host': ' 0.0.0.0 ',
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(settings.connection, {
    handshakeTimeoutMs: 2500,
    maxPayloadBytes: 1024,
    perMessageDeflate: false,
    followRedirects: true,
    maxRedirects: 2,
    keepAliveMs: 15_000,
    reconnect: { maxAttempts: 3, initialDelayMs: 500, maxDelayMs: 30_000 },
    logBudgetBytes: 8 * 1024 * 1024,
  });
  assert.equal(settings.mockHost, '0.0.0.0');
});

test('a value of the wrong type or out of range falls back to its default and says so', () => {
  const { settings, problems } = from({ handshakeTimeoutMs: 'fast', logBudgetMiB: 0, perMessageDeflate: 'yes', 'mock.host': 'ws://localhost:80' });
  assert.equal(settings.connection.handshakeTimeoutMs, 10_000);
  assert.equal(settings.logBudgetBytes, 64 * 1024 * 1024);
  assert.equal(settings.connection.perMessageDeflate, true);
  assert.equal(settings.mockHost, '127.0.0.1');
  assert.deepEqual(problems, [
    'socketLens.logBudgetMiB must be a number from 1 to 4096; it is 0, so 64 is used.',
    'socketLens.handshakeTimeoutMs must be a number from 100 to 600000; it is "fast", so 10000 is used.',
    'socketLens.perMessageDeflate must be true or false; it is "yes", so true is used.',
    'socketLens.mock.host must be an IP address or host name such as 127.0.0.1; it is "ws://localhost:80", so 127.0.0.1 is used.',
  ]);
});

test('a reconnect cap below the first delay is reported and raised to it', () => {
  const { settings, problems } = from({ 'reconnect.enabled': true, 'reconnect.initialDelayMs': 5000, 'reconnect.maxDelayMs': 1000 });
  assert.deepEqual(settings.connection.reconnect, { maxAttempts: 10, initialDelayMs: 5000, maxDelayMs: 5000 });
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /maxDelayMs \(1000\) is below socketLens\.reconnect\.initialDelayMs \(5000\)/);
});

test('reconnect settings are not read, or reported, while reconnect is off', () => {
  assert.deepEqual(from({ 'reconnect.initialDelayMs': 5000, 'reconnect.maxDelayMs': 1000 }).problems, []);
});
