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
    // The port is what is forwarded: ask for the address alone, then put the mock's path back.
    // (code-server answers /proxy/<port>/ for any path, so asking with the path lost it.)
    const external = await vscode.env.asExternalUri(vscode.Uri.parse(`${secure ? 'https' : 'http'}://${url.host}/`));
    const mapped = new URL(external.toString(true));
    if (mapped.host === url.host && mapped.pathname === '/') return wsUrl;
    const prefix = mapped.pathname.replace(/\/$/, '');
    return `${mapped.protocol === 'https:' ? 'wss' : 'ws'}://${mapped.host}${prefix}${url.pathname}${url.search}`;
  } catch {
    return wsUrl; // no forwarding available: the local URL is the best answer
  }
}
