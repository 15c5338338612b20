/**
 * Whether a host name or address always means this machine: localhost and *.localhost,
 * 127.0.0.0/8, ::1 (IPv6 with or without brackets).
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

/** The host of a Host header value: "[::1]:8080" → "[::1]", "localhost:80" → "localhost". */
export function hostOfHostHeader(value: string): string {
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  return value.split(':')[0]!;
}
