import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectTo } from '../testing/clientTesting';
import { MockServer } from './mockServer';

test('a mock records the client\'s request with its ?token= hidden', async (t) => {
  const server = await MockServer.start({ definition: { paths: [{ path: '/feed' }] } });
  t.after(() => server.close());
  await connectTo(t, `${server.url}/feed?token=tok-s3cret-1`);
  const open = server.client(server.clients()[0]!.id)!.lifecycle.find((e) => e.kind === 'open');
  assert.match(open?.detail ?? '', /^GET \/feed\?token=\*\*\* from /);
});
