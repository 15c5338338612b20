import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../connectionRegistry';
import { UpdateThrottle } from '../panel/updateThrottle';
import { toConnectionRow, type ConnectionRow } from './connectionRow';

/** At most four repaints a second: counters change with every message, and a flood must not flood the view. */
export const VIEW_REFRESH_MS = 250;

/**
 * The Connections view: one row per connection in the registry, a connection's id as its node,
 * so the connection commands take the node as they take an id.
 */
export class ConnectionTreeProvider implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly throttle = new UpdateThrottle(() => this.changed.fire(), VIEW_REFRESH_MS);
  /** The log listener of each connection seen so far; the registry never drops one while we run. */
  private readonly watched = new Map<string, () => void>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: ConnectionRegistry) {
    this.subscription = registry.onDidChange(() => this.onRegistryChange());
    this.onRegistryChange();
  }

  getChildren(node?: string): string[] {
    return node === undefined ? this.registry.all().map((c) => c.id) : [];
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
    this.subscription.dispose();
    this.throttle.cancel();
    for (const unsubscribe of this.watched.values()) unsubscribe();
    this.watched.clear();
    this.changed.dispose();
  }

  private row(id: string): ConnectionRow | undefined {
    const connection = this.registry.get(id);
    return connection && toConnectionRow(connection.snapshot(), connection.log.totals);
  }

  private onRegistryChange(): void {
    for (const connection of this.registry.all()) {
      if (!this.watched.has(connection.id)) this.watched.set(connection.id, connection.log.onDidGrow(() => this.throttle.schedule()));
    }
    this.throttle.schedule();
  }
}
