// Plays the host's log inside the page: answers `log/range` at once with generated rows, so
// tests and the panel benchmark can scroll logs of any length without a round trip to Node.
import type { Page } from 'playwright-core';
import { T0 } from './fixtures';

/**
 * Answers every `log/range` for an unfiltered log of ids 1 to `total` (positions 0 to total-1),
 * each row like fixtures' `message(id)`. Returns when installed.
 */
export function serveLogRanges(page: Page, total: number): Promise<void> {
  return page.evaluate(
    ({ total, t0 }) => {
      const w = window as unknown as { __onPost?: (m: { type: string; requestId: number; start: number; count: number }) => void };
      w.__onPost = (m) => {
        if (m.type !== 'log/range') return;
        const start = Math.min(m.start, total);
        const end = Math.min(total, m.start + m.count);
        const messages: unknown[] = [];
        for (let p = start; p < end; p++) {
          const id = p + 1;
          messages.push({ id, time: t0 + id, direction: 'in', kind: 'text', size: 5, preview: `msg ${id}`, truncated: false, frames: 1, compressed: false, violations: [] });
        }
        // Answer as a message event, after the current task, as the real host would.
        setTimeout(() => window.postMessage({ type: 'host/result', requestId: m.requestId, ok: true, value: { first: 0, end: total, start, messages } }, '*'));
      };
    },
    { total, t0: T0 },
  );
}
