// `npm run bench [-- --quick] [-- --filter NAME]`: runs every bench/<name>.bench.ts (each exports
// `benchmark`), prints one table of their figures and writes them to bench/results/latest.json.
// Exits non-zero only when a benchmark fails; a missed target is printed as MISSED.
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { meetsTarget, type Benchmark, type Metric } from './lib/benchmark';
import { formatTable, writeResults } from './lib/report';

const BENCH_DIR = import.meta.dirname;
const RESULTS = join(BENCH_DIR, 'results', 'latest.json');

async function loadBenchmarks(): Promise<Benchmark[]> {
  const files = readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  const found: Benchmark[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as { benchmark?: Benchmark; default?: { benchmark?: Benchmark } };
    const benchmark = module.benchmark ?? module.default?.benchmark;
    if (!benchmark) throw new Error(`bench/${file} does not export \`benchmark\``);
    found.push(benchmark);
  }
  return found;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, filter: { type: 'string' } } });
  const quick = values.quick ?? false;
  const filter = values.filter ?? null;
  const all = await loadBenchmarks();
  const chosen = filter === null ? all : all.filter((b) => b.name.includes(filter));
  if (chosen.length === 0) {
    console.error(`bench: no benchmark matches "${filter}"; there are: ${all.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const metrics: Metric[] = [];
  const failed: string[] = [];
  for (const benchmark of chosen) {
    console.log(`\n── ${benchmark.name}: ${benchmark.description}${quick ? ' (quick)' : ''} ──`);
    const started = performance.now();
    try {
      metrics.push(...(await benchmark.run({ quick, log: (line) => console.log(`  ${line}`) })));
      console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed.push(benchmark.name);
      console.error(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`\n${formatTable(metrics)}\n`);
  const cpu = cpus();
  writeResults(RESULTS, metrics, {
    node: process.version,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
    quick,
    filter,
    benchmarks: chosen.map((b) => b.name),
    failed,
  });
  console.log(`bench: wrote ${metrics.length} figures to bench/results/latest.json`);
  const missed = metrics.filter((m) => meetsTarget(m) === false).map((m) => m.name);
  if (missed.length > 0) console.log(`bench: MISSED target: ${missed.join(', ')}`);
  if (failed.length > 0) console.error(`bench: FAILED: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
