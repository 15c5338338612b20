import * as vscode from 'vscode';
import { reachableUrl } from './reachableUrl';
import { reachMilestone } from '../walkthroughProgress';
import { errorMessage } from '../../core/errors';
import type { Unsubscribe } from '../../core/events/emitter';
import type { MockDefinition } from '../../core/mock/mockDefinition';
import { MockServer, type MockEvent } from '../../core/mock/mockServer';
import { saveSelfSigned } from '../../core/mock/savedCertificate';
import { isLoopbackHost } from '../../core/url/loopback';
import { ConnectionPanel } from '../panel/connectionPanel';
import { mockClientSource } from './mockClientSource';
import { MockActivity } from './mockActivity';
import { logMockLifecycles } from './mockLifecycleLog';
import { MockPanel, type MockPanelSource } from './mockPanel';
import { describeProblem } from '../../core/mock/validateDefinition';
import { loadMockFile, problemSummary } from './mockFile';

/** One mock server running in this window. */
export interface RunningMock {
  /** The definition file's URI, or "echo" for the file-less echo server. */
  readonly key: string;
  readonly label: string;
  readonly uri?: vscode.Uri;
  readonly server: MockServer;
  /** Its clients and messages since it started, for its panel. */
  readonly activity: MockActivity;
  /** A self-signed certificate's PEM, saved while the mock runs, for clients to trust. */
  readonly certificateFile?: string;
}

interface Entry extends RunningMock {
  readonly disposables: vscode.Disposable[];
  /** Stops writing its clients' lifecycles to the output channel (after the close, so the last events are written too). */
  readonly stopLifecycleLog: Unsubscribe;
  readonly panels: Map<string, ConnectionPanel>;
  /** The mock server panel, while open. */
  mockPanel: MockPanel | undefined;
}

/**
 * The mock servers of this window: started from a file or as a plain echo server, reloaded
 * when their file changes, their events and each client's lifecycle written to the output
 * channel, a panel per client on demand. Stopping one closes its clients with 1001.
 */
