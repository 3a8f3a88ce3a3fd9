/**
 * Which hosts are not on the public internet, read from a URL's host as written: an IP literal (in
 * the form WHATWG URL parsing gives it, so `2130706433`, `0x7f.1` and `0177.0.0.1` are already
 * `127.0.0.1`) or a local name. A DNS name is not resolved here: nodes cannot look names up.
 */

/** A range that is not public, named as the error for a refused address says it. */
interface Range {
	bits: bigint;
	prefix: number;
	kind: string;
}

/** `10.0.0.0/8` as a range; `kind` names it in errors. */
function range(cidr: string, kind: string): Range {
	const [address, prefix] = cidr.split('/');
	return { bits: (address.includes(':') ? ipv6Bits(address) : ipv4Bits(address))!, prefix: Number(prefix), kind };
}

/** The ranges that are not public, IPv4 and IPv6 alike; an error names each with its CIDR. */
const NON_PUBLIC_RANGES: Array<[cidr: string, kind: string]> = [
	['0.0.0.0/8', 'an unspecified address'],
	['10.0.0.0/8', 'a private address'],
	['100.64.0.0/10', 'a carrier-grade NAT address'],
	['127.0.0.0/8', 'a loopback address'],
	['169.254.0.0/16', 'a link-local address'],
	['172.16.0.0/12', 'a private address'],
	['192.0.0.0/24', 'a reserved address'],
	['192.0.2.0/24', 'a documentation address'],
	['192.168.0.0/16', 'a private address'],
	['198.18.0.0/15', 'a benchmarking address'],
	['198.51.100.0/24', 'a documentation address'],
	['203.0.113.0/24', 'a documentation address'],
	['224.0.0.0/4', 'a multicast address'],
	['240.0.0.0/4', 'a reserved address'],
	['::/128', 'an unspecified address'],
	['::1/128', 'a loopback address'],
	['100::/64', 'a discard-only address'],
	['2001:db8::/32', 'a documentation address'],
	['fc00::/7', 'a unique-local address'],
	['fe80::/10', 'a link-local address'],
	['fec0::/10', 'a site-local address'],
	['ff00::/8', 'a multicast address'],
];

const rangesOf = (family: 'IPv4' | 'IPv6') =>
	NON_PUBLIC_RANGES.filter(([cidr]) => cidr.includes(':') === (family === 'IPv6')).map(([cidr, kind]) =>
		range(cidr, `${kind} (${cidr.endsWith('/128') ? cidr.slice(0, -4) : cidr})`),
	);

const IPV4_RANGES = rangesOf('IPv4');
const IPV6_RANGES = rangesOf('IPv6');

/** Names that resolve only on this machine or its own network. */
const LOCAL_NAMES: Array<[suffix: string, kind: string]> = [
	['localhost', 'a localhost name'],
	['local', 'a local network name (.local)'],
	['internal', 'a private-use name (.internal)'],
	['home.arpa', 'a home network name (.home.arpa)'],
];

/** IPv6 ranges that carry an IPv4 address: the IPv4 address decides. */
const IPV4_CARRIERS: Array<{ range: Range; ipv4: (bits: bigint) => bigint }> = [
	{ range: range('::ffff:0:0/96', 'IPv4-mapped'), ipv4: (bits) => bits & 0xffffffffn },
	{ range: range('::/96', 'IPv4-compatible'), ipv4: (bits) => bits & 0xffffffffn },
	{ range: range('::ffff:0:0:0/96', 'IPv4-translated'), ipv4: (bits) => bits & 0xffffffffn },
	{ range: range('64:ff9b::/96', 'NAT64'), ipv4: (bits) => bits & 0xffffffffn },
	{ range: range('64:ff9b:1::/48', 'local NAT64'), ipv4: (bits) => bits & 0xffffffffn },
	{ range: range('2002::/16', '6to4'), ipv4: (bits) => (bits >> 80n) & 0xffffffffn },
	{ range: range('2001::/32', 'Teredo'), ipv4: (bits) => ~bits & 0xffffffffn },
];

