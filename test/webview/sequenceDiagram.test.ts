import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ConnectionView, LifecycleEventView } from '../../src/shared/viewModels';
import { describeCloseSummary, formatOffset, sequenceSteps } from '../../webview/components/sequenceSteps';
import { message, reconnectingSession, T0 } from './fixtures';
import { shotsDir, usePanelPages } from './panelPage';
import { applyTheme, THEME_NAMES, type ThemeName } from './themes';

type Close = NonNullable<ConnectionView['close']>;
type Role = 'client' | 'server';

/** Events at the given milliseconds after T0, worded as src/core/client words them. */
function at(ms: number, kind: string, detail?: string): LifecycleEventView {
  return { time: T0 + ms, kind, detail };
}

const HANDSHAKE: LifecycleEventView[] = [
  at(0, 'connecting', 'wss://echo.example.com/chat'),
  at(3.2, 'dns-resolved', 'echo.example.com → 93.184.216.34 (IPv4) in 3.2 ms'),
  at(21.7, 'tcp-connected', '93.184.216.34:443 from 192.168.1.20:53122'),
  at(64.9, 'tls-established', 'TLSv1.3 TLS_AES_256_GCM_SHA384 ALPN http/1.1; certificate echo.example.com issued by R11'),
  at(65.3, 'upgrade-sent', 'GET /chat HTTP/1.1'),
  at(87.6, 'upgrade-response', '101 Switching Protocols'),
  at(88.1, 'open', 'subprotocol chat; extensions permessage-deflate'),
];

/**
 * A client's clean close from `t` ms on, as the close tracker words it: `first` sends the close
 * frame, the other side echoes it, the server's FIN comes first (RFC 6455 §7.1.1).
 */
function cleanClose(t: number, first: Role, code: string, reason: string): LifecycleEventView[] {
  const frame = `${code} "${reason}"`;
  const [firstKind, echoKind] = first === 'client' ? ['close-sent', 'close-received'] : ['close-received', 'close-sent'];
  return [
    at(t, firstKind, `${first}: ${frame}`),
    at(t + 22.3, echoKind, `${first === 'client' ? 'server' : 'client'}: ${frame} (answering)`),
    at(t + 22.9, 'tcp-fin-received', 'server sent FIN'),
    at(t + 23.4, 'tcp-fin-sent', 'client sent FIN'),
    at(t + 23.8, 'tcp-closed', 'TCP connection closed'),
    at(t + 24.1, 'closed', `${code.slice(0, 4)} ${reason} — closed by the ${first}; server ended TCP first`),
  ];
}

const CLEAN_CLIENT_CLOSE = [...HANDSHAKE, ...cleanClose(12_403.5, 'client', '1000 Normal Closure', 'bye')];
const CLEAN_CLIENT: Close = { code: 1000, reason: 'bye', initiatedBy: 'client', wasClean: true, tcpClosedFirstBy: 'server' };
const SERVER_CLOSE = [...HANDSHAKE, ...cleanClose(30_000.2, 'server', '1001 Going Away', 'restarting')];

const ABNORMAL: LifecycleEventView[] = [
  ...HANDSHAKE,
  at(5_000, 'keepalive-missed', 'no pong within 30000 ms of the ping'),
  at(5_001.3, 'tcp-aborted', 'client aborted TCP without FIN'),
  at(5_001.8, 'tcp-closed', 'TCP connection closed with an error (reset)'),
  at(5_002.0, 'closed', '1006 — TCP closed without a closing handshake (not clean); client ended TCP first'),
];
const ABNORMAL_CLOSE: Close = { code: 1006, reason: '', initiatedBy: 'none', wasClean: false, tcpClosedFirstBy: 'client' };

const REJECTED: LifecycleEventView[] = [
  ...HANDSHAKE.slice(0, 5),
  at(80.4, 'upgrade-response', '403 Forbidden'),
  at(80.9, 'error', 'The server answered 403 Forbidden instead of 101 Switching Protocols.'),
];

// As src/core/mock/mockClient.ts records one of its clients: from the server's side.
const MOCK: LifecycleEventView[] = [
  at(0, 'open', 'GET /chat from 127.0.0.1:53990; subprotocol chat'),
  at(1_500, 'fault', 'fault: closing with 4000 "maintenance"'),
  at(1_500.4, 'close-sent', 'server: 4000 Registered for applications "maintenance"'),
  at(1_502.1, 'protocol-violation', 'client frame 3: RFC 6455 §5.1 (a receiver must close with 1002): A client frame must be masked.'),
  at(1_502.6, 'close-received', 'client: 4000 Registered for applications "maintenance" (answering)'),
  at(1_503.0, 'tcp-fin-sent', 'server sent FIN'),
  at(1_503.9, 'tcp-fin-received', 'client sent FIN'),
  at(1_504.2, 'tcp-closed', 'TCP connection closed'),
  at(1_504.4, 'closed', '4000 maintenance — closed by the server; server ended TCP first'),
];

