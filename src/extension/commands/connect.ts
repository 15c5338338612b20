import * as vscode from 'vscode';
import { ClientConnection } from '../../core/client/clientConnection';
import type { ClientConnectionOptions } from '../../core/client/clientConnectionOptions';
import type { ProxyConfig } from '../../core/client/proxy';
import { checkWebSocketUrl } from '../../core/url/webSocketUrl';
import type { ConnectionRegistry } from '../connectionRegistry';
import { currentSettings } from '../settings/currentSettings';
import { rememberedUrl } from './rememberedUrl';

const LAST_URL_KEY = 'socketLens.lastUrl';

/**
 * "Socket Lens: Connect…": asks for a URL (or takes one from the caller), opens a panel at once
 * so the handshake can be watched, and connects from the extension host. Returns the
 * connection id, or undefined when nothing was started.
 */
export async function connectCommand(
  context: vscode.ExtensionContext,
  registry: ConnectionRegistry,
  log: vscode.LogOutputChannel,
  urlArgument?: unknown,
  /** The self-signed certificate of one of our own mocks that this URL reaches, to trust it. */
  mockCertificateFor: (url: URL) => string | undefined = () => undefined,
  /** `{ protocols }` to offer (Connect to Mock offers the mock's own); anything else is ignored. */
  optionsArgument?: unknown,
): Promise<string | undefined> {
  const input = typeof urlArgument === 'string' ? urlArgument : await askForUrl(context);
  if (input === undefined) return undefined;
  const checked = checkWebSocketUrl(input);
  if (!checked.ok) {
    void vscode.window.showErrorMessage(`Socket Lens: ${checked.error.message}`);
    return undefined;
  }
  await context.globalState.update(LAST_URL_KEY, rememberedUrl(checked.url));
  const caFile = checked.url.protocol === 'wss:' ? mockCertificateFor(checked.url) : undefined;
  const protocols = protocolsOf(optionsArgument);
  return openConnection(registry, log, { url: checked.url, tls: caFile ? { caFile } : undefined, ...(protocols && { protocols }) });
}

function protocolsOf(options: unknown): string[] | undefined {
  const protocols = (options as { protocols?: unknown } | undefined)?.protocols;
  return Array.isArray(protocols) && protocols.length > 0 && protocols.every((p) => typeof p === 'string') ? protocols : undefined;
}

/** What a caller sets on a new connection beyond the settings: a saved connection's headers, TLS and proxy. */
export interface ConnectTarget extends Pick<ClientConnectionOptions, 'label' | 'url' | 'headers' | 'protocols' | 'tls' | 'tlsSettingNames' | 'secretHeaders'> {
  /** A proxy URL that wins over VS Code's `http.proxy`. */
  readonly proxy?: string;
  /** How to name `proxy` in messages. */
  readonly proxySource?: string;
}

/** Starts a connection with the current settings, shows its panel and returns its id; failures are shown, not thrown. */
export function openConnection(registry: ConnectionRegistry, log: vscode.LogOutputChannel, target: ConnectTarget): string {
  const { proxy, proxySource, ...options } = target;
  const proxyConfig = proxy ? { ...proxySettings(), proxy, proxySource: proxySource ?? 'the proxy', env: process.env } : proxySettings();
  const label = options.label === undefined ? undefined : registry.uniqueLabel(options.label);
  const connection = new ClientConnection({ ...currentSettings(log).connection, ...options, ...(label !== undefined && { label }), proxy: proxyConfig });
  registry.add(connection);
  registry.showPanel(connection.id);
  // The registry logs the attempt and how it ends.
  connection.connect().catch((error: Error) => void vscode.window.showErrorMessage(`Socket Lens: ${error.message}`));
  return connection.id;
}

/** VS Code's proxy settings (`http.proxy`, `http.noProxy`), then the environment, unless proxy support is off. */
export function proxySettings(): ProxyConfig | undefined {
  const http = vscode.workspace.getConfiguration('http');
  if (http.get<string>('proxySupport') === 'off') return undefined;
  return { proxy: http.get<string>('proxy'), proxySource: 'the http.proxy setting', noProxy: http.get<string[]>('noProxy'), env: process.env };
}

function askForUrl(context: vscode.ExtensionContext): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Socket Lens: Connect',
    prompt: 'WebSocket URL (ws:// or wss://)',
    placeHolder: 'ws://127.0.0.1:8080/socket',
    value: lastUrl(context),
    ignoreFocusOut: true,
    validateInput: (value) => {
      const checked = checkWebSocketUrl(value);
      return checked.ok ? undefined : checked.error.message;
    },
  });
}

/** The URL typed last; one kept by an earlier version, which stored it whole, is cleaned before it is shown. */
function lastUrl(context: vscode.ExtensionContext): string | undefined {
  const stored = context.globalState.get<string>(LAST_URL_KEY);
  const checked = stored === undefined ? undefined : checkWebSocketUrl(stored);
  return checked?.ok ? rememberedUrl(checked.url) : undefined;
}
