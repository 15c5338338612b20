/** The composer's Up and Down keys: which history entry each one puts in the box. */
import { HistoryWalk, type HistoryEntry } from '../../src/shared/composer/composerHistory';

/**
 * Up and Down through the composer's history, like a shell: they walk while the box is empty or
 * shows, unedited, the entry they last put in; any other text ends the walk.
 */
export class HistoryKeys {
  private walk: HistoryWalk | undefined;
  /** The text last put in from the history: while it stands unedited, Up and Down keep walking. */
  private recalled: string | undefined;

  /** The box now shows `text`: unless it is the entry last put in, the walk ends. */
  edited(text: string): void {
    if (text !== this.recalled) this.walk = undefined;
  }

  /** `text` was sent and stays for resending; it counts as unedited, so Up goes straight to the one before. */
  sent(text: string): void {
    this.walk = undefined;
    this.recalled = text;
  }

  /**
   * The entry `event` walks to from `current` (what the box shows) in `history`; undefined when the
   * key is not Up or Down alone, the box was edited, or the walk is at its end.
   */
  step(event: KeyboardEvent, history: readonly HistoryEntry[], current: HistoryEntry): HistoryEntry | undefined {
    if ((event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
    const untouched = current.text === '' || (this.recalled !== undefined && current.text === this.recalled);
    if (!untouched) return undefined;
    this.walk ??= new HistoryWalk(history, current);
    const entry = event.key === 'ArrowUp' ? this.walk.up(current) : this.walk.down();
    if (entry) this.recalled = entry.text;
    return entry;
  }
}
