/**
 * The `socket-lens` command for VS Code's terminals: a launcher that runs the CLI shipped in the
 * extension (dist/cli.js) with the Node the extension host runs on. On the desktop that is VS
 * Code's own Electron, which acts as Node with ELECTRON_RUN_AS_NODE=1; a remote server's is a
 * plain Node, which ignores it. After VS Code updates, the old runtime path may be gone until the
 * extension activates again and rewrites the launcher; it then falls back to `node` on PATH.
 */
export interface CliShim {
  readonly name: string;
  readonly text: string;
}

export function cliShims(platform: NodeJS.Platform, runtime: string, cli: string): CliShim[] {
  if (platform === 'win32') {
    const text = [
      '@echo off',
      'setlocal',
      'set ELECTRON_RUN_AS_NODE=1',
      `if exist "${runtime}" (`,
      `  "${runtime}" "${cli}" %*`,
      ') else (',
      `  node "${cli}" %*`,
      ')',
      '',
    ].join('\r\n');
    return [{ name: 'socket-lens.cmd', text }];
  }
  const text = [
    '#!/bin/sh',
    '# Written by the Socket Lens extension: its CLI, with the Node VS Code runs it on.',
    `runtime=${shellQuote(runtime)}`,
    `[ -x "$runtime" ] || runtime=node`,
    `ELECTRON_RUN_AS_NODE=1 exec "$runtime" ${shellQuote(cli)} "$@"`,
    '',
  ].join('\n');
  return [{ name: 'socket-lens', text }];
}

/** A single-quoted sh word: nothing in it is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
