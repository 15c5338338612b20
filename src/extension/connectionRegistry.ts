import * as vscode from 'vscode';
import type { ClientConnection } from '../core/client/clientConnection';
import { SocketLensError } from '../core/errors';
import { logConnection } from './connectionLog';
import { removalRefusal } from './connections/removable';
import { uniqueLabel } from './connections/uniqueLabel';
import { ConnectionPanel } from './panel/connectionPanel';
import { connectionSource } from './panel/panelSource';
import { PendingReads } from './sessions/pendingReads';
import type { SavedMessageSource } from './panel/savedMessageSource';

interface Entry {
  readonly connection: ClientConnection;
  panel?: ConnectionPanel;
}

/**
 * Owns every connection made in this window and its panel. A connection outlives its panel:
 * closing the panel keeps the socket and the log; showing it again repaints from the log.
 * A closed connection stays until it is removed.
 */
export class ConnectionRegistry implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly removed = new vscode.EventEmitter<string>();
  /** Fires with the id of a connection just removed, before its log is released. */
  readonly onDidRemove = this.removed.event;
  /** Saves and exports reading a connection's log: a removed connection is disposed after them. */
  readonly reads = new PendingReads();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** The saved messages a connection's composer offers (those opened from a saved connection have some). */
    private readonly savedMessages?: (id: string) => SavedMessageSource,
  ) {}

  /** Keeps `connection` and writes its attempts, failures and closes to the output channel, before it connects. */
  add(connection: ClientConnection): void {
    this.entries.set(connection.id, { connection });
    // Neither subscription is kept: the connection's dispose (on remove) clears its emitters.
    logConnection(this.log, connection);
    connection.onDidChange(() => this.changed.fire());
    this.changed.fire();
  }

  get(id: string): ClientConnection | undefined {
    return this.entries.get(id)?.connection;
  }

  all(): ClientConnection[] {
    return [...this.entries.values()].map((e) => e.connection);
  }

  /** `label`, numbered ("label (2)") when a connection here already has it. */
  uniqueLabel(label: string): string {
    return uniqueLabel(label, this.all().map((c) => c.snapshot().label));
  }

  /** The connection whose panel is the active editor, if one is. */
  activeId(): string | undefined {
    for (const [id, entry] of this.entries) if (entry.panel?.panel.active) return id;
    return undefined;
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

  /**
   * Forgets a closed connection: it leaves the registry and its panel closes at once; its log is
   * released once no save or export reads it any more. A live connection must be disconnected first.
   */
  async remove(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) throw new SocketLensError('session/unknown', `No connection with id ${id}: it may have been removed already.`);
    const refusal = removalRefusal(entry.connection.snapshot());
    if (refusal) throw refusal;
    this.entries.delete(id);
    entry.panel?.dispose();
    this.removed.fire(id);
    this.changed.fire();
    await this.reads.settled(id);
    entry.connection.dispose();
  }

  /**
   * The window is closing. Each connection is disposed (its log emptied) only once the saves and
   * exports reading it have ended: deactivate starts the last save of every open session, and
   * VS Code disposes the subscriptions right after calling it, without waiting.
   */
  dispose(): void {
    for (const [id, { connection, panel }] of this.entries) {
      panel?.dispose();
      void this.reads.settled(id).then(() => connection.dispose());
    }
    this.entries.clear();
    this.changed.dispose();
    this.removed.dispose();
  }
}
