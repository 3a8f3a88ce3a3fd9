import { downloadRefusal, isLocalHost, nonPublicHost } from '../../../../nodes/shared/util/network';

/** A host as n8n's HTTP helper would connect to it: parsed by WHATWG URL, like every result URL. */
const hostOf = (url: string) => new URL(url).hostname;

describe('nonPublicHost: what is not on the public internet', () => {
	test.each([
		['http://0.255.255.255/', 'an unspecified address (0.0.0.0/8)'],
		['http://10.255.255.255/', 'a private address (10.0.0.0/8)'],
		['http://100.127.255.255/', 'a carrier-grade NAT address (100.64.0.0/10)'],
		['http://127.255.255.254/', 'a loopback address (127.0.0.0/8)'],
		['http://172.31.255.255/', 'a private address (172.16.0.0/12)'],
		['http://198.19.0.1/', 'a benchmarking address (198.18.0.0/15)'],
		['http://239.1.1.1/', 'a multicast address (224.0.0.0/4)'],
		['http://255.255.255.255/', 'a reserved address (240.0.0.0/4)'],
		['http://127.1/', 'a loopback address (127.0.0.0/8)'],
		['http://0x7f000001/', 'a loopback address (127.0.0.0/8)'],
		['http://[::ffff:0:a9fe:a9fe]/', 'a link-local address (169.254.0.0/16), in IPv4-translated form'],
		['http://[::127.0.0.1]/', 'a loopback address (127.0.0.0/8), in IPv4-compatible form'],
		['http://[64:ff9b:1::c0a8:1]/', 'a private address (192.168.0.0/16), in local NAT64 form'],
		// Teredo carries its client's IPv4 address inverted: 0x80fffffe is 127.0.0.1.
		['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', 'a loopback address (127.0.0.0/8), in Teredo form'],
		['http://[fec0::1]/', 'a site-local address (fec0::/10)'],
		['http://[ff02::1]/', 'a multicast address (ff00::/8)'],
		['http://[2001:db8::1]/', 'a documentation address (2001:db8::/32)'],
		['http://LocalHost./', 'a localhost name'],
		['http://home.home.arpa/', 'a home network name (.home.arpa)'],
	])('%s is %s', (url, kind) => expect(nonPublicHost(hostOf(url))).toBe(kind));

	test.each([
		'http://8.8.8.8/',
		'http://100.63.255.255/',
		'http://100.128.0.0/',
		'http://172.32.0.1/',
		'http://192.169.0.1/',
		'http://1.1.1.1/',
		'http://[2606:4700:4700::1111]/',
		'http://[::ffff:8.8.8.8]/',
		'http://[64:ff9b::8.8.8.8]/',
		'http://[2002:808:808::1]/',
		'https://tempfile.example.com/a.png',
		'https://xn--bcher-kva.example/a.png',
		// A DNS name is not resolved here: n8n's SSRF protection, when on, checks what it resolves to.
		'http://127.0.0.1.nip.io/',
	])('%s is public as far as its host shows', (url) => expect(nonPublicHost(hostOf(url))).toBeUndefined());

	test('isLocalHost is the same rule, as the Pause Until Callback resume URL check uses it', () => {
		expect(isLocalHost('[::ffff:127.0.0.1]')).toBe(true);
		expect(isLocalHost('n8n.example.com')).toBe(false);
	});
});

describe('downloadRefusal: which result URLs are fetched', () => {
	const trust = { trustedOrigin: 'http://127.0.0.1:8080', allowLocalHosts: false };

	test("the Base URL's own origin is as trusted as the API; the same host on another port is not", () => {
		expect(downloadRefusal(new URL('http://127.0.0.1:8080/files/a.png'), trust)).toBeUndefined();
		expect(downloadRefusal(new URL('http://127.0.0.1:8081/files/a.png'), trust)).toEqual({
			reason: 'its host 127.0.0.1 is a loopback address (127.0.0.0/8)',
			liftable: true,
		});
		expect(downloadRefusal(new URL('https://127.0.0.1:8080/files/a.png'), trust)?.liftable).toBe(true);
	});

	test('the testing option lifts the address rules only', () => {
		const allowed = { ...trust, allowLocalHosts: true };
		expect(downloadRefusal(new URL('http://10.0.0.1/a.png'), allowed)).toBeUndefined();
		expect(downloadRefusal(new URL('file:///etc/passwd'), allowed)).toEqual({
			reason: 'it is a file: URL, and only http and https are downloaded',
			liftable: false,
		});
	});
});
