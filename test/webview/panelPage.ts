// One browser and one fake host for a webview test file, and fresh panel pages from them.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../e2e/harness/browser.mjs';
import { ensureChromium } from '../../scripts/bootstrap/chromium.mjs';
import { startFakeHost, waitForPosted, type FakeHost, type RootElement } from './fakeHost';

/** Where the webview tests leave their screenshots, beside the other tests' (created on import). */
export const shotsDir = join(import.meta.dirname, '..', '..', '.cache', 'test-results');
mkdirSync(shotsDir, { recursive: true });

export interface PageSize {
  readonly width?: number;
  readonly height?: number;
  readonly deviceScaleFactor?: number;
  /** Playwright's fake clock, installed before the panel loads: the test moves time itself. */
  readonly fakeClock?: boolean;
}

/**
 * Starts the browser and host before the file's tests and stops them after; returns `openPanel`,
 * which mounts `root`: the connection panel unless told.
 */
export function usePanelPages(root: RootElement = 'socket-lens-app'): (size?: PageSize) => Promise<Page> {
  let browser: Browser;
  let host: FakeHost;

  before(async () => {
    browser = await chromium.launch({ executablePath: await ensureChromium(), args: CHROMIUM_ARGS });
    host = await startFakeHost();
  });

  after(async () => {
    await browser?.close();
    await host?.close();
  });

  /** A page (1000×700 unless told) with the panel loaded and ready, and no script errors while it loaded. */
  return async function openPanel({ width = 1000, height = 700, deviceScaleFactor = 1, fakeClock = false }: PageSize = {}): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    if (fakeClock) await page.clock.install();
    await page.goto(root === 'socket-lens-app' ? host.url : `${host.url}?root=${root}`);
    await waitForPosted(page, 'webview/ready');
    assert.deepEqual(errors, [], 'the panel loads without script errors');
    return page;
  };
}
