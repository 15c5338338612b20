// Builds the three bundles: the extension (Node, vscode external), the webview (browser) and
// the CLI (Node, vscode NOT external, so a vscode import that leaks into the core fails here).
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// ws requires these optional native add-ons inside try/catch and falls back to JS without them.
const wsOptionalAddons = ['bufferutil', 'utf-8-validate'];
// We ship neither, so ws is told at build time not to look: each failed lookup walks the
// module paths (through VS Code's resolver in the extension host) while activation waits.
const wsWithoutAddons = { 'process.env.WS_NO_BUFFER_UTIL': '"1"', 'process.env.WS_NO_UTF_8_VALIDATE': '"1"' };

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  absWorkingDir: root,
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', ...wsOptionalAddons],
    define: wsWithoutAddons,
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: wsOptionalAddons,
    banner: { js: '#!/usr/bin/env node' },
    define: { ...wsWithoutAddons, SOCKET_LENS_VERSION: JSON.stringify(pkg.version) },
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  },
];

// Lines the "npm: watch" task's problem matcher waits for (.vscode/tasks.json), so F5 starts
// the extension only after the first build is done.
const watchLog = {
  name: 'watch-log',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) console.error(`✘ [ERROR] ${text} ${location ? `${location.file}:${location.line}:${location.column}` : ''}`);
      console.log('[watch] build finished');
    });
  },
};

if (watch) {
  const contexts = await Promise.all(targets.map((options) => esbuild.context({ ...options, plugins: [watchLog] })));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('[build] watching for changes…');
} else {
  const results = await Promise.allSettled(targets.map((options) => esbuild.build(options)));
  if (results.some((r) => r.status === 'rejected')) process.exit(1);
}
