/** Formatting shared by the panel and the CLI, so both say the same thing the same way. */

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Local wall-clock time with milliseconds, e.g. 14:03:07.042. */
export function formatClockTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** Time since a reference point, e.g. +0.004 s or +12.5 s. */
export function formatRelativeTime(epochMs: number, originMs: number): string {
  const seconds = (epochMs - originMs) / 1000;
  return `+${seconds < 10 ? seconds.toFixed(3) : seconds.toFixed(1)} s`;
}

/** Made on first use: building one loads ICU's data, ~10 ms that activation should not pay. */
let counts: Intl.NumberFormat | undefined;

/** A count with the locale's digit grouping, e.g. 1,234,567; one formatter for all (toLocaleString builds one per call). */
export function formatCount(n: number): string {
  counts ??= new Intl.NumberFormat();
  return counts.format(n);
}

/** `n` and the noun, plural unless one: "1 frame", "3 frames", "0 frames". */
export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A rate per second, short: 0/s, 0.5/s, 850/s, 4.8k/s, 48k/s, 1.2M/s. */
export function formatRate(perSecond: number): string {
  if (perSecond > 0 && perSecond < 9.95) return `${perSecond.toFixed(1).replace(/\.0$/, '')}/s`;
  if (perSecond < 1000) return `${Math.round(perSecond)}/s`;
  if (perSecond < 1e6) return `${(perSecond / 1000).toFixed(perSecond < 10_000 ? 1 : 0)}k/s`;
  return `${(perSecond / 1e6).toFixed(1)}M/s`;
}
