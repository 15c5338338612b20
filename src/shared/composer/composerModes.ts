/** What the composer can send, and how each kind is typed. */

export type ComposerMode = 'text' | 'json' | 'hex' | 'base64' | 'file' | 'ping' | 'pong' | 'close';

export interface ComposerModeInfo {
  readonly mode: ComposerMode;
  readonly label: string;
  /** The placeholder of the message box. */
  readonly placeholder: string;
  /** Sends a data message (text or binary), which may be fragmented and repeated. */
  readonly data: boolean;
}

export const COMPOSER_MODES: readonly ComposerModeInfo[] = [
  { mode: 'text', label: 'Text', placeholder: 'Message text; {{name}} inserts a variable', data: true },
  { mode: 'json', label: 'JSON', placeholder: '{"type": "hello"}; checked as you type', data: true },
  { mode: 'hex', label: 'Binary (hex)', placeholder: 'Bytes as hex, e.g. 48 65 6c 6c 6f or 0x48,0x65', data: true },
  { mode: 'base64', label: 'Binary (base64)', placeholder: 'Bytes as base64, e.g. SGVsbG8=', data: true },
  { mode: 'file', label: 'Binary (file)', placeholder: '', data: true },
  { mode: 'ping', label: 'Ping', placeholder: 'Ping payload (optional, at most 125 bytes of UTF-8)', data: false },
  { mode: 'pong', label: 'Pong', placeholder: 'Pong payload (optional, at most 125 bytes of UTF-8)', data: false },
  { mode: 'close', label: 'Close', placeholder: '', data: false },
];

const BY_MODE = new Map(COMPOSER_MODES.map((info) => [info.mode, info]));

export function modeInfo(mode: ComposerMode): ComposerModeInfo {
  return BY_MODE.get(mode)!;
}

export function isComposerMode(value: unknown): value is ComposerMode {
  return typeof value === 'string' && BY_MODE.has(value as ComposerMode);
}

/** Modes whose text box holds the message (not file or close). */
export function hasTextBox(mode: ComposerMode): boolean {
  return mode !== 'file' && mode !== 'close';
}
