/**
 * Env values shorter than this are not hidden in a log. A credential is rarely so short, while a
 * user name, port, region or flag (`ada`, `8080`, `eu-west`, `true`) is, and hiding one would
 * blank that word wherever it appears in the session. Secrets are hidden whatever their length.
 */
export const MIN_HIDDEN_ENV_LENGTH = 8;

/** What a resolution looked up: every value (env and secret) and which of them were secrets. */
export interface LookedUpValues {
  readonly values: readonly string[];
  readonly secrets: readonly string[];
}

/** The looked-up values to keep out of a session's log: every secret, and env values long enough to be a credential. */
export function valuesToHide({ values, secrets }: LookedUpValues): string[] {
  const hidden = values.filter((value) => value !== '' && (secrets.includes(value) || value.length >= MIN_HIDDEN_ENV_LENGTH));
  return [...new Set(hidden)];
}
