import { css } from 'lit';

/** The rows of the composer's drawer lists (saved messages, snippets): name, mode, text, link buttons. */
export const drawerListStyles = css`
  ul { list-style: none; margin: 0; padding: 0; max-height: 132px; overflow: auto; border: 1px solid var(--vscode-editorWidget-border, #454545); border-radius: 2px; }
  li { display: flex; align-items: center; gap: 8px; padding: 2px 4px 2px 8px; }
  li:hover { background: var(--vscode-list-hoverBackground, #2a2d2e); }
  .name { font-weight: 600; white-space: nowrap; }
  .mode { color: var(--vscode-descriptionForeground); font-size: 11px; white-space: nowrap; }
  .text { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-family: var(--vscode-editor-font-family, monospace); color: var(--vscode-descriptionForeground); }
  button { background: none; border: 1px solid transparent; color: var(--vscode-textLink-foreground, #4daafc); cursor: pointer; font: inherit; font-size: 12px; padding: 1px 6px; border-radius: 2px; }
  button:hover:not(:disabled) { text-decoration: underline; }
  button:disabled { color: var(--vscode-disabledForeground, #cccccc80); cursor: default; }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: 0; }
`;
