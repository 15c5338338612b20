import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { MockCertificate } from './mockTls';

/** A self-signed certificate of a running mock, saved for clients to trust, removed when the mock stops. */
export interface SavedCertificate {
  readonly file: string;
  dispose(): void;
}

const FOLDER_PREFIX = 'socket-lens-mock-';
const FILE_NAME = 'certificate.pem';

/** Whether `file` is one saveSelfSigned wrote: it goes when its mock stops, so nothing should keep its path. */
export function isSavedCertificateFile(file: string): boolean {
  const dir = dirname(file);
  return basename(file) === FILE_NAME && dirname(dir) === tmpdir() && basename(dir).startsWith(FOLDER_PREFIX);
}

/** Saves the PEM of a self-signed certificate in a new temp folder; nothing for one that a CA issued. */
export function saveSelfSigned(certificate: MockCertificate | undefined): SavedCertificate | undefined {
  if (!certificate?.selfSigned) return undefined;
  const dir = mkdtempSync(join(tmpdir(), FOLDER_PREFIX));
  const file = join(dir, FILE_NAME);
  writeFileSync(file, certificate.pem);
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
