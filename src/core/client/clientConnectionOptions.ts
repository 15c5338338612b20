import type { AttemptSettings } from './connectionAttempt';
import type { ProxyConfig } from './proxy';
import type { ReconnectOptions } from './reconnectPolicy';
import type { TlsSettingNames, TlsSettings } from './tlsOptions';
import type { UpgradeRequestOptions } from './upgradeRequest';

export interface ClientConnectionOptions extends UpgradeRequestOptions {
  /** What the person calls the connection (a saved connection's name, a replay's source), shown beside its URL. */
  readonly label?: string;
  readonly handshakeTimeoutMs?: number;
  /** Largest message accepted; bigger ones close the connection with 1009. */
  readonly maxPayloadBytes?: number;
  /** Offer permessage-deflate (RFC 7692). Default true. */
  readonly perMessageDeflate?: boolean;
  /** Follow 3xx answers to the upgrade. Default false; secret headers never follow to another origin. */
  readonly followRedirects?: boolean;
  readonly maxRedirects?: number;
  /** Header names to treat as secrets besides the usual ones (see isSecretHeader). */
  readonly secretHeaders?: readonly string[];
  /** Answer pings automatically. Default true; off to test how a server handles a silent client. */
  readonly autoPong?: boolean;
  /** Send a ping every so many milliseconds while open, and say when one goes unanswered. */
  readonly keepAliveMs?: number;
  /** TLS for wss: verification (on unless `insecure`), extra CA, client certificate, SNI. */
  readonly tls?: TlsSettings;
  /** How the TLS settings are called where the person sets them, for error messages. */
  readonly tlsSettingNames?: TlsSettingNames;
  /** An HTTP proxy to reach the server through (CONNECT); without it the connection is direct. */
  readonly proxy?: ProxyConfig;
  /** Reconnect when the connection fails or drops, unless we closed it. Off when not given. */
  readonly reconnect?: ReconnectOptions;
  readonly logBudgetBytes?: number;
}

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

/** What each attempt needs of the options, with the defaults filled in. */
export function attemptSettings(options: ClientConnectionOptions): AttemptSettings {
  return {
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    maxPayloadBytes: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
    perMessageDeflate: options.perMessageDeflate ?? true,
    followRedirects: options.followRedirects ?? false,
    autoPong: options.autoPong ?? true,
    keepAliveMs: options.keepAliveMs,
    secretHeaders: options.secretHeaders,
    tlsSettingNames: options.tlsSettingNames,
  };
}
