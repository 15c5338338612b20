import type { Disposable } from 'vscode';
import type { ClientConnection } from '../../core/client/clientConnection';
import { errorMessage } from '../../core/errors';
import type { DiagnosticsLog } from '../diagnosticsLog';
import type { PendingReads } from './pendingReads';
import type { SessionArchive } from './sessionArchive';

/** How often the open connections' sessions are written again, when their logs have grown. */
const KEEP_OPEN_EVERY_MS = 30_000;

/** What the keeper needs of the ConnectionRegistry. */
export interface KeptConnections {
  all(): readonly ClientConnection[];
  onDidChange(listener: () => void): Disposable;
  onDidRemove(listener: (id: string) => void): Disposable;
  /** Saves are tracked here: removing a connection waits for its save. */
  readonly reads: PendingReads;
}

/**
 * Keeps every connection's session in the archive: when it closes; for the open ones every
 * `everyMs`, so that a crash of the extension host loses at most that much; and for all when
 * the window goes (`flush` on deactivate). A session is written again only when its log has
 * grown, and one connection's saves run one after another, never over each other.
 */
export class SessionKeeper implements Disposable {
  /** The log's next id at the last save of each connection. */
  private readonly saved = new Map<string, number>();
  /** Each connection's save in progress (and those queued behind it). */
  private readonly saving = new Map<string, Promise<void>>();
  private readonly unsubscribe: () => void;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly registry: KeptConnections,
    private readonly archive: Pick<SessionArchive, 'save'>,
    private readonly log: DiagnosticsLog,
    /** Called after each session is written (the archive has something to show). */
    private readonly onSaved: () => void = () => {},
    everyMs = KEEP_OPEN_EVERY_MS,
  ) {
    const subscriptions = [registry.onDidChange(() => this.saveClosed()), registry.onDidRemove((id) => this.saved.delete(id))];
    this.unsubscribe = () => subscriptions.forEach((s) => s.dispose());
    this.timer = setInterval(() => void this.flush(), everyMs);
    this.timer.unref?.();
  }

  /** Saves every connection with something not saved yet, open ones included. */
  flush(): Promise<void> {
    return Promise.all(this.registry.all().map((c) => this.save(c))).then(() => undefined);
  }

  dispose(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  private saveClosed(): void {
    for (const connection of this.registry.all()) if (connection.snapshot().state === 'closed') void this.save(connection);
  }

  /**
   * Queues a save of `connection` behind the one in progress; it writes only what the log holds by
   * then. Tracked, so removing the connection meanwhile waits for the file instead of emptying the log under it.
   */
  private save(connection: ClientConnection): Promise<void> {
    const { id } = connection;
    // Nothing new and nothing running: every registry change would otherwise queue a save of each closed connection.
    if (!this.saving.has(id) && this.saved.get(id) === connection.log.nextId) return Promise.resolve();
    const next = this.registry.reads.track(id, (this.saving.get(id) ?? Promise.resolve()).then(() => this.write(connection)));
    this.saving.set(id, next);
    void next.then(() => {
      if (this.saving.get(id) === next) this.saving.delete(id);
    });
    return next;
  }

  private async write(connection: ClientConnection): Promise<void> {
    const mark = connection.log.nextId;
    if (this.saved.get(connection.id) === mark) return;
    this.saved.set(connection.id, mark);
    try {
      await this.archive.save(connection.id, { snapshot: connection.snapshot(), log: connection.log });
      this.onSaved();
    } catch (error) {
      this.saved.delete(connection.id);
      this.log.warn(`Could not keep the session of ${connection.id} for the next window: ${errorMessage(error)}`);
    }
    // Removed while this save waited its turn: nothing is saved for it again.
    if (!this.registry.all().includes(connection)) this.saved.delete(connection.id);
  }
}
