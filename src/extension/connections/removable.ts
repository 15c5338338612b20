import type { ConnectionSnapshot } from '../../core/client/connectionTypes';
import { SocketLensError } from '../../core/errors';
import { redactUrl } from '../../core/redaction/redactUrl';

/**
 * Why a connection cannot be removed now, or undefined when it can: only a closed one goes, so a
 * socket is never dropped without a close handshake and a reconnect in flight is not lost.
 */
export function removalRefusal(snapshot: Pick<ConnectionSnapshot, 'state' | 'url'>): SocketLensError | undefined {
  if (snapshot.state === 'closed') return undefined;
  return new SocketLensError('session/live', `The connection to ${redactUrl(snapshot.url)} is ${snapshot.state}: disconnect it first, then remove it.`);
}
