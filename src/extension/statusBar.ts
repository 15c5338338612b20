import * as vscode from 'vscode';
import type { ConnectionRegistry } from './connectionRegistry';
import type { MockRegistry } from './mock/mockRegistry';
import { UpdateThrottle } from './panel/updateThrottle';
import { VIEW_REFRESH_MS } from './connections/connectionTree';
import { toStatusSummary, type StatusSummary } from './connections/statusSummary';

/** A row of the status bar's pick: the command that opens its panel, and its argument. */
type Choice = vscode.QuickPickItem & { readonly command?: readonly [string, unknown] };

/** The command behind a click on the status bar item; not in the palette. */
export const PICK_ACTIVE_COMMAND = 'socketLens.pickActive';

/** "$(plug) 2 · $(radio-tower) 1": live connections and running mocks, hidden while there are none. */
export class SocketLensStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('socketLens.status', vscode.StatusBarAlignment.Left, 10);
  // Mocks fire on every client event; a burst of them repaints once.
  private readonly throttle = new UpdateThrottle(() => this.update(), VIEW_REFRESH_MS);
  private readonly disposables: vscode.Disposable[];
  private shown: StatusSummary | undefined;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly mocks: MockRegistry,
  ) {
    this.item.name = 'Socket Lens';
    this.item.command = PICK_ACTIVE_COMMAND;
    this.disposables = [
      connections.onDidChange(() => this.throttle.schedule()),
      mocks.onDidChange(() => this.throttle.schedule()),
      vscode.commands.registerCommand(PICK_ACTIVE_COMMAND, () => this.pick()),
    ];
    this.update();
  }

  /** What the item shows now; undefined while hidden. */
  get summary(): StatusSummary | undefined {
    return this.shown;
  }

  dispose(): void {
    this.throttle.cancel();
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }

  private update(): void {
    this.shown = toStatusSummary(this.live().length, this.mocks.all().length);
    if (!this.shown) return this.item.hide();
    this.item.text = this.shown.text;
    this.item.tooltip = this.shown.tooltip;
    this.item.show();
  }

  private live() {
    return this.connections.all().filter((c) => {
      const state = c.snapshot().state;
      return state === 'open' || state === 'connecting';
    });
  }

  private async pick(): Promise<void> {
    const connections: Choice[] = this.live().map((c) => ({ label: `$(plug) ${c.snapshot().url}`, description: c.snapshot().state, command: ['socketLens.showPanel', c.id] as const }));
    const mocks: Choice[] = this.mocks.all().map((m) => ({ label: `$(radio-tower) ${m.label}`, description: `${m.server.firstPathUrl} · ${m.server.clientCount} client${m.server.clientCount === 1 ? '' : 's'}`, command: ['socketLens.showMockPanel', { key: m.key }] as const }));
    const choices = [...section('Connections', connections), ...section('Mock servers', mocks)];
    const picked = await vscode.window.showQuickPick(choices, { title: 'Socket Lens', placeHolder: 'Open the panel of a live connection or a running mock server' });
    if (picked?.command) await vscode.commands.executeCommand(picked.command[0], picked.command[1]);
  }
}

function section(title: string, items: Choice[]): Choice[] {
  return items.length === 0 ? [] : [{ label: title, kind: vscode.QuickPickItemKind.Separator }, ...items];
}
