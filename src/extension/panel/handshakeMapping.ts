import { createHash } from 'node:crypto';
import type { AcceptCheck } from '../../core/protocol/handshake';
import { WEBSOCKET_GUID } from '../../core/protocol/handshake';
import type { CertificateInfo, Handshake, HandshakeTiming, HeaderList, TlsInfo } from '../../core/client/connectionTypes';
import { parseExtensions, parseSubprotocols } from '../../core/protocol/negotiation';
import type { CertificateView, ExtensionView, HandshakeTimingView, HandshakeView, TlsView } from '../../shared/viewModels';

/** The handshake tab's data: request and response as on the wire, the checks spelled out, the timing. */
export function toHandshakeView(handshake: Handshake): HandshakeView {
  const { request, response } = handshake;
  const offeredProtocols = parseSubprotocols(headerValues(request?.headers, 'sec-websocket-protocol')).value;
  const offeredExtensions = toExtensionViews(headerValues(request?.headers, 'sec-websocket-extensions'));
  return {
    requestLine: request && `${request.method} ${request.path} HTTP/1.1`,
    requestHeaders: request?.headers ?? [],
    statusLine: response && `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage}`.trim(),
    statusCode: response?.statusCode,
    responseHeaders: response?.headers ?? [],
    responseBody: response?.body,
    accept: handshake.accept && toAcceptView(handshake.accept),
    protocol: handshake.protocol,
    extensions: handshake.extensions,
    tls: handshake.tls && toTlsView(handshake.tls),
    timing: handshake.timing && toTimingView(handshake.timing),
    extensionList: handshake.extensions === undefined ? undefined : toExtensionViews(handshake.extensions),
    ...(offeredProtocols.length > 0 && { offeredProtocols }),
    ...(offeredExtensions.length > 0 && { offeredExtensions }),
  };
}

/** RFC 6455 §4.2.2: the SHA-1 the expected Accept is the base64 of, in hex, to show each step. */
function toAcceptView(accept: AcceptCheck): NonNullable<HandshakeView['accept']> {
  const sha1Hex = createHash('sha1').update(accept.key + WEBSOCKET_GUID).digest('hex');
  return { key: accept.key, expected: accept.expected, received: accept.received, valid: accept.valid, sha1Hex };
}

/** Which mark ends each step, in the order they happen on the wire. */
const STEPS = [
  ['dnsMs', 'dnsResolved'],
  ['tcpMs', 'tcpConnected'],
  ['proxyMs', 'proxyConnected'],
  ['tlsMs', 'tlsEstablished'],
  ['upgradeMs', 'responseReceived'],
] as const;

type StepDurations = { -readonly [K in (typeof STEPS)[number][0]]?: number };

/** The marks as durations back to back: each step runs from the end of the one before it. */
export function toTimingView(timing: HandshakeTiming): HandshakeTimingView {
  const durations: StepDurations = {};
  let previous = timing.start;
  for (const [step, mark] of STEPS) {
    const end = timing[mark];
    if (end === undefined) continue;
    durations[step] = Math.max(0, end - previous);
    previous = end;
  }
  return { ...durations, totalMs: previous - timing.start, viaProxy: timing.proxied, skipped: skippedSteps(timing) };
}

function skippedSteps(timing: HandshakeTiming): HandshakeTimingView['skipped'] {
  const dns = timing.proxied ? 'the proxy resolves the name' : timing.ipLiteral ? 'an IP address, nothing to look up' : undefined;
  const tls = timing.secure ? undefined : 'ws:// is not encrypted';
  return { ...(dns && { dns }), ...(tls && { tls }) };
}

export function toExtensionViews(header: string | undefined): ExtensionView[] {
  return parseExtensions(header).value.map((extension) => ({
    name: extension.name,
    params: extension.params.map(({ name, value }) => (value === true ? { name } : { name, value })),
  }));
}

function toTlsView(tls: TlsInfo): TlsView {
  return { ...tls, certificates: tls.certificates.map(toCertificateView) };
}

function toCertificateView(certificate: CertificateInfo): CertificateView {
  return { ...certificate, validFromTime: dateTime(certificate.validFrom), validToTime: dateTime(certificate.validTo) };
}

/** Node's "Nov 22 12:00:00 2026 GMT" as epoch milliseconds; undefined if it cannot be read. */
function dateTime(text: string): number | undefined {
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

/** Every value of a header, joined as one list (a header may be sent more than once). */
function headerValues(headers: HeaderList | undefined, name: string): string | undefined {
  const values = headers?.filter(([n]) => n.toLowerCase() === name).map(([, value]) => value) ?? [];
  return values.length > 0 ? values.join(', ') : undefined;
}
