// The type gate: one tsc run per layer, so each layer sees only the types it may use
// (core and cli have no vscode, webview has only the DOM), plus the aggregate config for tests.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const projects = ['src/core', 'src/shared', 'src/extension', 'src/cli', 'webview', '.'];
let failed = 0;
for (const project of projects) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', project], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`typecheck: ${project} has type errors`);
    failed++;
  }
}
if (failed === 0) console.log(`typecheck: ${projects.length} projects clean`);
process.exit(failed ? 1 : 0);
