import { HIDDEN } from './hidden';

/**
 * `text` with every known secret value in it hidden, as written and percent-encoded (a URL in a
 * message quotes it encoded). Longest first, so that a value containing another is hidden whole.
 */
export function scrubValues(text: string, values: readonly string[]): string {
  const forms = new Set(values.filter((v) => v !== '').flatMap((v) => [v, encodeURIComponent(v)]));
  return [...forms].sort((a, b) => b.length - a.length).reduce((scrubbed, value) => scrubbed.split(value).join(HIDDEN), text);
}
