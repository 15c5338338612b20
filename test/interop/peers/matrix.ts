// The interoperability matrix (issue 9): each interop test names the pair of implementations it
// runs and the features it proves; its result goes to a JSON Lines file that
// scripts/interopMatrix.mjs prints as a matrix after the suite.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestContext } from 'node:test';
import { FEATURES, PAIRS, RESULTS_FILE } from '../../../scripts/interopMatrix.mjs';

export { FEATURES, PAIRS };

export type Pair = keyof typeof PAIRS;
export type Feature = (typeof FEATURES)[number];

/** Where results go: set by scripts/test.mjs; a run of one file on its own writes here. */
const RESULTS = process.env.SOCKET_LENS_INTEROP_MATRIX ?? RESULTS_FILE;

/** `body`, recording as it ends whether it proved `features` for `pair`. */
export function covers(pair: Pair, features: readonly Feature[], body: (t: TestContext) => Promise<void>): (t: TestContext) => Promise<void> {
  return async (t) => {
    let ok = false;
    try {
      await body(t);
      ok = true;
    } finally {
      mkdirSync(dirname(RESULTS), { recursive: true });
      appendFileSync(RESULTS, features.map((feature) => `${JSON.stringify({ pair, feature, test: t.name, ok })}\n`).join(''));
    }
  };
}
