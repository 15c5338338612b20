import { bytesFromBase64, controlPayload, type OutgoingMessage } from '../../core/client/outgoing';
import type { Repeater } from '../../core/client/repeater';
import { SocketLensError } from '../../core/errors';
import { registeredCloseCodes } from '../../core/protocol/closeCodes';
import type { CloseCodeView, ComposedPayload, ComposerRequest, ComposerUpdateMessage, RepeatView, SavedMessagesView, StartRepeatRequest } from '../../shared/protocol';
import type { PanelSource } from './panelSource';
import type { SavedMessageSource } from './savedMessageSource';

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
  /** The saved connection's messages, as last read. */
  private saved: SavedMessagesView | undefined;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly source: PanelSource,
    private readonly post: (message: ComposerUpdateMessage) => void,
    /** Where the saved messages come from, for a connection opened from a saved one. */
    private readonly savedMessages?: SavedMessageSource,
  ) {
    this.unsubscribe = [source.onDidChange(() => this.stopUnlessOpen()), ...(savedMessages ? [savedMessages.onDidChange(() => this.readSaved())] : [])];
  }

  /** Carries out `request`; a promise when references are filled in first (which reads secrets). */
  carryOut(request: ComposerRequest): Promise<void> | void {
    switch (request.type) {
      case 'connection/send':
        if (request.references) return this.filled(request.payload).then((payload) => this.source.send(outgoing(payload), request.fragments));
        return this.source.send(outgoing(request.payload), request.fragments);
      case 'composer/sendSaved':
        return this.sendSaved(request.name);
      case 'connection/control':
        return this.source.control(request.opcode, controlPayload(bytesOf(request.payload)));
      case 'connection/repeat':
        if (request.references) return this.filled(request.payload).then((payload) => this.startRepeat({ ...request, payload }));
        return this.startRepeat(request);
      case 'connection/stopRepeat':
        this.repeater?.stop();
        return;
      case 'composer/watch':
        // A webview (re)loaded: it learns the codes and where the repeat stands.
        this.watched = true;
        this.update();
        return this.readSaved();
    }
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.watched = false;
    this.repeater?.stop();
  }

  private async sendSaved(name: string): Promise<void> {
    if (!this.savedMessages) throw notFromSaved();
    const text = await this.savedMessages.named(name);
    this.source.send({ kind: 'text', text }, 1);
  }

  /** `payload` with its references filled in from the saved connection. */
  private async filled(payload: ComposedPayload): Promise<ComposedPayload> {
    if (!this.savedMessages) throw notFromSaved();
    return payload.kind === 'text' ? { kind: 'text', text: await this.savedMessages.fill(payload.text) } : payload;
  }

  /** Reads the saved messages again and tells a watching composer; a failed read keeps the last list. */
  private async readSaved(): Promise<void> {
    if (!this.savedMessages || !this.watched) return;
    const saved = await this.savedMessages.view().catch(() => this.saved);
    if (JSON.stringify(saved) === JSON.stringify(this.saved)) return;
    this.saved = saved;
    this.update();
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
    if (this.watched) this.post({ type: 'host/composer', closeCodes: CLOSE_CODES, ...(this.repeat && { repeat: this.repeat }), ...(this.saved && { saved: this.saved }) });
  }
}

function outgoing(payload: ComposedPayload): OutgoingMessage {
  return payload.kind === 'text' ? { kind: 'text', text: payload.text } : { kind: 'binary', data: bytesFromBase64(payload.base64) };
}

function bytesOf(payload: ComposedPayload): string | Uint8Array {
  return payload.kind === 'text' ? payload.text : bytesFromBase64(payload.base64);
}

function notFromSaved(): SocketLensError {
  return new SocketLensError('saved/no-message', 'This conversation was not opened from a saved connection, so it has no saved messages and no ${…} references to fill in. Connect with "Socket Lens: Connect to Saved…".');
}
