import { fileTooBig } from '../../src/shared/composer/composeMessage';
import { MAX_FILE_BYTES } from '../../src/shared/composer/composerLimits';
import type { Checked } from '../../src/shared/composer/payloadEncoding';

export interface ChosenFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Reads a file picked in the webview as bytes; one over the limit is refused before it is read. */
export async function readChosenFile(file: File | undefined): Promise<Checked<ChosenFile>> {
  if (!file) return { ok: false, error: 'No file was chosen.' };
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: fileTooBig(file.name, file.size) };
  try {
    return { ok: true, value: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } };
  } catch (error) {
    return { ok: false, error: `"${file.name}" could not be read: ${(error as Error).message}` };
  }
}
