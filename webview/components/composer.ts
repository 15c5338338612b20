import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { composeMessage, composeRepeat, type Composed } from '../../src/shared/composer/composeMessage';
import { remember } from '../../src/shared/composer/composerHistory';
import { EMPTY_COMPOSER_MEMORY, deleteSnippet, saveSnippet, type ComposerMemory, type Snippet } from '../../src/shared/composer/composerMemory';
import { COMPOSER_MODES, hasTextBox, isComposerMode, modeInfo, type ComposerMode } from '../../src/shared/composer/composerModes';
import { formatJson } from '../../src/shared/composer/jsonCheck';
import { savedMessageMode } from '../../src/shared/composer/savedMessageText';
import type { CloseCodeView, RepeatView, SavedMessageView, SavedMessagesView } from '../../src/shared/protocol';
import { checkStatus, draftOf, DraftCheck } from './composerCheck';
import { withReferences } from './composerReferences';
import { composerStyles } from './composerStyles';
import { readChosenFile, type ChosenFile } from './fileChoice';
import { HistoryKeys } from './historyKeys';
import { webviewVariables } from './variableEnvironment';

type Drawer = 'snippets' | 'variables';

/** Labels of the send button per mode. */
const SEND_LABELS: Partial<Record<ComposerMode, string>> = { ping: 'Ping', pong: 'Pong', close: 'Close' };

/**
 * Composes and sends: text, JSON, binary (hex, base64, a file), ping, pong and close, in N frames,
 * repeated, with history (Up/Down), snippets and {{variables}}. Everything is checked as it is
 * typed and nothing invalid is sent. On a connection opened from a saved connection it offers that
 * one's messages, whose references the host fills in. Fires `send` (a ComposedRequest),
 * `send-saved` (a saved message's name), `stop-repeat`, `draft` (the text) and `memory` (a
 * ComposerMemory to persist).
 */
export class MessageComposer extends LitElement {
  static override properties = {
    disabled: { type: Boolean },
    value: { type: String },
    error: { type: String },
    sending: { type: Boolean },
    memory: { attribute: false },
    closeCodes: { attribute: false },
    repeat: { attribute: false },
    saved: { attribute: false },
    file: { state: true },
    drawer: { state: true },
    notice: { state: true },
  };
  declare disabled: boolean;
  declare value: string;
  /** The host's answer to the last request, when it failed. */
  declare error: string;
  declare sending: boolean;
  declare memory: ComposerMemory;
  declare closeCodes: readonly CloseCodeView[];
  declare repeat: RepeatView | undefined;
  /** The messages of the saved connection this one was opened from, as written. */
  declare saved: SavedMessagesView | undefined;
  declare file: ChosenFile | undefined;
  declare drawer: Drawer | undefined;
  /** A one-off note under the composer (a file refused, JSON that would not format). */
  declare notice: string;

  private readonly historyKeys = new HistoryKeys();
  private readonly draftCheck = new DraftCheck();

  constructor() {
    super();
    this.disabled = false;
    this.value = '';
    this.error = '';
    this.sending = false;
    this.memory = EMPTY_COMPOSER_MEMORY;
    this.closeCodes = [];
    this.repeat = undefined;
    this.saved = undefined;
    this.file = undefined;
    this.drawer = undefined;
    this.notice = '';
  }

