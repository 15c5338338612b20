import type { LogCounters } from '../../core/log/sessionLog';
import { Emitter, type Unsubscribe } from '../../core/events/emitter';
import type { MockClient, MockClientInfo } from '../../core/mock/mockClient';
import type { MockServer } from '../../core/mock/mockServer';

/** Closed clients whose rows are kept (and counted); older ones are forgotten, their messages still counted. */
export const KEPT_CLOSED_ROWS = 100;
/**
 * Closed clients whose logs are kept, so "Open log" still works right after a client left.
 * Each log may hold up to its byte budget, so only a few outlive their connection.
 */
export const KEPT_CLOSED_LOGS = 5;

export interface MockActivityLimits {
  readonly closedRows: number;
  readonly closedLogs: number;
}

/** One client as the mock panel shows it: a live client read now, or a closed one as it ended. */
export interface MockClientRecord {
  readonly info: MockClientInfo;
  readonly counters: LogCounters;
  /** Its WebSocket is open (false while closing and once closed). */
  readonly open: boolean;
  /** When the connection closed (epoch ms). */
  readonly closedAt?: number;
  /** Its log is still kept, so its connection panel can open. */
  readonly logAvailable: boolean;
}

interface Tracked {
  client: MockClient | undefined;
  /** Set when the connection has closed: the record as it ended. */
  final: Omit<MockClientRecord, 'logAvailable'> | undefined;
  unsubscribe: Unsubscribe;
}

/**
 * What a running mock has seen, from its start: every client (connected, and the recent closed
 * ones with how they ended), how many connected in all, and the messages of all of them. It
 * lives as long as the mock, not its panel, so a panel closed and opened again loses nothing.
 * It tells which client changed (lifecycle or a new message), never what: a listener reads the
 * record when it is ready to paint.
 */
export class MockActivity {
  private readonly tracked = new Map<string, Tracked>();
  private readonly closedOrder: string[] = [];
  private total = 0;
  /** Messages of the clients no longer tracked. */
  private forgotten = { messagesIn: 0, messagesOut: 0 };
  private readonly changed = new Emitter<string>();
  private readonly removed = new Emitter<string>();
  private readonly subscriptions: Unsubscribe[];

  /** A client connected, changed state, or sent or received a message (its id). */
  readonly onDidChangeClient = this.changed.event;
  /** A closed client's row was forgotten (its id). */
  readonly onDidRemoveClient = this.removed.event;

  constructor(
    private readonly server: MockServer,
    private readonly limits: MockActivityLimits = { closedRows: KEPT_CLOSED_ROWS, closedLogs: KEPT_CLOSED_LOGS },
  ) {
    this.subscriptions = [
      server.onDidEvent((event) => {
        if (event.type === 'connected') this.connected(event.client.id);
        else if (event.type === 'disconnected') this.disconnected(event.client.id);
      }),
      server.onDidChangeClient((client) => this.tracked.has(client.id) && this.changed.fire(client.id)),
    ];
    for (const info of server.clients()) this.connected(info.id);
  }

  /** Clients connected now. */
  get clientsNow(): number {
    let open = 0;
    for (const t of this.tracked.values()) if (!t.final) open++;
    return open;
  }

  /** Clients that connected since the mock started. */
  get clientsTotal(): number {
    return this.total;
  }

  /** Messages of every client since the mock started: from clients (in) and to them (out). */
  messageTotals(): { readonly messagesIn: number; readonly messagesOut: number } {
    let { messagesIn, messagesOut } = this.forgotten;
    for (const id of this.tracked.keys()) {
      const counters = this.record(id)!.counters;
      messagesIn += counters.messagesIn;
      messagesOut += counters.messagesOut;
    }
    return { messagesIn, messagesOut };
  }

  /** Ids of the tracked clients, in the order they connected. */
  ids(): string[] {
    return [...this.tracked.keys()];
  }

  record(id: string): MockClientRecord | undefined {
    const t = this.tracked.get(id);
    if (!t) return undefined;
    if (t.final) return { ...t.final, logAvailable: t.client !== undefined };
    const client = t.client!;
    return { info: client.info(), counters: client.log.totals, open: client.open, logAvailable: true };
  }

  /** The client, while its log is kept: connected, or among the last closed. */
  client(id: string): MockClient | undefined {
    return this.tracked.get(id)?.client;
  }

  /** Stops listening; what was seen stays readable (a stopped mock's panel still shows it). */
  dispose(): void {
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
    for (const t of this.tracked.values()) t.unsubscribe();
    this.changed.dispose();
    this.removed.dispose();
  }

  private connected(id: string): void {
    const client = this.server.client(id);
    if (!client || this.tracked.has(id)) return;
    this.total++;
    const unsubscribe = client.log.onDidAppend(() => this.changed.fire(id));
    this.tracked.set(id, { client, final: undefined, unsubscribe });
    this.changed.fire(id);
  }

  private disconnected(id: string): void {
    const t = this.tracked.get(id);
    if (!t?.client || t.final) return;
    const info = t.client.info();
    const closedAt = closedTime(t.client) ?? Date.now();
    t.final = { info, counters: t.client.log.totals, open: false, closedAt };
    t.unsubscribe();
    this.closedOrder.push(id);
    this.forgetOldClosed();
    this.changed.fire(id);
  }

  /** Drops the logs, then the rows, of the oldest closed clients beyond the limits. */
  private forgetOldClosed(): void {
    const closed = this.closedOrder;
    for (const id of closed.slice(0, Math.max(0, closed.length - this.limits.closedLogs))) {
      const t = this.tracked.get(id);
      if (t?.client) {
        t.client = undefined;
        this.changed.fire(id);
      }
    }
    while (closed.length > this.limits.closedRows) {
      const id = closed.shift()!;
      const final = this.tracked.get(id)?.final;
      this.tracked.delete(id);
      if (final) this.forgotten = { messagesIn: this.forgotten.messagesIn + final.counters.messagesIn, messagesOut: this.forgotten.messagesOut + final.counters.messagesOut };
      this.removed.fire(id);
    }
  }
}

function closedTime(client: MockClient): number | undefined {
  const events = client.lifecycle;
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.kind === 'closed') return events[i]!.time;
  return undefined;
}
