/**
 * The forms a secret value takes in what is sent or shown: as written, percent-encoded (in a
 * URL) and JSON-escaped (inside a JSON string). Longest first, so that a value holding another
 * is hidden whole; empty values are dropped (they would match everywhere).
 */
export function secretForms(values: readonly string[]): string[] {
  const forms = new Set(values.filter((v) => v !== '').flatMap((v) => [v, encodeURIComponent(v), JSON.stringify(v).slice(1, -1)]));
  return [...forms].sort((a, b) => b.length - a.length);
}
