// The composer's panel as its tests drive it: an open connection, the host's close codes, and
// what the composer posted.
import type { Page } from 'playwright-core';
import type { CloseCodeView, ComposerUpdateMessage, WebviewToHostMessage } from '../../src/shared/protocol';
import { posted, sendFromHost, waitForPosted } from './fakeHost';
import { openConnection, snapshot } from './fixtures';
import { usePanelPages } from './panelPage';

export const CLOSE_CODES: CloseCodeView[] = [
  { code: 1000, name: 'Normal Closure', meaning: 'The purpose of the connection has been fulfilled.', sendable: true },
  { code: 1001, name: 'Going Away', meaning: 'The endpoint is going away.', sendable: true },
  { code: 1005, name: 'No Status Received', meaning: 'Must not be sent.', sendable: false },
];

export type Posted<T extends WebviewToHostMessage['type']> = Extract<WebviewToHostMessage, { type: T }>;

/**
 * Starts a browser for the file's tests; returns `composerPanel`, which opens a panel of an open
 * connection whose host has answered the composer's watch (with `update` added: saved messages).
 */
export function composerPages(): (update?: Partial<ComposerUpdateMessage>) => Promise<Page> {
  const openPanel = usePanelPages();
  return async (update = {}) => {
    const page = await openPanel();
    await waitForPosted(page, 'composer/watch');
    await sendFromHost(page, snapshot(openConnection()));
    await sendFromHost(page, { type: 'host/composer', closeCodes: CLOSE_CODES, ...update });
    await page.getByTestId('send').waitFor();
    return page;
  };
}

export const box = (page: Page) => page.getByTestId('composer').locator('textarea');

export async function pickMode(page: Page, label: string): Promise<void> {
  await page.getByTestId('composer-mode').click();
  await page.getByTestId('composer-mode').getByRole('option', { name: label, exact: true }).click();
}

/** What the composer posted so far (not the ready and watch messages). */
export async function sent(page: Page): Promise<WebviewToHostMessage[]> {
  return (await posted(page)).filter((m) => m.type !== 'webview/ready' && m.type !== 'composer/watch');
}

/** Waits for the `n`-th (1-based) request of `type` and answers it ok. */
export async function nth<T extends WebviewToHostMessage['type']>(page: Page, type: T, n = 1): Promise<Posted<T>> {
  await page.waitForFunction(([t, k]) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === t).length >= k, [type, n] as const);
  const request = (await posted(page)).filter((m): m is Posted<T> => m.type === type)[n - 1]!;
  if ('requestId' in request) await sendFromHost(page, { type: 'host/result', requestId: request.requestId, ok: true });
  return request;
}

export async function errorText(page: Page): Promise<string> {
  return (await page.getByTestId('composer-error').textContent()) ?? '';
}
