import * as vscode from 'vscode';
import { ClientConnection } from '../../core/client/clientConnection';
import type { ClientConnectionOptions } from '../../core/client/clientConnectionOptions';
import type { ProxyConfig } from '../../core/client/proxy';
import { type Checked, type HeaderPair, headersFromArgument, protocolsFromArgument } from '../../core/client/requestInput';
import { checkWebSocketUrl } from '../../core/url/webSocketUrl';
import type { ConnectionRegistry } from '../connectionRegistry';
import { currentSettings } from '../settings/currentSettings';
import { askConnectForm, type ConnectForm } from './connectForm';
import { rememberedUrl } from './rememberedUrl';
import { countOf } from '../../shared/format';

const LAST_URL_KEY = 'socketLens.lastUrl';

/**
 * "Socket Lens: Connect…": asks for a URL, and any request headers and subprotocols (or takes
 * them from the caller), opens a panel at once so the handshake can be watched, and connects
 * from the extension host. Returns the connection id, or undefined when nothing was started.
 */
export async function connectCommand(
  context: vscode.ExtensionContext,
  registry: ConnectionRegistry,
  log: vscode.LogOutputChannel,
  urlArgument?: unknown,
  /** The self-signed certificate of one of our own mocks that this URL reaches, to trust it. */
  mockCertificateFor: (url: URL) => string | undefined = () => undefined,
  /** `{ headers, protocols }`: headers as `{ Name: value }` or `[[name, value]]`, subprotocols as a list (Connect to Mock offers the mock's own). */
  optionsArgument?: unknown,
): Promise<string | undefined> {
  const given = requestOf(optionsArgument);
  if (!given.ok) {
    void vscode.window.showErrorMessage(`Socket Lens: ${given.message}`);
    return undefined;
  }
  const fromCaller = typeof urlArgument === 'string';
  const form = fromCaller ? { url: urlArgument, ...given.value } : await askConnectForm({ url: lastUrl(context) ?? '', ...given.value });
  if (form === undefined) return undefined;
  const checked = checkWebSocketUrl(form.url);
  if (!checked.ok) {
    void vscode.window.showErrorMessage(`Socket Lens: ${checked.error.message}`);
    return undefined;
  }
  await context.globalState.update(LAST_URL_KEY, rememberedUrl(checked.url));
  const caFile = checked.url.protocol === 'wss:' ? mockCertificateFor(checked.url) : undefined;
  const headers = Object.fromEntries(form.headers);
  const id = openConnection(registry, log, { url: checked.url, tls: caFile ? { caFile } : undefined, ...(form.headers.length > 0 && { headers }), ...(form.protocols.length > 0 && { protocols: [...form.protocols] }) });
  const connection = registry.get(id);
  if (!fromCaller && connection && form.headers.length + form.protocols.length > 0) offerToSave(connection, form);
  return id;
}

/** The headers and subprotocols a caller passed, checked as typed ones are; anything but an object gives none. */
function requestOf(options: unknown): Checked<{ headers: HeaderPair[]; protocols: string[] }> {
  const given = typeof options === 'object' && options !== null ? (options as { headers?: unknown; protocols?: unknown }) : {};
  const headers = headersFromArgument(given.headers);
  if (!headers.ok) return headers;
  const protocols = protocolsFromArgument(given.protocols);
  if (!protocols.ok) return protocols;
  return { ok: true, value: { headers: Object.entries(headers.value), protocols: protocols.value } };
}

/** Once a connection with typed headers or subprotocols opens, offers Save Connection… so they need not be typed again. */
function offerToSave(connection: ClientConnection, form: ConnectForm): void {
  const what = [countOf(form.headers.length, 'header'), countOf(form.protocols.length, 'subprotocol')].filter((part) => !part.startsWith('0 ')).join(' and ');
  const stop = connection.onDidRecord((event) => {
    if (event.kind === 'closed') stop();
    if (event.kind !== 'open') return;
    stop();
    void vscode.window
      .showInformationMessage(`Socket Lens: connected with ${what}. Save the connection to use them again without typing?`, 'Save Connection…')
      .then((choice) => (choice ? vscode.commands.executeCommand('socketLens.saveConnection', connection.id) : undefined));
  });
}


/** What a caller sets on a new connection beyond the settings: a saved connection's headers, TLS and proxy. */
export interface ConnectTarget extends Pick<ClientConnectionOptions, 'label' | 'url' | 'headers' | 'protocols' | 'origin' | 'tls' | 'tlsSettingNames' | 'secretHeaders'> {
  /** A proxy URL that wins over VS Code's `http.proxy`. */
  readonly proxy?: string;
  /** How to name `proxy` in messages. */
  readonly proxySource?: string;
}

/** Starts a connection with the current settings, shows its panel and returns its id; failures are shown, not thrown. */
export function openConnection(registry: ConnectionRegistry, log: vscode.LogOutputChannel, target: ConnectTarget): string {
  const connection = createConnection(registry, log, target);
  // The registry logs the attempt and how it ends.
  connection.connect().catch((error: Error) => void vscode.window.showErrorMessage(`Socket Lens: ${error.message}`));
  return connection.id;
}

/** A connection with the current settings (its label told apart from others'), listed and its panel shown; not connected yet. */
export function createConnection(registry: ConnectionRegistry, log: vscode.LogOutputChannel, target: ConnectTarget): ClientConnection {
  const { proxy, proxySource, ...options } = target;
  const proxyConfig = proxy ? { ...proxySettings(), proxy, proxySource: proxySource ?? 'the proxy', env: process.env } : proxySettings();
  const label = options.label === undefined ? undefined : registry.uniqueLabel(options.label);
  const connection = new ClientConnection({ ...currentSettings(log).connection, ...options, ...(label !== undefined && { label }), proxy: proxyConfig });
  registry.add(connection);
  registry.showPanel(connection.id);
  return connection;
}

/** VS Code's proxy settings (`http.proxy`, `http.noProxy`), then the environment, unless proxy support is off. */
export function proxySettings(): ProxyConfig | undefined {
  const http = vscode.workspace.getConfiguration('http');
  if (http.get<string>('proxySupport') === 'off') return undefined;
  return { proxy: http.get<string>('proxy'), proxySource: 'the http.proxy setting', noProxy: http.get<string[]>('noProxy'), env: process.env };
}

/** The URL typed last; one kept by an earlier version, which stored it whole, is cleaned before it is shown. */
function lastUrl(context: vscode.ExtensionContext): string | undefined {
  const stored = context.globalState.get<string>(LAST_URL_KEY);
  const checked = stored === undefined ? undefined : checkWebSocketUrl(stored);
  return checked?.ok ? rememberedUrl(checked.url) : undefined;
}
