import { SocketLensError } from '../errors';
import type { ConnectionAttempt } from './connectionAttempt';
import type { ConnectionState } from './connectionTypes';

/** Where a client connection is between `connect()` and its end. */
export type Phase =
  | { readonly kind: 'idle' }
  /** Checking the request, reading TLS files. */
  | { readonly kind: 'preparing' }
  | { readonly kind: 'attempt'; readonly attempt: ConnectionAttempt }
  /** Waiting out the backoff before the next attempt. */
  | { readonly kind: 'waiting'; readonly timer: NodeJS.Timeout }
  /** Over: no attempt is running and none will start unless `reconnect()` is called. */
  | { readonly kind: 'finished' };

/** The state a connection in `phase` shows. */
export function phaseState(phase: Phase): ConnectionState {
  switch (phase.kind) {
    case 'attempt':
      return phase.attempt.state;
    case 'finished':
      return 'closed';
    default:
      // Preparing, or waiting to reconnect: it is on its way to connecting.
      return 'connecting';
  }
}

/** The attempt a send in `phase` goes to; without one, a 'connection/not-open' error that says what to do. */
export function sendingAttempt(phase: Phase): ConnectionAttempt {
  if (phase.kind === 'attempt') return phase.attempt;
  const why = phase.kind === 'waiting' ? 'It is waiting to reconnect.' : phase.kind === 'finished' ? 'Reconnect first.' : 'Wait until it opens.';
  throw new SocketLensError('connection/not-open', `Cannot send: the connection is ${phaseState(phase)}. ${why}`);
}
