import * as vscode from 'vscode';

/** How a command finds what it acts on: named by its argument, the only one there is, or picked. */
export interface TargetChoice<T> {
  /** What the argument named (an id, a view node), when it named something: `found` undefined means it is gone. */
  readonly given?: { readonly found: T | undefined; readonly gone: string };
  /** Everything the command could act on, to pick from. */
  readonly all: readonly T[];
  /** Said when there is nothing at all, with what to do first. */
  readonly none: string;
  readonly item: (target: T) => vscode.QuickPickItem;
  readonly title: string;
  readonly placeHolder?: string;
  /** Ask even when there is only one: a command named "…" promises a choice (Connect to Saved…). */
  readonly alwaysAsk?: boolean;
}

/**
 * The target of a command: the one its argument names (or a warning that it is gone), else the
 * only candidate, else the one picked; undefined (after saying why) when there is none.
 */
export async function pickTarget<T>(choice: TargetChoice<T>): Promise<T | undefined> {
  if (choice.given) {
    if (choice.given.found === undefined) void vscode.window.showWarningMessage(`Socket Lens: ${choice.given.gone}`);
    return choice.given.found;
  }
  if (choice.all.length === 0) {
    void vscode.window.showInformationMessage(`Socket Lens: ${choice.none}`);
    return undefined;
  }
  if (choice.all.length === 1 && !choice.alwaysAsk) return choice.all[0];
  const items = choice.all.map((target) => ({ ...choice.item(target), target }));
  return (await vscode.window.showQuickPick(items, { title: choice.title, placeHolder: choice.placeHolder, matchOnDescription: true }))?.target;
}
