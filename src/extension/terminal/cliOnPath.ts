import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type * as vscode from 'vscode';
import { cliShims } from './cliShim';

/**
 * Puts `socket-lens` on PATH in VS Code's terminals: a launcher for the CLI this extension ships
 * (dist/cli.js), in the extension's global storage, prepended to PATH through the terminal
 * environment. Copy as CLI Command and the walkthrough's commands then run as pasted. Resolves
 * with the launcher's path; a failure is logged and leaves the terminals as they were.
 */
export async function putCliOnPath(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<string | undefined> {
  const bin = join(context.globalStorageUri.fsPath, 'bin');
  const cli = join(context.extensionUri.fsPath, 'dist', 'cli.js');
  try {
    await mkdir(bin, { recursive: true });
    const shims = cliShims(process.platform, process.execPath, cli);
    for (const shim of shims) {
      const file = join(bin, shim.name);
      const current = await readFile(file, 'utf8').catch(() => undefined);
      if (current !== shim.text) await writeFile(file, shim.text);
      await chmod(file, 0o755);
    }
    const env = context.environmentVariableCollection;
    env.description = 'Puts the `socket-lens` command line on PATH.';
    env.prepend('PATH', `${bin}${delimiter}`);
    return join(bin, shims[0]!.name);
  } catch (error) {
    log.warn(`Could not put socket-lens on the terminals' PATH (${bin}): ${(error as Error).message}`);
    return undefined;
  }
}
