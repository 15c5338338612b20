import * as vscode from 'vscode';
import type { MockDefinition } from '../../core/mock/mockDefinition';
import { parseMockFile, type DefinitionProblem } from '../../core/mock/validateDefinition';

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

/** Problems as lines for the output channel: "paths[0].rules[1].match: …". */
export function problemLines(problems: readonly DefinitionProblem[]): string[] {
  return problems.map((p) => `${p.path || '(top level)'}: ${p.message}`);
}
