import { css, html } from 'lit';
import type { ConnectionView } from '../../src/shared/viewModels';

const SUBJECT: Record<NonNullable<ConnectionView['readOnly']>, string> = {
  imported: 'Imported session',
  previous: 'Previous session',
};

/** Where the composer would be: a session read back from a file has nothing to send to, and says what to do instead. */
export function readOnlyNote(kind: NonNullable<ConnectionView['readOnly']>) {
  return html`<div class="read-only" role="note" data-testid="read-only-note">${SUBJECT[kind]}: read-only. Replay it with Socket Lens: Replay Imported Session…</div>`;
}

export const readOnlyNoteStyles = css`
  .read-only { padding: 8px 12px; border-top: 1px solid var(--vscode-panel-border, #80808059); color: var(--vscode-descriptionForeground); }
`;
