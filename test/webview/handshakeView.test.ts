import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { CertificateView, ConnectionView, HandshakeView } from '../../src/shared/viewModels';
import { cspViolations, sendFromHost } from './fakeHost';
import { openConnection, snapshot } from './fixtures';
import { usePanelPages } from './panelPage';
import { applyTheme, THEME_NAMES, type ThemeName } from './themes';

const DAY = 86_400_000;

function certificate(cn: string, issuer: string, expiresInDays: number, extra: Partial<CertificateView> = {}): CertificateView {
  const validTo = Date.now() + expiresInDays * DAY;
  const validFrom = Date.now() - 30 * DAY;
  return {
    subject: `CN=${cn}`,
    issuer: `C=US, O=Example Trust, CN=${issuer}`,
    validFrom: new Date(validFrom).toUTCString(),
    validTo: new Date(validTo).toUTCString(),
    validFromTime: validFrom,
    validToTime: validTo,
    fingerprint256: '3A:9F:0C:71:D2:5E:88:14:B6:07:E3:4A:C9:21:7D:F0:5B:68:AE:13:92:C4:0D:7B:E6:51:28:9A:F3:04:BD:6C',
    serialNumber: '04A1F3C9B2D7E6',
    ...extra,
  };
}

/** A wss handshake as the host maps it: timing, Accept with its SHA-1, extensions parsed, a three-certificate chain. */
const SECURE: HandshakeView = {
  requestLine: 'GET /chat?room=42 HTTP/1.1',
  requestHeaders: [
    ['Host', 'echo.example.com'],
    ['Sec-WebSocket-Version', '13'],
    ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
    ['Connection', 'Upgrade'],
    ['Upgrade', 'websocket'],
    ['Sec-WebSocket-Protocol', 'chat, superchat'],
    ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits'],
    ['Authorization', '••••••'],
  ],
  statusLine: 'HTTP/1.1 101 Switching Protocols',
  statusCode: 101,
  responseHeaders: [
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
    ['Sec-WebSocket-Protocol', 'chat'],
    ['Sec-WebSocket-Extensions', 'permessage-deflate; client_max_window_bits=15; server_no_context_takeover'],
  ],
  accept: { key: 'dGhlIHNhbXBsZSBub25jZQ==', expected: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=', received: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=', valid: true, sha1Hex: 'b37a4f2cc0624f1690f64606cf385945b2bec4ea' },
  protocol: 'chat',
  extensions: 'permessage-deflate; client_max_window_bits=15; server_no_context_takeover',
  extensionList: [{ name: 'permessage-deflate', params: [{ name: 'client_max_window_bits', value: '15' }, { name: 'server_no_context_takeover' }] }],
  offeredProtocols: ['chat', 'superchat'],
  offeredExtensions: [{ name: 'permessage-deflate', params: [{ name: 'client_max_window_bits' }] }],
  timing: { dnsMs: 3.2, tcpMs: 18.5, tlsMs: 43.2, upgradeMs: 23.2, totalMs: 88.1, viaProxy: false, skipped: {} },
  tls: {
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    alpnProtocol: 'http/1.1',
    authorized: true,
    certificates: [
      certificate('echo.example.com', 'Example TLS R11', 9, { subjectAltName: 'DNS:echo.example.com, DNS:*.echo.example.com, IP Address:93.184.216.34' }),
      certificate('Example TLS R11', 'Example Root X1', 400),
      { ...certificate('Example Root X1', 'Example Root X1', 3000), subject: 'C=US, O=Example Trust, CN=Example Root X1' },
    ],
  },
};

const openPanel = usePanelPages();

/** A panel showing `handshake` on its Handshake tab, in `theme`. */
async function showHandshake(handshake: HandshakeView, options: { theme?: ThemeName; overrides?: Partial<ConnectionView>; height?: number } = {}): Promise<Page> {
  const page = await openPanel({ width: 1000, height: options.height ?? 800 });
  await applyTheme(page, options.theme ?? 'dark');
  await sendFromHost(page, snapshot(openConnection({ url: 'wss://echo.example.com/chat?room=42', handshake, ...options.overrides })));
  await page.getByTestId('tab-handshake').click();
  await page.getByTestId('request').waitFor();
  return page;
}

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

