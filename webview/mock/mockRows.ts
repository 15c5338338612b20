import type { MockClientRowView } from '../../src/shared/mockViewModels';

/** The client table's rows as the host last described them, in the order the clients connected. */
export class MockRows {
  private readonly byId = new Map<string, MockClientRowView>();
  rows: readonly MockClientRowView[] = [];

  reset(clients: readonly MockClientRowView[]): void {
    this.byId.clear();
    this.apply(clients, []);
  }

  /** New and changed rows replace their old selves in place; new ones go last. */
  apply(clients: readonly MockClientRowView[], removed: readonly string[]): void {
    for (const id of removed) this.byId.delete(id);
    for (const row of clients) this.byId.set(row.id, row);
    this.rows = [...this.byId.values()];
  }

  get(id: string | undefined): MockClientRowView | undefined {
    return id === undefined ? undefined : this.byId.get(id);
  }
}

/** How long a client has been (or was) connected: 0:05, 12:03, 1:02:03. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A closed client's state cell: the close code, its reason, and who closed. */
export function describeClientState(row: MockClientRowView): string {
  if (row.state === 'open') return 'Open';
  if (row.state === 'closing') return 'Closing…';
  const close = row.close;
  if (!close) return 'Closed';
  const who = close.initiatedBy === 'none' ? 'dropped' : `by ${close.initiatedBy === 'server' ? 'mock' : 'client'}`;
  return `Closed ${close.code}${close.reason ? ` “${close.reason}”` : ''} · ${who}`;
}
