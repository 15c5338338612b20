import * as vscode from 'vscode';
import { SocketLensError, toErrorInfo } from '../../core/errors';
import type { MessageDetail } from '../../shared/viewModels';
import { parseWebviewMessage, type HostToWebviewMessage, type WebviewRequest } from '../../shared/protocol';
import { ComposerHost } from './composerHost';
import { MessageBatcher } from './messageBatcher';
import { renderPanelHtml } from './panelHtml';
import type { PanelSource } from './panelSource';
import { toCountersView, toMessageDetail, toMessageSummary } from './viewModelMapping';

export const PANEL_VIEW_TYPE = 'socketLens.connection';

/** Summaries sent on `webview/ready`; older rows stay in the host's log. */
const SNAPSHOT_MESSAGES = 2000;

/**
 * Hosts the webview of one conversation: a client connection or a mock's client. Closing the
 * panel disposes only the view: the socket and its log live on and a new panel repaints from them.
 */
export class ConnectionPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly batcher: MessageBatcher;
  private readonly composer: ComposerHost;
  private ready = false;
  private disposed = false;

  static open(source: PanelSource, extensionUri: vscode.Uri, log: vscode.LogOutputChannel): ConnectionPanel {
    const title = source.title;
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.webview.html = renderPanelHtml(panel.webview, extensionUri, title);
    return new ConnectionPanel(panel, source, log);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly source: PanelSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.batcher = new MessageBatcher((entries) =>
      this.post({ type: 'host/messages', messages: entries.map(toMessageSummary), counters: toCountersView(source.log) }),
    );
    this.composer = new ComposerHost(source, (message) => this.post(message));
    this.disposables.push(
      toDisposable(() => this.composer.dispose()),
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      toDisposable(source.onDidChange(() => this.postConnection())),
      toDisposable(source.log.onDidAppend((entry) => this.ready && this.batcher.add(entry))),
    );
  }

  readonly onDidDispose = (listener: () => void): vscode.Disposable => this.panel.onDidDispose(listener);

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.batcher.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.log.warn(`Ignored a malformed message from the panel: ${parsed.reason}`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'webview/ready') this.sendSnapshot();
    else this.answer(message);
  }

  private sendSnapshot(): void {
    this.batcher.dispose();
    const messages = this.source.log.tail(SNAPSHOT_MESSAGES).map(toMessageSummary);
    this.ready = true;
    this.post({ type: 'host/snapshot', connection: this.source.view(), messages });
  }

  private answer(request: WebviewRequest): void {
    try {
      const value = this.carryOut(request);
      this.post({ type: 'host/result', requestId: request.requestId, ok: true, ...(value && { value }) });
    } catch (error) {
      const info = toErrorInfo(error);
      this.log.warn(`${request.type} failed: ${info.message}`);
      this.post({ type: 'host/result', requestId: request.requestId, ok: false, error: info });
    }
  }

  /** Does what `request` asks; returns what it asked for, if anything. */
  private carryOut(request: WebviewRequest): MessageDetail | undefined {
    switch (request.type) {
      case 'connection/sendText':
        return void this.source.sendText(request.text);
      case 'connection/disconnect':
        return void this.source.close(request.code, request.reason);
      case 'log/detail': {
        const entry = this.source.log.get(request.id);
        if (!entry) throw new SocketLensError('log/evicted', `Message ${request.id} is no longer in the session log: it was evicted to keep the log within its byte budget. Its row stays counted as evicted.`);
        return toMessageDetail(entry);
      }
      case 'connection/send':
      case 'connection/control':
      case 'connection/repeat':
      case 'connection/stopRepeat':
      case 'composer/watch':
        return void this.composer.carryOut(request);
    }
  }

  private postConnection(): void {
    if (!this.ready) return;
    // Send queued messages first so counters never run ahead of the rows they count.
    this.batcher.flushNow();
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
