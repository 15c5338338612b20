import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockCertificate } from '../core/mock/mockTls';

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

/** What to tell a person about a self-signed certificate: its fingerprint and how to trust it. */
export function trustHint(certificate: MockCertificate, saved: SavedCertificate): string {
  return `socket-lens: TLS with a self-signed certificate, SHA-256 ${certificate.fingerprint256}, saved in ${saved.file} while the mock runs. Clients must trust it: socket-lens connect --ca ${saved.file}, curl --cacert ${saved.file}, NODE_EXTRA_CA_CERTS=${saved.file} for Node; or --insecure for a quick test.`;
}
