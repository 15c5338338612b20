import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cspViolations, posted, sendFromHost, waitForPosted } from './fakeHost';
import { LIFECYCLE_SHOWN, windowLifecycle } from '../../src/shared/lifecycleWindow';
import { appended, logPage, message, openConnection, reconnectingSession, snapshot, T0 } from './fixtures';
import { shotsDir, usePanelPages } from './panelPage';

const openPanel = usePanelPages();

test('asks the host for a snapshot when it loads, under a strict CSP without violations', async () => {
  const page = await openPanel();
  assert.deepEqual(await posted(page), [{ type: 'webview/ready', filter: {} }, { type: 'composer/watch', requestId: 1 }]);
  await sendFromHost(page, snapshot(openConnection(), [message(1)]));
  await page.getByText('msg 1').waitFor();
  assert.deepEqual(await cspViolations(page), []);
  await page.close();
});

test('the real CSP (renderPanelHtml) blocks an inline script without the nonce, an inline handler, a string timer (eval) and a fetch', async () => {
  const page = await openPanel();
  const outcome = await page.evaluate(async () => {
    const w = window as unknown as { __ran?: string[] };
    w.__ran = [];
    const script = document.createElement('script');
    script.textContent = 'window.__ran.push("inline script")';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__ran.push("inline handler")');
    img.src = 'data:image/png;base64,broken';
    document.body.append(img);
    // A string timer is eval run by the page itself (code run through page.evaluate is let through).
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__ran.push("string timer")', 0);
    let fetchBlocked = false;
    await fetch('http://127.0.0.1:9/').catch(() => (fetchBlocked = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { ran: w.__ran, fetchBlocked };
  });
  assert.deepEqual(outcome, { ran: [], fetchBlocked: true });
  const violations = await cspViolations(page);
  for (const directive of ['script-src-elem', 'script-src-attr', 'script-src', 'connect-src']) {
    assert.ok(violations.some((v) => v.startsWith(`${directive} `)), `a ${directive} violation was reported: ${JSON.stringify(violations)}`);
  }
  await page.close();
});

test('paints the snapshot: state, URL, counters and both directions of messages', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection(), [message(1, { direction: 'out', preview: 'hello' }), message(2, { preview: 'hey', size: 3 })]));
  await page.getByTestId('state').getByText('Open').waitFor();
  assert.equal(await page.getByTestId('url').textContent(), 'ws://127.0.0.1:9001/chat');
  assert.match((await page.getByTestId('counters').textContent()) ?? '', /↓ 1 · 3 B\s+↑ 1 · 5 B/);
  const rows = page.getByTestId('message');
  assert.equal(await rows.count(), 2);
  assert.equal(await rows.nth(0).getAttribute('data-direction'), 'out');
  assert.match((await rows.nth(1).textContent()) ?? '', /↓\s*text\s*3 B\s*hey/);
  await page.close();
});

test('appends batches, fetches the rows it was not sent, and says how many were evicted', async () => {
  const page = await openPanel();
  const connection = openConnection({ counters: { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, evicted: 0 } });
  await sendFromHost(page, snapshot(connection, []));
  await page.getByText('No messages yet').waitFor();
  const batch = [message(1041), message(1042, { kind: 'binary', preview: '00 ff', size: 2 })];
  await sendFromHost(page, appended(batch, { messagesIn: 1042, messagesOut: 0, bytesIn: 9000, bytesOut: 0, evicted: 1000 }, 1000));
  await page.getByText('00 ff').waitFor();
  assert.match((await page.getByTestId('evicted').textContent()) ?? '', /1,000 older messages were evicted/);
  assert.equal(await page.getByTestId('match-count').textContent(), '42 messages');
  const range = await waitForPosted(page, 'log/range');
  assert.ok(range.type === 'log/range');
  assert.ok(range.start <= 1039 && range.start + range.count >= 1040, `asks for the rows above the two it was sent (${range.start}+${range.count})`);
  await sendFromHost(page, { type: 'host/result', requestId: range.requestId, ok: true, value: logPage([message(1039), message(1040)], 1000) });
  await page.getByText('msg 1040').waitFor();
  await page.close();
});

