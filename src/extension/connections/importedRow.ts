import { basename } from 'node:path';
import { redactUrl } from '../../core/redaction/redactUrl';
import type { ImportedEntry } from '../panel/importedSource';
import { hostAndPath, type ConnectionRow } from './connectionRow';
import { formatCount } from '../../shared/format';

/** What the row of an imported or restored session is made from. */
export type ImportedRowSource = Pick<ImportedEntry, 'id' | 'file' | 'origin' | 'session'>;

const ICONS: Record<ImportedEntry['origin'], string> = { har: 'archive', previous: 'history' };


/**
 * The Connections view's row for a session read from a HAR or kept from an earlier window:
 * "imported · live.har · 1,234 messages" or "previous session · Jan 2, 2025, 03:04 · 12 messages".
 * `timeZone` is for tests; the view uses the machine's.
 */
export function toImportedRow(entry: ImportedRowSource, timeZone?: string): ConnectionRow {
  const { session } = entry;
  const started = startOf(entry);
  const messages = countOf(session.messages.length, 'message');
  const origin = entry.origin === 'previous' ? ['previous session', ...(started ? [formatWhen(started, timeZone)] : [])] : ['imported', basename(entry.file)];
  return {
    id: entry.id,
    label: hostAndPath(redactUrl(session.url)),
    description: [...origin, messages].join(' · '),
    icon: ICONS[entry.origin],
    tooltip: tooltipOf(entry, started, timeZone),
    contextValue: `socketLens.imported.${entry.origin}`,
  };
}


function startOf({ session }: ImportedRowSource): Date | undefined {
  const written = Date.parse(session.startedDateTime);
  const time = Number.isNaN(written) ? session.messages[0]?.time : written;
  return time === undefined ? undefined : new Date(time);
}

function formatWhen(date: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone }).format(date);
}

function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

function tooltipOf(entry: ImportedRowSource, started: Date | undefined, timeZone: string | undefined): string {
  const { session } = entry;
  const received = session.messages.filter((m) => m.direction === 'in').length;
  const from = entry.origin === 'previous' ? `Kept from an earlier window in ${entry.file}` : `Imported from ${entry.file}, entry ${session.entry}`;
  return [
    redactUrl(session.url),
    from,
    ...(started ? [`Started ${formatWhen(started, timeZone)}`] : []),
    `${countOf(session.messages.length, 'message')}: ${formatCount(received)} received, ${formatCount(session.messages.length - received)} sent`,
    'Read-only. Replay Imported Session… sends its messages to a server.',
  ].join('\n');
}
