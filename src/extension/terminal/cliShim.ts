/**
 * The `socket-lens` command for VS Code's terminals: a launcher that runs the CLI shipped in the
 * extension (a copy of dist/cli.js beside it) with the Node the extension host runs on. On the
 * desktop that is VS Code's own Electron, which acts as Node with ELECTRON_RUN_AS_NODE=1; a
 * remote server's is a plain Node, which ignores it. After VS Code updates, the old runtime may be
 * gone until the extension activates again and rewrites the launcher; it then falls back to
 * `node` on PATH.
 */
export interface CliShim {
  readonly name: string;
  readonly text: string;
}

/** Launchers for `platform`: an sh script everywhere (Git Bash and WSL on Windows too), and a .cmd on Windows. */
export function cliShims(platform: NodeJS.Platform, runtime: string, cli: string): CliShim[] {
  const sh = [
    '#!/bin/sh',
    '# Written by the Socket Lens extension: its CLI, with the Node VS Code runs it on.',
    `runtime=${shellQuote(runtime)}`,
    `[ -x "$runtime" ] || runtime=node`,
    `ELECTRON_RUN_AS_NODE=1 exec "$runtime" ${shellQuote(cli)} "$@"`,
    '',
  ].join('\n');
  if (platform !== 'win32') return [{ name: 'socket-lens', text: sh }];
  // %* stays out of any ( ) block: cmd expands a block before parsing it, so an argument with a
  // ")" or an unquoted "&" in it would break the line. A "%" in a path is written "%%".
  const cmd = [
    '@echo off',
    'setlocal',
    `set "runtime=${cmdLiteral(runtime)}"`,
    'if not exist "%runtime%" set "runtime=node"',
    'set ELECTRON_RUN_AS_NODE=1',
    `"%runtime%" "${cmdLiteral(cli)}" %*`,
    '',
  ].join('\r\n');
  return [
    { name: 'socket-lens.cmd', text: cmd },
    { name: 'socket-lens', text: sh },
  ];
}

/** A single-quoted sh word: nothing in it is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Text for a .cmd line that cmd does not expand: `%` doubled. */
function cmdLiteral(value: string): string {
  return value.replace(/%/g, '%%');
}
