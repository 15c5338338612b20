import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectTo, wsServer } from '../testing/clientTesting';

test('a header named secret is hidden in the response too: the server echoes a secret subprotocol', async (t) => {
  const url = await wsServer(t, {}, () => undefined);
  const connection = await connectTo(t, url, { protocols: ['bearer.s3cret'], secretHeaders: ['Sec-WebSocket-Protocol'] });
  const { handshake } = connection.snapshot();
  const sent = JSON.stringify(handshake.request?.headers);
  const answered = JSON.stringify(handshake.response?.headers);
  assert.match(answered, /sec-websocket-protocol/i, 'the server answered with the subprotocol');
  assert.ok(!sent.includes('s3cret') && !answered.includes('s3cret'), `hidden both ways: ${sent} ${answered}`);
});
