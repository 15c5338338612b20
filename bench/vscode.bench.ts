// The extension as users get it: the VSIX's size, and in code-server (a real VS Code, Chromium
// showing the workbench) how long activation takes and how the extension host's event loop
// holds up while a connection with its panel open receives 50,000 messages a second.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostBenchResult } from './extensionHost/hostBench';
import type { Benchmark, Metric } from './lib/benchmark';
import { median } from './lib/measure';
import { startPacedSender } from './lib/paced';

const ROOT = join(import.meta.dirname, '..');
const RATE_PER_S = 50_000;
const SIZE = 256;

function packageVsix(): number {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT, stdio: 'pipe' });
  if (built.status !== 0) throw new Error(`packaging failed: ${built.stderr.toString()}`);
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return statSync(join(ROOT, `${name}-${version}.vsix`)).size;
}

/** One code-server run of bench/extensionHost/hostBench.ts. */
async function hostRun(workspace: string, url: string, seconds: number, settleMs: number): Promise<HostBenchResult> {
  const { bundleSuite, stageExtension } = await import('../test/e2e/extensionHostSuite');
  const { runExtensionHostTests } = await import('../test/e2e/harness/extensionHostTests.mjs');
  // SOCKET_LENS_BENCH_PROFILE=file.cpuprofile: a V8 profile of the extension host while busy.
  writeFileSync(join(workspace, 'socket-lens-bench.json'), JSON.stringify({ url, seconds, settleMs, profile: process.env.SOCKET_LENS_BENCH_PROFILE }));
  const suite = await bundleSuite(join(ROOT, 'bench', 'extensionHost', 'hostBench.ts'));
  const lines: string[] = [];
  const code = await runExtensionHostTests({
    workspace,
    extensionDevelopmentPath: stageExtension('bench'),
    extensionTestsPath: suite,
    timeoutMs: 60_000 + seconds * 3000,
    onLog: (_type, message) => lines.push(message),
  });
  const line = lines.find((l) => l.startsWith('BENCH '));
  if (code !== 0 || !line) throw new Error(`the extension-host bench failed (exit ${code}):\n${lines.slice(-20).join('\n')}`);
  const result = JSON.parse(line.slice('BENCH '.length)) as HostBenchResult;
  if (result.wasActive) throw new Error('Socket Lens was already active when the bench began, so its activation was not measured');
  if (!result.panelOpen) throw new Error('the connection had no panel open while measured');
  return result;
}

export const benchmark: Benchmark = {
  name: 'vscode',
  description: `the packaged extension: VSIX size; in code-server, activation and the extension host's event-loop delay with a panel open at ${RATE_PER_S.toLocaleString('en')} msg/s`,
  async run(context) {
    const vsixBytes = packageVsix();
    context.log(`VSIX: ${vsixBytes.toLocaleString('en')} bytes`);
    const sender = await startPacedSender();
    const workspace = join(ROOT, '.cache', 'e2e', 'workspace-bench');
    mkdirSync(workspace, { recursive: true });
    const runs: HostBenchResult[] = [];
    try {
      const seconds = context.quick ? 2 : 10;
      for (let round = 0; round < (context.quick ? 1 : 3); round++) {
        const result = await hostRun(workspace, sender.url(RATE_PER_S, SIZE), seconds, context.quick ? 1000 : 2000);
        context.log(
          `run ${round + 1}: activation ${result.activationMs.toFixed(1)} ms = ${result.beforeModulesMs.toFixed(1)} before our code runs (VS Code, reading and compiling the bundle) + ${result.vscodeApiMs} require('vscode') + ${result.modulesMs} our modules + ${result.activateCallMs} activate() + ${result.afterActivateMs.toFixed(1)} after; ` +
            `loop delay p99 idle ${result.idle.p99Ms.toFixed(1)} ms, busy ${result.busy.p99Ms.toFixed(1)} ms (max ${result.busy.maxMs.toFixed(1)}; GC ${result.busy.gc.count}× ${result.busy.gc.totalMs.toFixed(0)} ms, longest ${result.busy.gc.maxMs.toFixed(1)}); ${Math.round(result.messagesPerS).toLocaleString('en')} msg/s received`,
        );
        runs.push(result);
      }
    } finally {
      await sender.close();
    }
    const busyP99 = median(runs.map((r) => r.busy.p99Ms));
    const idleP99 = median(runs.map((r) => r.idle.p99Ms));
    const received = median(runs.map((r) => r.messagesPerS));
    return [
      { name: 'vsix_bytes', value: vsixBytes, unit: 'bytes', baseline: null, ratio: null, target: { op: '<=', value: 1_000_000 } },
      { name: 'activation_ms', value: median(runs.map((r) => r.activationMs)), unit: 'ms', baseline: null, ratio: null, target: { op: '<=', value: 50 } },
      { name: 'activation_call_ms', value: median(runs.map((r) => r.activateCallMs)), unit: 'ms', baseline: null, ratio: null },
      { name: 'host_loop_delay_p99_ms', value: busyP99, unit: 'ms', baseline: idleP99, ratio: busyP99 / idleP99, target: { op: '<=', value: 20 } },
      { name: 'host_msgs_per_s', value: received, unit: 'msg/s', baseline: RATE_PER_S, ratio: received / RATE_PER_S },
    ] satisfies Metric[];
  },
};
