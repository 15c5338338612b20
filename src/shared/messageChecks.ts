/** Checks shared by the parsers of what the webviews post (protocol.ts, mockProtocol.ts, the composer's requests). */

/** Longest text one message from a panel may carry (the host checks it again where it is used). */
export const MAX_COMPOSED_TEXT_CHARS = 16 * 1024 * 1024;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isRequestId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** The requestId of something a panel posted, if it has a usable one (to answer even a malformed request). */
export function requestIdOf(raw: unknown): number | undefined {
  return isRecord(raw) && isRequestId(raw['requestId']) ? raw['requestId'] : undefined;
}

/** The error a panel gets for a request the host could not read, instead of waiting for an answer that never comes. */
export function malformedRequestError(reason: string): { readonly code: string; readonly message: string } {
  return { code: 'protocol/malformed', message: `Socket Lens could not read this request from the panel (${reason}). Close and reopen the panel; if it happens again, please report it.` };
}
