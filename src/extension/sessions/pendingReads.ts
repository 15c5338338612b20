/**
 * Work still reading a session's log (an archive save, an export), by session id, so removing
 * the session disposes the log only once that work has ended instead of cutting a file short.
 */
export class PendingReads {
  private readonly pending = new Map<string, Set<Promise<void>>>();

  /** Registers `work` as reading session `id` and returns it unchanged (its rejection stays the caller's). */
  track<T>(id: string, work: Promise<T>): Promise<T> {
    const set = this.pending.get(id) ?? new Set<Promise<void>>();
    this.pending.set(id, set);
    const settled: Promise<void> = work.then(ignore, ignore).then(() => this.forget(id, set, settled));
    set.add(settled);
    return work;
  }

  /** Resolves once every read of `id` tracked so far has ended, fulfilled or not. */
  async settled(id: string): Promise<void> {
    await Promise.all([...(this.pending.get(id) ?? [])]);
  }

  /** How many reads of `id` are still running. */
  count(id: string): number {
    return this.pending.get(id)?.size ?? 0;
  }

  private forget(id: string, set: Set<Promise<void>>, settled: Promise<void>): void {
    set.delete(settled);
    if (set.size === 0 && this.pending.get(id) === set) this.pending.delete(id);
  }
}

function ignore(): void {}
