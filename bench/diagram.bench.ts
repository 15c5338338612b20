// The sequence diagram of a long reconnecting session: the real webview bundle in headless
// Chromium renders and lays out the most lifecycle events a panel is sent (LIFECYCLE_SHOWN),
// against a tenth of them in the same page, rounds interleaved. A layout that grows faster than
// the session shows as a ratio above 1.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { LIFECYCLE_SHOWN } from '../src/shared/lifecycleWindow';
import type { LifecycleEventView } from '../src/shared/viewModels';
import type { Benchmark, Metric } from './lib/benchmark';
import { median } from './lib/measure';

const LARGE = LIFECYCLE_SHOWN;
const SMALL = LARGE / 10;
const TARGETS = { largeMs: 100, scaling: 1.5 };

export const benchmark: Benchmark = {
  name: 'diagram',
  description: `sequence diagram: render and lay out a reconnecting session of ${LARGE.toLocaleString('en')} lifecycle events, against one of ${SMALL}`,
  async run(context) {
    const build = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'build.mjs')], { stdio: 'pipe' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr.toString()}`);
    const { ensureChromium } = await import('../scripts/bootstrap/chromium.mjs');
    const { CHROMIUM_ARGS } = await import('../test/e2e/harness/browser.mjs');
    const { startFakeHost, waitForPosted } = await import('../test/webview/fakeHost');
    const { reconnectingSession } = await import('../test/webview/fixtures');
    const browser = await chromium.launch({ executablePath: await ensureChromium(), args: CHROMIUM_ARGS });
    const host = await startFakeHost();
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
      await page.goto(host.url);
      await waitForPosted(page, 'webview/ready');
      const events = reconnectingSession(LARGE);
      const small: number[] = [];
      const large: number[] = [];
      for (let round = 0; round < (context.quick ? 3 : 9); round++) {
        small.push(await renderMs(page, events.slice(0, SMALL)));
        large.push(await renderMs(page, events));
      }
      context.log(`${SMALL} events: ${small.map((ms) => ms.toFixed(1)).join(', ')} ms`);
      context.log(`${LARGE} events: ${large.map((ms) => ms.toFixed(1)).join(', ')} ms`);
      const perSmall = median(small) * (LARGE / SMALL);
      return [
        { name: `diagram_${LARGE}_events_ms`, value: median(large), unit: 'ms', baseline: perSmall, ratio: median(large) / perSmall, target: { op: '<=', value: TARGETS.largeMs } },
        { name: 'diagram_scaling_ratio', value: median(large) / perSmall, unit: `${LARGE}/(10×${SMALL})`, baseline: null, ratio: null, target: { op: '<=', value: TARGETS.scaling } },
      ] satisfies Metric[];
    } finally {
      await browser.close();
      await host.close();
    }
  },
};

/** Mounts a fresh diagram of `events` and returns the milliseconds to render and lay it out. */
async function renderMs(page: Page, events: readonly LifecycleEventView[]): Promise<number> {
  // In-page code as a string: tsx would wrap a function passed to page.evaluate in helpers the page lacks.
  return page.evaluate(`(async (events) => {
    const el = document.createElement('socket-lens-sequence');
    el.recordedBy = 'client';
    el.style.height = '100%';
    document.body.replaceChildren(el);
    await el.updateComplete;
    const started = performance.now();
    el.events = events;
    await el.updateComplete;
    void el.shadowRoot.querySelector('figure').getBoundingClientRect().height; // forces the layout
    return performance.now() - started;
  })(${JSON.stringify(events)})`);
}
