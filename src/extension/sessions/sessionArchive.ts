import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeExport, type ExportSource } from '../../core/export/sessionExport';

/** Sessions kept; the oldest beyond this are deleted. */
export const ARCHIVE_KEEP = 20;

/** An unfinished copy untouched this long was left by a crash: no write takes that long. */
const LEFTOVER_AFTER_MS = 10 * 60_000;

export interface ArchivedSession {
  readonly file: string;
  readonly savedAt: Date;
  readonly bytes: number;
}

/**
 * Connections' sessions kept in the workspace storage as HAR, redacted exactly as Export
 * Session writes them, so a reload of the window does not lose them. Knows nothing of VS Code.
 */
export class SessionArchive {
  constructor(
    private readonly dir: string,
    private readonly version: string,
    private readonly keep = ARCHIVE_KEEP,
  ) {}

  /**
   * Writes session `id` (replacing an earlier save of it) and drops the oldest beyond `keep`.
   * writeExport puts the new copy beside the old one (`.har.part`) and then gives it the name, so
   * a crash or a failed write midway leaves the earlier save whole.
   */
  async save(id: string, source: ExportSource): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${id.replace(/[^\w.-]/g, '_')}.har`);
    await writeExport('har', source, { version: this.version }, file);
    await this.prune();
    return file;
  }

  /** What is archived, newest first; nothing when the folder does not exist yet. */
  list(): Promise<ArchivedSession[]> {
    return this.files('.har');
  }

  /** The files of the folder ending in `suffix`, newest first. */
  private async files(suffix: string): Promise<ArchivedSession[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const found = await Promise.all(
      names.filter((n) => n.endsWith(suffix)).map(async (n) => {
        // Another save's pruning may delete a file between the listing and this stat.
        const info = await stat(join(this.dir, n)).catch(() => undefined);
        return info && { file: join(this.dir, n), savedAt: info.mtime, bytes: info.size };
      }),
    );
    return found.filter((a): a is ArchivedSession => a !== undefined).sort((a, b) => b.savedAt.getTime() - a.savedAt.getTime());
  }

  /** Drops the oldest sessions beyond `keep`, and the unfinished copies a crash left (older than any write in progress). */
  private async prune(): Promise<void> {
    for (const old of (await this.list()).slice(this.keep)) await rm(old.file, { force: true });
    const stale = Date.now() - LEFTOVER_AFTER_MS;
    for (const part of await this.files('.har.part')) if (part.savedAt.getTime() < stale) await rm(part.file, { force: true });
  }
}
