// Rules and faults that mockServer.test.ts does not reach with our own client: a fault after
// replies (with permessage-deflate, where ws compresses replies asynchronously), every broken
// frame, binary rules, late pongs, stopped reading, the connection limit.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { ClientConnection } from '../client/clientConnection';
import { connectTo, until } from '../testing/clientTesting';
import type { MockDefinition, MockFault } from './mockDefinition';
import { MockServer } from './mockServer';

async function mock(t: TestContext, definition: MockDefinition): Promise<MockServer> {
  const server = await MockServer.start({ definition });
  t.after(() => server.close());
  return server;
}

// Messages that reached the application: a broken one is logged too, marked undelivered.
const incoming = (c: ClientConnection) => c.log.range(1, 1000).filter((e) => e.direction === 'in' && (e.kind === 'text' || e.kind === 'binary') && !e.undelivered);
const shown = (c: ClientConnection) => incoming(c).map((e) => (e.kind === 'text' ? Buffer.from(e.payload).toString() : `0x${Buffer.from(e.payload).toString('hex')}`));

/** One rule: on "go", reply "last words" and then inject `fault`. */
const faultAfterReply = (fault: MockFault): MockDefinition => ({ paths: [{ path: '/', otherwise: 'nothing', rules: [{ match: { text: 'go' }, reply: [{ text: 'last words' }], fault }] }] });

for (const deflate of [true, false]) {
  test(`a drop fault comes after the rule's replies (permessage-deflate ${deflate ? 'on' : 'off'})`, async (t) => {
    const server = await mock(t, faultAfterReply({ drop: true }));
    const c = await connectTo(t, `${server.url}/`, { perMessageDeflate: deflate });
    c.sendText('go');
    await until(c, () => c.isFinished);
    assert.deepEqual([shown(c), c.snapshot().close?.code], [['last words'], 1006]);
  });

  test(`a broken frame comes after the rule's replies (permessage-deflate ${deflate ? 'on' : 'off'})`, async (t) => {
    const server = await mock(t, faultAfterReply({ brokenFrame: 'bad-utf8' }));
    const c = await connectTo(t, `${server.url}/`, { perMessageDeflate: deflate });
    c.sendText('go');
    await until(c, () => c.isFinished);
    assert.deepEqual([shown(c), c.snapshot().close?.sent?.code], [['last words'], 1007]);
  });
}
