import { css } from 'lit';

/** The composer's look: VS Code's theme variables only, so dark, light and high contrast all work. */
export const composerStyles = css`
  :host { display: flex; flex-direction: column; gap: 6px; padding: 6px 12px 8px; border-top: 1px solid var(--vscode-panel-border, #80808059); }
  .toolbar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .mode { width: 150px; }
  .option { display: inline-flex; gap: 6px; align-items: center; color: var(--vscode-descriptionForeground); font-size: 12px; }
  .narrow { width: 64px; }
  .spacer { flex: 1; }
  .toggle { background: none; border: 1px solid transparent; border-radius: 2px; color: var(--vscode-foreground); font: inherit; font-size: 12px; padding: 2px 8px; cursor: pointer; }
  .toggle:hover { background: var(--vscode-toolbar-hoverBackground, #5a5d5e50); }
  .toggle[aria-pressed='true'] { border-color: var(--vscode-focusBorder, #0078d4); background: var(--vscode-toolbar-activeBackground, #63666750); }
  .toggle:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: 1px; }
  .drawer { padding: 6px 8px; border: 1px solid var(--vscode-editorWidget-border, #454545); border-radius: 2px; }
  .stack { display: flex; flex-direction: column; gap: 10px; }
  .row { display: flex; gap: 8px; align-items: flex-end; }
  .grow { flex: 1; min-width: 0; }
  vscode-textarea { font-family: var(--vscode-editor-font-family, monospace); }
  .file { display: flex; gap: 10px; align-items: center; min-height: 26px; }
  .status { display: flex; gap: 12px; align-items: baseline; min-height: 16px; font-size: 12px; }
  .muted { color: var(--vscode-descriptionForeground); }
  .error { color: var(--vscode-errorForeground, #f48771); white-space: pre-wrap; }
  .preview { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--vscode-descriptionForeground); font-family: var(--vscode-editor-font-family, monospace); }
`;
