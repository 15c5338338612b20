import { readFile, stat } from 'node:fs/promises';
import type { HeaderList } from '../client/connectionTypes';
import { describeFileError, SocketLensError } from '../errors';
import { entryUrl, harError, harHeaderList, isObject, isWebSocketEntry, type HarEntry } from './harEntries';
import { harMessages, type ImportedMessage } from './harMessages';

export type { ImportedMessage } from './harMessages';

/** One WebSocket connection found in a HAR. */
export interface ImportedSession {
  /** The entry's number in the HAR, from 1. */
  readonly entry: number;
  readonly url: string;
  /** As the HAR wrote it (ISO 8601); '' when absent. */
  readonly startedDateTime: string;
  readonly requestHeaders: HeaderList;
  readonly status?: number;
  readonly statusText?: string;
  readonly responseHeaders: HeaderList;
  readonly messages: readonly ImportedMessage[];
}

/**
 * Largest HAR read. V8 cannot make a string over 512 MiB, and JSON.parse needs several times the
 * text in memory, so a HAR past this would crash the extension host rather than load.
 */
export const MAX_HAR_BYTES = 256 * 1024 * 1024;

/**
 * Every WebSocket connection in a HAR (its text, or the parsed value), in the HAR's order.
 * Throws a SocketLensError 'import/har' that says what is wrong and where.
 */
export function parseHar(input: string | unknown): ImportedSession[] {
  const har = typeof input === 'string' ? parseJson(input) : input;
  const entries = isObject(har) && isObject(har.log) ? har.log.entries : undefined;
  if (!Array.isArray(entries)) throw harError('', 'This is not a HAR: it has no log.entries list. Save it from the Network panel of Chrome DevTools ("Save all as HAR") or with Socket Lens: Export Session….');
  const sessions: ImportedSession[] = [];
  entries.forEach((entry: unknown, i) => {
    if (!isObject(entry)) throw harError(`Entry ${i + 1}`, 'is not an object.');
    if (isWebSocketEntry(entry)) sessions.push(sessionOf(entry, i + 1));
  });
  if (sessions.length === 0) {
    throw harError('', `This HAR has ${entries.length} ${entries.length === 1 ? 'request' : 'requests'} but no WebSocket connection. In Chrome DevTools, save the HAR after the WebSocket connection has opened (while it is listed in the Network panel, "WS" filter), with "Preserve log" on if the page reloads.`);
  }
  return sessions;
}

/** Reads and parses a HAR file, refusing one too big to load. */
export async function readHarFile(file: string): Promise<ImportedSession[]> {
  let text: string;
  try {
    const { size } = await stat(file);
    if (size > MAX_HAR_BYTES) {
      throw new SocketLensError('import/read', `${file} is ${mib(size)} MiB; Socket Lens imports a HAR of up to ${mib(MAX_HAR_BYTES)} MiB. Save a HAR with fewer requests (filter the Network panel by "WS" first).`);
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof SocketLensError) throw error;
    throw new SocketLensError('import/read', `${file} ${describeFileError(error)}.`);
  }
  return parseHar(text);
}

function sessionOf(entry: HarEntry, number: number): ImportedSession {
  const where = `Entry ${number}`;
  const url = entryUrl(entry, where);
  const request = isObject(entry.request) ? entry.request : {};
  const response = isObject(entry.response) ? entry.response : {};
  return {
    entry: number,
    url,
    startedDateTime: typeof entry.startedDateTime === 'string' ? entry.startedDateTime : '',
    requestHeaders: harHeaderList(request.headers, `${where}, request.headers`),
    ...(typeof response.status === 'number' && response.status > 0 && { status: response.status }),
    ...(typeof response.statusText === 'string' && response.statusText !== '' && { statusText: response.statusText }),
    responseHeaders: harHeaderList(response.headers, `${where}, response.headers`),
    messages: harMessages(entry._webSocketMessages, number),
  };
}

function parseJson(text: string): unknown {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    if (isJsonLines(source)) {
      throw harError('', 'This is JSON Lines (one JSON value per line), such as a Socket Lens export as JSON Lines, not a HAR. Import Session reads HAR: export the session again as HAR, or save a HAR from Chrome DevTools.');
    }
    throw harError('', `This file is not JSON, so not a HAR: ${jsonProblem(source, error)}.`);
  }
}

/** Two or more lines, each a JSON object on its own. */
function isJsonLines(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length < 2) return false;
  return lines.slice(0, 3).every((line) => {
    try {
      const value: unknown = JSON.parse(line);
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    } catch {
      return false;
    }
  });
}

/** V8's message, with the line and column of its position when it gives one. */
function jsonProblem(text: string, error: unknown): string {
  const message = (error as Error).message.replace(/\s*\(line \d+ column \d+\)$/, '');
  const position = /at position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return `${message} (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

const mib = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
