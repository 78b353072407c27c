// The React entry (`virtual-library-elements/react`) in a real React 19 app:
// react and react-dom from npm (made into ES modules for the browser by
// test/server/react-esm.mjs), rendered with createRoot in StrictMode. Props
// set by React state reach the elements as properties, and the elements'
// events reach the typed `on…` handlers.
import { expect } from '@open-wc/testing';
import { createElement as h, StrictMode, useState, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { LibraryList, PublicationCard, type ListLayout } from '../../src/react/index.js';
import type { LibraryList as LibraryListElement } from '../../src/components/library-list/library-list.js';
import type { PublicationCard as PublicationCardElement } from '../../src/components/publication-card/publication-card.js';
import type { PdfViewer as PdfViewerElement } from '../../src/components/pdf-viewer/pdf-viewer.js';
import { LibraryLoadEvent } from '../../src/events/library-load-event.js';
import { LibraryErrorEvent } from '../../src/events/library-error-event.js';
import { PdfOpenEvent } from '../../src/events/pdf-open-event.js';
import { clearFeedCache, loadFeed } from '../../src/feed/load-feed.js';
import { fixtureUrl, until } from '../helpers/fixtures.js';
import { byRole, captureConsole, cardTitle, cardTitles, getByRole, text } from '../helpers/dom.js';

const FEED = fixtureUrl('library/feed.json');

describe('React interop', () => {
  let root: Root | undefined;
  let host: HTMLElement;

  /** Renders `app` into a fresh root, as an application's entry point does. */
  const render = (app: ReactNode) => {
    root = createRoot(host);
    root.render(h(StrictMode, null, app));
  };
  /** The element React rendered, once it has committed. */
  const rendered = <K extends keyof HTMLElementTagNameMap>(tag: K) => until(() => host.querySelector(tag), `<${tag}> in the page`);
  const button = (name: string) => getByRole(host, 'button', name);

  beforeEach(() => {
    clearFeedCache();
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => {
    root?.unmount();
    root = undefined;
    host.remove();
  });

  it('defines the listing and the card, and leaves the PDF reader to its own entry', () => {
    expect(Boolean(customElements.get('library-list')), '<library-list> defined').to.equal(true);
    expect(Boolean(customElements.get('publication-card')), '<publication-card> defined').to.equal(true);
    expect(Boolean(customElements.get('pdf-viewer')), '<pdf-viewer> defined by the list entry').to.equal(false);
  });

  it('passes props from React state to <library-list>, and a state change updates the element', async () => {
    const loads: { typed: boolean; items: number; target: boolean }[] = [];
    const errors: string[] = [];

    function Library() {
      const [layout, setLayout] = useState<ListLayout>('list');
      const [tag, setTag] = useState('crisis communications');
      return h(
        'div',
        null,
        h('button', { type: 'button', onClick: () => (setLayout('grid'), setTag('deterrence')) }, 'Deterrence, as a grid'),
        h(LibraryList, {
          feed: FEED,
          tag,
          layout,
          limit: 2,
          group: 'none',
          noControls: true,
          onLibraryLoad: (event) =>
            loads.push({ typed: event instanceof LibraryLoadEvent, items: event.items.length, target: event.currentTarget === host.querySelector('library-list') }),
          onLibraryError: (event) => errors.push(event.error.kind),
        }),
      );
    }

    const { errors: consoleErrors } = await captureConsole(async () => {
      render(h(Library));
      const list: LibraryListElement = await rendered('library-list');
      expect(list instanceof customElements.get('library-list')!, 'React rendered the element itself').to.equal(true);
      await until(() => loads.length > 0, 'onLibraryLoad');
      expect(loads[0]).to.deep.equal({ typed: true, items: 7, target: true });
      expect(errors).to.deep.equal([]);

      // Numbers and booleans arrive as properties, not as attribute strings.
      expect(list.limit).to.equal(2);
      expect(list.hasAttribute('limit'), 'limit set as an attribute').to.equal(false);
      expect(list.noControls).to.equal(true);
      await until(() => cardTitles(list).length === 2, 'two crisis-communications cards');
      expect(cardTitles(list)).to.deep.equal(['Hotlines Between Capitals', 'Resilient Channels for Nuclear Crises']);
      expect(byRole(list.shadowRoot!, 'searchbox').length, 'a search box despite noControls').to.equal(0);
      // React sets noControls just after inserting the element: the controls' code must not be fetched all the same.
      const tools = performance.getEntriesByType('resource').filter((entry) => /reader-tools/.test(entry.name));
      expect(tools.map((entry) => entry.name), 'the reader tools fetched for a list without controls').to.deep.equal([]);
      expect(list.getAttribute('layout')).to.equal('list');

      // A click in the React app changes its state; the element follows.
      button('Deterrence, as a grid').click();
      await until(() => list.getAttribute('layout') === 'grid', 'layout="grid" reflected from the new prop');
      await until(() => cardTitles(list).join() === 'The Strategy of Conflict', 'the deterrence card');
      expect(list.tag).to.equal('deterrence');
      expect(host.querySelectorAll('library-list').length, 'the same element, updated in place').to.equal(1);
      expect(host.querySelector('library-list') === list, 'the same element, updated in place').to.equal(true);
    });
    // React's development build reports misused props (an unknown event handler, say) as errors.
    expect(consoleErrors).to.deep.equal([]);
  });

  it('calls onLibraryError for a feed that cannot be shown, and onLibraryLoad once the prop names a good one', async () => {
    const events: string[] = [];
    let errorEvent: LibraryErrorEvent | undefined;

    function Library() {
      const [feed, setFeed] = useState(fixtureUrl('library/nope.json'));
      return h(
        'div',
        null,
        h('button', { type: 'button', onClick: () => setFeed(FEED) }, 'Use the good feed'),
        h(LibraryList, {
          feed,
          onLibraryLoad: (event) => events.push(`load ${event.items.length}`),
          onLibraryError: (event) => {
            errorEvent = event;
            events.push(`error ${event.error.kind} ${event.error.details.status}`);
          },
        }),
      );
    }

    render(h(Library));
    const list: LibraryListElement = await rendered('library-list');
    await until(() => events.length > 0, 'onLibraryError');
    expect(events).to.deep.equal(['error http 404']);
    expect(errorEvent instanceof LibraryErrorEvent, 'a LibraryErrorEvent').to.equal(true);
    expect(errorEvent!.error.url).to.equal(fixtureUrl('library/nope.json'));
    const alert = await until(() => byRole(list.shadowRoot!, 'alert')[0], 'the error message');
    expect(text(alert)).to.contain('The publications feed was not found (404)');

    button('Use the good feed').click();
    await until(() => events.length === 2, 'onLibraryLoad after the feed prop changed');
    expect(events).to.deep.equal(['error http 404', 'load 7']);
    await until(() => byRole(list.shadowRoot!, 'alert').length === 0 && cardTitles(list).length > 0, 'the cards instead of the error');
  });

  it('sets an object prop on <publication-card> and hands "View PDF" to onPdfOpen', async () => {
    const feed = await loadFeed(FEED);
    const opened: { typed: boolean; id: string; pdf: string; prevented: boolean }[] = [];
    render(
      h(PublicationCard, {
        publication: feed.items[0],
        variant: 'compact',
        headingLevel: 4,
        onPdfOpen: (event) => {
          event.preventDefault();
          opened.push({ typed: event instanceof PdfOpenEvent, id: event.publication.id, pdf: event.pdf.url, prevented: event.defaultPrevented });
        },
      }),
    );
    const card: PublicationCardElement = await rendered('publication-card');
    const heading = await until(() => card.shadowRoot?.querySelector('[role=heading]'), 'the card heading');
    expect(text(heading)).to.equal('Hotlines Between Capitals');
    expect(heading.getAttribute('aria-level')).to.equal('4');
    expect(card.getAttribute('variant')).to.equal('compact');
    expect(card.publication === feed.items[0], 'the very object React was given').to.equal(true);

    getByRole(card.shadowRoot!, 'link', 'View PDF').click();
    await until(() => opened.length === 1, 'onPdfOpen');
    expect(opened[0]).to.deep.equal({ typed: true, id: 'article-one', pdf: fixtureUrl('library/pdfs/article-one.pdf'), prevented: true });
    // The handler took over, so the card opened no reader of its own.
    expect(card.shadowRoot!.querySelector('dialog'), 'a dialog opened despite preventDefault').to.equal(null);
    expect(Boolean(customElements.get('pdf-viewer')), 'the reader was loaded').to.equal(false);
  });

  it('loads a standalone card from feed and item, with its load and error events', async () => {
    const events: string[] = [];
    render(
      h(
        'div',
        null,
        h(PublicationCard, { id: 'found', feed: FEED, item: 'outside-one', onLibraryLoad: (event) => events.push(`load ${event.items.length}`) }),
        h(PublicationCard, { id: 'missing', feed: FEED, item: 'no-such-item', onLibraryError: (event) => events.push(`error ${event.error.kind}`) }),
      ),
    );
    const found = await until(() => host.querySelector<PublicationCardElement>('#found'), 'the first card');
    await until(() => found.shadowRoot?.querySelector('[role=heading]') && cardTitle(found) === 'The Strategy of Conflict', 'the outside work');
    await until(() => events.length === 2, 'both events');
    expect(events.sort()).to.deep.equal(['error item-not-found', 'load 7']);
    const missing = host.querySelector<PublicationCardElement>('#missing')!;
    await until(() => byRole(missing.shadowRoot!, 'alert').length === 1, 'the missing item explained');
  });

  it('wraps <pdf-viewer> in its own entry: src from a prop, onPdfLoad and onPdfError', async function () {
    this.timeout(60_000);
    const { PdfViewer, PdfViewerElement } = await import('../../src/react/pdf-viewer.js');
    expect(customElements.get('pdf-viewer') === PdfViewerElement, 'the entry defines <pdf-viewer>').to.equal(true);
    const events: string[] = [];

    function Reader() {
      const [src, setSrc] = useState(fixtureUrl('pdfs/rotation.pdf'));
      return h(
        'div',
        null,
        h('button', { type: 'button', onClick: () => setSrc(fixtureUrl('pdfs/no-such.pdf')) }, 'Open a missing PDF'),
        h(PdfViewer, {
          src,
          label: 'Rotated pages',
          onPdfLoad: (event) => events.push(`load ${event.pageCount > 0}`),
          onPdfError: (event) => events.push(`error ${event.error.kind}`),
        }),
      );
    }

    render(h(Reader));
    const viewer: PdfViewerElement = await rendered('pdf-viewer');
    await until(() => events.length === 1, 'onPdfLoad', 30_000);
    expect(events).to.deep.equal(['load true']);
    expect(viewer.label).to.equal('Rotated pages');

    button('Open a missing PDF').click();
    await until(() => events.length === 2, 'onPdfError', 30_000);
    expect(events).to.deep.equal(['load true', 'error not-found']);
    expect(text(byRole(viewer.shadowRoot!, 'alert')[0])).to.contain('The PDF was not found (404)');
  });

  it('wraps <submit-form> in its own entry: props reach it and its events reach the handlers', async () => {
    const { SubmitForm, SubmitFormElement } = await import('../../src/react/submit-form.js');
    expect(customElements.get('submit-form') === SubmitFormElement, 'the entry defines <submit-form>').to.equal(true);
    const events: string[] = [];
    render(
      h(SubmitForm, {
        action: '/nowhere',
        mode: 'removal',
        draftKey: `react-${Date.now()}`,
        onSubmissionError: (event) => events.push(`error ${event.error.kind} ${event.error.errors.length}`),
      }),
    );
    const form = (await rendered('submit-form')) as InstanceType<typeof SubmitFormElement>;
    await form.updateComplete;
    expect(form.mode).to.equal('removal');
    expect(text(form.shadowRoot!.querySelector('button[type=submit]'))).to.equal('Send request');
    await form.submit();
    expect(events).to.deep.equal(['error invalid 6']);
  });
});
