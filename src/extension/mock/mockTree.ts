import * as vscode from 'vscode';
import { redactHeaderValue } from '../../core/redaction/redactHeaders';
import type { MockClientInfo } from '../../core/mock/mockClient';
import type { MockRegistry, RunningMock } from './mockRegistry';

/** A row of the Mock Servers view; commands get it as their argument. */
export type MockNode = { readonly key: string; readonly clientId?: undefined } | { readonly key: string; readonly clientId: string };

/** The Mock Servers view: each running mock, and under it its connected clients with their handshake. */
export class MockTreeProvider implements vscode.TreeDataProvider<MockNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly registry: MockRegistry) {
    registry.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: MockNode): MockNode[] {
    if (!node) return this.registry.all().map((mock) => ({ key: mock.key }));
    if (node.clientId !== undefined) return [];
    return (this.registry.get(node.key)?.server.clients() ?? []).map((client) => ({ key: node.key, clientId: client.id }));
  }

  getTreeItem(node: MockNode): vscode.TreeItem {
    const mock = this.registry.get(node.key);
    if (!mock) return new vscode.TreeItem('(stopped)');
    if (node.clientId === undefined) return mockItem(mock);
    const client = mock.server.client(node.clientId)?.info();
    return client ? clientItem(node, client) : new vscode.TreeItem(`${node.clientId} (gone)`);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function mockItem(mock: RunningMock): vscode.TreeItem {
  const clients = mock.server.clientCount;
  const item = new vscode.TreeItem(mock.label, clients > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  // A new id once there are clients, so VS Code shows the row expanded instead of the state it remembered.
  item.id = `${mock.key}${clients > 0 ? '#clients' : ''}`;
  item.description = `${mock.server.firstPathUrl} · ${clients} client${clients === 1 ? '' : 's'}`;
  item.iconPath = new vscode.ThemeIcon('radio-tower');
  item.contextValue = 'socketLens.mock';
  item.resourceUri = mock.uri;
  const paths = mock.server.paths;
  item.tooltip = new vscode.MarkdownString(`**${mock.label}** listening on \`${mock.server.url}\`${paths.length > 0 ? `, paths ${paths.map((p) => `\`${p}\``).join(', ')}` : ''}${mock.uri ? `\n\nFrom ${vscode.workspace.asRelativePath(mock.uri)}; saving it reloads the rules.` : ''}${mock.server.certificate ? `\n\nTLS certificate SHA-256 \`${mock.server.certificate.fingerprint256}\`${mock.certificateFile ? ` (self-signed; "Connect to It" trusts it)` : ''}` : ''}`);
  return item;
}

function clientItem(node: MockNode, client: MockClientInfo): vscode.TreeItem {
  const item = new vscode.TreeItem(client.id);
  item.id = `${node.key}#${client.id}`;
  item.description = [client.path, client.remote, client.protocol && `subprotocol ${client.protocol}`].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon('plug');
  item.contextValue = 'socketLens.mockClient';
  item.command = { command: 'socketLens.mockShowClient', title: 'Show Client', arguments: [node] };
  const headers = client.headers.map(([name, value]) => `${name}: ${redactHeaderValue(name, value)}`).join('\n');
  item.tooltip = new vscode.MarkdownString(`**${client.id}** on \`${client.path}\` from ${client.remote}\n\nOrigin: ${client.origin ?? '(none)'} · requested subprotocols: ${client.requestedProtocols.join(', ') || '(none)'}\n\n\`\`\`http\nGET ${client.target} HTTP/1.1\n${headers}\n\`\`\``);
  return item;
}
