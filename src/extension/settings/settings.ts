/**
 * The `socketLens.*` settings, read and checked. Pure (it is handed VS Code's configuration as
 * a getter), so it is tested without VS Code. A value of the wrong type or out of range is
 * replaced by its default, and a problem says which setting, what it held and what was used.
 */
import type { ClientConnectionOptions } from '../../core/client/clientConnectionOptions';
import { DEFAULT_HANDSHAKE_TIMEOUT_MS, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_REDIRECTS } from '../../core/client/clientConnectionOptions';
import { DEFAULT_LOG_BUDGET_BYTES } from '../../core/log/sessionLog';
import { DEFAULT_MOCK_HOST } from '../../core/mock/mockServer';

/** Reads one setting under `socketLens.`, as VS Code's WorkspaceConfiguration.get does. */
export type SettingGetter = (key: string) => unknown;

export interface SocketLensSettings {
  /** What every new connection starts with (the URL, proxy and TLS come from elsewhere). */
  readonly connection: Pick<ClientConnectionOptions, 'handshakeTimeoutMs' | 'maxPayloadBytes' | 'perMessageDeflate' | 'followRedirects' | 'maxRedirects' | 'keepAliveMs' | 'reconnect' | 'logBudgetBytes'>;
  /** Where a mock listens when its file names no host. */
  readonly mockHost: string;
  /** Each session log's byte budget, for connections and mock clients alike. */
  readonly logBudgetBytes: number;
}

export interface ReadSettings {
  readonly settings: SocketLensSettings;
  /** One sentence per setting that held something unusable. */
  readonly problems: readonly string[];
}

const MIB = 1024 * 1024;

export function readSettings(get: SettingGetter): ReadSettings {
  const problems: string[] = [];
  const number = (key: string, fallback: number, min: number, max: number): number => {
    const value = get(key);
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
    problems.push(`socketLens.${key} must be a number from ${min} to ${max}; it is ${JSON.stringify(value)}, so ${fallback} is used.`);
    return fallback;
  };
  const flag = (key: string, fallback: boolean): boolean => {
    const value = get(key);
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    problems.push(`socketLens.${key} must be true or false; it is ${JSON.stringify(value)}, so ${fallback} is used.`);
    return fallback;
  };
  const text = (key: string, fallback: string, valid: (value: string) => boolean, what: string): string => {
    const value = get(key);
    if (value === undefined || value === null || value === '') return fallback;
    if (typeof value === 'string' && valid(value.trim())) return value.trim();
    problems.push(`socketLens.${key} must be ${what}; it is ${JSON.stringify(value)}, so ${fallback} is used.`);
    return fallback;
  };

  /** Backoff doubles from the first delay up to the cap, so a cap below the first delay is a mistake. */
  const reconnectSettings = () => {
    const initialDelayMs = number('reconnect.initialDelayMs', 500, 10, 600_000);
    let maxDelayMs = number('reconnect.maxDelayMs', 30_000, 10, 3_600_000);
    if (maxDelayMs < initialDelayMs) {
      problems.push(`socketLens.reconnect.maxDelayMs (${maxDelayMs}) is below socketLens.reconnect.initialDelayMs (${initialDelayMs}), so every retry waits ${initialDelayMs} ms. Raise maxDelayMs or lower initialDelayMs.`);
      maxDelayMs = initialDelayMs;
    }
    return { maxAttempts: number('reconnect.maxAttempts', 10, 1, 1000), initialDelayMs, maxDelayMs };
  };

  const logBudgetBytes = number('logBudgetMiB', DEFAULT_LOG_BUDGET_BYTES / MIB, 1, 4096) * MIB;
  const keepAliveMs = number('keepAliveMs', 0, 0, 3_600_000);
  const reconnect = flag('reconnect.enabled', false);
  const settings: SocketLensSettings = {
    connection: {
      handshakeTimeoutMs: number('handshakeTimeoutMs', DEFAULT_HANDSHAKE_TIMEOUT_MS, 100, 600_000),
      maxPayloadBytes: number('maxMessageBytes', DEFAULT_MAX_PAYLOAD_BYTES, 1, 1024 * MIB),
      perMessageDeflate: flag('perMessageDeflate', true),
      followRedirects: flag('followRedirects', false),
      maxRedirects: number('maxRedirects', DEFAULT_MAX_REDIRECTS, 0, 20),
      ...(keepAliveMs > 0 && { keepAliveMs }),
      ...(reconnect && { reconnect: reconnectSettings() }),
      logBudgetBytes,
    },
    mockHost: text('mock.host', DEFAULT_MOCK_HOST, isHostText, 'an IP address or host name such as 127.0.0.1'),
    logBudgetBytes,
  };
  return { settings, problems };
}

/** A host name or an IPv4/IPv6 address, without a port or scheme. */
function isHostText(value: string): boolean {
  return /^[A-Za-z0-9.-]+$/.test(value) || /^[0-9A-Fa-f:.]+$/.test(value);
}
