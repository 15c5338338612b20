import * as vscode from 'vscode';
import type { MockDefinition } from '../../core/mock/mockDefinition';
import { describeProblem, parseMockFile, type DefinitionProblem } from '../../core/mock/validateDefinition';

export type MockFileLoad = { readonly ok: true; readonly definition: MockDefinition } | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

/** A *.wsmock.json as the editor has it (unsaved edits included), or as it is on disk. */
export async function loadMockFile(uri: vscode.Uri): Promise<MockFileLoad> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let text: string;
  if (open) text = open.getText();
  else {
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      return { ok: false, problems: [{ path: '', message: `The file cannot be read (${(error as Error).message}). Check that it exists.` }] };
    }
  }
  return parseMockFile(text);
}

/** The first problem and how many more, for a notification; the output channel gets them all. */
export function problemSummary(problems: readonly DefinitionProblem[]): string {
  return `${describeProblem(problems[0]!)}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`;
}
