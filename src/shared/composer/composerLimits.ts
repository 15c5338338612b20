/** Limits the composer and the host both enforce, so a panel cannot talk the host past them. */

/** RFC 6455 §5.5: a control frame carries at most 125 bytes. */
export const MAX_CONTROL_PAYLOAD_BYTES = 125;
/** RFC 6455 §5.5: a close frame's reason gets what its 2-byte code leaves of those 125. */
export const MAX_CLOSE_REASON_BYTES = 123;
/** Largest file the composer sends; larger ones are refused before they are read. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Longest base64 the host takes in one request: a file at the limit, with room to spare. */
export const MAX_BASE64_CHARS = Math.ceil((16 * 1024 * 1024) / 3) * 4;
/** Most frames one message may be cut into from the composer. */
export const MAX_FRAGMENTS = 1000;
/** Repeats faster than this are floods, which the benchmarks are for. */
export const MIN_REPEAT_MS = 10;
/** A day: longer intervals are more likely a typo than a plan. */
export const MAX_REPEAT_MS = 24 * 60 * 60 * 1000;
/** Longest saved-message name a panel may ask for (names come from the saved-connections file). */
export const MAX_SAVED_MESSAGE_NAME_CHARS = 1000;
