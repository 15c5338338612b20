// The mock the interop tests run: every kind of rule, template, send and fault, each behind a
// message that names it, and the handshake behaviours on paths of their own.
import type { TestContext } from 'node:test';
import type { MockClient } from '../../../src/core/mock/mockClient';
import type { MockDefinition, MockFault } from '../../../src/core/mock/mockDefinition';
import { MockServer } from '../../../src/core/mock/mockServer';

export const BROKEN_FRAMES = ['reserved-opcode', 'unmasked-rsv', 'bad-utf8', 'oversized-control', 'bad-close-code'] as const;

/** A text message that triggers `fault` on /rules. */
export const faultTrigger = (name: string) => `fault ${name}`;

const FAULTS: Record<string, MockFault> = {
  close: { close: { code: 4001, reason: 'asked to close ✓' } },
  drop: { drop: true },
  stopReading: { stopReading: true },
  'pings ignore': { pings: 'ignore' },
  'pings delay': { pings: { delayMs: 300 } },
  ...Object.fromEntries(BROKEN_FRAMES.map((b) => [b, { brokenFrame: b }])),
};

export const FIXTURE: MockDefinition = {
  name: 'interop',
  subprotocols: ['v2', 'v1'],
  paths: [
    {
      path: '/rules',
      otherwise: 'nothing',
      rules: [
        { match: { text: 'ping' }, reply: [{ text: 'pong {{counter}} on {{path}}' }] },
        { match: { regex: '^hello (\\w+)$', flags: 'i' }, reply: [{ text: 'hi {{match.1}}, you said "{{message}}"' }] },
        { match: { json: { op: 'subscribe', filter: { tags: ['a', 'b'] } } }, reply: [{ json: { ok: true, channel: '{{json.channel}}', first: '{{json.filter.tags[0]}}' } }] },
        { match: { jsonPath: '$.items[0].id', equals: 7 }, reply: [{ hex: 'cafe' }, { base64: 'AAEC/w==' }] },
        { match: { binary: true }, reply: [{ text: 'got binary' }] },
        { match: { text: 'who' }, reply: [{ text: '{{client}}' }, { text: '{{uuid}}' }, { text: '{{now}}' }] },
        { match: { text: 'shout' }, reply: [{ text: 'everyone hears {{client}}', to: 'all' }] },
        { match: { text: 'slow' }, reply: [{ text: 'first' }, { text: 'second', delayMs: 200 }] },
        { match: { text: 'split' }, reply: [{ text: 'in four parts ✓', fragments: 4 }, { hex: '00010203040506', fragments: 3 }] },
        ...Object.entries(FAULTS).map(([name, fault]) => ({ match: { text: faultTrigger(name) }, reply: [{ text: `fault ${name} next` }], fault })),
      ],
    },
    { path: '/welcome', onConnect: [{ text: 'welcome {{client}}' }, { json: { seq: 2 }, delayMs: 150 }, { hex: 'ff00', delayMs: 100 }] },
    { path: '/ticks', otherwise: 'nothing', timers: [{ everyMs: 40, send: { text: 'tick {{counter}}' } }] },
    { path: '/closed', handshake: { reject: { status: 403, headers: { 'X-Why': 'maintenance' }, body: 'come back later' } } },
    { path: '/token', handshake: { requireToken: 's3cret' } },
  ],
};

/** A mock from `definition`, closed with the test. */
export async function startMock(t: TestContext, definition: MockDefinition = FIXTURE): Promise<MockServer> {
  const server = await MockServer.start({ definition });
  t.after(() => server.close());
  return server;
}

/** The mock's side of the client that connected last. */
export function newestClient(server: MockServer): MockClient {
  const infos = server.clients().sort((a, b) => a.connectedAt - b.connectedAt);
  const client = infos.length ? server.client(infos.at(-1)!.id) : undefined;
  if (!client) throw new Error('the mock has no client');
  return client;
}

/** What the mock logged for one client, as "in text hello" / "out binary cafe" lines (data messages only). */
export function mockMessages(client: MockClient): string[] {
  return client.log
    .range(1, 10_000)
    .filter((e) => e.kind === 'text' || e.kind === 'binary')
    .map((e) => `${e.direction} ${e.kind} ${e.kind === 'text' ? Buffer.from(e.payload).toString('utf8') : Buffer.from(e.payload).toString('hex')}`);
}

/** Resolves once `predicate` holds for the mock's client, looking on every log entry and every 20 ms (its lifecycle has no event of its own here). */
export function untilMock(client: MockClient, predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`the mock's client never got to: ${what}; its log: ${JSON.stringify(mockMessages(client))}; lifecycle: ${JSON.stringify(client.lifecycle)}`));
    }, timeoutMs);
    const check = () => {
      if (!predicate()) return;
      stop();
      resolve();
    };
    const unsubscribe = client.log.onDidAppend(check);
    const poll = setInterval(check, 20);
    const stop = () => {
      clearTimeout(timer);
      clearInterval(poll);
      unsubscribe();
    };
    check();
  });
}
