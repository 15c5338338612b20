import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockCertificate } from './mockTls';

/** A self-signed certificate of a running mock, saved for clients to trust, removed when the mock stops. */
export interface SavedCertificate {
  readonly file: string;
  dispose(): void;
}

/** Saves the PEM of a self-signed certificate in a new temp folder; nothing for one that a CA issued. */
export function saveSelfSigned(certificate: MockCertificate | undefined): SavedCertificate | undefined {
  if (!certificate?.selfSigned) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'socket-lens-mock-'));
  const file = join(dir, 'certificate.pem');
  writeFileSync(file, certificate.pem);
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
