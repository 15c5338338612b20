// `npm start`: builds and packages the extension, starts a demo echo server on 127.0.0.1, and
// opens the demo workspace in a real VS Code: the local `code` when there is one (the extension
// loaded from this folder), otherwise code-server on 127.0.0.1 with the packaged VSIX installed.
// Runs until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demo = join(root, 'demo');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function packageExtension() {
  const result = spawnSync(process.execPath, [join(root, 'scripts/package.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('start: building the extension failed; see the errors above.');
    process.exit(1);
  }
}

/** A plain echo server to connect to, on a fixed port when free so the demo README's URL works. */
async function startEchoServer() {
  for (const port of [Number(process.env.SOCKET_LENS_DEMO_PORT ?? 9001), 0]) {
    try {
      const wss = new WebSocketServer({ host: '127.0.0.1', port });
      await new Promise((resolve, reject) => wss.once('listening', resolve).once('error', reject));
      wss.on('connection', (ws) => {
        ws.send(JSON.stringify({ hello: 'Socket Lens demo echo server', time: new Date().toISOString() }));
        ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
      });
      return { wss, url: `ws://127.0.0.1:${wss.address().port}/` };
    } catch (error) {
      if (port === 0) throw error;
    }
  }
  throw new Error('unreachable');
}

function hasLocalCode() {
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function openInCodeServer() {
  const { startCodeServer, installVsix } = await import('../test/e2e/harness/codeServer.mjs');
  const extensionsDir = join(root, '.cache', 'start', 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  await installVsix(join(root, `${name}-${version}.vsix`), extensionsDir);
  const port = Number(process.env.PORT ?? 0) || undefined;
  const server = await startCodeServer({ workspace: demo, extensionsDir, port });
  return { url: server.urlFor(demo), stop: () => server.stop() };
}

packageExtension();
const echo = await startEchoServer();
let stopEditor = async () => {};
if (hasLocalCode()) {
  spawn('code', ['--extensionDevelopmentPath', root, demo], { stdio: 'inherit' });
  console.log('\nstart: opened the demo workspace in your VS Code with Socket Lens loaded from this folder.');
} else {
  console.log('\nstart: no local `code` found; starting code-server (the first run installs it, about a minute)…');
  const editor = await openInCodeServer();
  stopEditor = editor.stop;
  console.log(`\n  VS Code (code-server):  ${editor.url}`);
}
console.log(`  Demo echo server:       ${echo.url}`);
console.log('  Demo mock server:       demo/chat.wsmock.json, ready to start (ws://127.0.0.1:9002/chat once started)');
console.log('\n  In VS Code: F1 → "Socket Lens: Connect…" → paste the echo server URL.');
console.log('  Mock server: open the Socket Lens view in the activity bar → Start Mock Server… → chat.wsmock.json,');
console.log('  or right-click demo/chat.wsmock.json → "Socket Lens: Start Mock Server…". Then "Connect to It".');
console.log('  Press Ctrl+C to stop.\n');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  for (const client of echo.wss.clients) client.close(1001, 'demo stopped');
  echo.wss.close();
  await stopEditor();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
