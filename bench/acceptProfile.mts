import { startLoadGenerator } from './lib/load';
import { startServer } from './lib/serverUnderTest';
import { MockServer } from '../src/core/mock/mockServer';
const side = (process.argv[2] ?? 'mock') as 'mock' | 'ws';
const load = await startLoadGenerator();
const server = await startServer(side, MockServer);
for (let i = 0; i < 3; i++) {
  const r = await load.churn(server.url, 32, 300, 3000);
  console.log(side, Math.round(r.perSecond), 'conn/s', r.errors);
}
await server.close();
await load.close?.();
process.exit(0);