async function timingRows(page: Page): Promise<string[]> {
  const rows = await page.getByTestId('timing-row').allTextContents();
  return rows.map((row) => row.replace(/\s+/g, ' ').trim());
}

test('screenshots in every theme, with no CSP violation', async () => {
  for (const theme of THEME_NAMES) {
    const page = await showHandshake(SECURE, { theme, height: 1900 });
    await page.screenshot({ path: `/tmp/handshake-${theme}.png`, fullPage: true });
    assert.deepEqual(await cspViolations(page), [], `no CSP violation in ${theme}`);
    await page.close();
  }
});

test('the timing waterfall: each step a row with its duration, its bar where it fell in the total', async () => {
  const page = await showHandshake(SECURE);
  assert.equal(await text(page, 'timing-total'), '88.1 ms');
  assert.deepEqual(await timingRows(page), ['DNS lookup 3.20 ms', 'TCP connect 18.5 ms', 'TLS handshake 43.2 ms', 'HTTP upgrade 23.2 ms']);
  // In a track of 1000: TLS starts after DNS and TCP (21.7 of 88.1 ms) and spans 43.2 of them.
  const tls = page.locator('[data-step="tls"] [data-testid="timing-bar"]');
  assert.equal(Number(await tls.getAttribute('x')), Number(((21.7 / 88.1) * 1000).toFixed(1)));
  assert.equal(Number(await tls.getAttribute('width')), Number(((43.2 / 88.1) * 1000).toFixed(1)));
  const upgrade = page.locator('[data-step="upgrade"] [data-testid="timing-bar"]');
  const end = Number(await upgrade.getAttribute('x')) + Number(await upgrade.getAttribute('width'));
  assert.ok(Math.abs(end - 1000) < 0.2, 'the last step ends at the end of the track');
  await page.close();
});

test('the timing of ws:// to an IP address says why there is no DNS and no TLS; a mock’s client has no timing', async () => {
  const timing = { tcpMs: 0.8, upgradeMs: 1.4, totalMs: 2.2, viaProxy: false, skipped: { dns: 'an IP address, nothing to look up', tls: 'ws:// is not encrypted' } };
  const page = await showHandshake({ ...SECURE, tls: undefined, timing });
  assert.deepEqual(await timingRows(page), ['DNS lookup skipped: an IP address, nothing to look up —', 'TCP connect 0.80 ms', 'TLS handshake skipped: ws:// is not encrypted —', 'HTTP upgrade 1.40 ms']);
  assert.equal(await page.getByTestId('timing-bar').count(), 2);
  await sendFromHost(page, snapshot(openConnection({ recordedBy: 'server' })));
  await page.getByTestId('request').getByText('127.0.0.1:9001').waitFor();
  assert.equal(await page.getByTestId('timing').count(), 0, 'nothing measured, nothing drawn');
  await page.close();
});

