// Summarises a .cpuprofile (from `node --cpu-prof`, e.g. bench/ingestProfile.ts): self time by
// function, most first, and by where the code lives (our bundle, ws, Node, GC, idle).
//   node --import tsx bench/cpuProfileTop.ts FILE.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a function's code lives, for the totals. */
function area(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (url.includes('.cache/bench/')) return 'Socket Lens (bundled src/core)';
  if (url.includes('/ws/lib/')) return 'ws';
  if (url.startsWith('node:')) return 'Node (Buffer views, events, streams)';
  if (url === '') return 'native (isUtf8, memcpy…) and program';
  return 'loader and other';
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
}

function summarise(profile: CpuProfile, top: number): string[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, k) => {
    const node = nodes.get(id)!;
    const micros = profile.timeDeltas[k] ?? 0;
    total += micros;
    byFunction.set(label(node), (byFunction.get(label(node)) ?? 0) + micros);
    byArea.set(area(node), (byArea.get(area(node)) ?? 0) + micros);
  });
  const line = ([name, micros]: [string, number]): string => `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`;
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return [`${(total / 1000).toFixed(0)} ms sampled`, '', 'by area:', ...sorted(byArea).map(line), '', `top ${top} functions by self time:`, ...sorted(byFunction).slice(0, top).map(line)];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
if (positionals.length !== 1) {
  console.error('usage: node --import tsx bench/cpuProfileTop.ts FILE.cpuprofile [--top N]');
  process.exit(2);
}
console.log(summarise(JSON.parse(readFileSync(positionals[0]!, 'utf8')) as CpuProfile, Number(values.top)).join('\n'));
