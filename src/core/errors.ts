/** Stable, machine-readable codes for every error Socket Lens reports to a person. */
export type SocketLensErrorCode =
  | 'url/empty'
  | 'url/malformed'
  | 'url/scheme'
  | 'url/fragment'
  | 'url/host'
  | 'connection/request'
  | 'connection/not-open'
  | 'connection/handshake-rejected'
  | 'connection/handshake-timeout'
  | 'connection/bad-accept'
  | 'connection/bad-subprotocol'
  | 'connection/bad-extension'
  | 'connection/redirect'
  | 'connection/network'
  | 'connection/tls'
  | 'connection/tls-config'
  | 'connection/proxy'
  | 'connection/proxy-config'
  | 'connection/send-failed'
  | 'connection/send-input'
  | 'connection/close-code'
  | 'connection/closed'
  | 'connection/protocol-error'
  | 'frame/invalid-spec'
  | 'mock/listen'
  | 'mock/tls'
  | 'mock/client'
  | 'decode/input'
  | 'log/input'
  | 'log/query'
  | 'mock/definition';

/** An error with a stable code and a message that says what was wrong and what to do. */
export class SocketLensError extends Error {
  override readonly name = 'SocketLensError';
  constructor(
    readonly code: SocketLensErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The `{ code, message }` shape that crosses process and webview boundaries. */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof SocketLensError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}
