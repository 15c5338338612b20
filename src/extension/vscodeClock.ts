/**
 * When `require('vscode')` had returned: extension.ts imports this module right after `vscode`,
 * so the time between activationClock's mark and this one is VS Code building our API object.
 */
export const vscodeLoadedAt = performance.now();
