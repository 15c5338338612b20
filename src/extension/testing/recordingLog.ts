import type { DiagnosticsLog } from '../diagnosticsLog';

/** A DiagnosticsLog for tests: each line kept as "info …" or "warn …". */
export function recordingLog(): DiagnosticsLog & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) };
}
