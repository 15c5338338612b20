import * as vscode from 'vscode';
import { reachMilestone } from '../walkthroughProgress';
import { SocketLensError, toErrorInfo } from '../../core/errors';
import type { LogFilterView } from '../../shared/viewModels';
import { malformedRequestError, requestIdOf } from '../../shared/messageChecks';
import { parseWebviewMessage, type HostToWebviewMessage, type ResultValues, type WebviewRequest } from '../../shared/protocol';
import type { LogEntry } from '../../core/log/sessionLog';
import { ComposerHost } from './composerHost';
import { LogFeed } from './logFeed';
import { savePayload } from './savePayload';
import { renderPanelHtml } from './panelHtml';
import { notReconnectable, type PanelSource } from './panelSource';
import type { SavedMessageSource } from './savedMessageSource';
import { CONNECTION_UPDATE_INTERVAL_MS, FLOOD_INTERVAL_MS, UpdateThrottle, UPDATE_INTERVAL_MS } from './updateThrottle';
import { toCountersView, toMessageDetail } from './viewModelMapping';

export const PANEL_VIEW_TYPE = 'socketLens.connection';

/**
 * Hosts the webview of one conversation: a client connection or a mock's client. Closing the
 * panel disposes only the view: the socket and its log live on and a new panel repaints from them.
 */
export class ConnectionPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updates = new UpdateThrottle(
    () => this.post({ type: 'host/messages', log: this.feed.update(), counters: toCountersView(this.source.log) }),
    () => (this.feed.flooded ? FLOOD_INTERVAL_MS : UPDATE_INTERVAL_MS),
  );
  private readonly connectionUpdates = new UpdateThrottle(() => this.postConnection(), CONNECTION_UPDATE_INTERVAL_MS);
  private readonly feed: LogFeed;
  private readonly composer: ComposerHost;
  private ready = false;
  private disposed = false;

  static open(source: PanelSource, extensionUri: vscode.Uri, log: vscode.LogOutputChannel, savedMessages?: SavedMessageSource): ConnectionPanel {
    const title = source.title;
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.webview.html = renderPanelHtml(panel.webview, extensionUri, title);
    return new ConnectionPanel(panel, source, log, savedMessages);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly source: PanelSource,
    private readonly log: vscode.LogOutputChannel,
    savedMessages: SavedMessageSource | undefined,
  ) {
    this.feed = new LogFeed(source.log);
    this.composer = new ComposerHost(source, (message) => this.post(message), savedMessages);
    this.disposables.push(
      toDisposable(() => this.composer.dispose()),
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      toDisposable(source.onDidChange(() => this.ready && this.connectionUpdates.schedule())),
      toDisposable(source.log.onDidGrow(() => this.ready && this.updates.schedule())),
    );
  }

  readonly onDidDispose = (listener: () => void): vscode.Disposable => this.panel.onDidDispose(listener);

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.updates.cancel();
    this.connectionUpdates.cancel();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a malformed message from the panel: ${parsed.reason}`);
      const requestId = requestIdOf(raw);
      if (requestId !== undefined) this.post({ type: 'host/result', requestId, ok: false, error: malformedRequestError(parsed.reason) });
      return;
    }
    const message = parsed.message;
    if (message.type === 'webview/ready') this.sendSnapshot(message.filter ?? {}).catch((error: unknown) => this.log.error(`Could not paint the panel: ${toErrorInfo(error).message}`));
    else void this.answer(message);
  }

  /** Everything to paint, through the panel's saved filter (or none, if it no longer parses). */
  private async sendSnapshot(filter: LogFilterView): Promise<void> {
    this.ready = false;
    this.updates.cancel();
    this.connectionUpdates.cancel();
    const { dropped, ...log } = await this.feed.start(filter);
    if (dropped) this.log.warn(`The panel's saved filter was dropped: ${dropped}`);
    this.ready = true;
    this.post({ type: 'host/snapshot', connection: this.source.view(), ...log });
  }

  private async answer(request: WebviewRequest): Promise<void> {
    try {
      const value = await this.carryOut(request);
      this.post({ type: 'host/result', requestId: request.requestId, ok: true, ...(value && { value }) });
    } catch (error) {
      const info = toErrorInfo(error);
      this.log.warn(`${request.type} failed: ${info.message}`);
      this.post({ type: 'host/result', requestId: request.requestId, ok: false, error: info });
    }
  }

  /** Does what `request` asks; returns what it asked for, if anything. */
  private async carryOut(request: WebviewRequest): Promise<ResultValues[keyof ResultValues] | undefined> {
    switch (request.type) {
      case 'connection/disconnect':
        return void this.source.close(request.code, request.reason);
      case 'connection/reconnect':
        if (!this.source.reconnect) throw notReconnectable(this.source);
        // The outcome shows as the connection's state and error, like the first connect's.
        return void this.source.reconnect().catch(() => undefined);
      case 'log/detail':
        return toMessageDetail(this.entry(request.id));
      case 'log/savePayload':
        return savePayload(this.entry(request.id), vscode.workspace.workspaceFolders?.[0]?.uri);
      case 'log/range':
        this.updates.flushNow();
        return this.feed.range(request.start, request.count);
      case 'log/filter':
        this.updates.flushNow();
        return this.feed.filter(request.filter);
      case 'log/conversation':
        return this.feed.conversation();
      case 'connection/send':
      case 'composer/sendSaved':
        await this.composer.carryOut(request);
        reachMilestone('socketLens.hasSentMessage');
        return undefined;
      case 'connection/control':
      case 'connection/repeat':
      case 'connection/stopRepeat':
      case 'composer/watch':
        return void (await this.composer.carryOut(request));
    }
  }

  private entry(id: number): LogEntry {
    const entry = this.source.log.get(id);
    if (!entry) throw new SocketLensError('log/evicted', `Message ${id} is no longer in the session log: it was evicted to keep the log within its byte budget. Its row stays counted as evicted.`);
    return entry;
  }

  private postConnection(): void {
    if (!this.ready) return;
    // Send the log's update first so counters never run ahead of the rows they count.
    this.updates.flushNow();
    this.post({ type: 'host/connection', connection: this.source.view() });
  }

  private post(message: HostToWebviewMessage): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.log.warn(`Could not update the panel: ${toErrorInfo(error).message}`);
    });
  }
}

function toDisposable(unsubscribe: () => void): vscode.Disposable {
  return new vscode.Disposable(unsubscribe);
}
