import type { LifecycleEvent } from '../client/connectionTypes';
import type { Unsubscribe } from '../events/emitter';
import type { LogEntry } from '../log/logEntry';
import type { MockClient } from './mockClient';
import type { MockServer } from './mockServer';

/** What follows one client: each of its lifecycle events and, when given `message`, each entry of its log. */
export interface MockClientFollower {
  event(event: LifecycleEvent): void;
  message?(entry: LogEntry): void;
}

/**
 * Calls `follow` once for each client of `server`, when its first lifecycle event is recorded,
 * then hands the follower each lifecycle event of that client once, in order, and each entry
 * appended to its log. How many events a client's follower got is kept by the client itself,
 * not its id, and never reset: events still come after the server reports a client disconnected
 * (ws reports the close before the tap records TCP closing), and forgetting the client then
 * gave the whole lifecycle again and a second log subscription. A weak map lets a gone client go.
 * After the returned function is called, no follower gets anything more.
 */
export function followMockClients(server: MockServer, follow: (client: MockClient) => MockClientFollower): Unsubscribe {
  const followed = new WeakMap<MockClient, { readonly follower: MockClientFollower; given: number }>();
  let stopped = false;
  const unsubscribe = server.onDidChangeClient((client) => {
    let state = followed.get(client);
    if (!state) {
      const follower = follow(client);
      state = { follower, given: 0 };
      followed.set(client, state);
      // Ends with the client's log: a subscription per client, never a list of them to clean.
      if (follower.message) client.log.onDidAppend((entry) => {
        if (!stopped) follower.message!(entry);
      });
    }
    // Counted before each call, so an event recorded while a follower handles one is given once too.
    while (state.given < client.lifecycle.length) state.follower.event(client.lifecycle[state.given++]!);
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
