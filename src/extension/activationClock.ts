/**
 * When the bundle's modules began to run. extension.ts imports this module first, so its line
 * runs before any other module's top-level code (parsing the bundle comes before and is not counted).
 */
export const modulesStartedAt = performance.now();

/** How long starting the extension took, as the API and the output channel report it. */
export interface ActivationTimes {
  /** Top-level code of every module, from the first to the call of `activate`. */
  readonly modulesMs: number;
  /** The `activate` call itself: views, commands, stores. */
  readonly activateMs: number;
}

/** Times measured from `modulesStartedAt`, given when `activate` began and ended. */
export function activationTimes(activateStartedAt: number, activateEndedAt: number): ActivationTimes {
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { modulesMs: round(activateStartedAt - modulesStartedAt), activateMs: round(activateEndedAt - activateStartedAt) };
}