test('each batch adds rows to those already shown', async () => {
  const page = await openPanel();
  const counters = (n: number) => ({ messagesIn: n, messagesOut: 0, bytesIn: 5 * n, bytesOut: 0, evicted: 0 });
  await sendFromHost(page, snapshot(openConnection({ counters: counters(1) }), [message(1)]));
  await page.getByText('msg 1').waitFor();
  await sendFromHost(page, appended([message(2)], counters(2)));
  await sendFromHost(page, appended([message(3)], counters(3)));
  await page.getByText('msg 3').waitFor();
  assert.equal(await page.getByTestId('message').count(), 3);
  assert.equal(await page.getByTestId('evicted').count(), 0);
  await page.close();
});

test('the composer sends text as a request and shows the host’s error', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection(), []));
  await page.getByTestId('composer').locator('textarea').fill('{"op":"subscribe"}');
  await page.getByTestId('send').click();
  const request = await waitForPosted(page, 'connection/send');
  assert.ok(request.type === 'connection/send');
  assert.deepEqual(request.payload, { kind: 'text', text: '{"op":"subscribe"}' });
  await sendFromHost(page, { type: 'host/result', requestId: request.requestId, ok: true });

  await page.getByTestId('composer').locator('textarea').press('Control+Enter');
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'connection/send').length === 2);
  const second = (await posted(page)).filter((m) => m.type === 'connection/send')[1]!;
  assert.ok('requestId' in second);
  await sendFromHost(page, { type: 'host/result', requestId: second.requestId, ok: false, error: { code: 'connection/not-open', message: 'Cannot send: the connection is closed. Reconnect first.' } });
  await page.getByTestId('composer-error').getByText('Reconnect first').waitFor();
  await page.close();
});

test('Disconnect asks the host to close with 1000; a closed connection disables sending', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection(), []));
  await page.getByTestId('disconnect').click();
  const request = await waitForPosted(page, 'connection/disconnect');
  assert.ok(request.type === 'connection/disconnect');
  assert.equal(request.code, 1000);
  const closed = openConnection({ state: 'closed', close: { code: 1000, reason: '', initiatedBy: 'client', wasClean: true, tcpClosedFirstBy: 'server' } });
  await sendFromHost(page, { type: 'host/connection', connection: closed });
  await page.getByTestId('state').getByText('Closed').waitFor();
  assert.match((await page.getByTestId('close-info').textContent()) ?? '', /1000 · closed by client/);
  assert.equal(await page.getByTestId('send').getAttribute('disabled'), '');
  await page.close();
});

test('a failed handshake shows the error, the non-101 response and its body', async () => {
  const page = await openPanel();
  const failed = openConnection({
    state: 'closed',
    error: { code: 'connection/handshake-rejected', message: 'The server answered 403 Forbidden instead of 101 Switching Protocols.' },
    handshake: { requestLine: 'GET / HTTP/1.1', requestHeaders: [['Host', 'x']], statusLine: 'HTTP/1.1 403 Forbidden', statusCode: 403, responseHeaders: [['X-Reason', 'token']], responseBody: 'missing token' },
    counters: { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, evicted: 0 },
  });
  await sendFromHost(page, snapshot(failed, []));
  await page.getByTestId('connection-error').getByText('403 Forbidden instead of 101').waitFor();
  await page.getByTestId('state').getByText('Failed').waitFor();
  await page.getByTestId('tab-handshake').click();
  const response = (await page.getByTestId('response').textContent()) ?? '';
  assert.match(response, /HTTP\/1.1 403 Forbidden/);
  assert.match(response, /X-Reason: token/);
  assert.match(response, /missing token/);
  await page.close();
});