function ipv4Bits(address: string): bigint | undefined {
	const parts = address.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
	return parts.reduce((bits, part) => (bits << 8n) | BigInt(part), 0n);
}

/** The 128 bits of an IPv6 address, `::` and a dotted IPv4 tail included; undefined when it is not one. */
function ipv6Bits(address: string): bigint | undefined {
	if (!address.includes(':') || address.split('::').length > 2) return undefined;
	const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
	const tailBits = tail === undefined ? undefined : ipv4Bits(tail);
	if (tail !== undefined && tailBits === undefined) return undefined;
	const hex = tailBits === undefined ? address : `${address.slice(0, -tail!.length)}${(tailBits >> 16n).toString(16)}:${(tailBits & 0xffffn).toString(16)}`;
	const [head, rest] = hex.split('::');
	const groups = (text: string | undefined) => (text ? text.split(':') : []);
	const missing = 8 - groups(head).length - groups(rest).length;
	if (rest === undefined ? missing !== 0 : missing < 1) return undefined;
	const all = [...groups(head), ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...groups(rest)];
	if (!all.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
	return all.reduce((bits, group) => (bits << 16n) | BigInt(`0x${group}`), 0n);
}

const inRange = (bits: bigint, width: number, { bits: start, prefix }: Range) =>
	bits >> BigInt(width - prefix) === start >> BigInt(width - prefix);

const ipv4Kind = (bits: bigint) => IPV4_RANGES.find((range) => inRange(bits, 32, range))?.kind;

function ipv6Kind(bits: bigint): string | undefined {
	const kind = IPV6_RANGES.find((range) => inRange(bits, 128, range))?.kind;
	if (kind) return kind;
	for (const { range, ipv4 } of IPV4_CARRIERS) {
		const embedded = inRange(bits, 128, range) ? ipv4Kind(ipv4(bits)) : undefined;
		if (embedded) return `${embedded}, in ${range.kind} form`;
	}
	return undefined;
}

/**
 * Why a host (a URL's `hostname`: a name, an IPv4 address or a bracketed IPv6 address) is not a public
 * destination, e.g. "a loopback address (127.0.0.0/8)"; undefined for a public address or a DNS name.
 */
export function nonPublicHost(hostname: string): string | undefined {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
	const localName = LOCAL_NAMES.find(([suffix]) => host === suffix || host.endsWith(`.${suffix}`));
	if (localName) return localName[1];
	if (!host.includes('.') && !host.includes(':')) return 'a single-label name (resolved on the local network)';
	const ipv4 = ipv4Bits(host);
	if (ipv4 !== undefined) return ipv4Kind(ipv4);
	const ipv6 = ipv6Bits(host);
	return ipv6 === undefined ? undefined : ipv6Kind(ipv6);
}

/** Whether a host name or IP literal is one that a service on the internet cannot reach. */
export function isLocalHost(hostname: string): boolean {
	return nonPublicHost(hostname) !== undefined;
}

/** Why a URL is not fetched as a result file; `liftable` when the testing option may allow it. */
export interface DownloadRefusal {
	reason: string;
	liftable: boolean;
}

/**
 * Whether a result URL may be fetched: http or https only, and a public host unless it is on the
 * Base URL's own origin (as trusted as the API itself) or the user allowed local hosts for tests.
 */
export function downloadRefusal(url: URL, trust: { trustedOrigin?: string; allowLocalHosts: boolean }): DownloadRefusal | undefined {
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { reason: `it is a ${url.protocol} URL, and only http and https are downloaded`, liftable: false };
	}
	if (url.origin === trust.trustedOrigin || trust.allowLocalHosts) return undefined;
	const kind = nonPublicHost(url.hostname);
	return kind ? { reason: `its host ${url.hostname} is ${kind}`, liftable: true } : undefined;
}
