import { bytesFromBase64, controlPayload, type OutgoingMessage } from '../../core/client/outgoing';
import type { Repeater } from '../../core/client/repeater';
import { registeredCloseCodes } from '../../core/protocol/closeCodes';
import type { CloseCodeView, ComposedPayload, ComposerRequest, ComposerUpdateMessage, RepeatView, StartRepeatRequest } from '../../shared/protocol';
import type { PanelSource } from './panelSource';

/** The registry as the composer's picker shows it: derived from core, never copied by hand. */
const CLOSE_CODES: readonly CloseCodeView[] = registeredCloseCodes().map(({ code, name, meaning, sendable }) => ({ code, name, meaning, sendable }));

/**
 * The panel host's side of the composer: sends what it asks for, after checking it again (the
 * webview is not trusted), and owns its repeat. The repeat runs here, not in the webview, so it
 * goes on while the panel is hidden; it ends with the panel, when the conversation stops being
 * open, or when asked.
 */
export class ComposerHost {
  private repeater: Repeater | undefined;
  private repeat: RepeatView | undefined;
  /** Why the running repeat is being stopped, when the host stops it rather than the person. */
  private stopReason: string | undefined;
  private watched = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly source: PanelSource,
    private readonly post: (message: ComposerUpdateMessage) => void,
  ) {
    this.unsubscribe = source.onDidChange(() => this.stopUnlessOpen());
  }

  carryOut(request: ComposerRequest): void {
    switch (request.type) {
      case 'connection/send':
        return this.source.send(outgoing(request.payload), request.fragments);
      case 'connection/control':
        return this.source.control(request.opcode, controlPayload(bytesOf(request.payload)));
      case 'connection/repeat':
        return this.startRepeat(request);
      case 'connection/stopRepeat':
        this.repeater?.stop();
        return;
      case 'composer/watch':
        // A webview (re)loaded: it learns the codes and where the repeat stands.
        this.watched = true;
        return this.update();
    }
  }

  dispose(): void {
    this.unsubscribe();
    this.watched = false;
    this.repeater?.stop();
  }

  private startRepeat(request: StartRepeatRequest): void {
    const message = outgoing(request.payload);
    this.repeater?.stop();
    const repeater = this.source.repeat(message, request.everyMs);
    this.repeater = repeater;
    this.repeat = { everyMs: request.everyMs, running: true };
    repeater.onDidStop((sent) => this.stopped(repeater, request.everyMs, sent));
    this.update();
  }

  private stopped(repeater: Repeater, everyMs: number, sent: number): void {
    if (this.repeater !== repeater) return;
    this.repeater = undefined;
    this.repeat = { everyMs, running: false, sent, ...(this.stopReason && { stoppedBecause: this.stopReason }) };
    this.stopReason = undefined;
    this.update();
  }

  private stopUnlessOpen(): void {
    if (!this.repeater || this.source.view().state === 'open') return;
    this.stopReason = 'the connection is no longer open';
    this.repeater.stop();
  }

  private update(): void {
    if (this.watched) this.post({ type: 'host/composer', closeCodes: CLOSE_CODES, ...(this.repeat && { repeat: this.repeat }) });
  }
}

function outgoing(payload: ComposedPayload): OutgoingMessage {
  return payload.kind === 'text' ? { kind: 'text', text: payload.text } : { kind: 'binary', data: bytesFromBase64(payload.base64) };
}

function bytesOf(payload: ComposedPayload): string | Uint8Array {
  return payload.kind === 'text' ? payload.text : bytesFromBase64(payload.base64);
}
