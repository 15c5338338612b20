import type { MockClientRowView, MockServerView, MockStateView } from '../../shared/mockViewModels';
import type { MockActivity, MockClientRecord } from './mockActivity';

/** What the panel's header needs to know about the mock itself. */
export interface MockIdentity {
  readonly key: string;
  readonly label: string;
  /** The first path's URL (MockServer.firstPathUrl). */
  readonly url: string;
  readonly otherPaths: readonly string[];
}

/** `reachable`: what Copy gives for `mock.url` (see reachableUrl), once worked out. */
export function toMockServerView(mock: MockIdentity, state: MockStateView, activity: Pick<MockActivity, 'clientsNow' | 'clientsTotal' | 'messageTotals'>, reachable?: string): MockServerView {
  const { messagesIn, messagesOut } = activity.messageTotals();
  return {
    key: mock.key,
    name: mock.label,
    url: mock.url,
    ...(reachable !== undefined && reachable !== mock.url && { reachableUrl: reachable }),
    otherPaths: mock.otherPaths,
    state,
    clientsNow: state === 'running' ? activity.clientsNow : 0,
    clientsTotal: activity.clientsTotal,
    messagesIn,
    messagesOut,
  };
}

export function toMockClientRow(record: MockClientRecord): MockClientRowView {
  const { info, counters } = record;
  const closed = info.closed;
  return {
    id: info.id,
    remote: info.remote,
    path: info.path,
    ...(info.protocol !== undefined && { protocol: info.protocol }),
    connectedAt: info.connectedAt,
    ...(closed && record.closedAt !== undefined && { closedAt: record.closedAt }),
    state: closed ? 'closed' : record.open ? 'open' : 'closing',
    messagesIn: counters.messagesIn,
    messagesOut: counters.messagesOut,
    ...(closed && { close: { code: closed.code, reason: closed.reason, initiatedBy: closed.initiatedBy, wasClean: closed.wasClean } }),
    logAvailable: record.logAvailable,
  };
}
