// Lint, and the first of the three guards of the layer rules in ARCHITECTURE.md (the others:
// a tsconfig per layer, and the CLI bundle that has no `vscode` external).
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'net', 'http', 'https', 'tls', 'crypto', 'path', 'os', 'child_process', 'stream', 'zlib', 'events', 'url', 'util', 'buffer', 'dns', 'readline', 'worker_threads', 'perf_hooks'];

function restrict(patterns, message) {
  return { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.cache/**', 'node_modules/**', 'demo/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Use node:crypto (or crypto.getRandomValues) for nonces, masks and ids.' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(['vscode', '**/extension/**', '**/webview/**', '**/cli/**', '**/shared/**'], 'src/core is pure Node: it may import ws and Node built-ins only (ARCHITECTURE.md, Layers).'),
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: restrict(['vscode', 'ws', ...nodeBuiltins, '**/core/**', '**/extension/**', '**/cli/**', '**/webview/**'], 'src/shared imports nothing but itself (ARCHITECTURE.md, Layers).'),
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: restrict(['**/webview/**', '**/cli/**'], 'src/extension may import vscode, core and shared only (ARCHITECTURE.md, Layers).'),
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: restrict(['vscode', '**/extension/**', '**/webview/**'], 'src/cli may import core and shared only (ARCHITECTURE.md, Layers).'),
  },
  {
    files: ['webview/**/*.ts'],
    rules: restrict(['vscode', 'ws', ...nodeBuiltins, '**/src/core/**', '**/src/extension/**', '**/src/cli/**'], 'webview/ may import src/shared, @vscode-elements/elements and lit only (ARCHITECTURE.md, Layers).'),
  },
);
