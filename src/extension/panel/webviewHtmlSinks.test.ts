// No wire data reaches HTML parsing in the panel: a static scan of webview/ for every DOM and
// Lit sink that parses a string as markup. Lit's html`` templates escape what they interpolate;
// these would not. There are none today, and there should be none: a constant-only use, should
// one ever be needed, is an exception this test would have to be taught, with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const webview = join(root, 'webview');

const SINKS = [
  /\.innerHTML\b/,
  /\.outerHTML\b/,
  /\binsertAdjacentHTML\b/,
  /\bdocument\.write(ln)?\b/,
  /\bcreateContextualFragment\b/,
  /\bparseFromString\b/,
  /\bsrcdoc\b/,
  /\bunsafeHTML\b/,
  /\bunsafeSVG\b/,
  /\bunsafeStatic\b/,
  /\bnew Function\b|\beval\(/,
];

function sources(): string[] {
  return readdirSync(webview, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

test('webview/ has no HTML-parsing sink (innerHTML, insertAdjacentHTML, unsafeHTML…)', () => {
  const files = sources();
  assert.ok(files.length > 10, `read ${files.length} files from ${webview}`);
  const found: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8').split('\n').forEach((line, k) => {
      const where = `${relative(root, file)}:${k + 1}`;
      if (SINKS.some((sink) => sink.test(line))) found.push(`${where}: ${line.trim()}`);
    });
  }
  assert.deepEqual(found, []);
});

test('the scan finds each sink it looks for', () => {
  const samples = ['el.innerHTML = x', 'el.outerHTML', 'el.insertAdjacentHTML("beforeend", x)', 'document.write(x)', 'range.createContextualFragment(x)', 'new DOMParser().parseFromString(x, "text/html")', 'frame.srcdoc = x', 'html`${unsafeHTML(x)}`', 'unsafeSVG(x)', 'html`<div .innerHTML=${x}>`', 'eval(x)'];
  for (const sample of samples) assert.ok(SINKS.some((sink) => sink.test(sample)), sample);
  assert.ok(!SINKS.some((sink) => sink.test('html`<p>${message.text}</p>`')), 'an escaped template is not a sink');
});
