/** What stands in for a secret wherever one is shown, logged, recorded or exported. */
export const HIDDEN = '***';
