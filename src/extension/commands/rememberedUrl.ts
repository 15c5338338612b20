import { isSecretParam } from '../../core/redaction/secretNames';

/**
 * A typed URL as Connect… remembers it to offer next time, in global state (a plain file on
 * disk): its user info, fragment and the values of secret query parameters left out, so a
 * password or token is never kept there. The emptied `?token=` shows where to type it again.
 */
export function rememberedUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  copy.hash = '';
  const pairs = [...copy.searchParams];
  // Only rewritten when needed: URLSearchParams writes the whole query form-encoded.
  if (pairs.some(([name, value]) => value !== '' && isSecretParam(name))) {
    copy.search = new URLSearchParams(pairs.map(([name, value]): [string, string] => [name, isSecretParam(name) ? '' : value])).toString();
  }
  return copy.href;
}
