/** The kinds of `${kind:NAME}` a saved connection may hold. */
export type ReferenceKind = 'env' | 'secret' | 'var';

/** One `${kind:NAME}` in a string. */
export interface Reference {
  readonly kind: ReferenceKind;
  readonly name: string;
  /** As written, e.g. `${secret:api-token}`. */
  readonly text: string;
}

const PLACEHOLDER = /\$\{([^}]*)\}/g;
const REFERENCE = /^(env|secret|var):([A-Za-z0-9_.-]+)$/;

/** The references in `text`, and a message for each `${…}` that is not one. */
export function findReferences(text: string): { readonly references: Reference[]; readonly problems: string[] } {
  const references: Reference[] = [];
  const problems: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const parsed = REFERENCE.exec(match[1]!.trim());
    if (parsed) references.push({ kind: parsed[1] as ReferenceKind, name: parsed[2]!, text: match[0] });
    else problems.push(`${match[0]} is not a reference Socket Lens knows: write \${env:NAME}, \${secret:NAME} or \${var:NAME} (NAME of letters, digits, "_", "-" and ".").`);
  }
  if (text.replace(PLACEHOLDER, '').includes('${')) problems.push('"${" is not closed with "}".');
  return { references, problems };
}

/** `text` with each reference replaced by what `value` gives for it (`offset`: where it starts in `text`). */
export function replaceReferences(text: string, value: (reference: Reference, offset: number) => string): string {
  return text.replace(PLACEHOLDER, (whole: string, inner: string, offset: number) => {
    const parsed = REFERENCE.exec(inner.trim());
    return parsed ? value({ kind: parsed[1] as ReferenceKind, name: parsed[2]!, text: whole }, offset) : whole;
  });
}

/** The reference a secret setting must be on its own, e.g. `${secret:client-key}`. */
export function secretReference(name: string): string {
  return `\${secret:${name}}`;
}
