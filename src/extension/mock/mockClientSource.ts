import { checkClose } from '../../core/client/connectionErrors';
import { payloadOf, type OutgoingMessage } from '../../core/client/outgoing';
import { Repeater } from '../../core/client/repeater';
import { errorMessage, SocketLensError } from '../../core/errors';
import type { MockClient } from '../../core/mock/mockClient';
import type { MockServer } from '../../core/mock/mockServer';
import { windowLifecycle } from '../../shared/lifecycleWindow';
import type { ConnectionStateView, ConnectionView } from '../../shared/viewModels';
import type { PanelSource } from '../panel/panelSource';
import { toHandshakeView } from '../panel/handshakeMapping';
import { toCountersView } from '../panel/viewModelMapping';

/** A mock's client in the panel: its handshake seen from the server, its frames, and what the mock sends it. */
export function mockClientSource(server: MockServer, client: MockClient, mockLabel: string): PanelSource {
  return {
    id: `mock-${client.id}`,
    title: `Mock ${mockLabel} · ${client.id}`,
    log: client.log,
    onDidChange: (listener) => server.onDidChangeClient((changed) => changed === client && listener()),
    view: () => mockClientView(server, client),
    send: (message, fragments) => openClient(client).send(message.kind, payloadOf(message), fragments),
    control: (opcode, data) => openClient(client).control(opcode, data),
    repeat: (message, everyMs) => repeatTo(client, message, everyMs),
    close: (code, reason) => {
      const invalid = checkClose(code, reason);
      if (invalid) throw invalid;
      client.close(code, reason);
    },
  };
}

/** The client, if it can still be sent to: MockClient skips sends to a closed client, which the panel must not do silently. */
function openClient(client: MockClient): MockClient {
  if (!client.open) throw new SocketLensError('connection/not-open', `Cannot send: client ${client.id} is no longer connected to the mock.`);
  return client;
}

/** A host-side repeat to a mock's client; it stops once the client is gone, and notes a failed send in its lifecycle. */
function repeatTo(client: MockClient, message: OutgoingMessage, everyMs: number): Repeater {
  openClient(client);
  const sendOnce = (): boolean => {
    if (!client.open) return false;
    client.send(message.kind, payloadOf(message));
    return true;
  };
  return new Repeater(sendOnce, { everyMs }, (error) => client.note('error', `a repeated send failed: ${errorMessage(error)}`));
}

function mockClientView(server: MockServer, client: MockClient): ConnectionView {
  const info = client.info();
  const state: ConnectionStateView = info.closed ? 'closed' : client.open ? 'open' : 'closing';
  return {
    id: `mock-${info.id}`,
    url: `${server.url}${info.target}`,
    recordedBy: 'server',
    state,
    // As a connection's: what the client offered is read from its request, the same way.
    handshake: {
      ...toHandshakeView({ request: { method: 'GET', path: info.target, headers: info.headers }, protocol: info.protocol, extensions: info.extensions }),
      statusLine: info.response.statusLine,
      statusCode: 101,
      responseHeaders: info.response.headers,
    },
    ...windowLifecycle(client.lifecycle),
    close: info.closed,
    counters: toCountersView(client.log),
  };
}
