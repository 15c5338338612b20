import { findReferences } from './references';

/**
 * A saved connection's text with each `${…}` reference swapped for a plain word (letters and
 * digits, valid in a host, path, query, user info or header), so that it parses as the URL or
 * header it stands for, and the references can be put back afterwards.
 */
export class ReferenceMask {
  private readonly words = new Map<string, string>();
  private readonly prefix: string;

  constructor(texts: readonly string[]) {
    let prefix = 'slref';
    while (texts.some((text) => text.toLowerCase().includes(prefix))) prefix += 'q';
    this.prefix = prefix;
  }

  /** `text` with its references masked. */
  mask(text: string): string {
    let masked = text;
    for (const reference of findReferences(text).references) {
      const word = this.wordFor(reference.text);
      masked = masked.split(reference.text).join(word);
    }
    return masked;
  }

  /** Whether `text` holds a masked reference: it is written by the file's author, not a literal secret. */
  holdsReference(text: string): boolean {
    return text.toLowerCase().includes(this.prefix);
  }

  /** `text` with the references put back. */
  unmask(text: string): string {
    let unmasked = text;
    for (const [word, reference] of this.words) unmasked = unmasked.split(word).join(reference);
    return unmasked;
  }

  private wordFor(reference: string): string {
    for (const [word, known] of this.words) if (known === reference) return word;
    // A closing letter keeps word 1 from being the start of word 10.
    const word = `${this.prefix}${this.words.size}z`;
    this.words.set(word, reference);
    return word;
  }
}
