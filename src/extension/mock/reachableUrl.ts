import * as vscode from 'vscode';

/**
 * The mock's URL as a client beside the editor reaches it. In Remote-SSH, containers and
 * Codespaces the mock listens where the workspace is, so VS Code forwards the port and may
 * answer another host and port; locally it is the same URL.
 */
export async function reachableUrl(wsUrl: string): Promise<string> {
  const url = new URL(wsUrl);
  const secure = url.protocol === 'wss:';
  try {
    const external = await vscode.env.asExternalUri(vscode.Uri.parse(`${secure ? 'https' : 'http'}://${url.host}${url.pathname}`));
    const mapped = new URL(external.toString(true));
    if (mapped.host === url.host && mapped.pathname === url.pathname) return wsUrl;
    // A forwarded port may come with a path of its own (code-server's /proxy/<port>/).
    return `${mapped.protocol === 'https:' ? 'wss' : 'ws'}://${mapped.host}${mapped.pathname}`;
  } catch {
    return wsUrl; // no forwarding available: the local URL is the best answer
  }
}
