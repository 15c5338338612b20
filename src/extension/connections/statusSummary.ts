import { countOf } from '../../shared/format';

/** The status bar item's text and tooltip; undefined hides it. Pure, so it can be unit tested. */
export interface StatusSummary {
  readonly text: string;
  readonly tooltip: string;
}

export function toStatusSummary(liveConnections: number, runningMocks: number): StatusSummary | undefined {
  if (liveConnections === 0 && runningMocks === 0) return undefined;
  return {
    text: `$(plug) ${liveConnections} · $(radio-tower) ${runningMocks}`,
    tooltip: `Socket Lens: ${countOf(liveConnections, 'live connection')}, ${countOf(runningMocks, 'running mock server')}. Click to open one.`,
  };
}

