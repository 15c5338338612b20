// Chromium's own WebSocket as a client: a page in Debian's Chromium (playwright-core) that opens
// sockets with `new WebSocket(url)` and records every event, read back with page.evaluate.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../../e2e/harness/browser.mjs';

/** What the page saw on one socket, in order. Binary messages arrive as ArrayBuffers, shown in hex; atMs: performance.now() on arrival. */
export type BrowserSocketEvent =
  | { readonly type: 'open'; readonly protocol: string }
  | { readonly type: 'text'; readonly text: string; readonly atMs: number }
  | { readonly type: 'binary'; readonly hex: string; readonly atMs: number }
  | { readonly type: 'error' }
  | { readonly type: 'close'; readonly code: number; readonly reason: string; readonly wasClean: boolean };

interface PageSockets {
  sockets: { socket: WebSocket; events: BrowserSocketEvent[] }[];
}

/**
 * Defines `__lens` (every socket and its events) and `__lensOpen(url, protocols)` in the page. A
 * string, not a function: tsx would add helpers (`__name`) to a function that the page lacks.
 */
const PAGE_SCRIPT = `
  window.__lens = { sockets: [] };
  window.__lensOpen = (url, protocols) => {
    const socket = new WebSocket(url, protocols);
    socket.binaryType = 'arraybuffer';
    const events = [];
    const hex = (data) => [...new Uint8Array(data)].map((b) => b.toString(16).padStart(2, '0')).join('');
    socket.onopen = () => events.push({ type: 'open', protocol: socket.protocol });
    socket.onmessage = (e) => events.push(typeof e.data === 'string' ? { type: 'text', text: e.data, atMs: performance.now() } : { type: 'binary', hex: hex(e.data), atMs: performance.now() });
    socket.onerror = () => events.push({ type: 'error' });
    socket.onclose = (e) => events.push({ type: 'close', code: e.code, reason: e.reason, wasClean: e.wasClean });
    return window.__lens.sockets.push({ socket, events }) - 1;
  };
`;

/**
 * One Chromium with one page, served from a tiny HTTP server on 127.0.0.1 so the page has a real
 * origin (`origin`) to send in its handshakes.
 */
export class ChromiumClient {
  private constructor(
    private readonly page: Page,
    readonly origin: string,
    readonly close: () => Promise<void>,
  ) {}

  static async start(): Promise<ChromiumClient> {
    const http = await pageServer();
    const browser = await launchBrowser();
    const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const close = async () => {
      await browser.close();
      await new Promise((resolve) => http.close(resolve));
    };
    try {
      await browser.page.goto(`${origin}/`);
      await browser.page.evaluate(PAGE_SCRIPT);
      return new ChromiumClient(browser.page, origin, close);
    } catch (error) {
      await close();
      throw error;
    }
  }

  /** Opens a socket in the page; returns its number. */
  open(url: string, protocols: readonly string[] = []): Promise<number> {
    return this.page.evaluate(([url, protocols]) => (window as unknown as { __lensOpen: (url: string, protocols: string[]) => number }).__lensOpen(url, protocols), [url, [...protocols]] as [string, string[]]);
  }

  events(socket: number): Promise<BrowserSocketEvent[]> {
    return this.page.evaluate((k) => (window as unknown as { __lens: PageSockets }).__lens.sockets[k]!.events, socket);
  }

  /** Resolves with the socket's events once `count` of them match `types` (default: any). */
  async until(socket: number, count: number, types: readonly BrowserSocketEvent['type'][] = []): Promise<BrowserSocketEvent[]> {
    await this.page.waitForFunction(
      ([k, count, types]) => (window as unknown as { __lens: PageSockets }).__lens.sockets[k]!.events.filter((e) => types.length === 0 || types.includes(e.type)).length >= count,
      [socket, count, [...types]] as const,
      { polling: 10, timeout: 10_000 },
    );
    return this.events(socket);
  }

  /** Its messages (text and binary), once there are `count`. */
  async messages(socket: number, count: number): Promise<BrowserSocketEvent[]> {
    return (await this.until(socket, count, ['text', 'binary'])).filter((e) => e.type === 'text' || e.type === 'binary');
  }

  /** Its close event, once it came. */
  async closed(socket: number): Promise<Extract<BrowserSocketEvent, { type: 'close' }>> {
    const events = await this.until(socket, 1, ['close']);
    return events.find((e) => e.type === 'close') as Extract<BrowserSocketEvent, { type: 'close' }>;
  }

  send(socket: number, data: string | Uint8Array): Promise<void> {
    const message = typeof data === 'string' ? { text: data } : { bytes: [...data] };
    return this.page.evaluate(([k, m]) => {
      const { socket } = (window as unknown as { __lens: PageSockets }).__lens.sockets[k]!;
      socket.send('text' in m ? m.text! : Uint8Array.from(m.bytes!));
    }, [socket, message as { text?: string; bytes?: number[] }] as const);
  }
}

/** Answers every request with an empty HTML page. */
async function pageServer(): Promise<Server> {
  const server = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Socket Lens interop</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
