/**
 * The fuller explanations of a feed that could not be shown: a headline, and
 * what to check or do. Loaded when a load fails, before the failure is shown,
 * so that a page whose feeds load never downloads them.
 */
import type { FeedError } from '../feed/errors.js';
import { en, itemName } from './en.js';

/** A headline and a fuller explanation for a feed that could not be shown. */
export function feedError(error: FeedError): { title: string; detail: string } {
  const { url, details } = error;
  switch (error.kind) {
    case 'bad-url':
      return {
        title: "The feed address isn't a web address",
        detail: `"${url}" can't be loaded. Use an address that starts with https:// or a path such as /library/feed.json.`,
      };
    case 'timeout':
      return {
        title: 'The publications feed took too long to answer',
        detail: `${url} did not answer within ${(details.timeout ?? 0) / 1000} seconds. Try again; if it keeps happening, the server may be overloaded.`,
      };
    case 'http':
      return details.status === 404 || details.status === 410
        ? {
            title: `The publications feed was not found (${details.status})`,
            detail: `Nothing was found at ${url}. Check that the address is right and that the feed file has been published.`,
          }
        : {
            title: `The feed's server reported an error (${details.status})`,
            detail: `${url} answered "${[details.status, details.statusText].filter(Boolean).join(' ')}". Try again later, or tell whoever runs that server.`,
          };
    case 'not-json':
      return details.webPage
        ? { title: 'The feed address did not return a feed', detail: `${error.message} Check that ${url} points to the feed's .json file.` }
        : {
            title: 'The feed file is not valid JSON',
            detail: `${error.message} The address is answered, but the file is broken, perhaps cut short or edited by hand: check it with a JSON validator, which shows where it breaks.`,
          };
    case 'not-feed':
      return { title: 'The file is not a JSON Feed', detail: `${url}: ${error.message}` };
    case 'no-valid-items':
      return {
        title: "None of the feed's entries could be shown",
        detail: `${error.message} ${issueList(details.issues ?? [])}`,
      };
    case 'item-not-found':
      return !details.item
        ? {
            title: 'No publication to show yet',
            detail: `The feed at ${url} has no publications. Once it has one, the card shows the feed's featured publication, or else its first.`,
          }
        : {
            title: 'Publication not found',
            detail: `The feed at ${url} has no item with the id "${details.item}". Check the card's item attribute against the ids in the feed.`,
          };
    // Written out in the entry, for when this chunk cannot load.
    case 'network':
    case 'script':
      return en.feedErrorShort(error);
  }
}

function issueList(issues: NonNullable<FeedError['details']['issues']>): string {
  const shown = issues.slice(0, 3).map((i) => `${itemName(i)}: ${i.field ?? ''} ${i.message}`.replace(/\s+/g, ' '));
  return shown.join('; ') + (issues.length > 3 ? `; and ${issues.length - 3} more.` : '.');
}

