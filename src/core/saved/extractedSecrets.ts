import { secretReference } from './references';

/** A secret taken out of what is saved, to store in SecretStorage under `name`. */
export interface ExtractedSecret {
  readonly name: string;
  readonly value: string;
}

/** A name usable in `${secret:NAME}`: letters, digits, "_", "-" and ".". */
export function secretName(text: string): string {
  const slug = text.trim().toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'connection';
}

/**
 * Collects the secrets of one connection as it is saved, each under `<connection>.<what>`; a
 * name already taken (`?token=a&token=b`) gets `-2`, `-3`… so no value overwrites another.
 */
export class SecretCollector {
  readonly secrets: ExtractedSecret[] = [];
  private readonly prefix: string;

  constructor(connectionName: string) {
    this.prefix = secretName(connectionName);
  }

  /** Keeps `value` as a secret named after `parts`, and returns the `${secret:…}` to write instead. */
  reference(parts: readonly string[], value: string): string {
    const base = [this.prefix, ...parts.map(secretName)].join('.');
    let name = base;
    for (let n = 2; this.secrets.some((s) => s.name === name); n++) name = `${base}-${n}`;
    this.secrets.push({ name, value });
    return secretReference(name);
  }
}
