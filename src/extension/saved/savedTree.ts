import * as vscode from 'vscode';
import { redactSavedUrl } from '../../core/redaction/redactUrl';
import { needsTrust, type SavedEntry, type SavedFileProblem, type SavedStore } from './savedStore';

type SavedNode = SavedEntry | SavedFileProblem;

/** The Saved view: workspace and user connections, Connect inline; a broken file as a row that opens it. */
export class SavedTreeProvider implements vscode.TreeDataProvider<SavedNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: SavedStore) {
    this.subscription = vscode.Disposable.from(
      store.onDidChange(() => this.changed.fire()),
      // Rows of the workspace's file say when they need trust; granting it repaints them.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    );
  }

  async getChildren(node?: SavedNode): Promise<SavedNode[]> {
    if (node) return [];
    const { entries, broken } = await this.store.all();
    return [...broken, ...entries];
  }

  getTreeItem(node: SavedNode): vscode.TreeItem {
    if ('file' in node) {
      const item = new vscode.TreeItem(`${vscode.workspace.asRelativePath(node.file)}: ${node.problems.length} problem${node.problems.length === 1 ? '' : 's'}`);
      item.iconPath = new vscode.ThemeIcon('error');
      item.tooltip = node.problems.join('\n');
      item.command = { command: 'vscode.open', title: 'Open File', arguments: [node.file] };
      return item;
    }
    const item = new vscode.TreeItem(node.connection.name);
    const url = redactSavedUrl(node.connection.url);
    const untrusted = needsTrust(node);
    item.description = untrusted ? `${url} · needs trust` : url;
    item.tooltip = [
      node.scope === 'workspace' ? 'Saved in the workspace' : 'Saved for the user',
      url,
      ...(untrusted ? ['Restricted Mode: trust the workspace to connect with it (its file can set headers and TLS files).'] : []),
    ].join('\n');
    item.iconPath = new vscode.ThemeIcon(untrusted ? 'workspace-untrusted' : node.scope === 'workspace' ? 'folder' : 'account');
    item.contextValue = `socketLens.saved.${node.scope}`;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
