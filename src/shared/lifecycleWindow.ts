import type { ConnectionView, LifecycleEventView } from './viewModels';

/**
 * The most lifecycle events a panel is sent and draws: about 50 reconnect attempts. A connection
 * that keeps dropping and reconnecting records events without end; sending and drawing them all
 * on every new one would make the panel slower with each attempt. Earlier events are counted in
 * `lifecycleEarlier`; the Socket Lens output channel has a line for each attempt, its outcome,
 * its close and the retry.
 */
export const LIFECYCLE_SHOWN = 500;

/**
 * The newest LIFECYCLE_SHOWN of `events` at most, from the first attempt that begins among them,
 * and how many came before them and since when, counting `earlier`: those the connection itself
 * no longer keeps.
 */
export function windowLifecycle(events: readonly LifecycleEventView[], earlier?: ConnectionView['lifecycleEarlier']): Pick<ConnectionView, 'lifecycle' | 'lifecycleEarlier'> {
  const cut = attemptStart(events, Math.max(0, events.length - LIFECYCLE_SHOWN));
  const lifecycle = cut > 0 ? events.slice(cut) : events;
  const count = (earlier?.count ?? 0) + cut;
  return count === 0 ? { lifecycle } : { lifecycle, lifecycleEarlier: { count, since: earlier?.since ?? events[0]!.time } };
}

/** Where the first attempt at or after `from` begins (its `connecting`), or `from` when none does. */
function attemptStart(events: readonly LifecycleEventView[], from: number): number {
  if (from === 0) return 0;
  for (let k = from; k < events.length; k++) if (events[k]!.kind === 'connecting') return k;
  return from;
}

/** When the connection began (its first event, shown or not): the time its offsets count from. */
export function connectionStart(view: Pick<ConnectionView, 'lifecycle' | 'lifecycleEarlier'>): number | undefined {
  return view.lifecycleEarlier?.since ?? view.lifecycle[0]?.time;
}
