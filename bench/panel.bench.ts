// The panel under a flood: 50,000 messages a second for 10 seconds into the real webview bundle
// in headless Chromium, fed by the host's own LogFeed over a real SessionLog, reporting frames
// per second and the longest main-thread task; then the time to jump to places in a 1,000,000-entry log.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as LogModule from '../src/core/log/sessionLog';
import type * as FeedModule from '../src/extension/panel/logFeed';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../src/shared/protocol';
import type { ConnectionView } from '../src/shared/viewModels';
import type { Benchmark, Metric } from './lib/benchmark';
import { loadBundled } from './lib/bundle';
import { median } from './lib/measure';

const RATE_PER_S = 50_000;
const UPDATE_MS = 16;
const JUMP_ENTRIES = 1_000_000;

let openConnection: (overrides?: Partial<ConnectionView>) => ConnectionView;

type Feed = InstanceType<typeof FeedModule.LogFeed>;
type Log = InstanceType<typeof LogModule.SessionLog>;

/** 256-byte JSON texts, as a market-data feed sends them. */
const PAYLOADS = Array.from({ length: 64 }, (_, k) => Buffer.from(`{"type":"trade","seq":${k},"px":${(100 + k * 0.25).toFixed(2)},"side":"${k % 2 ? 'buy' : 'sell'}"}`.padEnd(256, ' ')));

export const benchmark: Benchmark = {
  name: 'panel',
  description: 'webview panel: fps and longest task at 50k msg/s, and jumping within a 1,000,000-entry log',
  async run(context) {
    const build = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs')], { stdio: 'pipe' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr.toString()}`);
    const { SessionLog } = loadBundled<typeof LogModule>('src/core/log/sessionLog.ts');
    const { LogFeed } = loadBundled<typeof FeedModule>('src/extension/panel/logFeed.ts');
    // ES modules with top-level await: bench/ is CommonJS, so they load by import().
    const { ensureChromium } = await import('../scripts/bootstrap/chromium.mjs');
    const { CHROMIUM_ARGS } = await import('../test/e2e/harness/browser.mjs');
    const { startFakeHost } = await import('../test/webview/fakeHost');
    ({ openConnection } = await import('../test/webview/fixtures'));
    const browser = await chromium.launch({ executablePath: await ensureChromium(), args: CHROMIUM_ARGS });
    const bridge = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => bridge.once('listening', resolve));
    const host = await startFakeHost({ bridgePort: (bridge.address() as AddressInfo).port });
    try {
      const seconds = context.quick ? 2 : 10;
      const stream = await measureStream(bridge, browser.newPage.bind(browser), host.url, new SessionLog({ byteBudget: 512 * 1024 * 1024 }), LogFeed, seconds, context.log);
      const jumpLog = new SessionLog({ byteBudget: 512 * 1024 * 1024 });
      for (let i = 0; i < JUMP_ENTRIES; i++) jumpLog.append({ direction: i % 10 ? 'in' : 'out', kind: 'text', payload: PAYLOADS[i % 64]!, time: 1_700_000_000_000 + i });
      const jumps = await measureJumps(bridge, await browser.newPage({ viewport: { width: 1200, height: 800 } }), host.url, new LogFeed(jumpLog), context.quick ? 3 : 7);
      context.log(`jumps in a ${JUMP_ENTRIES.toLocaleString('en')}-entry log: ${jumps.map((ms) => ms.toFixed(0)).join(', ')} ms`);
      return [
        { name: 'panel_fps', value: stream.fps, unit: 'frames/s', baseline: stream.idleFps, ratio: stream.fps / stream.idleFps, target: { op: '>=', value: 50 } },
        { name: 'panel_longest_task_ms', value: stream.longestTask, unit: 'ms', baseline: null, ratio: null, target: { op: '<=', value: 50 } },
        { name: 'panel_longest_frame_ms', value: stream.longestFrame, unit: 'ms', baseline: null, ratio: null },
        { name: 'panel_jump_ms', value: median(jumps), unit: 'ms', baseline: null, ratio: null, target: { op: '<=', value: 100 } },
      ] satisfies Metric[];
    } finally {
      await browser.close();
      await host.close();
      bridge.close();
    }
  },
};

/**
 * Opens the panel and plays the host over the bridge: requests are answered by `feed`, as
 * ConnectionPanel answers them; returns the function that posts to the panel.
 */
async function openPanel(bridge: WebSocketServer, page: Page, url: string, feed: Feed, log: Log): Promise<(message: HostToWebviewMessage) => void> {
  const total = () => ({ messagesIn: log.totals.messagesIn, messagesOut: log.totals.messagesOut, bytesIn: log.totals.bytesIn, bytesOut: log.totals.bytesOut, evicted: log.evictedEntries });
  let socket: WebSocket | undefined;
  const post = (message: HostToWebviewMessage) => socket?.send(JSON.stringify(message));
  bridge.once('connection', (connection) => {
    socket = connection;
    // Listen at once: a message that arrives before there is a listener is lost.
    connection.on('message', async (data) => {
      const m = JSON.parse(data.toString()) as WebviewToHostMessage;
      if (m.type === 'webview/ready') return post({ type: 'host/snapshot', connection: openConnection({ counters: total() }), ...(await feed.start(m.filter ?? {})) });
      const value = m.type === 'log/range' ? feed.range(m.start, m.count) : m.type === 'log/filter' ? await feed.filter(m.filter) : undefined;
      post({ type: 'host/result', requestId: m.requestId, ok: true, ...(value && { value }) });
    });
  });
  await page.goto(url);
  await page.locator('socket-lens-message-list').waitFor();
  return post;
}

