import { describeFileError } from '../core/errors';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ECHO_MOCK, type MockDefinition } from '../core/mock/mockDefinition';
import { followMockClients } from '../core/mock/followMockClients';
import { MockServer, type MockEvent } from '../core/mock/mockServer';
import { describeProblem, parseMockFile } from '../core/mock/validateDefinition';
import type { CliIo } from './connectCommand';
import { jsonConnectPrinter, textConnectPrinter } from './connectFormat';
import type { MockArgs } from './mockArgs';
import { saveSelfSigned } from '../core/mock/savedCertificate';
import { trustHint } from './mockCertificateFile';

/**
 * `socket-lens mock`: runs until SIGINT or SIGTERM, then closes every client with 1001 and
 * resolves 0. A definition that is not valid is reported with the path of each bad field (2).
 */
export async function runMock(args: MockArgs, io: CliIo, stop: Promise<void> = signalled()): Promise<number> {
  const loaded = args.echo ? ECHO_MOCK : load(args.file!, io);
  if (!loaded) return 2;
  const definition: MockDefinition = args.tlsSelfSigned ? { ...loaded, tls: { selfSigned: true } } : loaded;
  let server: MockServer;
  try {
    server = await MockServer.start({ definition, host: args.host, port: args.port, baseDir: args.file ? dirname(resolve(args.file)) : undefined });
  } catch (error) {
    io.err(`socket-lens: ${(error as Error).message}`);
    return 1;
  }
  server.onDidEvent((event) => report(event, args.json, io));
  followMockClients(server, (client) => (args.json ? jsonConnectPrinter(io, { client: client.id }) : textConnectPrinter(io, `[${client.id}] `)));
  const saved = saveSelfSigned(server.certificate);
  const tls = definition.tls && { selfSigned: server.certificate?.selfSigned ?? false, fingerprint256: server.certificate?.fingerprint256 ?? null, ...(saved && { certificateFile: saved.file }) };
  const where = { type: 'listening', url: server.url, name: definition.name ?? null, paths: definition.paths.map((p) => p.path), ...(tls && { tls }) };
  if (args.json) io.out(JSON.stringify(where));
  else io.out(`socket-lens: mock${definition.name ? ` "${definition.name}"` : ''} listening on ${server.url} (paths ${where.paths.join(', ')}); Ctrl+C stops it`);
  if (!args.json && saved) io.out(trustHint(server.certificate!, saved));
  const watcher = args.file ? watchDefinition(args.file, server, io) : undefined;
  await stop;
  watcher?.close();
  await server.close(1001, 'mock server stopping');
  saved?.dispose();
  return 0;
}

function load(file: string, io: CliIo): MockDefinition | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    io.err(`socket-lens: ${file} ${describeFileError(error)}. Check the path.`);
    return undefined;
  }
  const check = parseMockFile(text);
  if (check.ok) return check.definition;
  io.err(`socket-lens: ${file} is not a valid mock definition:`);
  for (const problem of check.problems) io.err(`  ${describeProblem(problem)}`);
  return undefined;
}

/** Saving the file reloads the rules; a file that is not valid keeps the old ones running. */
function watchDefinition(file: string, server: MockServer, io: CliIo): FSWatcher {
  let pending: NodeJS.Timeout | undefined;
  return watch(file, () => {
    // Editors save in several writes: read once they are done.
    clearTimeout(pending);
    pending = setTimeout(() => {
      const definition = load(file, io);
      if (definition) server.reload(definition);
      else io.err('socket-lens: the mock keeps running with the rules it had.');
    }, 100);
  });
}

function report(event: MockEvent, json: boolean, io: CliIo): void {
  if (json) return io.out(JSON.stringify({ ...event, ...('client' in event ? { client: event.client.id, info: event.client } : {}) }));
  if (event.type === 'connected') return io.out(`socket-lens: client ${event.client.id} connected on ${event.client.target} from ${event.client.remote}`);
  if (event.type === 'disconnected') return io.out(`socket-lens: client ${event.client.id} disconnected`);
  if (event.type === 'rejected') return io.out(`socket-lens: refused ${event.remote} on ${event.path}: ${event.status} ${event.reason}`);
  if (event.type === 'tls-failed') return io.out(`socket-lens: TLS with ${event.remote} failed: ${event.reason}`);
  io.out(`socket-lens: reloaded${event.name ? ` "${event.name}"` : ''}`);
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
