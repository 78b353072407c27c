import { expect, fixture, html } from '@open-wc/testing';
import '../../src/virtual-library.js';
import { define } from '../../src/define-element.js';
import { LibraryList } from '../../src/components/library-list/library-list.js';
import { captureConsole, cards } from '../helpers/dom.js';
import { fixtureUrl, until } from '../helpers/fixtures.js';

describe('registering the elements', () => {
  it('the all-in-one entry defines both tags', () => {
    expect(customElements.get('library-list')).to.equal(LibraryList);
    expect(customElements.get('publication-card')).to.exist;
  });

  it('a second copy on the page warns instead of throwing, and the first stays in use', async () => {
    class Impostor extends HTMLElement {}
    const { warnings } = await captureConsole(async () => define('library-list', Impostor));
    expect(warnings.join()).to.contain('<library-list> is already defined by another copy');
    expect(customElements.get('library-list')).to.equal(LibraryList);
  });

  it('defining the same class again is silent', async () => {
    const { warnings } = await captureConsole(async () => define('library-list', LibraryList));
    expect(warnings).to.deep.equal([]);
  });

  it('works when created detached, configured, then moved between containers', async () => {
    const el = document.createElement('library-list');
    el.feed = fixtureUrl('library/feed.json');
    el.type = 'report';
    const first = await fixture(html`<section></section>`);
    const second = await fixture(html`<aside></aside>`);
    first.append(el);
    await until(() => cards(el).length === 2);
    second.append(el);
    await until(() => cards(el).length === 2);
    expect(el.parentElement).to.equal(second);
  });
});
