import * as vscode from 'vscode';
import type { ClientConnection } from '../core/client/clientConnection';
import { ConnectionPanel } from './panel/connectionPanel';
import { connectionSource } from './panel/panelSource';
import type { SavedMessageSource } from './panel/savedMessageSource';

interface Entry {
  readonly connection: ClientConnection;
  panel?: ConnectionPanel;
}

/**
 * Owns every connection made in this window and its panel. A connection outlives its panel:
 * closing the panel keeps the socket and the log; showing it again repaints from the log.
 */
export class ConnectionRegistry implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** The saved messages a connection's composer offers (those opened from a saved connection have some). */
    private readonly savedMessages?: (id: string) => SavedMessageSource,
  ) {}

  add(connection: ClientConnection): void {
    this.entries.set(connection.id, { connection });
    connection.onDidChange(() => this.changed.fire());
    this.changed.fire();
  }

  get(id: string): ClientConnection | undefined {
    return this.entries.get(id)?.connection;
  }

  all(): ClientConnection[] {
    return [...this.entries.values()].map((e) => e.connection);
  }

  hasPanel(id: string): boolean {
    return this.entries.get(id)?.panel !== undefined;
  }

  showPanel(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`No connection with id ${id}.`);
    if (entry.panel) return entry.panel.reveal();
    const panel = ConnectionPanel.open(connectionSource(entry.connection), this.extensionUri, this.log, this.savedMessages?.(id));
    entry.panel = panel;
    panel.onDidDispose(() => {
      if (entry.panel === panel) entry.panel = undefined;
    });
  }

  dispose(): void {
    for (const { connection, panel } of this.entries.values()) {
      panel?.dispose();
      connection.dispose();
    }
    this.entries.clear();
    this.changed.dispose();
  }
}
