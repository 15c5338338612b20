import type { ConnectionSnapshot, ConnectionState } from '../../core/client/connectionTypes';
import type { LogCounters } from '../../core/log/sessionLog';
import { describeFailure, hasFailed, lastAttemptOpened } from '../../shared/connectionOutcome';

/** What a row of the Connections view shows, worked out without the vscode API so it can be unit tested. */
export interface ConnectionRow {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** A codicon name for a ThemeIcon. */
  readonly icon: string;
  /** Plain text: a close reason or error message from the wire is not Markdown. */
  readonly tooltip: string;
  /** `socketLens.connection.<state>`: the menus show Disconnect only while it is live. */
  readonly contextValue: string;
}

const ICONS: Record<ConnectionState, string> = {
  connecting: 'loading~spin',
  open: 'plug',
  closing: 'loading~spin',
  closed: 'debug-disconnect',
};

export function toConnectionRow(snapshot: ConnectionSnapshot, totals: Pick<LogCounters, 'messagesIn' | 'messagesOut'>): ConnectionRow {
  const failed = hasFailed(snapshot);
  const state = `${stateText(snapshot)} · ↓ ${totals.messagesIn} ↑ ${totals.messagesOut}`;
  return {
    id: snapshot.id,
    // A named connection (saved, or a replay) by its name, its address beside it.
    label: snapshot.label ?? hostAndPath(snapshot.url),
    description: snapshot.label === undefined ? state : `${hostAndPath(snapshot.url)} · ${state}`,
    icon: failed ? 'error' : ICONS[snapshot.state],
    tooltip: tooltipOf(snapshot, totals),
    contextValue: `socketLens.connection.${snapshot.state}`,
  };
}

/** `host:port/path?query`: the scheme says little in a list of WebSocket connections, and the query can tell two apart. */
export function hostAndPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** The state as the Connections view and pickers say it: "failed · 404 Not Found" for one that failed, as its panel does. */
export function stateText(snapshot: ConnectionSnapshot): string {
  if (!hasFailed(snapshot)) return snapshot.state;
  const { response } = snapshot.handshake;
  return describeFailure({ statusCode: response?.statusCode, statusText: response?.statusMessage, close: snapshot.close, lifecycle: snapshot.lifecycle });
}

function tooltipOf(snapshot: ConnectionSnapshot, totals: Pick<LogCounters, 'messagesIn' | 'messagesOut'>): string {
  const state = hasFailed(snapshot) ? 'failed' : snapshot.state;
  const lines = [snapshot.url, `State: ${state} · ${totals.messagesIn} received, ${totals.messagesOut} sent`];
  // An attempt that never opened had no WebSocket to close: its 1006 would describe nothing.
  if (snapshot.close && lastAttemptOpened(snapshot.lifecycle)) lines.push(`Closed with ${snapshot.close.code}${snapshot.close.reason ? ` "${snapshot.close.reason}"` : ''}`);
  if (snapshot.error) lines.push(`Error: ${snapshot.error.message}`);
  return lines.join('\n');
}
