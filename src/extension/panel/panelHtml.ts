import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/** The custom elements a panel's page can be built around (webview/main.ts defines them). */
export type PanelRootTag = 'socket-lens-app' | 'socket-lens-mock-app';

/**
 * The panel's HTML: everything but the bundle is denied by CSP, the bundle runs only with a
 * fresh nonce from crypto, and the webview cannot open any connection of its own. `rootTag`
 * says which panel the page is: a connection's (the default) or a mock server's.
 */
export function renderPanelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string, rootTag: PanelRootTag = 'socket-lens-app'): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (...segments: string[]) => webview.asWebviewUri(joinUri(extensionUri, ...segments)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    "connect-src 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${asset('media', 'panel.css')}" nonce="${nonce}">
</head>
<body>
<${rootTag}></${rootTag}>
<script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
}

function joinUri(base: vscode.Uri, ...segments: string[]): vscode.Uri {
  return base.with({ path: [base.path.replace(/\/$/, ''), ...segments].join('/') });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
