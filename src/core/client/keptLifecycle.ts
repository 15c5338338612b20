import type { EarlierEvents, LifecycleEvent } from './connectionTypes';

/**
 * The most lifecycle events a connection keeps: about a thousand reconnect attempts. A connection
 * that keeps dropping and reconnecting records events without end, and every change copies them
 * into its snapshot; past this, the oldest go a thousand at a time and are counted.
 */
export const LIFECYCLE_KEPT = 10_000;
const DROPPED_AT_ONCE = 1_000;

/**
 * A connection's lifecycle in time order, the newest LIFECYCLE_KEPT events of it, and a count of
 * the older ones it let go with when the first of them was.
 */
export class KeptLifecycle {
  private readonly events: LifecycleEvent[] = [];
  private dropped: EarlierEvents | undefined;

  /** Adds `event` in time order: frame events carry the time their bytes crossed, which may be a moment ago. */
  add(event: LifecycleEvent): void {
    let at = this.events.length;
    while (at > 0 && this.events[at - 1]!.time > event.time) at--;
    this.events.splice(at, 0, event);
    if (this.events.length <= LIFECYCLE_KEPT) return;
    const gone = this.events.splice(0, DROPPED_AT_ONCE);
    this.dropped = { count: (this.dropped?.count ?? 0) + gone.length, since: this.dropped?.since ?? gone[0]!.time };
  }

  /** What a snapshot holds: a copy of the kept events, and the count of those let go, if any. */
  snapshot(): { readonly lifecycle: readonly LifecycleEvent[]; readonly lifecycleEarlier?: EarlierEvents } {
    return { lifecycle: [...this.events], ...(this.dropped && { lifecycleEarlier: this.dropped }) };
  }
}

/** When the connection began: its first event, kept or not. */
export function startedAt(connection: { readonly lifecycle: readonly { readonly time: number }[]; readonly lifecycleEarlier?: EarlierEvents }): number | undefined {
  return connection.lifecycleEarlier?.since ?? connection.lifecycle[0]?.time;
}
