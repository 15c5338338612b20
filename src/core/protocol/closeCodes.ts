/** What a close code means and whether an endpoint may put it on the wire (RFC 6455 §7.4, IANA registry). */
export interface CloseCodeInfo {
  readonly code: number;
  readonly name: string;
  readonly meaning: string;
  /** False for codes that only report a condition locally (1005, 1006, 1015) and for unassigned ones. */
  readonly sendable: boolean;
}

const REGISTERED: readonly CloseCodeInfo[] = [
  { code: 1000, name: 'Normal Closure', meaning: 'The purpose of the connection has been fulfilled.', sendable: true },
  { code: 1001, name: 'Going Away', meaning: 'The endpoint is going away: a server shutting down or a browser leaving the page.', sendable: true },
  { code: 1002, name: 'Protocol Error', meaning: 'The endpoint received a frame that breaks the protocol.', sendable: true },
  { code: 1003, name: 'Unsupported Data', meaning: 'The endpoint received a type of data it cannot accept (e.g. binary when it only takes text).', sendable: true },
  { code: 1004, name: 'Reserved', meaning: 'Reserved; its meaning may be defined in the future. Must not be sent.', sendable: false },
  { code: 1005, name: 'No Status Received', meaning: 'Reported locally when a close frame carried no code. Must not be sent.', sendable: false },
  { code: 1006, name: 'Abnormal Closure', meaning: 'Reported locally when TCP closed without a close frame. Must not be sent.', sendable: false },
  { code: 1007, name: 'Invalid Frame Payload Data', meaning: 'A message had data inconsistent with its type, such as invalid UTF-8 in a text message.', sendable: true },
  { code: 1008, name: 'Policy Violation', meaning: 'A message violated the endpoint\'s policy; used when no more specific code fits.', sendable: true },
  { code: 1009, name: 'Message Too Big', meaning: 'A message was too big to process.', sendable: true },
  { code: 1010, name: 'Mandatory Extension', meaning: 'The client expected the server to negotiate an extension it did not.', sendable: true },
  { code: 1011, name: 'Internal Error', meaning: 'The server met an unexpected condition that kept it from fulfilling the request.', sendable: true },
  { code: 1012, name: 'Service Restart', meaning: 'The service is restarting; reconnect later.', sendable: true },
  { code: 1013, name: 'Try Again Later', meaning: 'The service is overloaded; try again later.', sendable: true },
  { code: 1014, name: 'Bad Gateway', meaning: 'A gateway or proxy received an invalid response from the upstream server.', sendable: true },
  { code: 1015, name: 'TLS Handshake', meaning: 'Reported locally when the TLS handshake failed. Must not be sent.', sendable: false },
];

const BY_CODE = new Map(REGISTERED.map((info) => [info.code, info]));

/** Every registered code, in order, for pickers and documentation. */
export function registeredCloseCodes(): readonly CloseCodeInfo[] {
  return REGISTERED;
}

/** A description of any close code, registered or not. */
export function describeCloseCode(code: number): CloseCodeInfo {
  const known = BY_CODE.get(code);
  if (known) return known;
  if (code >= 3000 && code <= 3999) return { code, name: 'Registered for libraries', meaning: 'Used by libraries, frameworks and applications (registered with IANA).', sendable: true };
  if (code >= 4000 && code <= 4999) return { code, name: 'Private use', meaning: 'Defined by the application.', sendable: true };
  if (code >= 1016 && code <= 2999) return { code, name: 'Unassigned', meaning: 'Reserved for future versions of the protocol. Must not be sent.', sendable: false };
  return { code, name: 'Invalid', meaning: 'Not a close code: codes below 1000 and above 4999 are never used.', sendable: false };
}

/** Whether a received close frame may carry this code (RFC 6455 §7.4.1, §7.4.2). */
/** RFC 6455 §5.5: a control frame's payload is at most 125 bytes; a close frame's code takes 2. */
export const MAX_CLOSE_REASON_BYTES = 123;

export function isValidWireCloseCode(code: number): boolean {
  return Number.isInteger(code) && describeCloseCode(code).sendable;
}
