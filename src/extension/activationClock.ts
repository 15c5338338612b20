/**
 * When the bundle's modules began to run. extension.ts imports this module first, so its line
 * runs before any other module's top-level code (parsing the bundle comes before and is not counted).
 */
export const modulesStartedAt = performance.now();

/** How long starting the extension took, as the API and the output channel report it. */
export interface ActivationTimes {
  /** `require('vscode')`: VS Code building the API object of this extension. */
  readonly vscodeApiMs: number;
  /** Top-level code of our modules, but for the vscode API, up to the call of `activate`. */
  readonly modulesMs: number;
  /** The `activate` call itself: views, commands, stores. */
  readonly activateMs: number;
  /** `performance.now()` when the first module began to run and when `activate` returned, to place them on a caller's clock. */
  readonly modulesStartedAt: number;
  readonly activatedAt: number;
}

/** Times measured from `modulesStartedAt`, given when `vscode` had loaded and when `activate` began and ended. */
export function activationTimes(vscodeLoadedAt: number, activateStartedAt: number, activateEndedAt: number): ActivationTimes {
  const round = (ms: number) => Math.round(ms * 100) / 100;
  const vscodeApiMs = vscodeLoadedAt - modulesStartedAt;
  return { vscodeApiMs: round(vscodeApiMs), modulesMs: round(activateStartedAt - modulesStartedAt - vscodeApiMs), activateMs: round(activateEndedAt - activateStartedAt), modulesStartedAt, activatedAt: activateEndedAt };
}
