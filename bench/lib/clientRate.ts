import type * as ClientModule from '../../src/core/client/clientConnection';
import { countFor, type RoundTiming } from './flood';

export type ClientConnectionClass = typeof ClientModule.ClientConnection;
export type ClientConnection = InstanceType<ClientConnectionClass>;

export interface ClientRoundOptions extends RoundTiming {
  /** Offer permessage-deflate (the product's default is to offer it). */
  readonly perMessageDeflate: boolean;
  /** Once the connection has finished, before it is disposed: may throw to fail the round. */
  readonly check?: (connection: ClientConnection) => void;
}

/**
 * Opens a `ClientConnection` to `url` the way the extension does (its default log budget, a
 * default handshake), and returns the messages per second that reached its session log during
 * the count. Then it aborts the connection, waits for its end and hands it to `check`.
 */
export async function clientReceiveRate(Client: ClientConnectionClass, url: string, options: ClientRoundOptions): Promise<number> {
  const connection = new Client({ url: new URL(url), perMessageDeflate: options.perMessageDeflate });
  const finished = new Promise<void>((resolve) => connection.onDidFinish(() => resolve()));
  try {
    await connection.connect();
    const rate = await new Promise<number>((resolve) => countFor(options, () => connection.log.nextId, resolve));
    connection.abort();
    await finished;
    options.check?.(connection);
    return rate;
  } finally {
    connection.dispose();
  }
}