const openPanel = usePanelPages();

async function showDiagram(events: readonly LifecycleEventView[], options: { close?: Close; role?: Role; width?: number; theme?: ThemeName } = {}): Promise<Page> {
  const page = await openPanel({ width: options.width ?? 900, height: 900 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await applyTheme(page, options.theme ?? 'dark');
  await page.evaluate(
    async ({ events, close, role }) => {
      const el = document.createElement('socket-lens-sequence') as HTMLElement & { events: unknown; close: unknown; recordedBy: string; updateComplete: Promise<boolean> };
      el.events = events;
      el.close = close;
      el.recordedBy = role;
      el.style.height = '100%';
      document.body.replaceChildren(el);
      await el.updateComplete;
    },
    { events, close: options.close, role: options.role ?? 'client' },
  );
  assert.deepEqual(errors, [], 'the diagram renders without script errors');
  return page;
}

/** Each step row's kind, direction and text, in order. */
async function rows(page: Page): Promise<{ kind: string; from: string; to: string | null; text: string }[]> {
  const steps = page.getByTestId('step');
  const out = [];
  for (let k = 0; k < (await steps.count()); k++) {
    const row = steps.nth(k);
    out.push({
      kind: (await row.getAttribute('data-kind')) ?? '',
      from: (await row.getAttribute('data-from')) ?? '',
      to: await row.getAttribute('data-to'),
      text: ((await row.textContent()) ?? '').replace(/\s+/g, ' ').trim(),
    });
  }
  return out;
}

/** What a row that crossed the wire says, as "from→to label", or "note@side label" for a note. */
function sketch(r: { from: string; to: string | null; text: string }): string {
  const label = r.text.replace(/^\+\S+ m?s /, '').replace(/^(Client|Server|Both)( [→↔] (Client|Server))?: /, '');
  return r.to ? `${r.from}→${r.to} ${label}` : `note@${r.from} ${label}`;
}

// ── The mapping, without a DOM ──────────────────────────────────────────────

test('steps: a client’s handshake and close become arrows the way each crossed the wire, the rest notes', () => {
  const steps = sequenceSteps(CLEAN_CLIENT_CLOSE, 'client');
  const brief = steps.map((s) => (s.to ? `${s.from}→${s.to} ${s.label}` : `note@${s.from} ${s.label}`));
  assert.deepEqual(brief, [
    'note@client Connecting',
    'note@client DNS resolved',
    'client→server TCP connect',
    'client→server TLS handshake',
    'client→server GET /chat HTTP/1.1',
    'server→client 101 Switching Protocols',
    'note@client WebSocket open',
    'client→server Close 1000 Normal Closure "bye"',
    'server→client Close 1000 Normal Closure "bye"',
    'server→client FIN',
    'client→server FIN',
    'note@both TCP closed',
    'note@both Closed',
  ]);
  assert.equal(steps[8]!.detail, 'echoes the client’s close');
  assert.ok(steps[2]!.twoWay && steps[3]!.twoWay);
  assert.equal(steps[5]!.severity, 'info');
});

test('steps: sampled messages go between the open and the close, each way it travelled, with the gaps counted', () => {
  const sample = [
    message(1, { direction: 'out', time: T0 + 100, preview: '{"op":"subscribe"}', size: 18 }),
    message(2, { time: T0 + 150, preview: '{"ok":true}', size: 11 }),
    message(3, { direction: 'out', kind: 'ping', time: T0 + 5000, preview: '', size: 0 }),
    message(4, { kind: 'pong', time: T0 + 5004, preview: '', size: 0, rttMs: 4.25 }),
    message(9_000, { time: T0 + 12_403.5, preview: 'last', size: 4 }),
  ];
  const brief = sequenceSteps(CLEAN_CLIENT_CLOSE, 'client', sample).map((s) => (s.to ? `${s.from}→${s.to} ${s.label}` : `note@${s.from} ${s.label}`));
  assert.deepEqual(brief.slice(6, 14), [
    'note@client WebSocket open',
    'client→server text message · 18 B',
    'server→client text message · 11 B',
    'client→server Ping · 0 B',
    'server→client Pong · 0 B',
    'note@both … 8,995 more messages',
    'server→client text message · 4 B',
    'client→server Close 1000 Normal Closure "bye"',
  ]);
  const pong = sequenceSteps([], 'client', sample).find((s) => s.kind === 'message-pong');
  assert.match(pong?.detail ?? '', /4\.25 ms round trip/);
  const mock = sequenceSteps([], 'server', sample.slice(0, 1))[0]!;
  assert.equal(`${mock.from}→${mock.to}`, 'server→client', 'in a mock’s record, what it sent goes to the client');
});

test('steps: the mock server’s record has its sends going to the client, and a 403 is an error', () => {
  const mock = sequenceSteps(MOCK, 'server');
  assert.deepEqual(
    mock.map((s) => `${s.from}→${s.to ?? 'note'} ${s.kind}`),
    ['client→server open', 'server→client open', 'server→note fault', 'server→client close-sent', 'client→note protocol-violation', 'client→server close-received', 'server→client tcp-fin-sent', 'client→server tcp-fin-received', 'both→note tcp-closed', 'both→note closed'],
  );
  assert.equal(mock[0]!.label, 'GET /chat HTTP/1.1');
  assert.equal(mock[4]!.severity, 'error');
  const rejected = sequenceSteps(REJECTED, 'client');
  assert.equal(rejected.find((s) => s.kind === 'upgrade-response')?.severity, 'error');
  assert.deepEqual(rejected.at(-1), { time: T0 + 80.9, kind: 'error', from: 'client', label: 'Error', detail: REJECTED.at(-1)!.detail, severity: 'error' });
});

test('steps: offsets and the close caption', () => {
  assert.equal(formatOffset(12.44), '+12.4 ms');
  assert.equal(formatOffset(2350), '+2.350 s');
  assert.equal(formatOffset(95_204), '+95.204 s');
  assert.equal(formatOffset(512_345), '+512.3 s');
  assert.equal(describeCloseSummary(CLEAN_CLIENT), 'Close 1000 “bye” · started by the client · clean · the server closed TCP first');
  assert.match(describeCloseSummary({ ...CLEAN_CLIENT, tcpClosedFirstBy: 'client' }), /RFC 6455 §7\.1\.1 expects the server to close TCP first/);
  assert.equal(describeCloseSummary(ABNORMAL_CLOSE), 'Close 1006 · no closing handshake: TCP ended without close frames · not clean · the client closed TCP first');
  // FINs that may have crossed: no side is named, and no RFC note about the client going first.
  assert.equal(describeCloseSummary({ ...CLEAN_CLIENT, tcpClosedFirstBy: 'both' }), 'Close 1000 “bye” · started by the client · clean · both ends closed TCP at about the same time');
});

// ── The diagram in Chromium ─────────────────────────────────────────────────

test('a clean client-initiated session: every arrow points the way it travelled, times from the first event', async () => {
  const page = await showDiagram(CLEAN_CLIENT_CLOSE, { close: CLEAN_CLIENT });
  const drawn = (await rows(page)).map(sketch);
  assert.deepEqual(drawn, [
    'note@client Connecting wss://echo.example.com/chat',
    'note@client DNS resolved echo.example.com → 93.184.216.34 (IPv4) in 3.2 ms',
    'client→server TCP connect SYN, SYN-ACK, ACK · 93.184.216.34:443 from 192.168.1.20:53122',
    'client→server TLS handshake TLSv1.3 TLS_AES_256_GCM_SHA384 ALPN http/1.1; certificate echo.example.com issued by R11',
    'client→server GET /chat HTTP/1.1 Upgrade: websocket',
    'server→client 101 Switching Protocols',
    'note@client WebSocket open subprotocol chat; extensions permessage-deflate',
    'client→server Close 1000 Normal Closure "bye"',
    'server→client Close 1000 Normal Closure "bye" echoes the client’s close',
    'server→client FIN',
    'client→server FIN',
    'note@both TCP closed',
    'note@both Closed 1000 bye — closed by the client; server ended TCP first',
  ]);
  const tcp = page.locator('[data-kind="tcp-connected"]');
  assert.equal(await tcp.locator('.time').textContent(), '+21.7 ms');
  assert.match((await tcp.locator('.time').getAttribute('title')) ?? '', /^\d\d:\d\d:\d\d\.\d{3} · TCP connected$/);
  assert.equal(await page.getByTestId('step').filter({ hasText: 'Close 1000' }).first().locator('.time').textContent(), '+12.403 s');
  assert.equal(await page.getByTestId('close-summary').textContent(), 'Close 1000 “bye” · started by the client · clean · the server closed TCP first');
  await page.close();
});

test('the arrowheads are drawn at the receiving lifeline', async () => {
  const page = await showDiagram(CLEAN_CLIENT_CLOSE, { close: CLEAN_CLIENT });
  const heads = await page.evaluate(() => {
    const root = document.querySelector('socket-lens-sequence')!.shadowRoot!;
    return Array.from(root.querySelectorAll<HTMLElement>('[data-testid="step"][data-to]')).map((row) => {
      const shaft = row.querySelector('.shaft')!;
      const [before, after] = ['::before', '::after'].map((pseudo) => parseFloat(getComputedStyle(shaft, pseudo).borderLeftWidth) + parseFloat(getComputedStyle(shaft, pseudo).borderRightWidth));
      return `${row.dataset.kind}:${before! > 0 ? '<' : ''}-${after! > 0 ? '>' : ''}`;
    });
  });
  assert.deepEqual(heads, ['tcp-connected:<->', 'tls-established:<->', 'upgrade-sent:->', 'upgrade-response:<-', 'close-sent:->', 'close-received:<-', 'tcp-fin-received:<-', 'tcp-fin-sent:->']);
  await page.close();
});

test('a server-initiated close: the server’s close frame and FIN come first, the client echoes', async () => {
  const page = await showDiagram(SERVER_CLOSE, { close: { code: 1001, reason: 'restarting', initiatedBy: 'server', wasClean: true, tcpClosedFirstBy: 'server' } });
  const closing = (await rows(page)).slice(HANDSHAKE.length).map(sketch);
  assert.deepEqual(closing.slice(0, 4), [
    'server→client Close 1001 Going Away "restarting"',
    'client→server Close 1001 Going Away "restarting" echoes the server’s close',
    'server→client FIN',
    'client→server FIN',
  ]);
  assert.match((await page.getByTestId('close-summary').textContent()) ?? '', /started by the server · clean · the server closed TCP first/);
  await page.close();
});

test('an abnormal close: no close frames, the abort and the missed keep-alive are warnings on the client’s lifeline', async () => {
  const page = await showDiagram(ABNORMAL, { close: ABNORMAL_CLOSE });
  const steps = page.getByTestId('step');
  assert.equal(await steps.filter({ hasText: /^\s*\+\S+ \w+\s*Client: Close/ }).count(), 0);
  assert.equal(await page.locator('[data-kind^="close-"]').count(), 0, 'no close frame arrows');
  const aborted = page.locator('[data-kind="tcp-aborted"]');
  assert.equal(await aborted.getAttribute('data-from'), 'client');
  assert.equal(await aborted.getAttribute('data-to'), null, 'the abort is a note, not a message');
  assert.equal(await aborted.getAttribute('data-severity'), 'warning');
  assert.equal(await page.locator('[data-kind="keepalive-missed"]').getAttribute('data-severity'), 'warning');
  assert.equal(await page.locator('[data-kind="tcp-closed"]').getAttribute('data-severity'), 'warning');
  const caption = page.getByTestId('close-summary');
  assert.equal(await caption.textContent(), 'Close 1006 · no closing handshake: TCP ended without close frames · not clean · the client closed TCP first');
  assert.match((await caption.getAttribute('class')) ?? '', /unclean/);
  await page.close();
});

test('a rejected handshake: the 403 travels server → client in the error colour, the error is a note', async () => {
  const page = await showDiagram(REJECTED, { theme: 'light' });
  const response = page.locator('[data-kind="upgrade-response"]');
  assert.equal(await response.getAttribute('data-from'), 'server');
  assert.equal(await response.getAttribute('data-to'), 'client');
  assert.equal(await response.locator('.label').textContent(), 'Server → Client: 403 Forbidden', 'the direction is in the text too, for screen readers and copying');
  const colour = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).color);
  assert.equal(await colour('[data-kind="upgrade-response"] .label'), 'rgb(248, 81, 73)', 'the light theme’s errorForeground');
  assert.equal(await colour('[data-kind="error"] .label'), 'rgb(248, 81, 73)');
  assert.notEqual(await colour('[data-kind="upgrade-sent"] .label'), 'rgb(248, 81, 73)');
  assert.equal(await page.getByTestId('close-summary').count(), 0, 'no close, no caption');
  assert.equal(await page.locator('[data-kind="open"]').count(), 0);
  await page.close();
});