// In-page code is written as strings: tsx would wrap functions passed to page.evaluate in
// helpers (`__name`) that do not exist in the page.

/** Starts counting frames and long tasks in the page. */
const START_METRICS = `(() => {
  const m = (window.__metrics = { frames: 0, longestFrame: 0, longestTask: 0, started: performance.now(), last: performance.now(), running: true });
  // Chromium reports tasks of 50 ms or more; shorter ones show as frame gaps.
  new PerformanceObserver((list) => list.getEntries().forEach((e) => (m.longestTask = Math.max(m.longestTask, e.duration)))).observe({ type: 'longtask' });
  const tick = (now) => {
    if (!m.running) return;
    m.frames++;
    m.longestFrame = Math.max(m.longestFrame, now - m.last);
    m.last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

const STOP_METRICS = `(() => {
  const m = window.__metrics;
  m.running = false;
  return { fps: (m.frames * 1000) / (performance.now() - m.started), longestFrame: m.longestFrame, longestTask: m.longestTask };
})()`;

/** Scrolls the list to `fraction` of its height; resolves with the ms until rows are drawn with none loading. */
const JUMP = (fraction: number) => `new Promise((resolve) => {
  const list = document.querySelector('socket-lens-app').shadowRoot.querySelector('socket-lens-message-list').shadowRoot;
  const scroller = list.querySelector('.scroller');
  const start = performance.now();
  scroller.scrollTop = ${fraction} * (scroller.scrollHeight - scroller.clientHeight);
  const check = () => {
    if (list.querySelectorAll('[data-testid="message"]').length > 5 && list.querySelectorAll('.loading').length === 0) resolve(performance.now() - start);
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

const startMetrics = (page: Page) => page.evaluate(START_METRICS);
const stopMetrics = (page: Page) => page.evaluate(STOP_METRICS) as Promise<{ fps: number; longestFrame: number; longestTask: number }>;

async function measureStream(bridge: WebSocketServer, newPage: () => Promise<Page>, url: string, log: Log, LogFeed: typeof FeedModule.LogFeed, seconds: number, say: (line: string) => void) {
  const page = await newPage();
  await page.setViewportSize({ width: 1200, height: 800 });
  const feed = new LogFeed(log);
  const post = await openPanel(bridge, page, url, feed, log);
  await startMetrics(page);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idle = await stopMetrics(page);
  // PANEL_PROFILE=1 prints where the page's main thread spent the stream, by function.
  const cdp = process.env['PANEL_PROFILE'] ? await page.context().newCDPSession(page) : undefined;
  await cdp?.send('Profiler.enable');
  await cdp?.send('Profiler.start');
  await startMetrics(page);
  const started = performance.now();
  let appended = 0;
  let updates = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      const due = Math.min(Math.floor((elapsed * RATE_PER_S) / 1000), RATE_PER_S * seconds);
      for (; appended < due; appended++) log.append({ direction: 'in', kind: 'text', payload: PAYLOADS[appended % 64]!, time: Date.now() });
      const update: HostToWebviewMessage = { type: 'host/messages', log: feed.update(), counters: { ...log.totals, evicted: log.evictedEntries } };
      updates++;
      post(update);
      if (appended >= RATE_PER_S * seconds) {
        clearInterval(timer);
        resolve();
      }
    }, UPDATE_MS);
  });
  const streamed = await stopMetrics(page);
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile, say);
  await page.locator(`socket-lens-message-list [data-id="${appended}"]`).waitFor();
  const rate = appended / ((performance.now() - started) / 1000);
  say(`${appended.toLocaleString('en')} messages in ${updates} updates (${Math.round(rate).toLocaleString('en')}/s): ${streamed.fps.toFixed(1)} fps (idle ${idle.fps.toFixed(1)}), longest frame ${streamed.longestFrame.toFixed(0)} ms, longest task ${streamed.longestTask.toFixed(0)} ms; the newest message is in view`);
  await page.close();
  return { ...streamed, idleFps: idle.fps };
}

/** Milliseconds from setting the scroll position to rows drawn with none left loading, per jump. */
async function measureJumps(bridge: WebSocketServer, page: Page, url: string, feed: Feed, count: number): Promise<number[]> {
  const fakeLog = { totals: { messagesIn: JUMP_ENTRIES, messagesOut: 0, bytesIn: 0, bytesOut: 0 }, evictedEntries: 0 } as unknown as Log;
  await openPanel(bridge, page, url, feed, fakeLog);
  await page.locator(`[data-testid="message"][data-id="${JUMP_ENTRIES}"]`).waitFor();
  const fractions = [0.5, 0.25, 0.75, 0.1, 0.9, 0.33, 0.66].slice(0, count);
  const times: number[] = [];
  for (const fraction of fractions) {
    times.push((await page.evaluate(JUMP(fraction))) as number);
  }
  await page.close();
  return times;
}

interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number } }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** The 20 functions with the most self time ("(program)" is the browser's own work: style, layout, paint). */
function printProfile(profile: CpuProfile, say: (line: string) => void): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)!;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0));
  });
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) say(`${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}
