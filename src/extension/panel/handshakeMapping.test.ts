import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Handshake, HandshakeTiming } from '../../core/client/connectionTypes';
import { checkAccept } from '../../core/protocol/handshake';
import { connectTo, wsServer } from '../../core/testing/clientTesting';
import { toHandshakeView, toTimingView } from './handshakeMapping';

// RFC 6455 §1.3's example: this key's Accept is s3pPLMBiTxaQ9kYGzzhZRbK+xOo=.
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

const T = 1_700_000_000_000;
const BASE: HandshakeTiming = { start: T, secure: true, ipLiteral: false, proxied: false };

test('the Accept check carries the SHA-1 of key + GUID in hex, whose base64 is the expected value', () => {
  const accept = toHandshakeView({ accept: checkAccept(KEY, 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=') }).accept;
  assert.equal(accept?.sha1Hex, 'b37a4f2cc0624f1690f64606cf385945b2bec4ea');
  assert.equal(Buffer.from(accept!.sha1Hex!, 'hex').toString('base64'), accept?.expected);
  assert.equal(accept?.valid, true);
  const wrong = toHandshakeView({ accept: checkAccept(KEY, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=') }).accept;
  assert.deepEqual([wrong?.valid, wrong?.received, wrong?.sha1Hex], [false, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=', accept?.sha1Hex]);
});

test('timing: wss to a name has DNS, TCP, TLS and the upgrade back to back, summing to the total', () => {
  const timing = toTimingView({ ...BASE, dnsResolved: T + 3, tcpConnected: T + 21.5, tlsEstablished: T + 64.5, upgradeSent: T + 65, responseReceived: T + 88 });
  assert.deepEqual(timing, { dnsMs: 3, tcpMs: 18.5, tlsMs: 43, upgradeMs: 23.5, totalMs: 88, viaProxy: false, skipped: {} });
});

test('timing: ws:// to an IP address has no DNS and no TLS, and says why', () => {
  const timing = toTimingView({ ...BASE, secure: false, ipLiteral: true, tcpConnected: T + 1, upgradeSent: T + 1.1, responseReceived: T + 2.5 });
  assert.deepEqual(timing, { tcpMs: 1, upgradeMs: 1.5, totalMs: 2.5, viaProxy: false, skipped: { dns: 'an IP address, nothing to look up', tls: 'ws:// is not encrypted' } });
});

test('timing: through a proxy, TCP to it, then CONNECT, then TLS; the proxy resolves the name', () => {
  const timing = toTimingView({ ...BASE, proxied: true, tcpConnected: T + 2, proxyConnected: T + 12, tlsEstablished: T + 30, responseReceived: T + 40 });
  assert.deepEqual(timing, { tcpMs: 2, proxyMs: 10, tlsMs: 18, upgradeMs: 10, totalMs: 40, viaProxy: true, skipped: { dns: 'the proxy resolves the name' } });
});

test('timing: a handshake that stopped at TLS has the steps so far, the total up to the last', () => {
  const timing = toTimingView({ ...BASE, dnsResolved: T + 2, tcpConnected: T + 5 });
  assert.deepEqual(timing, { dnsMs: 2, tcpMs: 3, totalMs: 5, viaProxy: false, skipped: {} });
});

test('extensions: the 101 and the offer parsed into names and parameters, bare parameters without a value', () => {
  const handshake: Handshake = {
    request: { method: 'GET', path: '/', headers: [['Sec-WebSocket-Protocol', 'chat, superchat'], ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'], ['sec-websocket-protocol', 'v2']] },
    extensions: 'permessage-deflate; client_max_window_bits=15; server_no_context_takeover, x-custom; mode="fast"',
  };
  const view = toHandshakeView(handshake);
  assert.deepEqual(view.extensionList, [
    { name: 'permessage-deflate', params: [{ name: 'client_max_window_bits', value: '15' }, { name: 'server_no_context_takeover' }] },
    { name: 'x-custom', params: [{ name: 'mode', value: 'fast' }] },
  ]);
  assert.deepEqual(view.offeredExtensions, [{ name: 'permessage-deflate', params: [{ name: 'client_max_window_bits' }] }]);
  assert.deepEqual(view.offeredProtocols, ['chat', 'superchat', 'v2'], 'every Sec-WebSocket-Protocol line counts');
  assert.equal(toHandshakeView({}).extensionList, undefined, 'no extension negotiated: no list');
});

test('certificates: validity dates also as times, to count the days left', () => {
  const certificate = { subject: 'CN=a', issuer: 'CN=b', validFrom: 'Jan  1 00:00:00 2026 GMT', validTo: 'Apr  1 00:00:00 2026 GMT', serialNumber: '01', fingerprint256: 'AA' };
  const tls = toHandshakeView({ tls: { protocol: 'TLSv1.3', cipher: 'X', authorized: true, certificates: [certificate, { ...certificate, validTo: 'whenever' }] } }).tls;
  assert.equal(tls?.certificates[0]?.validFromTime, Date.UTC(2026, 0, 1));
  assert.equal(tls?.certificates[0]?.validToTime, Date.UTC(2026, 3, 1));
  assert.equal(tls?.certificates[1]?.validToTime, undefined);
  assert.equal(tls?.certificates[0]?.serialNumber, '01');
});

test('a real connection maps to a timing with TCP and the upgrade, and a valid Accept with its SHA-1', async (t) => {
  const connection = await connectTo(t, await wsServer(t, {}, () => {}));
  const view = toHandshakeView(connection.snapshot().handshake);
  const timing = view.timing!;
  assert.equal(timing.dnsMs, undefined);
  assert.ok(timing.tcpMs! >= 0 && timing.upgradeMs! > 0);
  assert.ok(Math.abs(timing.tcpMs! + timing.upgradeMs! - timing.totalMs) < 1e-6);
  assert.equal(view.accept?.valid, true);
  assert.equal(Buffer.from(view.accept!.sha1Hex!, 'hex').toString('base64'), view.accept?.expected);
});
