import { css } from 'lit';

export const messageListStyles = css`
  :host { display: flex; flex-direction: column; position: relative; min-height: 0; font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); }
  .scroller { flex: 1 1 auto; min-height: 0; overflow-y: auto; overflow-x: hidden; position: relative; contain: strict; }
  .spacer { width: 1px; }
  .rows { position: absolute; top: 0; left: 0; right: 0; will-change: transform; }
  .row { display: grid; grid-template-columns: 8.5em 1.5em 4.5em 6em minmax(0, 1fr); height: calc(var(--vscode-editor-font-size, 13px) + 9px); box-sizing: border-box; align-items: center; border-bottom: 1px solid var(--vscode-editorWidget-border, #80808026); }
  .row:not(.head):hover { background: var(--vscode-list-hoverBackground); }
  .row > span { padding: 0 8px; white-space: nowrap; overflow: hidden; }
  .head { flex: none; background: var(--vscode-editor-background); color: var(--vscode-descriptionForeground); font-family: var(--vscode-font-family); text-transform: uppercase; }
  /* The columns are sized in em of the editor font, so only the labels get the small font. */
  .head > span { font-size: 11px; }
  .time-mode { font: inherit; color: inherit; text-transform: inherit; background: none; border: none; padding: 0; cursor: pointer; }
  .time-mode:hover { color: var(--vscode-foreground); text-decoration: underline; }
  .time-mode:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); }
  .time, .size { color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; }
  .size { text-align: right; }
  .dir { text-align: center; font-weight: 700; }
  .in .dir { color: var(--vscode-charts-blue, #3794ff); }
  .out .dir { color: var(--vscode-charts-green, #89d185); }
  .kind { color: var(--vscode-descriptionForeground); }
  .ping .kind, .pong .kind { color: var(--vscode-charts-purple, #b180d7); }
  .close .kind { color: var(--vscode-charts-red, #f14c4c); }
  .preview { text-overflow: ellipsis; }
  .binary .preview { color: var(--vscode-charts-orange, #d18616); }
  .loading { color: var(--vscode-disabledForeground, #888); }
  .more { color: var(--vscode-descriptionForeground); }
  .badge { display: inline-block; margin-right: 6px; padding: 0 4px; border-radius: 3px; font-size: 11px; line-height: 16px; font-family: var(--vscode-font-family); background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
  .badge.error { background: var(--vscode-inputValidation-errorBackground, #5a1d1d); color: var(--vscode-errorForeground, #f48771); }
  .badge.warning { background: var(--vscode-inputValidation-warningBackground, #352a05); color: var(--vscode-editorWarning-foreground, #cca700); }
  .empty { position: absolute; padding: 6px 12px; color: var(--vscode-descriptionForeground); font-family: var(--vscode-font-family); }
  .row:not(.head) { cursor: default; }
  .row[aria-selected='true'] { background: var(--vscode-list-inactiveSelectionBackground, #37373d); }
  :host(:focus-within) .row[aria-selected='true'] { background: var(--vscode-list-activeSelectionBackground, #04395e); color: var(--vscode-list-activeSelectionForeground, inherit); }
  .scroller:focus { outline: none; }
  .scroller:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
  .scroller:focus-visible .row[aria-selected='true'] { outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: -1px; }
  .new { position: absolute; bottom: 8px; left: 50%; transform: translateX(-50%); padding: 3px 12px; border: none; border-radius: 12px; cursor: pointer; font: inherit; font-family: var(--vscode-font-family); font-size: 12px; background: var(--vscode-button-background, #0078d4); color: var(--vscode-button-foreground, #fff); box-shadow: 0 1px 4px #0006; }
  .new:hover { background: var(--vscode-button-hoverBackground, #026ec1); }
`;
