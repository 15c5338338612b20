import { css, html, nothing, svg } from 'lit';
import type { HandshakeTimingView } from '../../src/shared/viewModels';

type StepName = 'dns' | 'tcp' | 'proxy' | 'tls' | 'upgrade';

/** One row of the waterfall: a step measured, skipped (with why) or not reached. */
export interface TimingRow {
  readonly step: StepName;
  readonly label: string;
  /** Where the step starts and how long it took, in ms from the socket's start. */
  readonly startMs?: number;
  readonly durationMs?: number;
  readonly skipped?: string;
}

const LABELS: Record<StepName, string> = { dns: 'DNS lookup', tcp: 'TCP connect', proxy: 'Proxy CONNECT', tls: 'TLS handshake', upgrade: 'HTTP upgrade' };
const FIELDS = { dns: 'dnsMs', tcp: 'tcpMs', proxy: 'proxyMs', tls: 'tlsMs', upgrade: 'upgradeMs' } as const;

/** The rows in wire order: each measured step starts where the one before it ended. */
export function timingRows(timing: HandshakeTimingView): TimingRow[] {
  const steps: StepName[] = timing.viaProxy ? ['dns', 'tcp', 'proxy', 'tls', 'upgrade'] : ['dns', 'tcp', 'tls', 'upgrade'];
  let at = 0;
  return steps.map((step) => {
    const label = step === 'tcp' && timing.viaProxy ? 'TCP to proxy' : LABELS[step];
    const skipped = step === 'dns' || step === 'tls' ? timing.skipped[step] : undefined;
    const durationMs = timing[FIELDS[step]];
    if (durationMs === undefined) return { step, label, skipped };
    const row = { step, label, startMs: at, durationMs };
    at += durationMs;
    return row;
  });
}

/** "0.42 ms", "18.5 ms", "1.23 s": three significant digits, like DevTools. */
export function formatDuration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

// Bars are drawn in an SVG scaled to the track: widths are attributes, so the CSP's ban on inline styles holds.
const SCALE = 1000;
/** Narrowest bar, so a step of a few microseconds is still seen. */
const MIN_WIDTH = 3;

function bar(row: TimingRow, totalMs: number) {
  const x = totalMs > 0 ? (row.startMs! / totalMs) * SCALE : 0;
  const width = Math.max(MIN_WIDTH, totalMs > 0 ? (row.durationMs! / totalMs) * SCALE : SCALE);
  return svg`<rect class="track" x="0" y="0" width=${SCALE} height="10"></rect><rect class="bar step-${row.step}" data-testid="timing-bar" x=${Math.min(x, SCALE - width).toFixed(1)} y="0" width=${width.toFixed(1)} height="10"></rect>`;
}

function renderRow(row: TimingRow, totalMs: number) {
  const measured = row.durationMs !== undefined;
  return html`<tr data-testid="timing-row" data-step=${row.step} class=${measured ? '' : 'absent'}>
    <th scope="row"><span class="swatch step-${row.step}" aria-hidden="true"></span>${row.label}</th>
    <td class="track-cell">${measured
      ? html`<svg viewBox="0 0 ${SCALE} 10" preserveAspectRatio="none" aria-hidden="true">${bar(row, totalMs)}</svg>`
      : html`<span class="why">${row.skipped ? `skipped: ${row.skipped}` : 'not reached'}</span>`}</td>
    <td class="ms">${measured ? formatDuration(row.durationMs!) : '—'}</td>
  </tr>`;
}

/** The opening as a waterfall, DevTools-style: one row per step, a bar where it fell, its duration. */
export function renderTiming(timing: HandshakeTimingView | undefined) {
  if (!timing) return nothing;
  const rows = timingRows(timing);
  return html`
    <section aria-labelledby="timing-heading">
      <h3 id="timing-heading">Timing <span class="total" data-testid="timing-total">${formatDuration(timing.totalMs)}</span></h3>
      <table class="timing" data-testid="timing">
        <caption class="sr-only">How long each step of the opening took, from the moment the socket began to connect</caption>
        <tbody>${rows.map((row) => renderRow(row, timing.totalMs))}</tbody>
        <tfoot><tr><th scope="row">Total</th><td></td><td class="ms">${formatDuration(timing.totalMs)}</td></tr></tfoot>
      </table>
    </section>`;
}

export const timingStyles = css`
  .timing { width: 100%; max-width: 880px; border-collapse: collapse; font-variant-numeric: tabular-nums; }
  .timing th { text-align: left; font-weight: normal; white-space: nowrap; padding: 3px 12px 3px 0; width: 10em; }
  .timing td { padding: 3px 0; }
  .timing .ms { text-align: right; width: 6em; padding-left: 12px; font-family: var(--mono); white-space: nowrap; }
  .timing tfoot th, .timing tfoot .ms { font-weight: 600; border-top: 1px solid var(--border); padding-top: 5px; }
  .timing tfoot td { border-top: 1px solid var(--border); }
  .track-cell svg { display: block; width: 100%; height: 10px; }
  .absent th, .absent .ms, .why { color: var(--muted); }
  .why { font-style: italic; }
  .total { text-transform: none; letter-spacing: 0; font-weight: normal; margin-left: 6px; color: var(--vscode-foreground); font-family: var(--mono); }
  .swatch { display: inline-block; width: 8px; height: 8px; border-radius: 2px; margin-right: 7px; vertical-align: baseline; }
  .absent .swatch { opacity: .35; }
  .track { fill: var(--vscode-textCodeBlock-background, #80808026); stroke: var(--vscode-contrastBorder, none); stroke-width: 1px; vector-effect: non-scaling-stroke; }
  .bar { stroke: var(--vscode-contrastBorder, none); stroke-width: 1px; vector-effect: non-scaling-stroke; }
  .step-dns { fill: var(--vscode-charts-blue, #3794ff); background: var(--vscode-charts-blue, #3794ff); }
  .step-tcp { fill: var(--vscode-charts-orange, #d18616); background: var(--vscode-charts-orange, #d18616); }
  .step-proxy { fill: var(--vscode-charts-yellow, #cca700); background: var(--vscode-charts-yellow, #cca700); }
  .step-tls { fill: var(--vscode-charts-purple, #b180d7); background: var(--vscode-charts-purple, #b180d7); }
  .step-upgrade { fill: var(--vscode-charts-green, #89d185); background: var(--vscode-charts-green, #89d185); }
`;
