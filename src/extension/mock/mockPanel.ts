import * as vscode from 'vscode';
import { checkClose } from '../../core/client/connectionErrors';
import { SocketLensError, toErrorInfo } from '../../core/errors';
import type { MockClient } from '../../core/mock/mockClient';
import { parseMockWebviewMessage, type MockBroadcastResult, type MockHostToWebviewMessage, type MockWebviewRequest } from '../../shared/mockProtocol';
import { malformedRequestError, requestIdOf } from '../../shared/messageChecks';
import type { MockClientRowView } from '../../shared/mockViewModels';
import { renderPanelHtml } from '../panel/panelHtml';
import type { MockActivity } from './mockActivity';
import { toMockClientRow, toMockServerView, type MockIdentity } from './mockViewMapping';
import { ReachableUrlCache, type ReachableSource } from './reachableUrlCache';

export const MOCK_PANEL_VIEW_TYPE = 'socketLens.mockServer';

/** At most one update per this many ms, however many messages the clients exchange. */
export const MOCK_UPDATE_INTERVAL_MS = 100;

/** What the mock panel shows and drives: one running mock, as the registry holds it. */
export interface MockPanelSource extends MockIdentity, ReachableSource {
  readonly activity: MockActivity;
  /** Opens (or reveals) the connection panel of one client: the tree's "Show Mock Client". */
  openLog(clientId: string): void;
  copyUrl(): Promise<void>;
}

/**
 * Hosts the webview of one mock server: its clients in a table, updated in batches, and what
 * can be done to them. Everything it shows lives in the host (the mock's MockActivity), so a
 * panel closed and opened again repaints it all.
 */