test('a mock server’s client: the record is the server’s, so what it sent goes to the client', async () => {
  const page = await showDiagram(MOCK, { role: 'server', close: { code: 4000, reason: 'maintenance', initiatedBy: 'server', wasClean: true, tcpClosedFirstBy: 'server' } });
  assert.equal(await page.getByTestId('sequence').getAttribute('data-recorded-by'), 'server');
  assert.match((await page.locator('.actor.server').textContent()) ?? '', /mock · recorded here/);
  const drawn = (await rows(page)).map(sketch);
  assert.deepEqual(drawn, [
    'client→server GET /chat HTTP/1.1 Upgrade: websocket · from 127.0.0.1:53990',
    'server→client 101 Switching Protocols subprotocol chat',
    'note@server Fault injected closing with 4000 "maintenance"',
    'server→client Close 4000 Registered for applications "maintenance"',
    'note@client Protocol violation frame 3: RFC 6455 §5.1 (a receiver must close with 1002): A client frame must be masked.',
    'client→server Close 4000 Registered for applications "maintenance" echoes the server’s close',
    'server→client FIN',
    'client→server FIN',
    'note@both TCP closed',
    'note@both Closed 4000 maintenance — closed by the server; server ended TCP first',
  ]);
  assert.equal(await page.locator('[data-kind="protocol-violation"]').getAttribute('data-severity'), 'error');
  await page.close();
});

