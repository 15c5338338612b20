import type { VariableEnvironment } from '../../src/shared/composer/variables';

/** The built-in variables' clock and randomness in the webview: Web Crypto, never Math.random. */
export const webviewVariables: VariableEnvironment = {
  now: () => Date.now(),
  uuid: () => crypto.randomUUID(),
  // 2^32 is not a multiple of 1001; the bias (under 1 in 4 million) does not matter for test data.
  randomInt: () => crypto.getRandomValues(new Uint32Array(1))[0]! % 1001,
};
