// Builds production bundles and packages them with vsce, offline and without prompts.
//
// vsce is handed a staging folder holding only what .vscodeignore lets into the VSIX: given the
// repository, it walks every file (the test caches hold thousands) and matches each against the
// ignore patterns, which took 5.5 s of the 6. The staged package.json has no vscode:prepublish
// script: the bundles were just built, and an installed extension never runs its scripts.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stage = join(root, '.cache', 'vsix');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, `${manifest.name}-${manifest.version}.vsix`);

function run(args, cwd = root) {
  // stdin from /dev/null: vsce must never wait on a question.
  const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`package: "${args.join(' ')}" failed`);
    process.exit(result.status ?? 1);
  }
}

/** The files .vscodeignore lets in: its `!path` lines, each a path or `folder/*.ext`. */
function packagedFiles() {
  const patterns = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line.startsWith('!'));
  return patterns.flatMap((line) => {
    const pattern = line.slice(1);
    const star = pattern.lastIndexOf('/*');
    if (star < 0) return [pattern];
    const folder = pattern.slice(0, star);
    const suffix = pattern.slice(star + 2);
    if (folder.includes('*') || suffix.includes('*') || suffix.includes('/')) throw new Error(`package: .vscodeignore pattern ${line} is more than a path or folder/*.ext; extend scripts/package.mjs`);
    return readdirSync(join(root, folder)).filter((name) => name.endsWith(suffix)).map((name) => `${folder}/${name}`);
  });
}

run(['scripts/build.mjs', '--production']);
rmSync(stage, { recursive: true, force: true });
for (const file of packagedFiles()) {
  if (!existsSync(join(root, file))) throw new Error(`package: ${file}, named in .vscodeignore, does not exist`);
  mkdirSync(dirname(join(stage, file)), { recursive: true });
  if (file === 'package.json') continue;
  copyFileSync(join(root, file), join(stage, file));
}
const { 'vscode:prepublish': _built, ...scripts } = manifest.scripts ?? {};
writeFileSync(join(stage, 'package.json'), `${JSON.stringify({ ...manifest, scripts }, null, 2)}\n`);
copyFileSync(join(root, '.vscodeignore'), join(stage, '.vscodeignore'));
// --no-dependencies: everything is bundled; --skip-license would hide a missing LICENSE, so no.
run([join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out], stage);
console.log(`package: ${out}`);
