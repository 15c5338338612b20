import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostOfHostHeader, isLoopbackHost } from './loopback';

test('loopback hosts: localhost, *.localhost, 127.0.0.0/8, ::1; nothing else', () => {
  for (const host of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) assert.equal(isLoopbackHost(host), true, host);
  for (const host of ['0.0.0.0', '::', '192.168.1.2', 'localhost.example.com', 'example.com', '128.0.0.1', '127.0.0.1.nip.io', '']) assert.equal(isLoopbackHost(host), false, host);
});

test('the host of a Host header drops the port, keeps IPv6 brackets', () => {
  assert.deepEqual(['[::1]:8080', 'localhost:80', 'example.com', '127.0.0.1:9'].map(hostOfHostHeader), ['[::1]', 'localhost', 'example.com', '127.0.0.1']);
});
