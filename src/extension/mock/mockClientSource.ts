import type { MockClient } from '../../core/mock/mockClient';
import type { MockServer } from '../../core/mock/mockServer';
import type { ConnectionStateView, ConnectionView } from '../../shared/viewModels';
import type { PanelSource } from '../panel/panelSource';
import { toCountersView } from '../panel/viewModelMapping';

/** A mock's client in the panel: its handshake seen from the server, its frames, and what the mock sends it. */
export function mockClientSource(server: MockServer, client: MockClient, mockLabel: string): PanelSource {
  return {
    id: `mock-${client.id}`,
    title: `Mock ${mockLabel} · ${client.id}`,
    log: client.log,
    onDidChange: (listener) => server.onDidChangeClient((changed) => changed === client && listener()),
    view: () => mockClientView(server, client),
    sendText: (text) => client.send('text', Buffer.from(text, 'utf8')),
    close: (code, reason) => client.close(code, reason),
  };
}

function mockClientView(server: MockServer, client: MockClient): ConnectionView {
  const info = client.info();
  const state: ConnectionStateView = info.closed ? 'closed' : client.open ? 'open' : 'closing';
  return {
    id: `mock-${info.id}`,
    url: `${server.url}${info.path}`,
    recordedBy: 'server',
    state,
    handshake: {
      requestLine: `GET ${info.path} HTTP/1.1`,
      requestHeaders: info.headers,
      statusLine: info.response.statusLine,
      statusCode: 101,
      responseHeaders: info.response.headers,
      protocol: info.protocol,
      extensions: info.extensions,
    },
    lifecycle: client.lifecycle,
    close: info.closed,
    counters: toCountersView(client.log),
  };
}
