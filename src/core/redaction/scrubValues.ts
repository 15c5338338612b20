import { HIDDEN } from './hidden';
import { secretForms } from './secretForms';

/** `text` with every known secret value in it hidden, in each of its forms (see secretForms). */
export function scrubValues(text: string, values: readonly string[]): string {
  return scrubForms(text, secretForms(values));
}

/** `text` with each of `forms` (from secretForms, longest first) replaced by `***`. */
export function scrubForms(text: string, forms: readonly string[]): string {
  return forms.reduce((scrubbed, form) => scrubbed.split(form).join(HIDDEN), text);
}
