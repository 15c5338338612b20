import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectTo } from '../testing/clientTesting';
import { MockServer } from './mockServer';

test('a mock records the client\'s request with its query, ?token= hidden', async (t) => {
  const server = await MockServer.start({ definition: { paths: [{ path: '/feed' }] } });
  t.after(() => server.close());
  await connectTo(t, `${server.url}/feed?room=lobby&token=tok-s3cret-1`);
  const info = server.clients()[0]!;
  const open = server.client(info.id)!.lifecycle.find((e) => e.kind === 'open');
  assert.match(open?.detail ?? '', /^GET \/feed\?room=lobby&token=\*\*\* from /);
  assert.equal(info.path, '/feed');
  assert.equal(info.target, '/feed?room=lobby&token=***');
});

test('what a mock tells about a client hides its credentials, in the headers and in the subprotocols, and keeps the rest', async (t) => {
  const server = await MockServer.start({ definition: { paths: [{ path: '/feed' }], subprotocols: ['chat'] } });
  t.after(() => server.close());
  const headers = { Authorization: 'Bearer b3arer-s3cret', Cookie: 'sid=c00kie-s3cret', 'X-Api-Key': 'k3y-s3cret', 'X-Trace': 'trace-1', Origin: 'http://app.test' };
  await connectTo(t, `${server.url}/feed`, { headers, protocols: ['chat', 'access_token', 'pr0to-s3cret'] });
  const info = server.clients()[0]!;
  assert.doesNotMatch(JSON.stringify(info), /s3cret/);
  const header = (name: string) => info.headers.find(([n]) => n.toLowerCase() === name)?.[1];
  assert.equal(header('authorization'), 'Bearer ***');
  assert.equal(header('cookie'), '***');
  assert.equal(header('x-trace'), 'trace-1');
  assert.equal(header('sec-websocket-protocol'), 'chat, access_token, ***');
  assert.deepEqual(info.requestedProtocols, ['chat', 'access_token', '***']);
  assert.equal(info.protocol, 'chat');
  assert.equal(info.origin, 'http://app.test');
});
