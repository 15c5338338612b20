// Builds production bundles and packages them with vsce, offline and without prompts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, `${name}-${version}.vsix`);

function run(args) {
  // stdin from /dev/null: vsce must never wait on a question.
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`package: "${args.join(' ')}" failed`);
    process.exit(result.status ?? 1);
  }
}

run(['scripts/build.mjs', '--production']);
// --no-dependencies: everything is bundled; --skip-license would hide a missing LICENSE, so no.
run(['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out]);
console.log(`package: ${out}`);
