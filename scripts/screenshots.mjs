// `npm run screenshots`: retakes the README's screenshots. Each is a shot a code-server UI test
// takes of the real panel (into .cache/test-results); this runs those tests on a fresh package and
// copies the shots below into docs/screenshots. `--copy` copies from the last run without testing.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, '.cache', 'test-results');
const docs = path.join(root, 'docs', 'screenshots');

/** docs/screenshots file ← the UI test's shot, and the test that takes it. */
export const README_SHOTS = {
  'messages.png': { shot: 'connect-messages.png', test: 'test/e2e/connectPanel.ui.test.ts' },
  'message-detail.png': { shot: 'connect-detail.png', test: 'test/e2e/connectPanel.ui.test.ts' },
  'handshake.png': { shot: 'connect-handshake.png', test: 'test/e2e/connectPanel.ui.test.ts' },
  'lifecycle.png': { shot: 'connect-lifecycle.png', test: 'test/e2e/connectPanel.ui.test.ts' },
  'connect-paste.png': { shot: 'connect-paste.png', test: 'test/e2e/connectPanel.ui.test.ts' },
  'mock-panel.png': { shot: 'mock-panel.png', test: 'test/e2e/mockView.ui.test.ts' },
  'in-vscode.png': { shot: 'walkthrough-connected.png', test: 'test/e2e/walkthrough.ui.test.ts' },
};

function run(args) {
  // As scripts/test.mjs runs them: Debian's Chromium, never a download.
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
  if (result.status !== 0) {
    console.error(`screenshots: ${args.join(' ')} failed; docs/screenshots is unchanged.`);
    process.exit(result.status ?? 1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!process.argv.includes('--copy')) {
    run(['scripts/package.mjs']);
    const tests = [...new Set(Object.values(README_SHOTS).map((s) => s.test))];
    run(['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=600000', ...tests]);
  }
  mkdirSync(docs, { recursive: true });
  const missing = Object.values(README_SHOTS).filter(({ shot }) => !existsSync(path.join(results, shot)));
  if (missing.length > 0) {
    console.error(`screenshots: no ${missing.map((m) => m.shot).join(', ')} in .cache/test-results; run without --copy (or npm test) first.`);
    process.exit(1);
  }
  for (const [name, { shot }] of Object.entries(README_SHOTS)) {
    copyFileSync(path.join(results, shot), path.join(docs, name));
    // With --copy the shots are whatever the last run left: say how old.
    console.log(`docs/screenshots/${name} ← ${shot} (taken ${statSync(path.join(results, shot)).mtime.toISOString()})`);
  }
}
