// A child process for tests: opens `count` WebSocket connections to `url` with raw sockets (the
// upgrade only, no protocol engine), 200 handshakes at a time, prints "open N" once all are
// upgraded (or "failed …"), then holds them idle until its standard input closes.
// Usage: node --import tsx idleClients.ts ws://127.0.0.1:PORT/ COUNT
import { connect, type Socket } from 'node:net';
import { upgradeRequestText } from './upgradeRequestText';

const [url = '', countText = '0'] = process.argv.slice(2);
const { hostname, port } = new URL(url);
const count = Number(countText);
const sockets: Socket[] = [];

function open(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(upgradeRequestText(url));
    });
    let answer = '';
    socket.on('error', reject);
    socket.on('data', function onData(chunk: Buffer) {
      answer += chunk.toString('latin1');
      if (!answer.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (!answer.startsWith('HTTP/1.1 101 ')) return reject(new Error(answer.split('\r\n')[0]));
      // Answer nothing from now on; keep reading so the mock's writes never back up.
      socket.on('data', () => {});
      sockets.push(socket);
      resolve();
    });
  });
}

async function main(): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await open();
    }
  };
  await Promise.all(Array.from({ length: 200 }, worker));
  process.stdout.write(`open ${sockets.length}\n`);
}

process.stdin.on('end', () => process.exit(0)).resume();
main().catch((error: unknown) => {
  process.stdout.write(`failed ${(error as Error).message}\n`);
  process.exit(1);
});
