/**
 * What one connection attempt is given by the connection it belongs to (its settings, and the
 * TLS options and proxy to reach the server by) and what it hands back when it ends.
 */
import type { CloseInfo } from './connectionTypes';
import type { ResolvedProxy } from './proxy';
import type { TlsConnectionOptions, TlsSettingNames } from './tlsOptions';

/** What one attempt needs from the connection it belongs to. */
export interface AttemptSettings {
  readonly handshakeTimeoutMs: number;
  readonly maxPayloadBytes: number;
  readonly perMessageDeflate: boolean;
  /** A 3xx ends the attempt with a redirect for the connection to follow, instead of failing it. */
  readonly followRedirects: boolean;
  readonly autoPong: boolean;
  readonly keepAliveMs?: number;
  readonly secretHeaders?: readonly string[];
  readonly tlsSettingNames?: TlsSettingNames;
}

/** How an attempt ended: its close, and where a followed redirect leads. */
export interface AttemptOutcome {
  readonly close: CloseInfo;
  readonly redirect?: { readonly status: number; readonly location: string; readonly from: URL };
}

/** How to reach the server: TLS options read from the settings, and the proxy, if any. */
export interface AttemptTransport {
  readonly tls?: TlsConnectionOptions;
  readonly proxy?: ResolvedProxy;
}
