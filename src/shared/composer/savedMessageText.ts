/** How the composer treats the text of a message kept with a saved connection. */
import type { ComposerMode } from './composerModes';

/**
 * As src/core/saved/references.ts reads them: a `${…}` runs to the first `}`, and is a reference
 * when what it holds is `env:NAME`, `var:NAME` or `secret:NAME` (so `${env:${secret:a}` is none).
 */
const PLACEHOLDER = /\$\{[^}]*\}/g;
const REFERENCE = /^\s*(?:env|var|secret):[A-Za-z0-9_.-]+\s*$/;

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
  return splitReferences(text).length > 1;
}

/** `text` cut around its references, to mark them: the parts at odd positions are references. */
export function splitReferences(text: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (!REFERENCE.test(match[0].slice(2, -1))) continue;
    parts.push(text.slice(from, match.index), match[0]);
    from = match.index + match[0].length;
  }
  parts.push(text.slice(from));
  return parts;
}
