// Reads node:test's TAP output and names each failing test with its error, so the last lines
// of a run say what failed and why even when only the tail of the output is kept.

const MAX_ERROR_LINES = 15;

/** The failing tests in a TAP text: name, location, error lines and the first stack frames outside node. */
export function failuresIn(tap) {
  const lines = tap.split('\n');
  const failures = [];
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i].match(/^(\s*)not ok \d+ - (.*)$/);
    if (!head) continue;
    const end = `${head[1]}  ...`;
    const yaml = [];
    for (i++; i < lines.length && lines[i] !== end; i++) yaml.push(lines[i].slice(head[1].length + 2));
    const field = (name) => block(yaml, name);
    if (field('failureType')[0] === "'subtestsFailed'") continue;
    failures.push({
      name: head[2].replace(/ # (SKIP|TODO).*$/, ''),
      location: field('location')[0]?.replace(/^'|'$/g, ''),
      error: field('error').slice(0, MAX_ERROR_LINES),
      stack: field('stack').filter((frame) => frame.includes('/') && !frame.includes('node:')).slice(0, 3),
    });
  }
  return failures;
}

/** A YAML field's lines: a one-line value, or the lines of a `|-` block. */
function block(yaml, name) {
  const at = yaml.findIndex((line) => line.startsWith(`${name}: `));
  if (at < 0) return [];
  const value = yaml[at].slice(name.length + 2);
  if (value !== '|-' && value !== '|') return [value];
  const lines = [];
  for (let i = at + 1; i < yaml.length && (yaml[i].startsWith('  ') || yaml[i].trim() === ''); i++) lines.push(yaml[i].slice(2));
  while (lines.length && lines.at(-1).trim() === '') lines.pop();
  return lines;
}

/** Prints the failures of each suite, after the counts. */
export function printFailures(bySuite) {
  const all = Object.entries(bySuite).flatMap(([suite, failures]) => failures.map((f) => ({ suite, ...f })));
  if (!all.length) return;
  console.log(`\n── failing tests (${all.length}) ──`);
  for (const f of all) {
    console.log(`✖ ${f.suite} › ${f.name}${f.location ? `  (${f.location})` : ''}`);
    for (const line of f.error) console.log(`    ${line}`);
    for (const frame of f.stack) console.log(`    at ${frame}`);
  }
}
