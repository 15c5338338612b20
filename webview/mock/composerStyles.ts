import { css } from 'lit';

/** What the two sending sections of the mock panel share. */
export const composerStyles = css`
  :host { display: flex; flex-direction: column; gap: 6px; padding: 8px 12px; min-width: 0; }
  h2 { margin: 0; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--vscode-descriptionForeground); display: flex; align-items: center; gap: 8px; min-height: 26px; }
  h2 .what { text-transform: none; letter-spacing: normal; font-weight: 400; font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
  h2 .mono { font-family: var(--vscode-editor-font-family, monospace); }
  h2 .spacer { flex: 1; }
  h2 vscode-button { text-transform: none; letter-spacing: normal; font-weight: 400; }
  .row { display: flex; gap: 8px; align-items: flex-end; }
  .row.fields { align-items: center; flex-wrap: wrap; }
  vscode-textarea { flex: 1; min-width: 0; font-family: var(--vscode-editor-font-family, monospace); }
  label { color: var(--vscode-descriptionForeground); white-space: nowrap; }
  .code { width: 6em; }
  .reason { flex: 1 1 140px; min-width: 100px; }
  .hint { color: var(--vscode-descriptionForeground); }
  .error { color: var(--vscode-errorForeground, #f48771); white-space: pre-wrap; }
  .notice { color: var(--vscode-descriptionForeground); }
`;

/** Ctrl/Cmd+Enter in a message box sends it. */
export function isSendKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}
