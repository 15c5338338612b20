import type { LogFilterView, LogPageView } from '../src/shared/viewModels';
import type { HostClient } from './hostClient';
import { LogWindow, PAGE_ROWS } from './logWindow';

/**
 * Keeps the panel's LogWindow in step with the host's log: takes its updates, fetches the pages
 * the list needs, and swaps in a new filter. Pages asked for before the window started over (a
 * snapshot, a new filter) are dropped when they arrive.
 */
export class LogSync {
  readonly window = new LogWindow();
  private generation = 0;

  /** `changed`: the window has rows it did not have. */
  constructor(
    private readonly host: HostClient,
    private readonly changed: () => void,
  ) {}

  /** Starts over from a snapshot or a new filter's first page. */
  reset(page: LogPageView): void {
    this.generation++;
    this.window.reset(page);
  }

  /** The list shows positions `from` to `to`: fetch what is missing around them. */
  show(from: number, to: number): void {
    this.window.prune(from, to);
    const generation = this.generation;
    for (const start of this.window.pagesToFetch(from - PAGE_ROWS / 2, to + PAGE_ROWS / 2)) {
      this.host.request({ type: 'log/range', start, count: PAGE_ROWS }).then(
        (page) => {
          if (generation !== this.generation) return;
          this.window.fetched(start, page);
          this.changed();
        },
        () => generation === this.generation && this.window.fetched(start, undefined),
      );
    }
  }

  /**
   * Asks the host to filter through `filter`; resolves true when it did and the window started
   * over, false when `current()` moved on meanwhile. A filter the host refuses rejects with its reason.
   */
  async filter(filter: LogFilterView, current: () => LogFilterView | undefined): Promise<boolean> {
    const page = await this.host.request({ type: 'log/filter', filter });
    if (current() !== filter) return false;
    this.reset(page);
    return true;
  }
}
