// Serves the built webview bundle in the real panel page (its HTML and CSP from
// renderPanelHtml), playing the extension host: a fake acquireVsCodeApi that records what the
// webview posts, and a way to post host messages to it.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type * as vscode from 'vscode';
import { renderPanelHtml } from '../../src/extension/panel/panelHtml';
import type { MockHostToWebviewMessage } from '../../src/shared/mockProtocol';
import type { HostToWebviewMessage, WebviewToHostMessage } from '../../src/shared/protocol';

const root = join(import.meta.dirname, '..', '..');
const ASSETS: Record<string, [string, string]> = {
  '/dist/webview.js': ['dist/webview.js', 'text/javascript'],
  '/media/panel.css': ['media/panel.css', 'text/css'],
};

/** The panels the page can mount (`/?root=socket-lens-mock-app`); the connection panel unless told. */
export const ROOT_ELEMENTS = ['socket-lens-app', 'socket-lens-mock-app'] as const;
export type RootElement = (typeof ROOT_ELEMENTS)[number];

export interface FakeHost {
  readonly url: string;
  close(): Promise<void>;
}

export interface FakeHostOptions {
  /**
   * A WebSocket server on 127.0.0.1 to carry the panel's messages both ways, as JSON, the way
   * VS Code carries them between the extension host and the webview (for the panel benchmark).
   */
  readonly bridgePort?: number;
}

export async function startFakeHost(options: FakeHostOptions = {}): Promise<FakeHost> {
  const server = createServer(async (req, res) => {
    const asset = ASSETS[req.url ?? ''];
    if (asset) {
      res.writeHead(200, { 'Content-Type': asset[1] }).end(await readFile(join(root, asset[0])));
    } else if (new URL(req.url ?? '', 'http://host').pathname === '/') {
      const root = new URL(req.url ?? '', 'http://host').searchParams.get('root') ?? 'socket-lens-app';
      if (!ROOT_ELEMENTS.includes(root as RootElement)) return void res.writeHead(400).end(`unknown root element ${root}`);
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(page(root as RootElement, options.bridgePort));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => closeServer(server) };
}

/** What renderPanelHtml needs of a webview: asset URIs as paths on this server, which is 'self'. */
const FAKE_WEBVIEW = { cspSource: "'self'", asWebviewUri: (uri: FakeUri) => uri };
interface FakeUri {
  readonly path: string;
  with(change: { path: string }): FakeUri;
  toString(): string;
}
const SERVER_ROOT: FakeUri = { path: '', with: ({ path }) => ({ ...SERVER_ROOT, path, toString: () => path }), toString: () => '' };

/**
 * The real panel page (src/extension/panel/panelHtml.ts, its CSP included), with what VS Code
 * injects into a webview played by one script carrying the page's nonce: acquireVsCodeApi, and a
 * record of CSP violations. For the panel benchmark alone, connect-src lets the page reach the
 * bridge that stands in for VS Code's message channel.
 */
function page(root: RootElement, bridgePort: number | undefined): string {
  const html = renderPanelHtml(FAKE_WEBVIEW as unknown as vscode.Webview, SERVER_ROOT as unknown as vscode.Uri, 'Socket Lens', root);
  const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
  if (!nonce) throw new Error('the panel page has no script nonce in its CSP');
  const bridge =
    bridgePort === undefined
      ? ''
      : `const bridge = new WebSocket('ws://127.0.0.1:${bridgePort}');
  const early = [];
  bridge.onopen = () => early.splice(0).forEach((m) => bridge.send(m));
  bridge.onmessage = (e) => window.postMessage(JSON.parse(e.data), '*');
  window.__onPost = (m) => (bridge.readyState === 1 ? bridge.send(JSON.stringify(m)) : early.push(JSON.stringify(m)));`;
  const injected = `<script nonce="${nonce}">
  window.__posted = [];
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  ${bridge}
  let state;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => { window.__posted.push(m); window.__onPost?.(m); },
    getState: () => state,
    setState: (s) => { state = s; },
  });
</script>`;
  const csp = bridgePort === undefined ? html : html.replace("connect-src 'none'", `connect-src ws://127.0.0.1:${bridgePort}`);
  return csp.replace('<meta name="viewport"', `${injected}\n<meta name="viewport"`);
}

/** Messages the webview has posted to the host so far. */
export function posted<M extends { readonly type: string } = WebviewToHostMessage>(page: Page): Promise<M[]> {
  return page.evaluate(() => (window as unknown as { __posted: M[] }).__posted);
}

export async function waitForPosted<M extends { readonly type: string } = WebviewToHostMessage>(page: Page, type: M['type']): Promise<M> {
  const handle = await page.waitForFunction(
    (t) => (window as unknown as { __posted: { type: string }[] }).__posted.find((m) => m.type === t),
    type,
  );
  return (await handle.jsonValue()) as M;
}

/**
 * Posts a message as the host would, and returns once the panel has handled it (and rendered:
 * lit renders in the microtasks after the handler). A marker posted after it arrives after it,
 * posted messages keeping their order, so waiting for the marker waits for the message.
 */
export function sendFromHost(page: Page, message: HostToWebviewMessage | MockHostToWebviewMessage): Promise<void> {
  return page.evaluate(
    (m) =>
      new Promise<void>((resolve) => {
        const marker = `__handled ${performance.now()}`;
        const listening = new AbortController();
        // An inline listener: tsx would name a const one with a helper the page does not have.
        window.addEventListener(
          'message',
          (event) => {
            if (event.data !== marker) return;
            event.stopImmediatePropagation(); // not the panel's business
            listening.abort();
            resolve();
          },
          { capture: true, signal: listening.signal },
        );
        window.postMessage(m, '*');
        window.postMessage(marker, '*');
      }),
    message,
  );
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
