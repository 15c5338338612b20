import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { connectTo, until } from '../core/testing/clientTesting';
import { createTestPki, type TestPki } from '../core/testing/testCertificates';
import { parseMockArgs } from './mockArgs';
import { runMock } from './mockCommand';

let pki: TestPki;
before(() => (pki = createTestPki()));
after(() => pki.dispose());

function io() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { stdin: new PassThrough(), out: (line: string) => lines.push(line), err: (line: string) => errors.push(line), lines, errors };
}

/** Runs the mock until the returned stop is called; resolves once it printed its first line. */
async function running(args: Parameters<typeof runMock>[0]) {
  const output = io();
  let stop!: () => void;
  const exit = runMock(args, output, new Promise<void>((resolve) => (stop = resolve)));
  while (output.lines.length === 0 && output.errors.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const end = () => {
    stop();
    return exit;
  };
  return { output, end };
}

/** What the mock at `url` echoes to a client that trusts `caFile`. */
async function echo(t: Parameters<typeof connectTo>[0], url: string, caFile: string): Promise<string> {
  const connection = await connectTo(t, `${url}/x`, { tls: { caFile } });
  connection.sendText('hi');
  await until(connection, () => connection.log.length === 2);
  return Buffer.from(connection.log.get(2)!.payload).toString();
}

test('mock --echo --tls-self-signed --json: a wss:// URL, the fingerprint and a certificate file that clients can trust, removed at exit', async (t) => {
  const mock = await running({ echo: true, json: true, tlsSelfSigned: true });
  const listening = JSON.parse(mock.output.lines[0]!);
  assert.match(listening.url, /^wss:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(listening.tls.selfSigned, true);
  assert.match(listening.tls.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.equal(await echo(t, listening.url, listening.tls.certificateFile), 'hi');
  assert.equal(await mock.end(), 0);
  assert.equal(existsSync(listening.tls.certificateFile), false);
});

test('mock FILE with certificate files relative to the file; text output tells how to trust a self-signed one', async (t) => {
  const dir = join(pki.dir, 'defs');
  mkdirSync(join(dir, 'certs'), { recursive: true });
  for (const name of ['server.pem', 'server.key']) copyFileSync(pki.path(name), join(dir, 'certs', name));
  const file = join(dir, 'api.wsmock.json');
  writeFileSync(file, JSON.stringify({ name: 'api', tls: { certFile: 'certs/server.pem', keyFile: 'certs/server.key' }, paths: [{ path: '*' }] }));
  const issued = await running({ file, echo: false, json: false });
  assert.match(issued.output.lines[0]!, /^socket-lens: mock "api" listening on wss:\/\/127\.0\.0\.1:\d+ \(paths \*\)/);
  assert.equal(issued.output.lines.length, 1, 'a CA-issued certificate needs no hint');
  assert.equal(await echo(t, /wss:\/\/[\d.:]+/.exec(issued.output.lines[0]!)![0], pki.path('ca.pem')), 'hi');
  assert.equal(await issued.end(), 0);

  const selfSigned = await running({ file, echo: false, json: false, tlsSelfSigned: true });
  assert.match(selfSigned.output.lines[1]!, /^socket-lens: TLS with a self-signed certificate, SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}, saved in .*certificate\.pem while the mock runs\. Clients must trust it: socket-lens connect --ca /);
  assert.equal(await selfSigned.end(), 0);
});

test('a certificate file that is not there: exit 1 with the mock/tls message', async () => {
  const file = join(pki.dir, 'missing.wsmock.json');
  writeFileSync(file, JSON.stringify({ tls: { certFile: 'nope.pem', keyFile: 'server.key' }, paths: [{ path: '/' }] }));
  const output = io();
  assert.equal(await runMock({ file, echo: false, json: false }, output, new Promise(() => {})), 1);
  assert.deepEqual(output.errors, [`socket-lens: The mock's TLS settings: tls.certFile is "nope.pem": ${join(pki.dir, 'nope.pem')} does not exist. Check the path; a relative one starts at the definition file's folder (${pki.dir}).`]);
});

test('--tls-self-signed is parsed', () => {
  assert.deepEqual(parseMockArgs(['--echo', '--tls-self-signed']), { file: undefined, echo: true, json: false, tlsSelfSigned: true });
});