export class MockRegistry implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  all(): RunningMock[] {
    return [...this.entries.values()];
  }

  get(key: string): RunningMock | undefined {
    return this.entries.get(key);
  }

  /** Starts a mock; throws a SocketLensError (port in use, bad address, …) that says what to do. */
  async start(key: string, label: string, definition: MockDefinition, uri?: vscode.Uri, options: { readonly logBudgetBytes?: number } = {}): Promise<RunningMock> {
    if (this.entries.has(key)) throw new Error(`${label} is already running.`);
    const server = await MockServer.start({ definition, baseDir: uri?.scheme === 'file' ? vscode.Uri.joinPath(uri, '..').fsPath : undefined, logBudgetBytes: options.logBudgetBytes });
    const saved = saveSelfSigned(server.certificate);
    const activity = new MockActivity(server);
    const stopLifecycleLog = logMockLifecycles(server, label, this.log);
    const entry: Entry = { key, label, uri, server, activity, certificateFile: saved?.file, disposables: saved ? [saved] : [], stopLifecycleLog, panels: new Map(), mockPanel: undefined };
    this.entries.set(key, entry);
    server.onDidEvent((event) => this.onEvent(entry, event));
    if (uri) entry.disposables.push(this.watch(entry, uri));
    this.log.info(`[${label}] listening on ${server.url} (paths ${definition.paths.map((p) => p.path).join(', ')})`);
    if (server.certificate) this.log.info(`[${label}] TLS certificate SHA-256 ${server.certificate.fingerprint256}${saved ? `, self-signed, saved in ${saved.file}` : ''}`);
    this.changed.fire();
    return entry;
  }

  async stop(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const d of entry.disposables.splice(0)) d.dispose();
    try {
      await entry.server.close(1001, 'mock server stopping');
      this.log.info(`[${entry.label}] stopped`);
    } finally {
      // Even when closing failed, the mock is gone from the registry: let go of what watched it.
      entry.activity.dispose();
      entry.stopLifecycleLog();
      // The panel stays, with the rows it had, and says the mock stopped; the next Show opens a new one.
      entry.mockPanel?.refresh();
      entry.mockPanel = undefined;
      this.changed.fire();
    }
  }

  /** Opens (or reveals) the panel of one client of a mock: a connected one, or one of the last to close. */
  showClient(key: string, clientId: string): void {
    const entry = this.entries.get(key);
    const client = entry?.activity.client(clientId);
    if (!entry || !client) throw new Error(`Client ${clientId} is no longer connected to this mock.`);
    const open = entry.panels.get(clientId);
    if (open) return open.reveal();
    const panel = ConnectionPanel.open(mockClientSource(entry.server, client, entry.label), this.extensionUri, this.log);
    entry.panels.set(clientId, panel);
    panel.onDidDispose(() => entry.panels.delete(clientId));
  }

  /** Opens (or reveals) the panel of a mock server: its clients, what they exchange, sending and disconnecting. */
  showMockPanel(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) throw new Error('That mock server has stopped. Start it again to open its panel.');
    if (entry.mockPanel) return entry.mockPanel.reveal();
    const panel = MockPanel.open(this.panelSource(entry), this.extensionUri, this.log);
    entry.mockPanel = panel;
    reachMilestone('socketLens.hasSeenMockPanel');
    panel.onDidDispose(() => {
      if (entry.mockPanel === panel) entry.mockPanel = undefined;
    });
  }

  private panelSource(entry: Entry): MockPanelSource {
    const { server } = entry;
    return {
      key: entry.key,
      label: entry.label,
      // Read each time: saving the file may change its paths. A stopped server answers what it last served.
      get url() {
        return server.firstPathUrl;
      },
      get otherPaths() {
        return server.paths.slice(1);
      },
      activity: entry.activity,
      running: () => this.entries.get(entry.key) === entry,
      openLog: (clientId) => this.showClient(entry.key, clientId),
      // As Copy Mock Server URL: the forwarded address in a remote window.
      copyUrl: async () => {
        const reachable = await reachableUrl(server.firstPathUrl);
        await vscode.env.clipboard.writeText(reachable);
        void vscode.window.setStatusBarMessage(`Copied ${reachable}`, 3000);
      },
      reachableUrl,
    };
  }

  /** The certificate file to trust for a URL that reaches one of our self-signed mocks. */
  certificateFileFor(url: URL): string | undefined {
    const reaches = (mock: URL) => mock.port === url.port && (mock.hostname === url.hostname || (isLoopbackHost(mock.hostname) && isLoopbackHost(url.hostname)));
    return this.all().find((mock) => mock.certificateFile && reaches(new URL(mock.server.url)))?.certificateFile;
  }

  /** The URL a mock's panel shows in its header, while the panel is open. */
  panelUrl(key: string): string | undefined {
    return this.entries.get(key)?.mockPanel?.shownUrl();
  }

  hasPanel(key: string, clientId: string): boolean {
    return this.entries.get(key)?.panels.has(clientId) ?? false;
  }

  dispose(): void {
    for (const key of [...this.entries.keys()]) this.stop(key).catch((error: unknown) => this.log.warn(`Could not stop a mock server cleanly: ${errorMessage(error)}`));
    this.changed.dispose();
  }

  private onEvent(entry: Entry, event: MockEvent): void {
    if (event.type === 'rejected') this.log.warn(`[${entry.label}] refused ${event.remote} on ${event.path}: ${event.status} ${event.reason}`);
    else if (event.type === 'tls-failed') this.log.warn(`[${entry.label}] TLS with ${event.remote} failed: ${event.reason}`);
    else if (event.type === 'reloaded') {
      this.log.info(`[${entry.label}] reloaded: new rules apply to every client`);
      entry.mockPanel?.refresh(); // its paths may have changed
    }
    this.changed.fire();
  }

  /** Saving the file applies its new rules without dropping clients; a file that is not valid keeps the old ones. */
  private watch(entry: Entry, uri: vscode.Uri): vscode.Disposable {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop()!));
    let pending: NodeJS.Timeout | undefined;
    const reload = () => {
      clearTimeout(pending);
      // Editors save in several writes: read once they are done.
      pending = setTimeout(() => void this.reload(entry, uri), 100);
    };
    // The watcher misses files outside the workspace folders; a save in the editor is caught either way.
    const saved = vscode.workspace.onDidSaveTextDocument((document) => document.uri.toString() === uri.toString() && reload());
    return vscode.Disposable.from(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), saved, new vscode.Disposable(() => clearTimeout(pending)));
  }

  private async reload(entry: Entry, uri: vscode.Uri): Promise<void> {
    if (this.entries.get(entry.key) !== entry) return;
    const loaded = await loadMockFile(uri);
    if (loaded.ok) {
      try {
        return entry.server.reload(loaded.definition);
      } catch (error) {
        return this.log.error(`[${entry.label}] could not reload: ${(error as Error).message}`);
      }
    }
    this.log.warn(`[${entry.label}] the saved file is not a valid mock definition; the mock keeps the rules it had:`);
    for (const problem of loaded.problems) this.log.warn(`  ${describeProblem(problem)}`);
    void vscode.window.showWarningMessage(`Socket Lens: ${entry.label} was not reloaded: ${problemSummary(loaded.problems)}. The mock keeps its old rules.`, 'Show Problems').then((choice) => {
      if (choice) this.log.show(true);
    });
  }
}
