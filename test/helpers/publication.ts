import type { Publication } from '../../src/feed/publication.js';

/**
 * A publication as the feed reader makes them, for tests that hand their data
 * to a card, a query or the index directly: the fields a test does not name
 * take plain values (a published report of the institute, with no authors,
 * tags or attachments).
 */
export function publication(fields: Partial<Publication> & Pick<Publication, 'id' | 'title'>): Publication {
  return {
    authors: [],
    tags: [],
    attachments: [],
    type: { id: 'report', label: 'Report', plural: 'Reports' },
    origin: 'institute',
    featured: false,
    takeaways: [],
    status: 'published',
    baseUrl: 'https://library.example/',
    ...fields,
  };
}