test('at 400 px nothing overflows or overlaps: labels wrap inside the lifelines', async () => {
  const page = await showDiagram(CLEAN_CLIENT_CLOSE, { close: CLEAN_CLIENT, width: 400 });
  const layout = await page.evaluate(() => {
    const el = document.querySelector('socket-lens-sequence')!;
    const root = el.shadowRoot!;
    const boxes = Array.from(root.querySelectorAll<HTMLElement>('[data-testid="step"]')).map((row) => {
      const lane = row.querySelector('.lane')!.getBoundingClientRect();
      const time = row.querySelector('.time')!.getBoundingClientRect();
      const texts = Array.from(row.querySelectorAll('.label, .detail')).map((t) => t.getBoundingClientRect());
      const row_ = row.getBoundingClientRect();
      return { top: row_.top, bottom: row_.bottom, laneLeft: lane.left, laneRight: lane.right, timeRight: time.right, texts: texts.map((t) => [t.left, t.right, t.top, t.bottom]) };
    });
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, boxes };
  });
  assert.ok(layout.scrollWidth <= layout.clientWidth, `no horizontal scrolling (${layout.scrollWidth} > ${layout.clientWidth})`);
  layout.boxes.forEach((box, k) => {
    if (k > 0) assert.ok(box.top >= layout.boxes[k - 1]!.bottom - 0.5, `row ${k} starts below row ${k - 1}`);
    assert.ok(box.timeRight <= box.laneLeft + 0.5, `row ${k}: the time stays in the margin`);
    for (const [left, right, top, bottom] of box.texts) {
      assert.ok(left! >= box.laneLeft - 0.5 && right! <= box.laneRight + 0.5, `row ${k}: text between the lifelines`);
      assert.ok(top! >= box.top - 0.5 && bottom! <= box.bottom + 0.5, `row ${k}: text inside its row`);
    }
  });
  await page.screenshot({ path: join(shotsDir, 'sequence-400.png'), fullPage: true });
  await page.close();
});

for (const theme of THEME_NAMES) {
  test(`screenshot: the full session in the ${theme} theme`, async () => {
    const page = await showDiagram(CLEAN_CLIENT_CLOSE, { close: CLEAN_CLIENT, theme, width: 760 });
    await page.screenshot({ path: join(shotsDir, `sequence-${theme}.png`), fullPage: true });
    await page.close();
  });
}

test('screenshot: a mock server’s client at 1400 px', async () => {
  const page = await showDiagram(MOCK, { role: 'server', theme: 'dark', width: 1400, close: { code: 4000, reason: 'maintenance', initiatedBy: 'server', wasClean: true, tcpClosedFirstBy: 'server' } });
  await page.screenshot({ path: join(shotsDir, 'sequence-mock-1400.png'), fullPage: true });
  await page.close();
});

// How fast the most events a panel draws render: bench/diagram.bench.ts (npm run bench -- --filter diagram).
test('a reconnecting session draws a row per event', async () => {
  const page = await showDiagram(reconnectingSession(200), { width: 900 });
  assert.equal(await page.getByTestId('step').count(), 200);
  await page.close();
});
