import { buildSync } from 'esbuild';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT_DIR = join(ROOT, '.cache', 'bench');

/**
 * Loads `entry` (a path from the repo root) bundled the way scripts/build.mjs bundles the extension
 * (esbuild, one CommonJS file for node20), so that what is measured is the code that ships. Loaded
 * through tsx instead, every module is transformed on its own and each use of an import goes
 * through a getter on the exporting module's `exports`: that alone made the tap ~15% slower.
 * `ws` stays external, so the bundle and the benchmark share one copy of it.
 */
export function loadBundled<T>(entry: string): T {
  const outfile = join(OUT_DIR, `${entry.replace(/\.ts$/, '').replace(/[\\/]/g, '_')}.js`);
  buildSync({ entryPoints: [entry], absWorkingDir: ROOT, outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['ws', 'bufferutil', 'utf-8-validate'], logLevel: 'warning' });
  return createRequire(import.meta.url)(outfile) as T;
}
