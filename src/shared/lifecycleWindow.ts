import type { ConnectionView, LifecycleEventView } from './viewModels';

/**
 * The most lifecycle events a panel is sent and draws: about 50 reconnect attempts. A connection
 * that keeps dropping and reconnecting records events without end; sending and drawing them all
 * on every new one would make the panel slower with each attempt. Earlier events are counted in
 * `lifecycleEarlier`; the connection keeps them all, and the Socket Lens output channel has a
 * line for each attempt, its outcome, its close and the retry.
 */
export const LIFECYCLE_SHOWN = 500;

/** The newest LIFECYCLE_SHOWN events of `events`, and how many came before them and since when. */
export function windowLifecycle(events: readonly LifecycleEventView[]): Pick<ConnectionView, 'lifecycle' | 'lifecycleEarlier'> {
  const earlier = events.length - LIFECYCLE_SHOWN;
  if (earlier <= 0) return { lifecycle: events };
  return { lifecycle: events.slice(earlier), lifecycleEarlier: { count: earlier, since: events[0]!.time } };
}

/** When the connection began (its first event, shown or not): the time its offsets count from. */
export function connectionStart(view: Pick<ConnectionView, 'lifecycle' | 'lifecycleEarlier'>): number | undefined {
  return view.lifecycleEarlier?.since ?? view.lifecycle[0]?.time;
}
