import * as vscode from 'vscode';
import type { Unsubscribe } from '../../core/events/emitter';
import type { ConnectionRegistry } from '../connectionRegistry';
import type { ImportedSessions } from '../panel/importedSessions';
import { UpdateThrottle } from '../panel/updateThrottle';
import { toConnectionRow, type ConnectionRow } from './connectionRow';
import { toImportedRow } from './importedRow';

/** At most four repaints a second: counters change with every message, and a flood must not flood the view. */
export const VIEW_REFRESH_MS = 250;

/**
 * The Connections view: one row per connection in the registry, then one per imported or
 * restored session, a session's id as its node, so the commands take the node as they take an id.
 */
export class ConnectionTreeProvider implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly throttle = new UpdateThrottle(() => this.changed.fire(), VIEW_REFRESH_MS);
  /** The log listener of each connection in the registry; dropped when the connection is removed. */
  private readonly watched = new Map<string, Unsubscribe>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly unsubscribeImported: Unsubscribe;

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly imported: ImportedSessions,
  ) {
    this.subscriptions = [registry.onDidChange(() => this.onRegistryChange()), registry.onDidRemove((id) => this.unwatch(id))];
    // Imported logs never grow: only an import or a removal changes their rows.
    this.unsubscribeImported = imported.onDidChange(() => this.throttle.schedule());
    this.onRegistryChange();
  }

  getChildren(node?: string): string[] {
    if (node !== undefined) return [];
    return [...this.registry.all().map((c) => c.id), ...this.imported.all().map((e) => e.id)];
  }

  getTreeItem(id: string): vscode.TreeItem {
    const row = this.row(id);
    if (!row) return new vscode.TreeItem(`${id} (gone)`);
    const item = new vscode.TreeItem(row.label);
    item.id = row.id;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.iconPath = new vscode.ThemeIcon(row.icon);
    item.contextValue = row.contextValue;
    item.command = { command: 'socketLens.showPanel', title: 'Show Panel', arguments: [row.id] };
    return item;
  }

  /** The rows as the view shows them, in order. */
  rows(): ConnectionRow[] {
    return this.getChildren().flatMap((id) => this.row(id) ?? []);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.unsubscribeImported();
    this.throttle.cancel();
    for (const unsubscribe of this.watched.values()) unsubscribe();
    this.watched.clear();
    this.changed.dispose();
  }

  private row(id: string): ConnectionRow | undefined {
    const connection = this.registry.get(id);
    if (connection) return toConnectionRow(connection.snapshot(), connection.log.totals);
    const entry = this.imported.get(id);
    return entry && toImportedRow(entry);
  }

  private onRegistryChange(): void {
    for (const connection of this.registry.all()) {
      if (!this.watched.has(connection.id)) this.watched.set(connection.id, connection.log.onDidGrow(() => this.throttle.schedule()));
    }
    this.throttle.schedule();
  }

  private unwatch(id: string): void {
    this.watched.get(id)?.();
    this.watched.delete(id);
  }
}
