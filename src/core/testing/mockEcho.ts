import assert from 'node:assert/strict';
import { WebSocket } from 'ws';

/** The mock at `url` still answers a well-behaved client after whatever came before. */
export async function assertStillEchoes(url: string): Promise<void> {
  const ws = new WebSocket(`${url}/`);
  const echoed = new Promise<string>((resolve) => ws.once('message', (data) => resolve(data.toString())));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send('still here');
  assert.equal(await echoed, 'still here');
  ws.close();
}
