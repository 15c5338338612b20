import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeExport, type ExportSource } from '../../core/export/sessionExport';

/** Sessions kept; the oldest beyond this are deleted. */
export const ARCHIVE_KEEP = 20;

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

  /** Writes session `id` (replacing an earlier save of it) and drops the oldest beyond `keep`. */
  async save(id: string, source: ExportSource): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${id.replace(/[^\w.-]/g, '_')}.har`);
    await writeExport('har', source, { version: this.version }, file);
    await this.prune();
    return file;
  }

  /** What is archived, newest first; nothing when the folder does not exist yet. */
  async list(): Promise<ArchivedSession[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const found = await Promise.all(
      names.filter((n) => n.endsWith('.har')).map(async (n) => {
        // Another save's pruning may delete a file between the listing and this stat.
        const info = await stat(join(this.dir, n)).catch(() => undefined);
        return info && { file: join(this.dir, n), savedAt: info.mtime, bytes: info.size };
      }),
    );
    return found.filter((a): a is ArchivedSession => a !== undefined).sort((a, b) => b.savedAt.getTime() - a.savedAt.getTime());
  }

  private async prune(): Promise<void> {
    for (const old of (await this.list()).slice(this.keep)) await rm(old.file, { force: true });
  }
}