  static override styles = composerStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.sendOnCtrlEnter);
  }

  override disconnectedCallback(): void {
    this.removeEventListener('keydown', this.sendOnCtrlEnter);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value')) this.historyKeys.edited(this.value);
  }

  override render() {
    const mode = this.memory.mode;
    const info = modeInfo(mode);
    const check = this.draftCheck.check(draftOf(this.memory, this.value, this.file), this.closeCodes);
    const field = check.ok ? undefined : check.field;
    return html`
      <socket-lens-repeat-status .repeat=${this.repeat} @stop-repeat=${() => this.dispatchEvent(new CustomEvent('stop-repeat'))}></socket-lens-repeat-status>
      <div class="toolbar">
        <vscode-single-select data-testid="composer-mode" aria-label="What to send" class="mode" position="above" .value=${mode} @change=${this.pickMode}>
          ${COMPOSER_MODES.map((m) => html`<vscode-option value=${m.mode}>${m.label}</vscode-option>`)}
        </vscode-single-select>
        ${mode === 'json' ? html`<vscode-button secondary data-testid="format-json" title="Re-indent the JSON" @click=${this.format}>Format</vscode-button>` : nothing}
        ${info.data ? this.renderDataOptions(field) : nothing}
        <span class="spacer"></span>
        ${this.renderDrawerToggle('snippets', this.snippetsLabel())}
        ${this.renderDrawerToggle('variables', 'Variables')}
      </div>
      ${this.renderDrawer()}
      <div class="row">
        ${this.renderInput(mode, field)}
        <vscode-button data-testid="send" title="Send (Ctrl+Enter)" ?disabled=${this.disabled || this.sending || !check.ok} @click=${this.send}>${SEND_LABELS[mode] ?? 'Send'}</vscode-button>
      </div>
      ${checkStatus(check, { text: this.value, error: this.error, notice: this.notice, saved: this.saved })}
    `;
  }

  private renderDataOptions(field: string | undefined) {
    const running = this.repeat?.running ?? false;
    return html`
      <label class="option">Frames
        <vscode-textfield data-testid="composer-fragments" class="narrow" aria-label="Send as this many frames" title="Cut the message into this many frames (RFC 6455 §5.4)" .value=${this.memory.fragments} ?invalid=${field === 'fragments'} @input=${(e: Event) => this.remember({ fragments: inputValue(e) })}></vscode-textfield>
      </label>
      <label class="option">Every
        <vscode-textfield data-testid="repeat-ms" class="narrow" aria-label="Repeat interval in milliseconds" .value=${this.memory.repeatMs} ?invalid=${field === 'repeat'} @input=${(e: Event) => this.remember({ repeatMs: inputValue(e) })}></vscode-textfield> ms
      </label>
      <vscode-button secondary data-testid="repeat-start" title="Send this message every so many milliseconds, from the extension host, until stopped" ?disabled=${this.disabled || running} @click=${this.startRepeat}>Repeat</vscode-button>
    `;
  }

  private renderDrawerToggle(drawer: Drawer, label: string) {
    const open = this.drawer === drawer;
    return html`<button class="toggle" data-testid="toggle-${drawer}" aria-pressed=${open ? 'true' : 'false'} @click=${() => (this.drawer = open ? undefined : drawer)}>${label}</button>`;
  }

  private renderDrawer() {
    if (this.drawer === 'snippets') {
      return html`<div class="drawer stack">
        ${this.saved ? html`<socket-lens-saved-messages .saved=${this.saved} ?disabled=${this.disabled || this.sending} @insert-saved=${this.insertSaved} @send-saved=${this.sendSaved}></socket-lens-saved-messages>` : nothing}
        <socket-lens-snippets .snippets=${this.memory.snippets} ?canSave=${this.memory.mode !== 'file'} @save-snippet=${this.saveSnippet} @insert-snippet=${this.insertSnippet} @delete-snippet=${this.deleteSnippet}></socket-lens-snippets>
      </div>`;
    }
    if (this.drawer === 'variables') {
      return html`<socket-lens-variables class="drawer" .value=${this.memory.variables} @variables-change=${(e: CustomEvent<string>) => this.remember({ variables: e.detail })}></socket-lens-variables>`;
    }
    return nothing;
  }

  private renderInput(mode: ComposerMode, field: string | undefined) {
    if (mode === 'close') {
      return html`<socket-lens-close-picker class="grow" .codes=${this.closeCodes} .code=${this.memory.closeCode} .reason=${this.memory.closeReason} ?disabled=${this.disabled} ?codeInvalid=${field === 'closeCode'} ?reasonInvalid=${field === 'closeReason'} @close-change=${(e: CustomEvent<{ code: string; reason: string }>) => this.remember({ closeCode: e.detail.code, closeReason: e.detail.reason })}></socket-lens-close-picker>`;
    }
    if (mode === 'file') {
      return html`<div class="grow file">
        <vscode-button secondary data-testid="choose-file" ?disabled=${this.disabled} @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}>Choose file…</vscode-button>
        <input type="file" data-testid="file-input" hidden @change=${this.chooseFile} />
        <span class="muted" data-testid="file-name">${this.file ? this.file.name : 'No file chosen; it is sent as one binary message.'}</span>
      </div>`;
    }
    return html`<vscode-textarea
      data-testid="composer"
      class="grow"
      rows="3"
      resize="vertical"
      aria-label="Message"
      placeholder=${this.disabled ? 'Connect to send messages' : `${modeInfo(mode).placeholder} — Ctrl+Enter to send, ↑ for history`}
      .value=${this.value}
      ?invalid=${field === 'text'}
      ?disabled=${this.disabled}
      @input=${this.typeText}
      @keydown=${this.walkHistory}
    ></vscode-textarea>`;
  }

  private readonly sendOnCtrlEnter = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    this.send();
  };

  private send(): void {
    if (this.disabled || this.sending) return;
    // Composed afresh: built-ins such as {{$timestamp}} take their value as it leaves.
    const composed = composeMessage(draftOf(this.memory, this.value, this.file), webviewVariables, this.closeCodes);
    this.dispatch(composed);
  }

  private startRepeat(): void {
    if (this.disabled) return;
    this.dispatch(composeRepeat(draftOf(this.memory, this.value, this.file), this.memory.repeatMs, webviewVariables));
  }

  private dispatch(composed: Composed): void {
    this.notice = '';
    if (!composed.ok) {
      this.notice = composed.error;
      return;
    }
    if (hasTextBox(this.memory.mode)) this.remember({ history: remember(this.memory.history, { mode: this.memory.mode, text: this.value }) });
    this.historyKeys.sent(this.value);
    this.dispatchEvent(new CustomEvent('send', { detail: withReferences(composed.request, this.saved), bubbles: true, composed: true }));
  }

  private typeText(event: Event): void {
    this.value = inputValue(event);
    this.notice = '';
    this.dispatchEvent(new CustomEvent('draft', { detail: this.value }));
  }

  /** Up and Down walk the history while the box is empty or shows an entry unedited, like a shell. */
  private walkHistory(event: KeyboardEvent): void {
    const entry = this.historyKeys.step(event, this.memory.history, { mode: this.memory.mode, text: this.value });
    if (!entry) return;
    event.preventDefault();
    this.value = entry.text;
    if (entry.mode !== this.memory.mode) this.remember({ mode: entry.mode });
    this.dispatchEvent(new CustomEvent('draft', { detail: this.value }));
  }

  private pickMode(event: Event): void {
    const mode = inputValue(event);
    if (isComposerMode(mode) && mode !== this.memory.mode) {
      this.notice = '';
      this.remember({ mode });
    }
  }

  private format(): void {
    const formatted = formatJson(this.value);
    if (!formatted.ok) {
      this.notice = formatted.error;
      return;
    }
    this.value = formatted.value;
    this.dispatchEvent(new CustomEvent('draft', { detail: this.value }));
  }

  private async chooseFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const chosen = await readChosenFile(input.files?.[0]);
    input.value = '';
    this.file = chosen.ok ? chosen.value : undefined;
    this.notice = chosen.ok ? '' : chosen.error;
  }

  private saveSnippet(event: CustomEvent<string>): void {
    this.remember({ snippets: saveSnippet(this.memory.snippets, { name: event.detail, mode: this.memory.mode, text: this.memory.mode === 'close' ? this.memory.closeReason : this.value }) });
  }

  private insertSnippet(event: CustomEvent<Snippet>): void {
    const snippet = event.detail;
    if (snippet.mode === 'close') this.remember({ mode: snippet.mode, closeReason: snippet.text });
    else this.load(snippet.mode, snippet.text);
  }

  /** A saved message into the box, as written: JSON when it parses, text otherwise. */
  private insertSaved(event: CustomEvent<SavedMessageView>): void {
    this.notice = '';
    this.load(savedMessageMode(event.detail.text), event.detail.text);
  }

  /** Sends a saved message as it is in the file; the host fills in its references. It joins the history as written. */
  private sendSaved(event: CustomEvent<SavedMessageView>): void {
    if (this.disabled || this.sending) return;
    const { name, text } = event.detail;
    this.notice = '';
    this.remember({ history: remember(this.memory.history, { mode: savedMessageMode(text), text }) });
    this.dispatchEvent(new CustomEvent('send-saved', { detail: name, bubbles: true, composed: true }));
  }

  private load(mode: ComposerMode, text: string): void {
    this.remember({ mode });
    this.value = text;
    this.dispatchEvent(new CustomEvent('draft', { detail: this.value }));
  }

  private snippetsLabel(): string {
    const count = this.memory.snippets.length + (this.saved?.messages.length ?? 0);
    return `Snippets${count ? ` (${count})` : ''}`;
  }

  private deleteSnippet(event: CustomEvent<Snippet>): void {
    this.remember({ snippets: deleteSnippet(this.memory.snippets, event.detail.name) });
  }

  private remember(change: Partial<ComposerMemory>): void {
    this.memory = { ...this.memory, ...change };
    this.dispatchEvent(new CustomEvent('memory', { detail: this.memory }));
  }
}

function inputValue(event: Event): string {
  return (event.target as HTMLInputElement).value;
}
