import { createInterface } from 'node:readline';
import { ClientConnection } from '../core/client/clientConnection';
import type { LifecycleEvent } from '../core/client/connectionTypes';
import { previewPayload } from '../core/log/payloadPreview';
import type { LogEntry } from '../core/log/sessionLog';
import { checkWebSocketUrl } from '../core/url/webSocketUrl';
import { formatBytes, formatClockTime } from '../shared/format';

export interface ConnectArgs {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly protocols: string[];
  readonly json: boolean;
}

export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/**
 * `socket-lens connect`: prints the lifecycle and every message as it happens, sends each line
 * of standard input. Resolves with the exit code: 0 after a clean close, 1 on failure.
 */
export async function runConnect(args: ConnectArgs, io: CliIo): Promise<number> {
  const checked = checkWebSocketUrl(args.url);
  if (!checked.ok) {
    io.err(`socket-lens: ${checked.error.message}`);
    return 2;
  }
  const connection = new ClientConnection({ url: checked.url, headers: args.headers, protocols: args.protocols });
  const print = args.json ? jsonPrinter(io) : textPrinter(io);
  let printedEvents = 0;
  connection.onDidChange(({ lifecycle }) => {
    for (const event of lifecycle.slice(printedEvents)) print.event(event);
    printedEvents = lifecycle.length;
  });
  connection.log.onDidAppend((entry) => print.message(entry));
  const closed = new Promise<void>((resolve) => connection.onDidChange((s) => s.state === 'closed' && resolve()));
  try {
    await connection.connect();
  } catch (error) {
    io.err(`socket-lens: ${(error as Error).message}`);
    connection.dispose();
    return 1;
  }
  const input = createInterface({ input: io.stdin, terminal: false });
  input.on('line', (line) => sendLine(connection, line, io));
  input.on('close', () => safeClose(connection));
  const stop = () => safeClose(connection);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await closed;
  input.close();
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  const close = connection.snapshot().close;
  connection.dispose();
  return close?.wasClean ? 0 : 1;
}

function sendLine(connection: ClientConnection, line: string, io: CliIo): void {
  try {
    connection.sendText(line);
  } catch (error) {
    io.err(`socket-lens: ${(error as Error).message}`);
  }
}

function safeClose(connection: ClientConnection): void {
  if (connection.snapshot().state === 'open') connection.close(1000, '');
}

interface Printer {
  event(event: LifecycleEvent): void;
  message(entry: LogEntry): void;
}

function textPrinter(io: CliIo): Printer {
  return {
    event: (e) => io.err(`${formatClockTime(e.time)} * ${e.kind}${e.detail ? ` ${e.detail}` : ''}`),
    message: (m) => {
      const preview = previewPayload(m.kind, m.payload, 2000);
      const arrow = m.direction === 'in' ? '<' : '>';
      io.out(`${formatClockTime(m.time)} ${arrow} ${m.kind} ${formatBytes(m.payload.byteLength)} ${wireNotes(m)}${preview.text}${preview.truncated ? '…' : ''}`);
    },
  };
}

function jsonPrinter(io: CliIo): Printer {
  return {
    event: (e) => io.out(JSON.stringify({ type: 'event', time: e.time, kind: e.kind, detail: e.detail })),
    message: (m) =>
      io.out(
        JSON.stringify({
          type: 'message',
          id: m.id,
          time: m.time,
          direction: m.direction,
          kind: m.kind,
          size: m.payload.byteLength,
          // Text as text; everything else as base64 so no byte is lost.
          data: m.kind === 'text' ? Buffer.from(m.payload).toString('utf8') : Buffer.from(m.payload).toString('base64'),
          frames: m.wire?.frames.length ?? 0,
          compressed: m.wire?.compressed ?? false,
          wireLength: m.wire?.wireLength ?? null,
          rttMs: m.rttMs ?? null,
          violations: m.wire?.violations ?? [],
          undelivered: m.undelivered?.reason ?? null,
        }),
      ),
  };
}

/** "[2 frames] [deflate] [✗ RFC 6455 §8.1 → 1007] " — what the wire adds to a message line. */
function wireNotes(m: LogEntry): string {
  const notes: string[] = [];
  for (const v of m.wire?.violations ?? []) notes.push(`${v.closeCode === null ? '⚠' : '✗'} RFC ${v.rfc.includes('§') ? v.rfc : `6455 §${v.rfc}`}${v.closeCode === null ? '' : ` → ${v.closeCode}`}`);
  if (m.undelivered) notes.push('not delivered');
  if ((m.wire?.frames.length ?? 0) > 1) notes.push(`${m.wire!.frames.length} frames`);
  if (m.wire?.compressed) notes.push(`deflate ${formatBytes(m.wire.wireLength)} on the wire`);
  if (m.rttMs !== undefined) notes.push(`rtt ${m.rttMs.toFixed(2)} ms`);
  return notes.map((n) => `[${n}] `).join('');
}
