import { rename } from 'node:fs/promises';

/** What Windows says while another process holds the file open. */
const BUSY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);
/** The pauses before each retry: 1.57 s in all. */
const RENAME_PAUSES_MS = [20, 50, 100, 200, 400, 800] as const;

/**
 * Renames `from` over `to`. On Windows that fails for a moment while another process holds `to`
 * open (a virus scanner, an indexer, an editor reading it): those errors are tried again after
 * each pause; any other error, or the last one, is thrown.
 */
export async function renameOver(from: string, to: string, renameFile: (from: string, to: string) => Promise<void> = rename, pauses: readonly number[] = RENAME_PAUSES_MS): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await renameFile(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= pauses.length || !code || !BUSY_CODES.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauses[attempt]));
    }
  }
}
