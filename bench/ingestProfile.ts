// One ClientConnection taking a flood for a few seconds, for a CPU profile of the ingest path:
//   node --cpu-prof --cpu-prof-dir=.cache/profiles --import tsx bench/ingestProfile.ts [--size 256] [--seconds 5] [--deflate]
// The connection is the bundled one, as in ingest.bench.ts; the sender runs in a child process,
// so the profile holds only the receiving side. Prints the rate and the log's accounting.
// Summarise the profile with: node --import tsx bench/cpuProfileTop.ts .cache/profiles/CPU.*.cpuprofile
// (the main thread's is the larger file).
import { parseArgs } from 'node:util';
import type * as ClientModule from '../src/core/client/clientConnection';
import { loadBundled } from './lib/bundle';
import { clientReceiveRate } from './lib/clientRate';
import { startFloodSender } from './lib/flood';
import { accountForIngest } from './lib/ingestAccounting';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: '256' }, seconds: { type: 'string', default: '5' }, deflate: { type: 'boolean', default: false } } });
  const size = Number(values.size);
  const deflate = values.deflate ?? false;
  const { ClientConnection } = loadBundled<typeof ClientModule>('src/core/client/clientConnection.ts');
  const sender = await startFloodSender();
  try {
    const rate = await clientReceiveRate(ClientConnection, sender.url(size, undefined, deflate), {
      settleMs: 300,
      durationMs: Number(values.seconds) * 1000,
      perMessageDeflate: true,
      check: (connection) => console.log('log accounting:', accountForIngest(connection.log, { size, deflate })),
    });
    console.log(`${size}-byte messages${deflate ? ', deflated' : ''}: ${(rate / 1000).toFixed(1)}k msg/s into the log`);
  } finally {
    await sender.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
