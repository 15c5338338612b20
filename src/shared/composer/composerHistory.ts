/** The composer's history of sent messages, walked with Up and Down like a shell's. */
import type { ComposerMode } from './composerModes';

export interface HistoryEntry {
  readonly mode: ComposerMode;
  readonly text: string;
}

export const HISTORY_LIMIT = 100;
/**
 * Longest message the history keeps. The history lives in the webview state, written on every
 * change; a hundred 16 MiB messages would make that state over a gigabyte.
 */
export const HISTORY_ENTRY_CHARS = 64 * 1024;

/**
 * `entries` with `entry` as the newest; an identical older one moves up instead of repeating.
 * A message longer than HISTORY_ENTRY_CHARS is not kept.
 */
export function remember(entries: readonly HistoryEntry[], entry: HistoryEntry, limit = HISTORY_LIMIT): HistoryEntry[] {
  if (entry.text.length > HISTORY_ENTRY_CHARS) return [...entries];
  const rest = entries.filter((e) => e.mode !== entry.mode || e.text !== entry.text);
  return [...rest, entry].slice(-limit);
}

/**
 * A walk through the history, oldest first in `entries`. Up goes back, Down forward, and Down past
 * the newest entry brings back what was in the composer before the walk began.
 */
export class HistoryWalk {
  /** entries.length while not walking. */
  private index: number;
  private stash: HistoryEntry | undefined;

  /** `current`: what the composer shows; when it is the newest entry (just sent), Up goes to the one before. */
  constructor(
    private readonly entries: readonly HistoryEntry[],
    current?: HistoryEntry,
  ) {
    const newest = entries.at(-1);
    const showing = current && newest && newest.mode === current.mode && newest.text === current.text;
    this.index = showing ? entries.length - 1 : entries.length;
    this.stash = showing ? current : undefined;
  }

  get walking(): boolean {
    return this.index < this.entries.length;
  }

  /** The older entry, or undefined at the oldest; `current` is kept to come back to. */
  up(current: HistoryEntry): HistoryEntry | undefined {
    if (this.index === 0) return undefined;
    if (!this.walking) this.stash = current;
    return this.entries[--this.index];
  }

  /** The newer entry, the stashed draft after the newest, or undefined when not walking. */
  down(): HistoryEntry | undefined {
    if (!this.walking) return undefined;
    this.index++;
    return this.walking ? this.entries[this.index] : this.stash;
  }
}
