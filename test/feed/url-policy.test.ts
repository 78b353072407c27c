import { expect } from '@open-wc/testing';
import { resolveSafeUrl, safeUrlResolver } from '../../src/feed/url-policy.js';

/**
 * `safeUrlResolver` joins strings for links already written as the URL parser
 * would write them; everything else goes to `resolveSafeUrl`. Whichever way a
 * link goes, the answer must be the one this browser's URL parser gives.
 */
describe('feed: the URL resolver for many links against one base', () => {
  const BASES = [
    'https://library.example/lib/feed.json',
    'http://library.example/feed.json?page=2#top',
    'https://u:p@library.example:8443/a/b/',
    'http://127.0.0.1:8000/deep/path/feed',
    'https://xn--bcher-kva.example/feed.json',
    'file:///srv/feed.json',
    'data:text/plain,feed',
  ];
  const SCHEMES = ['', 'http://', 'https://', 'HTTP://', 'Https://', 'mailto:', 'javascript:', 'ftp://', '//'];
  const HOSTS = [
    'example.org', 'Example.org', 'a.b-c.d', 'a-.com', '-a.com', 'a--b.com', 'xn--bcher-kva.ch', 'xn--a.com', '1.2.3.4', 'foo.123',
    'foo.0x1', 'a..b', 'a.', 'exa_mple.com', 'localhost', 'x:80', 'x:443', 'x:8080', 'u@x.com', 'u:p@x.com', '[::1]', 'ex%41mple.com',
    'bücher.example', 'a'.repeat(64) + '.com', '',
  ];
  const PATHS = [
    '', '/', '/a', '/a/b.pdf', '/A/B.PDF', '/a/./b', '/a/../b', '/a/..', '/.', '/%2e/x', '/a%20b', '/a b', '/a?b', '/a#b', "/a'b", '/ä', '/a|b',
    '/a^b', '/a`b', '/a{b}', '/~x', '/a//b', "/!$&()*+,;=@", '/a\\b', '/a:b', '/a\tb', '/\u00a0',
  ];
  const RELATIVE = [
    'a', 'a/b', 'publications/12.html', 'pdfs/report one.pdf', '.hidden', '.hidden/x', '..', '.', 'a/..', 'a/./b', './a', '../a', 'a:b', 'a%20b',
    '@x', 'C:/x', 'C|/x', '~x', '  a  ', 'a\tb', 'a\nb', 'a\\b', '/abs', '/abs/./x', '//host/x', '///x', '?q', '#f', '/', 'a?b', 'ü', 'a"b',
  ];

  function values(): string[] {
    const out = [...RELATIVE];
    for (const scheme of SCHEMES) for (const host of HOSTS) for (const path of PATHS) out.push(`${scheme}${host}${path}`);
    // And strings of the characters that matter, at random but the same every run.
    const alphabet = 'aZ09-._~!$&()*+,;=@/:%?#\\ \'"|^`{}<>äx';
    let seed = 42;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 3000; i++) {
      let text = next() < 0.3 ? 'https://a.example' : next() < 0.5 ? '/' : '';
      for (let k = 1 + Math.floor(next() * 12); k > 0; k--) text += alphabet[Math.floor(next() * alphabet.length)];
      out.push(text);
    }
    return out;
  }

  it('answers exactly what the URL parser does, for every base and link', () => {
    const links = values();
    let joined = 0;
    for (const base of BASES) {
      const resolve = safeUrlResolver(base);
      for (const link of links) {
        const expected = resolveSafeUrl(link, base);
        expect(resolve(link), `${link} against ${base}`).to.equal(expected);
        if (expected !== undefined) joined++;
      }
      expect(resolve(undefined)).to.equal(undefined);
      expect(resolve('  ')).to.equal(undefined);
    }
    expect(joined).to.be.greaterThan(1000);
  });

  it('takes a URL object as the base too', () => {
    const resolve = safeUrlResolver(new URL('https://library.example/lib/feed.json'));
    expect(resolve('pdfs/a.pdf')).to.equal('https://library.example/lib/pdfs/a.pdf');
    expect(resolve('/people/ana.html')).to.equal('https://library.example/people/ana.html');
    expect(resolve('https://partner.example')).to.equal('https://partner.example/');
    expect(resolve('javascript:alert(1)')).to.equal(undefined);
  });
});