test('a handshake refused with 404 says "Failed · 404 Not Found", never that TCP dropped', async () => {
  const page = await openPanel();
  const refused = openConnection({
    state: 'closed',
    // What ws reports of an upgrade answered with 404: a 1006 close, though no WebSocket opened.
    close: { code: 1006, reason: '', initiatedBy: 'none', wasClean: false, tcpClosedFirstBy: 'unknown' },
    error: { code: 'connection/handshake-rejected', message: 'The server answered 404 Not Found instead of 101 Switching Protocols. Check the URL path, auth headers and Origin.' },
    handshake: { requestLine: 'GET /nope HTTP/1.1', requestHeaders: [['Host', '127.0.0.1:9001']], statusLine: 'HTTP/1.1 404 Not Found', statusCode: 404, responseHeaders: [] },
    lifecycle: [
      { time: T0, kind: 'connecting', detail: 'ws://127.0.0.1:9001/nope' },
      { time: T0 + 2, kind: 'upgrade-response', detail: '404 Not Found' },
      { time: T0 + 3, kind: 'error' },
      { time: T0 + 4, kind: 'closed', detail: '1006 — TCP dropped without a close frame (not clean)' },
    ],
    counters: { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, evicted: 0 },
  });
  await sendFromHost(page, snapshot(refused, []));
  await page.getByTestId('connection-error').waitFor();
  assert.equal(await page.getByTestId('state').textContent(), 'Failed · 404 Not Found');
  assert.equal(await page.getByTestId('close-info').count(), 0);
  await page.screenshot({ path: join(shotsDir, 'handshake-404.png') });
  await page.close();
});

test('a WebSocket that opened and then lost TCP says "Failed · 1006", as the Connections view does', async () => {
  const page = await openPanel();
  const dropped = openConnection({
    state: 'closed',
    close: { code: 1006, reason: '', initiatedBy: 'none', wasClean: false, tcpClosedFirstBy: 'unknown' },
    lifecycle: [
      { time: T0, kind: 'connecting', detail: 'ws://127.0.0.1:9001/chat' },
      { time: T0 + 2, kind: 'open' },
      { time: T0 + 9, kind: 'closed', detail: '1006 — TCP dropped without a close frame (not clean)' },
    ],
  });
  await sendFromHost(page, snapshot(dropped, []));
  await page.getByTestId('close-info').waitFor();
  assert.equal(await page.getByTestId('state').textContent(), 'Failed · 1006');
  await page.close();
});

test('the Handshake tab spells out the Accept check and the negotiated subprotocol', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection(), []));
  await page.getByTestId('tab-handshake').click();
  const accept = (await page.getByTestId('accept').textContent()) ?? '';
  assert.match(accept, /dGhlIHNhbXBsZSBub25jZQ==/);
  assert.match(accept, /s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=/);
  assert.match(accept, /✓ matches/);
  assert.match((await page.getByTestId('negotiated').textContent()) ?? '', /chat[\s\S]*permessage-deflate/);
  await page.getByTestId('tab-lifecycle').click();
  assert.match((await page.getByTestId('lifecycle').textContent()) ?? '', /\+0\.002 s\s*TCP connected/);
  await page.close();
});

test('markup in messages is shown as text, never interpreted', async () => {
  const page = await openPanel();
  const evil = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await sendFromHost(page, snapshot(openConnection(), [message(1, { preview: evil })]));
  await page.getByText(evil).waitFor();
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  await page.close();
});

