import { isIPv4, isIPv6 } from 'node:net';

/**
 * The peer address as people write it: an IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as IPv4, at most 64
 * characters; `unknown` once the connection is gone (Node then no longer knows the address).
 */
export function plainAddress(ip: string | undefined): string {
  if (ip === undefined) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return (mapped ? mapped[1]! : ip).slice(0, 64);
}

/**
 * The unit of "one address" for throttling: an IPv4 address, or the /64 network of an IPv6 address, since a single
 * IPv6 host is routinely given a whole /64 and can pick a fresh address from it for every request.
 */
export function addressGroup(ip: string | undefined): string {
  const plain = plainAddress(ip);
  if (isIPv4(plain) || !isIPv6(plain.split('%')[0]!)) return plain;
  return `${ipv6Groups(plain).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, in hex without leading zeros. */
function ipv6Groups(ip: string): string[] {
  const [head = '', tail] = ip.split('%')[0]!.split('::');
  const groupsOf = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => (group.includes('.') ? ipv4AsGroups(group) : [group]));
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const zeros = Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0');
  return [...front, ...zeros, ...back].map((group) => Number.parseInt(group, 16).toString(16));
}

/** An IPv4 address written inside an IPv6 one (`::ffff:1.2.3.4`) as its two 16-bit groups. */
function ipv4AsGroups(ipv4: string): string[] {
  const [a = 0, b = 0, c = 0, d = 0] = ipv4.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
