import type { ClientDraft } from './clientActions';

/** What the mock panel remembers across hide/show and reloads (versioned, per VS Code's setState). */
export interface MockPanelState {
  readonly version: 1;
  readonly selected?: string;
  readonly client: ClientDraft;
  readonly broadcast: string;
}

const EMPTY: MockPanelState = { version: 1, client: { text: '', code: '1000', reason: '' }, broadcast: '' };

export function readMockPanelState(raw: unknown): MockPanelState {
  if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== 1) return EMPTY;
  const { selected, client, broadcast } = raw as Record<string, unknown>;
  const draft = (typeof client === 'object' && client !== null ? client : {}) as Record<string, unknown>;
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  return {
    version: 1,
    ...(typeof selected === 'string' && { selected }),
    client: { text: text(draft['text'], ''), code: text(draft['code'], '1000'), reason: text(draft['reason'], '') },
    broadcast: text(broadcast, ''),
  };
}
