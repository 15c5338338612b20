/**
 * The composer's draft: as the shared composer reads it, checked as it is typed, and the status
 * line under the box that reports the check.
 */
import { html, nothing } from 'lit';
import { composeMessage, type Composed, type ComposerDraft } from '../../src/shared/composer/composeMessage';
import type { ComposerMemory } from '../../src/shared/composer/composerMemory';
import type { CloseCodeView, SavedMessagesView } from '../../src/shared/protocol';
import { referencesNote } from './composerReferences';
import type { ChosenFile } from './fileChoice';
import { webviewVariables } from './variableEnvironment';

/** What the composer holds, as composeMessage reads it: its settings, the box's text and the chosen file. */
export function draftOf(memory: ComposerMemory, text: string, file: ChosenFile | undefined): ComposerDraft {
  return { mode: memory.mode, text, fragments: memory.fragments, closeCode: memory.closeCode, closeReason: memory.closeReason, variables: memory.variables, file };
}

/** What the status line needs besides the check. */
export interface StatusInputs {
  /** The box's text: while it is empty, what is wrong with it is not shown yet. */
  readonly text: string;
  /** The host's answer to the last request, when it failed. */
  readonly error: string;
  /** A one-off note (a file refused, JSON that would not format). */
  readonly notice: string;
  readonly saved: SavedMessagesView | undefined;
}

/** The composer's draft checked as it is typed, recomputed only when it changed (the built-ins make each run differ). */
export class DraftCheck {
  private last: { key: readonly unknown[]; result: Composed } | undefined;

  check(draft: ComposerDraft, closeCodes: readonly CloseCodeView[]): Composed {
    const key = [draft.mode, draft.text, draft.fragments, draft.closeCode, draft.closeReason, draft.variables, draft.file, closeCodes];
    if (this.last && key.every((v, k) => v === this.last!.key[k])) return this.last.result;
    const result = composeMessage(draft, webviewVariables, closeCodes);
    this.last = { key, result };
    return result;
  }
}

/**
 * The line under the composer: an error, a notice or what is wrong with the draft; else its
 * summary, then the references note and the draft with its {{variables}} filled in.
 */
export function checkStatus(check: Composed, inputs: StatusInputs) {
  // An empty box is not an error yet (an empty JSON message is, once sent).
  const quiet = !check.ok && check.field === 'text' && inputs.text === '';
  const problem = inputs.error || inputs.notice || (check.ok || quiet ? '' : check.error);
  return html`<div class="status">
    ${problem ? html`<span class="error" role="alert" data-testid="composer-error">${problem}</span>` : check.ok ? html`<span class="muted" data-testid="composer-summary">${check.summary}</span>` : nothing}
    ${referencesNote(check, inputs.saved)}
    ${check.ok && check.resolved !== undefined ? html`<span class="preview" data-testid="composer-preview" title=${check.resolved}>→ ${check.resolved}</span>` : nothing}
  </div>`;
}
