// The mock server under load for a CPU profile: sending 256-byte messages to one client, or
// accepting connections, with the clients in a child process so the profile holds only the mock.
//   node --cpu-prof --cpu-prof-dir=.cache/profiles --import tsx bench/mockProfile.ts [--mode send|accept] [--side mock|ws] [--count 2000000] [--seconds 5]
// (--side ws: the plain ws server the benchmark compares with, for a profile to set beside the mock's)
// Summarise it with: node --import tsx bench/cpuProfileTop.ts .cache/profiles/CPU.*.cpuprofile
import { parseArgs } from 'node:util';
import type * as MockModule from '../src/core/mock/mockServer';
import { loadBundled } from './lib/bundle';
import { startLoadGenerator } from './lib/load';
import { acceptRate, sendRate } from './mock.bench';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mode: { type: 'string', default: 'send' }, count: { type: 'string', default: '2000000' }, side: { type: 'string', default: 'mock' }, seconds: { type: 'string', default: '5' } } });
  const { MockServer } = loadBundled<typeof MockModule>('src/core/mock/mockServer.ts');
  const load = await startLoadGenerator();
  const side = values.side === 'ws' ? 'ws' : 'mock';
  const run = { context: { quick: false, log: (line: string) => console.log(line) }, load, Mock: MockServer };
  try {
    if (values.mode === 'accept') {
      console.log(`accepts: ${(await acceptRate(run, side, Number(values.seconds) * 1000)).toFixed(0)} conn/s`);
    } else {
      console.log(`send: ${((await sendRate(run, side, 'binary', Number(values.count))) / 1000).toFixed(1)}k msg/s`);
    }
  } finally {
    await load.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
