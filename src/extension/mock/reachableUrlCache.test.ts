import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReachableUrlCache } from './reachableUrlCache';

/** A mock whose URL and state the test sets, and an asker whose answers it gives when it likes. */
function fakeMock(url = 'ws://127.0.0.1:9002/chat') {
  const asked: string[] = [];
  const pending = new Map<string, (answer: string) => void>();
  const mock = {
    url,
    live: true,
    running: () => mock.live,
    reachableUrl: (u: string) => {
      asked.push(u);
      return new Promise<string>((resolve) => pending.set(u, resolve));
    },
  };
  let answered = 0;
  const cache = new ReachableUrlCache(mock, () => answered++);
  /** Answers the question about `u`, then lets the answer land. */
  const answer = async (u: string, reachable: string) => {
    pending.get(u)!(reachable);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { mock, cache, asked, answer, answered: () => answered };
}

test('asks once per URL, however often the panel asks (snapshots, refreshes), and keeps the answer', async () => {
  const { cache, asked, answer, answered } = fakeMock();
  cache.ask();
  cache.ask();
  assert.deepEqual(asked, ['ws://127.0.0.1:9002/chat'], 'a question still unanswered is not asked again');
  assert.equal(cache.current(), undefined, 'not answered yet');
  await answer('ws://127.0.0.1:9002/chat', 'wss://editor.example/proxy/9002/chat');
  assert.equal(cache.current(), 'wss://editor.example/proxy/9002/chat');
  assert.equal(answered(), 1, 'the header is told');
  cache.ask();
  cache.ask();
  assert.equal(asked.length, 1, 'an answered URL is not asked again');
});

test('never asks once the mock has stopped; the header keeps the answer it had', async () => {
  const { mock, cache, asked, answer } = fakeMock();
  cache.ask();
  await answer(mock.url, 'wss://editor.example/proxy/9002/chat');
  mock.live = false;
  mock.url = 'ws://127.0.0.1:9002/other';
  cache.ask();
  assert.deepEqual(asked, ['ws://127.0.0.1:9002/chat'], 'a stopped mock\'s port is not forwarded again');
  mock.url = 'ws://127.0.0.1:9002/chat';
  assert.equal(cache.current(), 'wss://editor.example/proxy/9002/chat');

  const stopped = fakeMock();
  stopped.mock.live = false;
  stopped.cache.ask();
  assert.deepEqual(stopped.asked, [], 'a panel opened on a stopped mock asks nothing');
  assert.equal(stopped.cache.current(), undefined);
});

test('a reload that changes the URL asks for the new one; a late answer for the old URL never shows for it', async () => {
  const { mock, cache, asked, answer } = fakeMock();
  cache.ask();
  mock.url = 'ws://127.0.0.1:9002/v2';
  cache.ask();
  assert.deepEqual(asked, ['ws://127.0.0.1:9002/chat', 'ws://127.0.0.1:9002/v2']);
  await answer('ws://127.0.0.1:9002/chat', 'wss://editor.example/proxy/9002/chat');
  assert.equal(cache.current(), undefined, 'the answer for /chat is not the one for /v2');
  await answer('ws://127.0.0.1:9002/v2', 'wss://editor.example/proxy/9002/v2');
  assert.equal(cache.current(), 'wss://editor.example/proxy/9002/v2');
  mock.url = 'ws://127.0.0.1:9002/chat';
  cache.ask();
  assert.equal(asked.length, 2, 'back to /chat: its answer is kept');
  assert.equal(cache.current(), 'wss://editor.example/proxy/9002/chat');
});
