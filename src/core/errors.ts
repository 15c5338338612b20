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
  /** The server's answer to the upgrade is not HTTP, or breaks HTTP's limits. */
  | 'connection/bad-response'
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
  | 'log/evicted'
  | 'log/save'
  | 'export/write'
  | 'saved/file'
  | 'saved/unknown'
  | 'saved/unresolved'
  | 'saved/no-message'
  | 'saved/not-referenced'
  | 'saved/untrusted'
  | 'saved/literal-secret'
  | 'import/har'
  | 'import/read'
  | 'import/mock'
  | 'connection/not-reconnectable'
  | 'session/live'
  | 'session/unknown'
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

/** The `code` of what Node or a library threw (`ENOENT`, `ERR_TLS_…`), or '' when it has none. */
export function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('code' in error)) return '';
  return error.code === undefined || error.code === null ? '' : String(error.code);
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why reading a file failed, by its errno: it is not there, it is a folder, or it may not be read. */
export type FileErrorKind = 'missing' | 'folder' | 'denied';

const FILE_ERRORS: ReadonlyMap<string, FileErrorKind> = new Map([
  ['ENOENT', 'missing'],
  ['EISDIR', 'folder'],
  ['EACCES', 'denied'],
  ['EPERM', 'denied'],
]);

export function fileErrorKind(error: unknown): FileErrorKind | undefined {
  return FILE_ERRORS.get(errorCode(error));
}

/**
 * Why a file could not be read, in words that follow its path: "does not exist", "is a folder,
 * not a file", "cannot be read (permission denied)" or "cannot be read (<Node's message>)".
 */
export function describeFileError(error: unknown, folder: 'folder' | 'directory' = 'folder'): string {
  switch (fileErrorKind(error)) {
    case 'missing':
      return 'does not exist';
    case 'folder':
      return `is a ${folder}, not a file`;
    case 'denied':
      return 'cannot be read (permission denied)';
    default:
      return `cannot be read (${errorMessage(error)})`;
  }
}