test('the Accept check, step by step: key, GUID, SHA-1 in hex, its base64, what the server sent, ✓ or ✗', async () => {
  const page = await showHandshake(SECURE);
  assert.equal(await text(page, 'accept-key'), 'dGhlIHNhbXBsZSBub25jZQ==');
  assert.equal(await text(page, 'accept-guid'), '258EAFA5-E914-47DA-95CA-C5AB0DC85B11');
  assert.equal(await text(page, 'accept-sha1'), 'b37a4f2cc0624f1690f64606cf385945b2bec4ea');
  assert.equal(await text(page, 'accept-expected'), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  assert.match(await text(page, 'accept-result'), /^✓ matches \(RFC 6455 §4\.2\.2\)/);
  const wrong = { ...SECURE.accept!, received: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=', valid: false };
  await sendFromHost(page, snapshot(openConnection({ handshake: { ...SECURE, accept: wrong } })));
  await page.getByTestId('accept-received').getByText('AAAAAAAAAAAAAAAAAAAAAAAAAAA=').waitFor();
  assert.equal(await text(page, 'accept-result'), '✗ does not match the expected value: the client must fail the connection (RFC 6455 §4.1)');
  assert.equal(await page.getByTestId('accept-result').getAttribute('class'), 'verdict bad');
  await page.close();
});

test('negotiated: the subprotocol among those offered, each extension parameter in a row with its meaning', async () => {
  const page = await showHandshake(SECURE);
  assert.equal(await text(page, 'subprotocol'), 'chat — chosen from: chat, superchat');
  const params = page.getByTestId('extension-param');
  assert.equal(await params.count(), 2);
  assert.equal(((await params.nth(0).textContent()) ?? '').replace(/\s+/g, ' ').trim(), 'permessage-deflate client_max_window_bits 15 the client compresses with an LZ77 window of at most 2^15 = 32 KiB');
  assert.equal(((await params.nth(1).textContent()) ?? '').replace(/\s+/g, ' ').trim(), 'server_no_context_takeover (no value) the server starts each message with a fresh compression context');
  assert.match(await text(page, 'negotiated'), /Offered: permessage-deflate; client_max_window_bits$/);
  await sendFromHost(page, snapshot(openConnection({ handshake: { ...SECURE, protocol: undefined, extensionList: [], extensions: undefined } })));
  await page.getByTestId('subprotocol').getByText('the server chose none of: chat, superchat').waitFor();
  assert.equal(await page.getByTestId('extensions').count(), 0);
  await page.close();
});

test('the certificate chain, server to root: role, validity left, and a refused chain’s reason in words', async () => {
  const page = await showHandshake(SECURE);
  const certs = page.getByTestId('certificate');
  assert.equal(await certs.count(), 3);
  assert.match(await text(page, 'tls-verified'), /^✓ chain trusted$/);
  assert.match(((await certs.nth(0).locator('summary').textContent()) ?? '').replace(/\s+/g, ' '), /Server echo\.example\.com expires in 8 days/);
  assert.match(((await certs.nth(2).locator('summary').textContent()) ?? '').replace(/\s+/g, ' '), /Root CA Example Root X1 expires in 2,999 days/);
  assert.equal(await certs.nth(0).getByTestId('certificate-validity').getAttribute('class'), 'pill warn', 'nine days left is a warning');
  const expired = { ...SECURE.tls!, authorized: false, authorizationError: 'CERT_HAS_EXPIRED', certificates: [certificate('echo.example.com', 'Example TLS R11', -3)] };
  await sendFromHost(page, snapshot(openConnection({ handshake: { ...SECURE, tls: expired } })));
  await page.getByTestId('certificate-validity').getByText('expired 3 days ago').waitFor();
  assert.equal(await text(page, 'tls-verified'), '✗ a certificate in the chain has expired (CERT_HAS_EXPIRED)');
  // Keyboard: the certificate folds with Enter on its summary.
  await page.getByTestId('certificate').locator('summary').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.getByTestId('certificate').getAttribute('open'), null);
  await page.close();
});

test('Copy as HTTP puts the request on the clipboard as written on the wire, from the keyboard too', async () => {
  const page = await showHandshake(SECURE);
  // A string, so no helper of the test's compiler ends up in the page.
  await page.evaluate(`window.__copied = []; Object.defineProperty(navigator, 'clipboard', { value: { writeText: (t) => { window.__copied.push(t); return Promise.resolve(); } } });`);
  const button = page.getByTestId('copy-request');
  await button.focus();
  await page.keyboard.press('Enter');
  await button.getByText('Copied').waitFor();
  const copied = await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied);
  assert.equal(copied.length, 1);
  assert.ok(copied[0]!.startsWith('GET /chat?room=42 HTTP/1.1\r\nHost: echo.example.com\r\nSec-WebSocket-Version: 13\r\n'));
  assert.ok(copied[0]!.endsWith('Authorization: ••••••\r\n\r\n'), 'the redacted credential stays redacted');
  await page.getByTestId('copy-response').click();
  const response = await page.evaluate(() => (window as unknown as { __copied: string[] }).__copied[1]);
  assert.match(response ?? '', /^HTTP\/1\.1 101 Switching Protocols\r\nUpgrade: websocket\r\n/);
  assert.deepEqual(await cspViolations(page), []);
  await page.close();
});
