import { randomUUID } from 'node:crypto';
import { SocketLensError } from '../../core/errors';
import { Emitter, type Unsubscribe } from '../../core/events/emitter';
import type { ImportedSession } from '../../core/import/harImport';
import { SessionLog } from '../../core/log/sessionLog';
import { importedSource, type ImportedEntry, type ImportedOrigin, type SessionPanel } from './importedSource';
import type { PanelSource } from './panelSource';
import { PendingReads } from '../sessions/pendingReads';

/** Opens the panel of a session: ConnectionPanel.open in the extension, a stand-in in tests. */
export type OpenPanel = (source: PanelSource) => SessionPanel;

/**
 * Owns every session imported or restored in this window, its log and its panel. An entry stays
 * when its panel closes (the Connections view still lists it) and goes only when removed.
 */
export class ImportedSessions {
  private readonly entries = new Map<string, ImportedEntry>();
  private readonly changed = new Emitter<void>();
  /** Exports still reading a session's log: removing it waits for them before releasing the log. */
  readonly reads = new PendingReads();
  /** Fires when a session is added or removed. */
  readonly onDidChange: (listener: () => void) => Unsubscribe = this.changed.event;

  constructor(
    private readonly openPanel: OpenPanel,
    private readonly logBudgetBytes: () => number | undefined,
  ) {}

  add(file: string, session: ImportedSession, origin: ImportedOrigin = 'har'): ImportedEntry {
    const log = new SessionLog({ byteBudget: this.logBudgetBytes() });
    for (const message of session.messages) log.append(message);
    const entry: ImportedEntry = { id: `imported-${randomUUID()}`, file, origin, session, log };
    this.entries.set(entry.id, entry);
    this.changed.fire();
    return entry;
  }

  get(id: string): ImportedEntry | undefined {
    return this.entries.get(id);
  }

  all(): ImportedEntry[] {
    return [...this.entries.values()];
  }

  showPanel(id: string): void {
    const entry = this.require(id);
    if (entry.panel) return entry.panel.reveal();
    const panel = this.openPanel(importedSource(entry));
    entry.panel = panel;
    panel.onDidDispose(() => {
      if (entry.panel === panel) entry.panel = undefined;
    });
  }

  /**
   * Forgets the session: it leaves the list and its panel closes at once; its log is released
   * once no export reads it any more. The file it came from is left alone.
   */
  async remove(id: string): Promise<void> {
    const entry = this.require(id);
    this.entries.delete(id);
    entry.panel?.dispose();
    this.changed.fire();
    await this.reads.settled(id);
    release(entry);
  }

  dispose(): void {
    for (const entry of this.entries.values()) release(entry);
    this.entries.clear();
    this.changed.dispose();
  }

  private require(id: string): ImportedEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new SocketLensError('session/unknown', `No imported session with id ${id}: it may have been removed. Import the file again with "Socket Lens: Import Session…".`);
    return entry;
  }
}

function release(entry: ImportedEntry): void {
  const panel = entry.panel;
  entry.panel = undefined;
  panel?.dispose();
  entry.log.dispose();
}
