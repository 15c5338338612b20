import { formDecode } from '../redaction/formDecode';
import { isSecretParam } from '../redaction/secretNames';
import type { ClientConnectionOptions } from './clientConnectionOptions';
import { quote, uniqueEnvName, withEnv } from './cliWords';

/** The variable `--basic-env` names: it holds USER:PASSWORD, as the URL's user info did (decoded). */
export const BASIC_ENV = 'SOCKET_LENS_BASIC';

/** The URL word of a `socket-lens connect` line and the flags that carry what was taken out of it. */
export interface CliUrl {
  readonly word: string;
  readonly flags: readonly string[];
}

type Segment = { readonly text: string } | { readonly env: string };

/**
 * The connection's URL for a command line, with no secret in it but meaning the same request.
 * User info becomes `--basic-env SOCKET_LENS_BASIC` (dropped when the connection sends its own
 * Authorization, which wins over it). Each secret query value becomes `-q name="$SOCKET_LENS_QUERY_NAME"`,
 * added after the URL's other parameters. A name the flags cannot hold apart (repeated in the
 * URL, or also in `options.query`) keeps its place, its value read from a variable in the URL word
 * itself: that variable must hold the value percent-encoded. `taken`: variable names in use.
 */
export function cliUrl(options: Pick<ClientConnectionOptions, 'url' | 'query' | 'auth' | 'headers'>, taken: Set<string>): CliUrl {
  const url = new URL(options.url.href);
  const flags: string[] = hasOwnAuthorization(options) || (!url.username && !url.password) ? [] : ['--basic-env', BASIC_ENV];
  url.username = '';
  url.password = '';
  const search = url.search;
  const base = url.href.slice(0, url.href.length - search.length - url.hash.length);
  const pairs = search === '' ? [] : search.slice(1).split('&');
  const names = pairs.map((pair) => formDecode(pair.split('=', 1)[0]!));
  const fixed = new Set([...Object.keys(options.query ?? {}), ...names.filter((name, i) => names.indexOf(name) !== i)]);
  const kept: Segment[][] = [];
  pairs.forEach((pair, i) => {
    const name = names[i]!;
    const equals = pair.indexOf('=');
    if (equals < 0 || equals === pair.length - 1 || !isSecretParam(name)) kept.push([{ text: pair }]);
    else if (fixed.has(name)) kept.push([{ text: pair.slice(0, equals + 1) }, { env: uniqueEnvName(taken, 'query', name) }]);
    else flags.push('-q', withEnv(`${name}=`, uniqueEnvName(taken, 'query', name)));
  });
  return { word: shellWord([{ text: base }, ...queryOf(kept), { text: url.hash }]), flags };
}

function hasOwnAuthorization(options: Pick<ClientConnectionOptions, 'auth' | 'headers'>): boolean {
  return options.auth !== undefined || Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
}

/** `?a=1&b=2` as segments, or nothing for no pairs. */
function queryOf(pairs: readonly Segment[][]): Segment[] {
  return pairs.flatMap((pair, i) => [{ text: i === 0 ? '?' : '&' }, ...pair]);
}

/** One shell word: text quoted, variables expanded in double quotes, side by side. */
function shellWord(segments: readonly Segment[]): string {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if ('text' in segment && last && 'text' in last) merged[merged.length - 1] = { text: last.text + segment.text };
    else if (!('text' in segment) || segment.text !== '') merged.push(segment);
  }
  return merged.map((s) => ('text' in s ? quote(s.text) : `"$${s.env}"`)).join('');
}