test('shows what the wire adds to a message: violations with their RFC section, fragments, deflate, RTT, undelivered', async () => {
  const page = await openPanel();
  const violation = { rfc: '8.1', closeCode: 1007, message: 'Text message 1 is not valid UTF-8 at byte 2.' };
  await sendFromHost(page, snapshot(openConnection(), [
    message(1, { frames: 3, compressed: true, wireSize: 40, size: 500 }),
    message(2, { kind: 'pong', preview: '70 31', rttMs: 1.25 }),
    message(3, { violations: [violation], undelivered: 'ws failed the connection first' }),
  ]));
  await page.getByTestId('fragments').waitFor();
  assert.equal(await page.getByTestId('fragments').textContent(), '3 frames');
  assert.equal(await page.getByTestId('rtt').textContent(), '1.25 ms');
  assert.match((await page.getByTestId('violation').textContent()) ?? '', /§8\.1/);
  assert.match((await page.getByTestId('violation').getAttribute('title')) ?? '', /RFC 6455 §8\.1 → 1007: Text message 1 is not valid UTF-8 at byte 2/);
  assert.equal(await page.getByTestId('undelivered').textContent(), 'not delivered');
  await page.close();
});

test('the bar shows the rate each way, the last ping round trip, and Reconnect asks the host', async () => {
  const page = await openPanel({ fakeClock: true });
  const counters = (n: number, rtt?: number) => ({ messagesIn: n, messagesOut: 0, bytesIn: 5 * n, bytesOut: 0, evicted: 0, ...(rtt !== undefined && { lastRttMs: rtt }) });
  await page.clock.pauseAt(Date.now() + 60_000);
  await sendFromHost(page, snapshot(openConnection({ counters: counters(0) })));
  await page.getByTestId('state').getByText('Open').waitFor();
  assert.equal(await page.getByTestId('ping-rtt').count(), 0, 'no ping yet, no round trip');
  // 2,000 more every 100 ms of the page's clock: 10,000 in half a second, shown over the 2 s window.
  for (let k = 1; k <= 5; k++) {
    await page.clock.runFor(100);
    await sendFromHost(page, appended([], counters(k * 2000, 4.5)));
  }
  await page.getByTestId('counters').first().getByText('↓ 10,000').waitFor();
  const rate = (await page.getByTestId('rate').textContent()) ?? '';
  assert.match(rate, /↓ 5\.0k\/s/, 'thousands a second received');
  assert.match(rate, /↑ 0\/s/);
  assert.equal(await page.getByTestId('ping-rtt').textContent(), 'ping 4.50 ms');
  await page.getByTestId('reconnect').click();
  await waitForPosted(page, 'connection/reconnect');
  await page.close();
});

test('a mock’s client has no Reconnect: only its client can connect again', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection({ recordedBy: 'server' })));
  await page.getByTestId('disconnect').waitFor();
  assert.equal(await page.getByTestId('reconnect').count(), 0);
  await page.close();
});

test('an imported or previous session is read-only: no Reconnect, Disconnect or composer, a note on how to replay it instead', async () => {
  const page = await openPanel();
  const imported = openConnection({ state: 'closed', readOnly: 'imported', lifecycle: [{ time: T0, kind: 'imported', detail: 'imported from /w/live.har (entry 1)' }] });
  await sendFromHost(page, snapshot(imported, [message(1, { preview: 'hello from the HAR' })]));
  await page.getByText('hello from the HAR').waitFor();
  assert.equal(await page.getByTestId('state').textContent(), 'Read-only');
  assert.equal(await page.getByTestId('reconnect').count(), 0);
  assert.equal(await page.getByTestId('disconnect').count(), 0);
  assert.equal(await page.getByTestId('composer').count(), 0);
  assert.equal(await page.getByTestId('read-only-note').textContent(), 'Imported session: read-only. Replay it with Socket Lens: Replay Imported Session…');
  await page.screenshot({ path: join(shotsDir, 'imported-read-only.png') });
  await sendFromHost(page, { type: 'host/connection', connection: { ...imported, readOnly: 'previous' } });
  await page.getByTestId('read-only-note').getByText('Previous session: read-only.').waitFor();
  await page.close();
});

