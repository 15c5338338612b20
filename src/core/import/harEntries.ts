import { SocketLensError } from '../errors';
import type { HeaderList } from '../client/connectionTypes';

/** A HAR entry as far as the import reads it; everything else in it is ignored. */
export type HarEntry = Readonly<Record<string, unknown>>;

/** Where a problem is, for a person: entries and messages are counted from 1, as a viewer lists them. */
export function harError(where: string, message: string): SocketLensError {
  return new SocketLensError('import/har', where ? `${where}: ${message}` : message);
}

export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Chrome marks a WebSocket entry with `_resourceType: "websocket"`; other tools (Firefox, proxies)
 * keep only the upgrade: a 101 answer with `Upgrade: websocket` (RFC 6455 §4.2.2).
 */
export function isWebSocketEntry(entry: HarEntry): boolean {
  if (entry._resourceType === 'websocket' || Array.isArray(entry._webSocketMessages)) return true;
  const response = entry.response;
  if (!isObject(response) || response.status !== 101 || !Array.isArray(response.headers)) return false;
  return response.headers.some((h: unknown) => isObject(h) && String(h.name).toLowerCase() === 'upgrade' && String(h.value).toLowerCase() === 'websocket');
}

/** HAR `[{ name, value }]` as our header list; `where` names the list ("entry 2, request.headers"). */
export function harHeaderList(value: unknown, where: string): HeaderList {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw harError(where, 'is not a list of { "name", "value" } headers.');
  return value.map((header: unknown, i) => {
    if (!isObject(header) || typeof header.name !== 'string' || typeof header.value !== 'string') {
      throw harError(`${where}[${i}]`, 'is not a header: HAR writes each as { "name": "…", "value": "…" }.');
    }
    return [header.name, header.value] as const;
  });
}

/** The entry's request URL, which a session cannot do without. */
export function entryUrl(entry: HarEntry, where: string): string {
  const request = entry.request;
  if (!isObject(request) || typeof request.url !== 'string' || request.url === '') throw harError(where, 'has no request.url, so the WebSocket cannot be named. Check that the HAR was saved whole.');
  return request.url;
}
