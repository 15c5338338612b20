import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { renderPanelHtml } from './panelHtml';

/** Just what renderPanelHtml uses of a webview and a Uri. */
function fakeUri(path: string): vscode.Uri {
  return { path, with: ({ path: next }: { path: string }) => fakeUri(next), toString: () => `vscode-resource:${path}` } as unknown as vscode.Uri;
}
const webview = { cspSource: 'vscode-resource:', asWebviewUri: (uri: vscode.Uri) => uri } as unknown as vscode.Webview;

function render(title = 'ws://example.test/feed'): { html: string; csp: Map<string, string[]>; nonce: string } {
  const html = renderPanelHtml(webview, fakeUri('/ext'), title);
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(content, 'the page has a CSP meta tag');
  const csp = new Map(content.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
  const nonce = /'nonce-([^']+)'/.exec(content)?.[1] ?? '';
  return { html, csp, nonce };
}

test('every render has a CSP with a fresh nonce of at least 128 random bits', () => {
  const nonces = Array.from({ length: 20 }, () => render().nonce);
  assert.equal(new Set(nonces).size, nonces.length);
  for (const nonce of nonces) assert.ok(Buffer.from(nonce, 'base64').length >= 16, nonce);
});

test('the CSP denies by default, runs scripts only by nonce (inline ones are blocked), and allows no connection', () => {
  const { csp, nonce } = render();
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(csp.get('connect-src'), ["'none'"]);
  for (const sources of csp.values()) {
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:']) assert.ok(!sources.includes(bad), `${bad} in ${sources.join(' ')}`);
  }
});

test('the only script is the bundle, loaded by src with the nonce; no inline script or handler', () => {
  const { html, nonce } = render();
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  assert.match(scripts[0]![1]!, new RegExp(`nonce="${nonce.replace(/[+/]/g, '\\$&')}"`));
  assert.match(scripts[0]![1]!, /src="vscode-resource:\/ext\/dist\/webview\.js"/);
  assert.equal(scripts[0]![2]!.trim(), '', 'no inline code');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
});

test('a title from the wire is escaped, never markup', () => {
  const { html } = render('ws://x.test/"><script>alert(1)</script>');
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /<title>ws:\/\/x\.test\/&#34;&#62;&#60;script&#62;alert\(1\)&#60;\/script&#62;<\/title>/);
});
