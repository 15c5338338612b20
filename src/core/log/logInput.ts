// What the session log accepts: bad input is a caller's bug, so it is refused with the field that
// was wrong rather than stored as something unreadable.
import { SocketLensError } from '../errors';
import type { PlainFrame } from './compactWire';
import { isDirection, kindCode, type Direction, type LogEntryInput, type WireInfo } from './logEntry';

/** appendPlain's input: a direction, a data kind, a Uint8Array payload and a time; returns the kind's code. */
export function checkPlainInput(direction: Direction, kind: 'text' | 'binary', payload: Uint8Array, frame: PlainFrame): number {
  const code = kindCode(kind);
  if (!isDirection(direction)) throw plainInputError(`direction must be "in" or "out"; got ${String(direction)}`);
  if (code < 0 || code > 1) throw plainInputError(`kind must be text or binary; got ${String(kind)}`);
  if (!(payload instanceof Uint8Array)) throw plainInputError('payload must be a Uint8Array (a Buffer is one)');
  if (typeof frame.time !== 'number') throw plainInputError(`the frame's time must be a number; got ${typeof frame.time}`);
  return code;
}

function plainInputError(problem: string): SocketLensError {
  return new SocketLensError('log/input', `Cannot append a plain frame's entry to the session log: ${problem}.`);
}

/** append's input, every field. */
export function checkInput(input: LogEntryInput): void {
  const problem = inputProblem(input);
  if (problem) throw new SocketLensError('log/input', `Cannot append to the session log: ${problem}.`);
}

function inputProblem(input: LogEntryInput): string | undefined {
  if (typeof input !== 'object' || input === null) return `an entry is an object; got ${String(input)}`;
  if (!isDirection(input.direction)) return `direction must be "in" or "out"; got ${String(input.direction)}`;
  if (kindCode(input.kind) < 0) return `kind must be text, binary, ping, pong or close; got ${String(input.kind)}`;
  if (!(input.payload instanceof Uint8Array)) return 'payload must be a Uint8Array (a Buffer is one)';
  if (typeof input.time !== 'number') return `time must be a number (milliseconds since the epoch); got ${typeof input.time}`;
  if (input.rttMs !== undefined && typeof input.rttMs !== 'number') return `rttMs must be a number; got ${typeof input.rttMs}`;
  if (input.undelivered !== undefined && typeof input.undelivered?.reason !== 'string') return 'undelivered must be { reason: string }';
  return input.wire === undefined ? undefined : wireProblem(input.wire);
}

function wireProblem(wire: WireInfo): string | undefined {
  if (typeof wire !== 'object' || wire === null || !Array.isArray(wire.frames) || !Array.isArray(wire.violations)) return 'wire must have frames and violations lists';
  if (typeof wire.compressed !== 'boolean' || typeof wire.wireLength !== 'number') return 'wire.compressed must be a boolean and wire.wireLength a number';
  for (let k = 0; k < wire.frames.length; k++) {
    const f = wire.frames[k];
    if (typeof f !== 'object' || f === null || !Array.isArray(f.violations)) return `wire.frames[${k}] is not a frame record (it has no violations list)`;
  }
  return undefined;
}
