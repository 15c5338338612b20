import { formDecode } from '../redaction/formDecode';
import { isSecretParam } from '../redaction/secretNames';
import type { SecretCollector } from './extractedSecrets';

/**
 * `url` as it may be saved: its password and the values of its secret query parameters (see
 * isSecretParam) replaced by `${secret:…}` references, the values kept in `collector`. `parts`
 * names the secrets (`password`, `query.token`) after what they are in, e.g. ['proxy'].
 * A literal "${" in the URL is written %24{ so that it cannot be read as a reference.
 */
export function urlWithSecretReferences(url: URL, collector: SecretCollector, parts: readonly string[] = []): string {
  const copy = new URL(url.href);
  const password = url.password === '' ? undefined : collector.reference([...parts, 'password'], decodeURIComponent(url.password));
  if (password !== undefined) copy.password = 'SECRET';
  copy.hash = '';
  const search = copy.search;
  const base = copy.href.slice(0, copy.href.length - search.length).replace(/\$\{/g, '%24{');
  const withPassword = password === undefined ? base : base.replace(':SECRET@', `:${password}@`);
  return withPassword + referencedQuery(search, collector, parts) + url.hash.replace(/\$\{/g, '%24{');
}

/** `?a=1&token=${secret:…}`: every parameter kept as written but for the values of secret ones. */
function referencedQuery(search: string, collector: SecretCollector, parts: readonly string[]): string {
  if (search === '') return '';
  const pairs = search.slice(1).split('&').map((pair) => {
    const equals = pair.indexOf('=');
    const key = equals < 0 ? pair : pair.slice(0, equals);
    const value = equals < 0 ? '' : pair.slice(equals + 1);
    if (value === '' || !isSecretParam(formDecode(key))) return pair.replace(/\$\{/g, '%24{');
    return `${key}=${collector.reference([...parts, 'query', formDecode(key)], formDecode(value))}`;
  });
  return `?${pairs.join('&')}`;
}
