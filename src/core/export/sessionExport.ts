import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { SocketLensError } from '../errors';
import type { ExportOptions, ExportSource } from './exportSource';
import { harChunks } from './harExport';
import { jsonLinesChunks } from './jsonLinesExport';
import { renameOver } from './renameOver';

export type { ExportOptions, ExportSource } from './exportSource';

export type ExportFormat = 'har' | 'jsonl';

export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { har: 'har', jsonl: 'jsonl' };

export function isExportFormat(value: unknown): value is ExportFormat {
  return value === 'har' || value === 'jsonl';
}

/** The export as pieces of text, to write one after another. */
export function exportChunks(format: ExportFormat, source: ExportSource, options: ExportOptions): AsyncGenerator<string> {
  return format === 'har' ? harChunks(source, options) : jsonLinesChunks(source, options);
}

/**
 * Writes the export to `file`, waiting whenever the stream is full. It is written beside `file`
 * first and then takes its name, so a failure or a crash midway leaves an earlier `file` whole
 * (the partial copy is removed on failure). A SocketLensError 'export/write' says what went wrong.
 */
export async function writeExport(format: ExportFormat, source: ExportSource, options: ExportOptions, file: string): Promise<void> {
  const part = `${file}.part`;
  const stream = createWriteStream(part);
  try {
    await once(stream, 'open');
    for await (const chunk of exportChunks(format, source, options)) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
    await renameOver(part, file);
  } catch (error) {
    stream.destroy();
    await rm(part, { force: true }).catch(() => {});
    throw new SocketLensError('export/write', `Could not write the export to ${file}: ${(error as Error).message}. Check that the folder exists and is writable.`);
  }
}