export class MockPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Clients that changed since the last update. */
  private readonly dirty = new Set<string>();
  /** Clients forgotten since the last update. */
  private readonly forgotten = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** What Copy gives, asked for when the panel opens and after a reload; the header shows it. */
  private readonly reachable: ReachableUrlCache;
  private ready = false;
  private disposed = false;

  static open(source: MockPanelSource, extensionUri: vscode.Uri, log: vscode.LogOutputChannel): MockPanel {
    const title = `Mock ${source.label}`;
    const panel = vscode.window.createWebviewPanel(MOCK_PANEL_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.webview.html = renderPanelHtml(panel.webview, extensionUri, title, 'socket-lens-mock-app');
    return new MockPanel(panel, source, log);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly source: MockPanelSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.reachable = new ReachableUrlCache(source, () => {
      if (!this.disposed) this.flush();
    });
    // Asked at once, not on the webview's ready: Copy's answer must not wait for the page to load.
    this.reachable.ask();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      new vscode.Disposable(source.activity.onDidChangeClient((id) => this.touch(id))),
      new vscode.Disposable(source.activity.onDidRemoveClient((id) => this.forget(id))),
    );
  }

  readonly onDidDispose = (listener: () => void): vscode.Disposable => this.panel.onDidDispose(listener);

  reveal(): void {
    this.panel.reveal();
  }

  /** The mock itself changed (stopped, or reloaded with other paths): the header says so at once; the rows stay. */
  refresh(): void {
    this.flush();
    this.reachable.ask(); // a new URL after a reload; nothing once stopped
  }

  /** The URL the header shows: what Copy gives, once worked out. */
  shownUrl(): string {
    const view = this.mockView();
    return view.reachableUrl ?? view.url;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseMockWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a malformed message from the mock panel: ${parsed.reason}`);
      const requestId = requestIdOf(raw);
      if (requestId !== undefined) this.post({ type: 'host/result', requestId, ok: false, error: malformedRequestError(parsed.reason) });
      return;
    }
    const message = parsed.message;
    if (message.type === 'webview/ready') return this.sendSnapshot();
    try {
      const value = await this.carryOut(message);
      this.post({ type: 'host/result', requestId: message.requestId, ok: true, ...(value && { value }) });
    } catch (error) {
      const info = toErrorInfo(error);
      this.log.warn(`[${this.source.label}] ${message.type} failed: ${info.message}`);
      this.post({ type: 'host/result', requestId: message.requestId, ok: false, error: info });
    }
  }

  private sendSnapshot(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty.clear();
    this.forgotten.clear();
    this.ready = true;
    const activity = this.source.activity;
    const clients = activity.ids().flatMap((id) => this.row(id) ?? []);
    this.post({ type: 'host/mockSnapshot', mock: this.mockView(), clients });
  }

  /** Does what `request` asks; returns what it asked for, if anything. */
  private async carryOut(request: MockWebviewRequest): Promise<MockBroadcastResult | undefined> {
    switch (request.type) {
      case 'mock/sendText':
        this.openClient(request.clientId, 'nothing was sent').send('text', Buffer.from(request.text, 'utf8'));
        return void this.touch(request.clientId);
      case 'mock/broadcastText':
        return { sent: this.broadcast(request.text) };
      case 'mock/disconnect': {
        const client = this.openClient(request.clientId, 'there is nothing to disconnect');
        const problem = checkClose(request.code, request.reason);
        if (problem) throw problem;
        client.close(request.code, request.reason);
        return void this.touch(request.clientId);
      }
      case 'mock/openLog':
        return void this.openLog(request.clientId);
      case 'mock/copyUrl':
        return void (await this.source.copyUrl());
    }
  }

  /** Sends to every open client; returns how many. */
  private broadcast(text: string): number {
    this.checkRunning();
    const data = Buffer.from(text, 'utf8');
    let sent = 0;
    for (const id of this.source.activity.ids()) {
      const client = this.source.activity.client(id);
      if (!client?.open) continue;
      client.send('text', data);
      sent++;
    }
    return sent;
  }

  private openLog(clientId: string): void {
    this.checkRunning();
    const record = this.source.activity.record(clientId);
    if (!record) throw new SocketLensError('mock/client', `Client ${clientId} is no longer listed on this mock.`);
    if (!record.logAvailable) throw new SocketLensError('mock/client', `The log of client ${clientId} is no longer kept: only the most recently closed clients keep theirs.`);
    this.source.openLog(clientId);
  }

  /** The client, if it is still open; otherwise an error that says what became of it. */
  private openClient(clientId: string, consequence: string): MockClient {
    this.checkRunning();
    const record = this.source.activity.record(clientId);
    const client = this.source.activity.client(clientId);
    if (!record || !client) throw new SocketLensError('mock/client', `Client ${clientId} has gone; ${consequence}.`);
    if (record.open) return client;
    const closed = record.info.closed;
    const how = closed ? `closed with ${closed.code}${closed.reason ? ` “${closed.reason}”` : ''}` : 'is closing';
    throw new SocketLensError('mock/client', `Client ${clientId} has already disconnected (${how}); ${consequence}.`);
  }

  private checkRunning(): void {
    if (!this.source.running()) throw new SocketLensError('mock/client', `${this.source.label} has stopped. Start it again to reach clients.`);
  }

  private touch(id: string): void {
    this.dirty.add(id);
    this.schedule();
  }

  private forget(id: string): void {
    this.dirty.delete(id);
    this.forgotten.add(id);
    this.schedule();
  }

  private schedule(): void {
    if (!this.ready || this.disposed) return;
    this.timer ??= setTimeout(() => this.flush(), MOCK_UPDATE_INTERVAL_MS);
  }

  /** One update with every row that changed since the last. */
  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.ready) return;
    const clients = [...this.dirty].flatMap((id) => this.row(id) ?? []);
    const removed = [...this.forgotten];
    this.dirty.clear();
    this.forgotten.clear();
    this.post({ type: 'host/mockUpdate', mock: this.mockView(), clients, removed });
  }

  private row(id: string): MockClientRowView | undefined {
    const record = this.source.activity.record(id);
    return record && toMockClientRow(record);
  }

  private mockView() {
    return toMockServerView(this.source, this.source.running() ? 'running' : 'stopped', this.source.activity, this.reachable.current());
  }

  private post(message: MockHostToWebviewMessage): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.log.warn(`Could not update the mock panel: ${toErrorInfo(error).message}`);
    });
  }
}
