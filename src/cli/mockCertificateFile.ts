import type { MockCertificate } from '../core/mock/mockTls';
import type { SavedCertificate } from '../core/mock/savedCertificate';

/** What to tell a person about a self-signed certificate: its fingerprint and how to trust it. */
export function trustHint(certificate: MockCertificate, saved: SavedCertificate): string {
  return `socket-lens: TLS with a self-signed certificate, SHA-256 ${certificate.fingerprint256}, saved in ${saved.file} while the mock runs. Clients must trust it: socket-lens connect --ca ${saved.file}, curl --cacert ${saved.file}, NODE_EXTRA_CA_CERTS=${saved.file} for Node; or --insecure for a quick test.`;
}
