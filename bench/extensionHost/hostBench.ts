// Runs inside code-server's extension host (bench/vscode.bench.ts starts it): activates Socket
// Lens, then measures this event loop idle and while a connection with its panel open receives
// the paced stream named in socket-lens-bench.json. Prints one `BENCH {…}` line.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { SocketLensApi } from '../../src/extension/api';

/** What the outer benchmark reads from the `BENCH` line. */
export interface HostBenchResult {
  /** The extension was already active before the suite asked: activationMs then means nothing. */
  readonly wasActive: boolean;
  /** `activate()` as the suite saw it: loading the bundle and the activate call. */
  readonly activationMs: number;
  readonly activateCallMs: number;
  /** From the request to our first module running: VS Code's bookkeeping, reading and compiling the bundle. */
  readonly beforeModulesMs: number;
  /** `require('vscode')`: VS Code building our API object. */
  readonly vscodeApiMs: number;
  /** Our modules' top-level code. */
  readonly modulesMs: number;
  /** From `activate` returning to the promise resolving: VS Code's bookkeeping. */
  readonly afterActivateMs: number;
  readonly idle: LoopDelay;
  readonly busy: LoopDelay;
  readonly messagesPerS: number;
  readonly panelOpen: boolean;
}

interface LoopDelay {
  /** Beyond the sampling timer's own interval: 0 when every timer fires on time. */
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Garbage collection meanwhile: pauses, their total and the longest (a long task is often one). */
  readonly gc: { readonly count: number; readonly totalMs: number; readonly maxMs: number };
}

// Node's default sampling interval, as tools that report event-loop delay use.
const RESOLUTION_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function loopDelay(seconds: number): Promise<LoopDelay> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const gc = { count: 0, totalMs: 0, maxMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count++;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  histogram.enable();
  await sleep(seconds * 1000);
  histogram.disable();
  observer.disconnect();
  // The histogram holds each timer's whole interval, so an idle loop reads RESOLUTION_MS.
  return { p99Ms: Math.max(0, histogram.percentile(99) / 1e6 - RESOLUTION_MS), maxMs: Math.max(0, histogram.max / 1e6 - RESOLUTION_MS), gc };
}

/** Starts the V8 profiler of this extension host; the function returned stops it and gives the profile. */
async function startProfile(): Promise<() => Promise<object>> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<{ profile?: object }>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as { profile?: object }))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return async () => {
    const { profile } = await post('Profiler.stop');
    session.disconnect();
    return profile ?? {};
  };
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the bench needs a workspace folder holding socket-lens-bench.json');
  const config = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'socket-lens-bench.json'))).toString('utf8')) as { url: string; seconds: number; settleMs: number; profile?: string };
  const extension = vscode.extensions.getExtension<SocketLensApi>('socket-lens.socket-lens');
  if (!extension) throw new Error('socket-lens.socket-lens is not installed');
  const wasActive = extension.isActive;
  const started = performance.now();
  const api = await extension.activate();
  const activationMs = performance.now() - started;
  await sleep(config.settleMs); // what the workbench still does after starting does not count as idle

  const idle = await loopDelay(config.seconds);
  const id = await vscode.commands.executeCommand<string>('socketLens.connect', config.url);
  const info = () => api.connections().find((c) => c.id === id);
  for (let waited = 0; info()?.state !== 'open'; waited += 50) {
    if (waited > 10_000) throw new Error(`the connection to ${config.url} did not open: ${JSON.stringify(info())}`);
    await sleep(50);
  }
  await sleep(1000); // the panel loads and the stream settles
  const before = info()!.messagesIn;
  const measuring = performance.now();
  const profiler = config.profile ? await startProfile() : undefined;
  const busy = await loopDelay(config.seconds);
  if (profiler && config.profile) writeFileSync(config.profile, JSON.stringify(await profiler()));
  const messagesPerS = ((info()!.messagesIn - before) * 1000) / (performance.now() - measuring);
  const panelOpen = info()!.panelOpen;
  await vscode.commands.executeCommand('socketLens.disconnect', id);
  const times = api.activation();
  const result: HostBenchResult = {
    wasActive,
    activationMs,
    activateCallMs: times.activateMs,
    beforeModulesMs: times.modulesStartedAt - started,
    vscodeApiMs: times.vscodeApiMs,
    modulesMs: times.modulesMs,
    afterActivateMs: started + activationMs - times.activatedAt,
    idle,
    busy,
    messagesPerS,
    panelOpen,
  };
  console.log(`BENCH ${JSON.stringify(result)}`);
}
