// The README's screenshots are shots the code-server UI tests take of the real product
// (scripts/screenshots.mjs copies them into docs/screenshots), and they ship in the VSIX so the
// README shows them in VS Code's Extensions view.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { README_SHOTS } from '../../scripts/screenshots.mjs';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const shots: Record<string, { shot: string; test: string }> = README_SHOTS;

test('every image the README shows is a UI test\'s shot, in docs/screenshots', () => {
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
  assert.ok(images.length >= 5, `the README shows the product (${images.length} images)`);
  for (const image of images) {
    const name = /^docs\/screenshots\/([\w-]+\.png)$/.exec(image)?.[1];
    assert.ok(name, `${image}: README images live in docs/screenshots`);
    assert.ok(shots[name], `${image} is not taken by any test: add it to README_SHOTS in scripts/screenshots.mjs`);
    assert.ok(existsSync(join(root, image)), `${image} exists (npm run screenshots)`);
  }
  for (const name of Object.keys(shots)) assert.ok(images.includes(`docs/screenshots/${name}`), `${name} is taken for the README but the README does not show it`);
});

test('each shot is written by the UI test named for it', () => {
  for (const [name, { shot, test: file }] of Object.entries(shots)) {
    const source = readFileSync(join(root, file), 'utf8');
    assert.ok(source.includes(`join(resultsDir, '${shot}')`), `${file} takes ${shot} (for ${name})`);
  }
});

test('the VSIX carries the screenshots', () => {
  const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(ignore.includes('!docs/screenshots/*.png'), '.vscodeignore lets docs/screenshots/*.png in');
});
