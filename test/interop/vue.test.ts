// <library-list> and <publication-card> used from a Vue 3 app, as the docs
// describe: Vue is told which tags are custom elements (isCustomElement),
// attributes and properties reach the elements, and their typed events reach
// Vue's handlers. Vue's self-contained browser build, from npm, with its
// template compiler.
import { expect } from '@open-wc/testing';
import { createApp, ref, type App } from 'vue/dist/vue.esm-browser.js';
import '../../src/components/library-list/define.js';
import type { LibraryList } from '../../src/components/library-list/library-list.js';
import type { PublicationCard } from '../../src/components/publication-card/publication-card.js';
import type { LibraryLoadEvent } from '../../src/events/library-load-event.js';
import { clearFeedCache } from '../../src/feed/load-feed.js';
import { fixtureUrl, until } from '../helpers/fixtures.js';
import { cardTitles, text } from '../helpers/dom.js';

describe('Vue interop', () => {
  let app: App | undefined;
  let host: HTMLElement;
  beforeEach(() => {
    clearFeedCache();
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => {
    app?.unmount();
    host.remove();
  });

  it("passes attributes and reactive values to the elements, and receives their events", async () => {
    const loaded: number[] = [];
    const tag = ref('crisis communications');
    app = createApp({
      setup: () => ({ feed: fixtureUrl('library/feed.json'), tag, onLoad: (event: LibraryLoadEvent) => loaded.push(event.items.length) }),
      template: `<library-list :feed="feed" :tag="tag" group="none" no-controls @library-load="onLoad"></library-list>`,
    });
    app.config.compilerOptions.isCustomElement = (name: string) => name.includes('-');
    app.mount(host);
    const list = host.querySelector('library-list') as LibraryList;
    expect(list, 'Vue rendered the element itself, not a component').to.be.instanceOf(customElements.get('library-list')!);
    await until(() => loaded.length === 1, 'the library-load event in Vue');
    expect(loaded).to.deep.equal([7]);
    await until(() => cardTitles(list).length === 3, 'three crisis-communications cards');
    tag.value = 'deterrence';
    await until(() => cardTitles(list).join() === 'The Strategy of Conflict', 'the new tag, from a reactive value');
  });

  it('sets an object property with .prop, as Vue does for non-string values', async () => {
    const publication = ref<unknown>(undefined);
    app = createApp({
      setup: () => ({ publication }),
      template: `<publication-card :publication.prop="publication"></publication-card>`,
    });
    app.config.compilerOptions.isCustomElement = (name: string) => name.includes('-');
    app.mount(host);
    const card = host.querySelector('publication-card') as PublicationCard;
    const { loadFeed } = await import('../../src/feed/load-feed.js');
    const feed = await loadFeed(fixtureUrl('library/feed.json'));
    publication.value = feed.items[0];
    await until(() => text(card.shadowRoot?.querySelector('[role=heading]')) === 'Hotlines Between Capitals', 'the card');
  });
});
