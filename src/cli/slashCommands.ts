import { readFileSync } from 'node:fs';
import type { ClientConnection } from '../core/client/clientConnection';
import { bytesFromBase64, bytesFromHex } from '../core/client/outgoing';
import { errorCode, errorMessage, SocketLensError } from '../core/errors';
import { encodeFrame } from '../core/protocol/frameEncoder';
import { FRAME_SPEC_HELP, parseFrameSpec } from './frameSpecText';

export const SLASH_HELP = `Lines are sent as text. Commands:
  /ping [TEXT]            send a ping (payload up to 125 bytes)
  /pong [TEXT]            send an unsolicited pong
  /binary HEX             send a binary message, e.g. /binary 48 65 6c 6c 6f
  /base64 DATA            send a binary message given in base64
  /file PATH              send a file's bytes as a binary message
  /frag N TEXT            send TEXT as a text message in N fragments
  /raw HEX                write bytes straight to the socket (any frame, broken ones too)
  /frame op=… [fin=0] …   build one frame field by field, broken if you like (/frame help)
  /repeat MS [N] TEXT     send TEXT every MS ms, N times or until /stop
  /stop                   stop every /repeat
  /close [CODE [REASON]]  close with a code (default 1000) and reason
  /abort                  drop TCP without a close frame
  /reconnect              close and connect again
  /help                   this list
  //TEXT                  send "/TEXT" as text`;

/**
 * The lines typed at `socket-lens connect`: text is sent as is; a line starting with / is a
 * command. `run` returns what to tell the user, if anything; bad input throws a SocketLensError.
 */
export class LineCommands {
  constructor(private readonly connection: ClientConnection) {}

  run(line: string): string | undefined {
    const connection = this.connection;
    if (!line.startsWith('/') || line.startsWith('//')) {
      connection.sendText(line.startsWith('//') ? line.slice(1) : line);
      return undefined;
    }
    const space = line.indexOf(' ');
    const command = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? '' : line.slice(space + 1);
    switch (command) {
      case '/ping':
        return void connection.ping(rest);
      case '/pong':
        return void connection.pong(rest);
      case '/binary':
        return void connection.send({ kind: 'binary', data: bytesFromHex(rest) });
      case '/base64':
        return void connection.send({ kind: 'binary', data: bytesFromBase64(rest) });
      case '/file':
        return void connection.send({ kind: 'binary', data: readPayloadFile(rest.trim()) });
      case '/frag':
        return fragments(connection, rest);
      case '/raw':
        return void connection.sendRaw(bytesFromHex(rest));
      case '/frame':
        return rest.trim() === 'help' ? FRAME_SPEC_HELP : void connection.sendRaw(encodeFrame(parseFrameSpec(rest)));
      case '/repeat':
        return this.repeat(rest);
      case '/stop':
        return this.stop();
      case '/close':
        return close(connection, rest);
      case '/abort':
        return void connection.abort();
      case '/reconnect':
        connection.reconnect().catch(() => {});
        return undefined;
      case '/help':
        return SLASH_HELP;
    }
    return `Unknown command ${command}. /help lists the commands; start a line with // to send it as text.`;
  }

  private repeat(rest: string): string | undefined {
    const match = /^(\d+)(?: (\d+))? (.*)$/s.exec(rest);
    if (!match) return 'Write /repeat MS [N] TEXT, for example /repeat 1000 5 tick.';
    this.connection.repeat({ kind: 'text', text: match[3]! }, { everyMs: Number(match[1]), times: match[2] === undefined ? undefined : Number(match[2]) });
    return undefined;
  }

  private stop(): string {
    const count = this.connection.stopRepeats();
    return count === 0 ? 'Nothing is repeating.' : `Stopped ${count} repeat${count === 1 ? '' : 's'}.`;
  }
}

function readPayloadFile(path: string): Uint8Array {
  if (path === '') throw new SocketLensError('connection/send-input', 'Write /file PATH, for example /file ./frame.bin.');
  try {
    return readFileSync(path);
  } catch (error) {
    throw new SocketLensError('connection/send-input', `Cannot read ${path}: ${errorCode(error) || errorMessage(error)}. Check the path (relative to where socket-lens runs).`);
  }
}

function fragments(connection: ClientConnection, rest: string): string | undefined {
  const match = /^(\d+) (.*)$/s.exec(rest);
  if (!match) return 'Write /frag N TEXT, for example /frag 3 hello world.';
  connection.send({ kind: 'text', text: match[2]! }, Number(match[1]));
  return undefined;
}

function close(connection: ClientConnection, rest: string): string | undefined {
  const match = /^(?:(\d+)(?: (.*))?)?$/s.exec(rest.trim());
  if (!match) return 'Write /close, /close CODE or /close CODE REASON, for example /close 4000 done.';
  connection.close(match[1] === undefined ? 1000 : Number(match[1]), match[2] ?? '');
  return undefined;
}
