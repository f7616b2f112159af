import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bypassesProxy, parseProxyUrl, proxyFor } from '../../../src/tools/http/proxy';

const u = (s: string) => new URL(s);

test('NO_PROXY: curl matching (suffixes with or without a dot, exact hosts, IPs, CIDR, *) plus host:port', () => {
  const cases: Array<[string, string, boolean]> = [
    ['example.com', 'https://example.com/', true],
    ['example.com', 'https://www.example.com/', true],
    ['.example.com', 'https://www.example.com/', true],
    ['.example.com', 'https://example.com/', true],
    ['example.com', 'https://notexample.com/', false],
    ['example.com', 'https://example.com.evil.net/', false],
    ['EXAMPLE.com.', 'https://Registry.Example.COM/', true],
    ['*', 'https://anything.at.all:8443/', true],
    ['registry.local:5000', 'https://registry.local:5000/', true],
    ['registry.local:5000', 'https://registry.local/', false],
    ['registry.local:443', 'https://registry.local/', true],
    ['10.1.2.3', 'https://10.1.2.3/', true],
    ['2.3', 'https://10.1.2.3/', false],
    ['10.0.0.0/8', 'https://10.1.2.3/', true],
    ['10.0.0.0/8', 'https://11.1.2.3/', false],
    ['::1', 'https://[::1]:5000/', true],
    ['[::1]:5000', 'https://[::1]:5000/', true],
    [' a.com ,  b.com ', 'https://x.b.com/', true],
    ['', 'https://example.com/', false],
  ];
  for (const [noProxy, url, expected] of cases) {
    assert.equal(bypassesProxy(u(url), noProxy), expected, `no_proxy=${JSON.stringify(noProxy)} ${url}`);
  }
});

test('proxy variables: https_proxy before HTTPS_PROXY, http_proxy only in lower case, ALL_PROXY as fallback', () => {
  const at = (env: Record<string, string>, url: string) => proxyFor(u(url), { env })?.display;
  assert.equal(at({ HTTPS_PROXY: 'http://up:1', https_proxy: 'http://low:2' }, 'https://x/'), 'http://low:2');
  assert.equal(at({ HTTPS_PROXY: 'http://up:1' }, 'https://x/'), 'http://up:1');
  assert.equal(at({ HTTP_PROXY: 'http://up:1' }, 'http://x/'), undefined);
  assert.equal(at({ http_proxy: 'low:3' }, 'http://x/'), 'http://low:3');
  assert.equal(at({ HTTPS_PROXY: 'http://s:1' }, 'http://x/'), undefined, 'https proxy is not used for http');
  assert.equal(at({ ALL_PROXY: 'http://all:4' }, 'http://x/'), 'http://all:4');
  assert.equal(at({ all_proxy: 'http://all:4', https_proxy: 'http://s:5' }, 'https://x/'), 'http://s:5');
  assert.equal(at({ https_proxy: 'http://s:5', no_proxy: 'x', NO_PROXY: '' }, 'https://x/'), undefined);
  assert.equal(at({ https_proxy: 'http://s:5', no_proxy: 'other', NO_PROXY: 'x' }, 'https://x/'), 'http://s:5');
  assert.equal(
    proxyFor(u('https://x/'), { proxy: 'http://explicit:6', env: { NO_PROXY: '*' } })?.display,
    'http://explicit:6',
  );
});

test('proxy URL: default scheme and port, credentials decoded into Proxy-Authorization and kept out of display', () => {
  const p = parseProxyUrl('us%40er:pa%3Ass@proxy.corp');
  assert.equal(p.display, 'http://proxy.corp:1080');
  assert.equal(p.authorization, `Basic ${Buffer.from('us@er:pa:ss').toString('base64')}`);
  assert.equal(parseProxyUrl('http://proxy.corp:3128').authorization, undefined);
  assert.throws(
    () => parseProxyUrl('socks5://user:secret@proxy:1080'),
    (e: Error) => {
      assert.match(e.message, /only http:\/\/ proxies/);
      assert.doesNotMatch(e.message, /secret/);
      return true;
    },
  );
});
