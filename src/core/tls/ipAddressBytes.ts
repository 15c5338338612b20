import { isIP } from 'node:net';

/**
 * The network-order bytes of an IP address (4 for IPv4, 16 for IPv6, as an X.509 iPAddress
 * holds them, RFC 5280 §4.2.1.6), or undefined when `text` is not an IP address. An IPv6 zone
 * ("%eth0") is dropped: certificates carry none.
 */
export function ipAddressBytes(text: string): Uint8Array | undefined {
  const address = text.replace(/%.*$/, '');
  const family = isIP(address);
  if (family === 4) return Uint8Array.from(address.split('.').map(Number));
  if (family === 6) return ipv6Bytes(address);
  return undefined;
}

function ipv6Bytes(address: string): Uint8Array {
  // A trailing dotted quad ("::ffff:192.0.2.1") stands for the last two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  const text = dotted ? address.slice(0, -dotted.length) + groupsOf(dotted) : address;
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const all = [...before, ...Array<string>(8 - before.length - after.length).fill('0'), ...after];
  const bytes = new Uint8Array(16);
  all.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

function groupsOf(dotted: string): string {
  const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}
