/**
 * How a connection ended, worked out once for its panel header and its Connections row so the
 * two say the same. A handshake the server answered with an HTTP status other than 101 is said
 * as that status: no WebSocket opened, so a close code (ws reports 1006) would describe nothing.
 */

export interface OutcomeFacts {
  readonly state: 'connecting' | 'open' | 'closing' | 'closed';
  readonly error?: unknown;
  readonly close?: { readonly wasClean: boolean };
}

/** It ended in an error, or without the closing handshake. */
export function hasFailed(facts: OutcomeFacts): boolean {
  return facts.state === 'closed' && (facts.error !== undefined || facts.close?.wasClean === false);
}

/** "404 Not Found" when the server refused the upgrade with an HTTP answer (RFC 6455 §4.1: anything but 101). */
export function refusedStatus(statusCode: number | undefined, statusText = ''): string | undefined {
  if (statusCode === undefined || statusCode === 101) return undefined;
  return `${statusCode} ${statusText}`.trim();
}

/** "Not Found" of "HTTP/1.1 404 Not Found". */
export function statusTextOf(statusLine: string | undefined): string {
  return statusLine?.replace(/^HTTP\/\S+\s+\d+\s*/, '') ?? '';
}

export interface FailureFacts {
  /** The status of the server's answer to the upgrade, and its reason phrase when known. */
  readonly statusCode?: number;
  readonly statusText?: string;
  readonly close?: { readonly code: number };
  readonly lifecycle: ReadonlyArray<{ readonly kind: string }>;
}

/**
 * "failed · 404 Not Found" for a refused upgrade, "failed · 1006" for a WebSocket that opened and
 * ended badly, else just "failed": the error's message is a sentence, said beside it (under the
 * panel's bar, in the row's tooltip). `failed` is the word as its caller writes it ("Failed").
 */
export function describeFailure(facts: FailureFacts, failed = 'failed'): string {
  const detail = refusedStatus(facts.statusCode, facts.statusText) ?? (facts.close && lastAttemptOpened(facts.lifecycle) ? String(facts.close.code) : undefined);
  return detail ? `${failed} · ${detail}` : failed;
}

/**
 * The newest attempt opened: an `open` came after its `connecting`. One that never opened had no
 * WebSocket to close. A record without attempts (a mock's client, an imported session) opened.
 */
export function lastAttemptOpened(lifecycle: ReadonlyArray<{ readonly kind: string }>): boolean {
  for (let i = lifecycle.length - 1; i >= 0; i--) {
    const kind = lifecycle[i]!.kind;
    if (kind === 'open') return true;
    if (kind === 'connecting') return false;
  }
  return true;
}
