/** How the composer treats the text of a message kept with a saved connection. */
import type { ComposerMode } from './composerModes';

/** `${env:NAME}`, `${var:NAME}` or `${secret:NAME}`, as src/core/saved/references.ts reads them; captured, to split around. */
const REFERENCE = /(\$\{\s*(?:env|var|secret):[A-Za-z0-9_.-]+\s*\})/;

/** The mode a saved message loads in: JSON when its text parses as a JSON object or array, Text otherwise. */
export function savedMessageMode(text: string): Extract<ComposerMode, 'json' | 'text'> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? 'json' : 'text';
  } catch {
    return 'text';
  }
}

/** Whether `text` holds a reference the host fills in from the saved connection when it is sent. */
export function mentionsReference(text: string): boolean {
  return REFERENCE.test(text);
}

/** `text` cut around its references, to mark them: the parts at odd positions are references. */
export function splitReferences(text: string): string[] {
  return text.split(REFERENCE);
}