test('the Lifecycle tab asks for the conversation and draws its messages between the events', async () => {
  const page = await openPanel();
  await sendFromHost(page, snapshot(openConnection()));
  await page.getByTestId('tab-lifecycle').click();
  const request = await waitForPosted(page, 'log/conversation');
  assert.ok(request.type === 'log/conversation');
  const conversation = { messages: [message(1, { direction: 'out', preview: 'hello there' }), message(40, { preview: 'bye now' })] };
  await sendFromHost(page, { type: 'host/result', requestId: request.requestId, ok: true, value: conversation });
  await page.locator('socket-lens-sequence').getByText('hello there').waitFor();
  await page.locator('socket-lens-sequence').getByText('… 38 more messages').waitFor();
  await page.close();
});

test('a long reconnecting session: the Lifecycle tab counts the events the host did not send and times from the first', async () => {
  const page = await openPanel();
  // As toConnectionView sends 3,000 events: the newest LIFECYCLE_SHOWN and a count of the rest.
  const session = reconnectingSession(3_000);
  const view = openConnection({ ...windowLifecycle(session), state: 'connecting' });
  assert.equal(view.lifecycle.length, LIFECYCLE_SHOWN);
  await sendFromHost(page, snapshot(view));
  await page.getByTestId('tab-lifecycle').click();
  const request = await waitForPosted(page, 'log/conversation');
  assert.ok(request.type === 'log/conversation');
  // The first message belongs to an attempt that is not drawn; the last to one that is.
  const conversation = { messages: [message(1, { direction: 'out', preview: 'from attempt one', time: session[7]!.time - 500 }), message(9_000, { preview: 'from the last attempt', time: session.at(-4)!.time })] };
  await sendFromHost(page, { type: 'host/result', requestId: request.requestId, ok: true, value: conversation });
  const diagram = page.locator('socket-lens-sequence');
  await diagram.getByText('from the last attempt').waitFor();
  const steps = diagram.getByTestId('step');
  assert.equal(await steps.count(), LIFECYCLE_SHOWN + 2, 'the shown events, the last message and one note of the earlier events');
  assert.match((await steps.first().textContent())!.replace(/\s+/g, ' '), /^ ?\+0\.0 ms Both: … 2,500 earlier events not drawn here; the Socket Lens output channel lists every attempt/);
  assert.equal(await diagram.getByText('from attempt one').count(), 0, 'a message of an attempt not drawn is not drawn');
  assert.equal(await diagram.getByText('more message').count(), 0);
  // Attempt 251 began 250 × 2 s after the first event: the offsets count from the connection's start.
  assert.match((await steps.nth(1).textContent())!.replace(/\s+/g, ' '), /\+500\.0 s .*attempt 251/);
  const list = page.getByTestId('lifecycle');
  assert.match((await list.getByTestId('lifecycle-earlier').textContent())!.replace(/\s+/g, ' '), /\+0\.000 s … 2,500 earlier events not drawn here/);
  assert.match((await list.locator('li').nth(1).textContent())!.replace(/\s+/g, ' '), /\+500\.0 s Connecting attempt 251/);

  // The next attempt moves the window by 10 events: the rows still in it are moved, not drawn again.
  const mark = (el: Element) => void ((el as Element & { kept?: boolean }).kept = true);
  const isMarked = (el: Element) => (el as Element & { kept?: boolean }).kept === true;
  await steps.nth(101).evaluate(mark); // event 2,600 (after the note)
  await list.locator('li').nth(101).evaluate(mark);
  await sendFromHost(page, { type: 'host/connection', connection: openConnection({ ...windowLifecycle(reconnectingSession(3_010)), state: 'connecting' }) });
  assert.match((await steps.first().textContent())!, /2,510 earlier events/);
  assert.ok(await steps.nth(91).evaluate(isMarked), 'the diagram kept the row of event 2,600');
  assert.ok(await list.locator('li').nth(91).evaluate(isMarked), 'the list kept the row of event 2,600');
  assert.match((await steps.nth(91).textContent())!, /\+520\.0 s[\s\S]*attempt 261/);
  await page.close();
});
