import { splitCredential } from '../redaction/redactHeaders';
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

/** The header with its credential referenced, the auth scheme kept readable (`Bearer ${secret:…}`). */
function referencedHeader(name: string, value: string, collector: SecretCollector): string {
  const { scheme, credential } = splitCredential(name, value);
  const reference = collector.reference(['header', name], credential);
  return scheme ? `${scheme} ${reference}` : reference;
}
