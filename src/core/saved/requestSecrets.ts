import { isSecretHeader } from '../redaction/secretNames';
import { buildUpgradeRequest, type UpgradeRequestOptions } from '../client/upgradeRequest';
import type { SecretCollector } from './extractedSecrets';

/** What a saved connection writes of a live upgrade request: URL, headers and subprotocols, secrets referenced. */
export interface RequestToSave {
  /** The URL with the `query` option added (its secrets still in it: see urlWithSecretReferences). */
  readonly url: URL;
  readonly headers?: Record<string, string>;
  readonly subprotocols?: string[];
}

/** Headers whose value starts with an auth scheme that is no secret and stays readable (`Bearer ${secret:…}`). */
const SCHEMED = new Set(['authorization', 'proxy-authorization']);

/**
 * The request a live connection sends, as it may be saved: its Origin, auth and cookies become
 * the headers they are sent as; the value of each secret header (see isSecretHeader, with the
 * connection's own `secretHeaders`) and each subprotocol kept secret goes to `collector`.
 */
export function requestWithSecretReferences(options: UpgradeRequestOptions & { readonly secretHeaders?: readonly string[] }, collector: SecretCollector): RequestToSave {
  const request = buildUpgradeRequest(options);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = isSecretHeader(name, options.secretHeaders) && value !== '' ? referencedHeader(name, value, collector) : value;
  }
  const secretProtocols = isSecretHeader('Sec-WebSocket-Protocol', options.secretHeaders);
  const subprotocols = request.protocols.map((p, i) => (secretProtocols ? collector.reference(['subprotocol', String(i + 1)], p) : p));
  return {
    url: request.url,
    ...(Object.keys(headers).length > 0 && { headers }),
    ...(subprotocols.length > 0 && { subprotocols }),
  };
}

function referencedHeader(name: string, value: string, collector: SecretCollector): string {
  const scheme = SCHEMED.has(name.toLowerCase()) ? /^(\S+)\s+(\S.*)$/.exec(value) : null;
  if (scheme) return `${scheme[1]} ${collector.reference(['header', name], scheme[2]!)}`;
  return collector.reference(['header', name], value);
}
