/** One shell word: bare when it is plainly safe, else in single quotes. */
export function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `prefix` quoted as it is, then the value of environment variable `name`: `'Authorization: '"$NAME"`. */
export function withEnv(prefix: string, name: string): string {
  return `${prefix === '' ? '' : quote(prefix)}"$${name}"`;
}

/** SOCKET_LENS_, then `parts` in capitals: ['query', 'api-key'] → SOCKET_LENS_QUERY_API_KEY. */
export function envName(...parts: readonly string[]): string {
  return ['SOCKET_LENS', ...parts].join('_').toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** envName(...parts), with _2, _3… added when `taken` has it already; the name returned is added to `taken`. */
export function uniqueEnvName(taken: Set<string>, ...parts: readonly string[]): string {
  const base = envName(...parts);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}
