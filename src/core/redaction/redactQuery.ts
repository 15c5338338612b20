import { formDecode } from './formDecode';
import { HIDDEN } from './hidden';
import { isSecretParam } from './secretNames';

/**
 * `text` (a URL, a request target or a template of one) with the value of each secret query
 * parameter hidden, everything else left as written. `keep` spares values that are safe to show.
 */
export function redactQuery(text: string, keep: (value: string) => boolean = () => false): string {
  const start = text.indexOf('?');
  if (start < 0) return text;
  const hash = text.indexOf('#', start);
  const end = hash < 0 ? text.length : hash;
  const query = text.slice(start + 1, end).split('&').map((pair) => redactPair(pair, keep)).join('&');
  return `${text.slice(0, start + 1)}${query}${text.slice(end)}`;
}

function redactPair(pair: string, keep: (value: string) => boolean): string {
  const equals = pair.indexOf('=');
  if (equals < 0) return pair;
  const name = pair.slice(0, equals);
  return isSecretParam(formDecode(name)) && !keep(pair.slice(equals + 1)) ? `${name}=${HIDDEN}` : pair;
}
