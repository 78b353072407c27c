import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/library-list/define.js';
import type { LibraryList } from '../../src/components/library-list/library-list.js';
import { delay, mockUrl, until } from '../helpers/fixtures.js';
import { cards } from '../helpers/dom.js';

/**
 * Every payload of the PayloadsAllTheThings XSS list, placed in an item's
 * title, summary, author name and URL, tag, takeaway, link fields and
 * `content_html` (the test server builds that feed from the fixture file).
 */
describe('untrusted feed content (XSS payloads)', () => {
  const calls: string[] = [];
  const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt, open: window.open, print: window.print };

  before(() => {
    const record = (name: string) => (...args: unknown[]) => {
      calls.push(`${name}(${args.map(String).join(', ')})`);
      return null;
    };
    Object.assign(window, {
      alert: record('alert'),
      confirm: record('confirm'),
      prompt: record('prompt'),
      open: record('open'),
      print: record('print'),
    });
  });

  after(() => Object.assign(window, saved));

  it('runs no script and leaves no handler, script element or unsafe link', async function () {
    this.timeout(60_000);
    const el = await fixture<LibraryList>(
      html`<library-list feed=${mockUrl('xss-feed')} page-size="1000" no-warnings></library-list>`,
    );
    const total = await until(() => cards(el).length || undefined, 'the cards', 15000);
    expect(total).to.be.greaterThan(600);
    // Every featured card sanitises its content_html; wait for all of them.
    const lacking = () => cards(el).filter((c) => !c.shadowRoot!.querySelector('[part=content]'));
    await until(() => lacking().length === 0, 'sanitised content', 20000).catch(() => {
      throw new Error(`no sanitised content in ${lacking().length} cards, e.g. ${JSON.stringify(lacking()[0]?.publication?.contentHtml)}`);
    });
    // Give images, event handlers and timers in the payloads time to fire if any survived.
    await delay(1500);
    expect(calls).to.deep.equal([]);

    const problems: string[] = [];
    const visit = (root: ParentNode, where: string) => {
      for (const node of root.querySelectorAll('*')) {
        const tag = node.localName;
        const ownSearchForm = tag === 'form' && node.getAttribute('part') === 'controls';
        if (['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'form', 'style', 'svg', 'math'].includes(tag) && !ownSearchForm) {
          problems.push(`${where}: <${tag}>`);
        }
        for (const attr of node.attributes) {
          const name = attr.name.toLowerCase();
          if (name.startsWith('on')) problems.push(`${where}: <${tag} ${name}>`);
          if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcdoc'].includes(name)) {
            let protocol = '';
            try {
              protocol = new URL(attr.value, location.href).protocol;
            } catch {
              protocol = 'invalid';
            }
            if (protocol !== 'http:' && protocol !== 'https:') problems.push(`${where}: <${tag} ${name}="${attr.value}">`);
          }
        }
        if (node.shadowRoot) visit(node.shadowRoot, `${where} > ${tag}`);
      }
    };
    visit(el.shadowRoot!, 'library-list');
    expect(problems.slice(0, 20)).to.deep.equal([]);
  });

  it('shows the payloads as text, exactly as written', async () => {
    const el = await fixture<LibraryList>(html`<library-list feed=${mockUrl('xss-feed')} limit="5" group="none" no-controls no-warnings></library-list>`);
    await until(() => cards(el).length === 5, 'five cards');
    const feed = (await (await fetch(mockUrl('xss-feed'))).json()) as { items: { title: string }[] };
    const titles = cards(el).map((c) => c.shadowRoot!.querySelector('[part=title]')!.textContent!.replace(/\s+/g, ' ').trim());
    expect(titles).to.deep.equal(feed.items.slice(0, 5).map((i) => i.title.replace(/\s+/g, ' ').trim()));
  });

  it('searching for a payload marks it as text: matches become <mark>, never markup', async () => {
    const el = await fixture<LibraryList>(html`<library-list feed=${mockUrl('xss-feed')} group="none" no-warnings></library-list>`);
    await until(() => el.searchReady, 'the search index', 15000);
    const box = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!;
    box.value = 'onerror alert';
    box.dispatchEvent(new Event('input'));
    await until(() => cards(el).some((c) => c.shadowRoot!.querySelector('mark')), 'marked matches');
    await delay(500);
    expect(calls).to.deep.equal([]);
    // Strings and booleans only in the assertions: chai describing a live element can take very long.
    const marks = cards(el).flatMap((card) => [...card.shadowRoot!.querySelectorAll('mark')]);
    expect(marks.length).to.be.greaterThan(0);
    expect(marks.filter((mark) => mark.children.length > 0).map((mark) => mark.outerHTML)).to.deep.equal([]);
    expect([...new Set(marks.flatMap((mark) => [...mark.attributes].map((a) => a.name)))]).to.deep.equal(['part']);
    const active = cards(el).filter((card) => card.shadowRoot!.querySelector('script, [onerror], [onload]'));
    expect(active.length).to.equal(0);
  });
});
