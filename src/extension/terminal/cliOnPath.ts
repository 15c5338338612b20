import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type * as vscode from 'vscode';
import { cliShims } from './cliShim';

/**
 * Puts `socket-lens` on PATH in VS Code's terminals: a copy of the CLI this extension ships
 * (dist/cli.js) and a launcher for it, in the extension's global storage, prepended to PATH
 * through the terminal environment. The copy lives outside the extension's versioned folder, so
 * the PATH that VS Code keeps between windows still works after an update removes that folder,
 * before the extension activates again. Resolves with the launcher's path; a failure is logged
 * and leaves the terminals as they were.
 */
export async function putCliOnPath(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<string | undefined> {
  const bin = join(context.globalStorageUri.fsPath, 'bin');
  const cli = join(bin, 'socket-lens-cli.js');
  try {
    await mkdir(bin, { recursive: true });
    await copyFile(join(context.extensionUri.fsPath, 'dist', 'cli.js'), cli);
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
    return join(bin, shims[shims.length - 1]!.name);
  } catch (error) {
    log.warn(`Could not put socket-lens on the terminals' PATH (${bin}): ${(error as Error).message}`);
    return undefined;
  }
}
