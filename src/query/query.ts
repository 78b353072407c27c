/**
 * Choosing what a listing shows: the editor's fixed selection (attributes),
 * the reader's search and choices, the order, and the groups. Pure functions
 * over already-validated publications; the element only calls them.
 */
import type { StoredPublication } from '../feed/stored-publication.js';
import type { Publication, PublicationType } from '../feed/publication.js';
import { fold } from '../search/fold.js';

export const SORTS = ['feed', 'newest', 'oldest', 'title'] as const;
export type Sort = (typeof SORTS)[number];

export const GROUPINGS = ['type', 'year', 'none'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** What an editor fixed with attributes. Each list is OR-ed; the lists are AND-ed. */
export interface Selection {
  types?: string[];
  tags?: string[];
  authors?: string[];
  origin?: string;
}

/** Splits a comma-separated attribute into folded, non-empty values. */
export function splitList(value: string | undefined): string[] | undefined {
  const parts = value
    ?.split(',')
    .map((part) => fold(part.trim()))
    .filter(Boolean);
  return parts?.length ? parts : undefined;
}

export function matchesSelection(pub: Publication, selection: Selection): boolean {
  const { types, tags, authors, origin } = selection;
  if (types && !types.some((t) => t === pub.type.id || t === fold(pub.type.label))) return false;
  if (tags && !pub.tags.some((tag) => tags.includes(fold(tag)))) return false;
  if (authors && !pub.authors.some((a) => authors.includes(fold(a.name)))) return false;
  if (origin && pub.origin !== origin) return false;
  return true;
}

/**
 * The words of a query, for the scan: split where the index splits them, at
 * anything but letters, digits, marks and apostrophes, each from its first
 * letter or digit, so that a query of punctuation alone ("-") is no search
 * for the scan, the order and the index alike.
 */
export function queryWords(query: string): string[] {
  // No query, no match: the expression's Unicode classes take a millisecond or two to compile, which the first card need not wait for.
  return (query && fold(query).match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'\u2019]*/gu)) || [];
}

/**
 * Titles compared as a reader expects, case and accents aside ("Élan" beside
 * "elan"); numbers in titles compare as text ("Report 10" before "Report 2").
 * One collator for every sort: `localeCompare` with options makes a collator
 * per comparison, which took 400 ms to sort 10,000 titles.
 */
let titles: Intl.Collator | undefined;

export function sortPublications(items: Publication[], sort: Sort): Publication[] {
  if (sort === 'feed') return items;
  const sorted = [...items];
  if (sort === 'title') {
    const { compare } = (titles ??= new Intl.Collator(undefined, { sensitivity: 'base' }));
    sorted.sort((a, b) => compare(a.title, b.title));
  } else {
    const direction = sort === 'newest' ? -1 : 1;
    // Each date read once, not twice per comparison: a feed's publication makes its date afresh when read (stored-publication.ts).
    const times = new Map(items.map((p) => [p, p.datePublished?.getTime()]));
    sorted.sort((a, b) => {
      const ta = times.get(a);
      const tb = times.get(b);
      if (ta === undefined || tb === undefined) return ta === tb ? 0 : ta === undefined ? 1 : -1;
      return (ta - tb) * direction;
    });
  }
  return sorted;
}

/**
 * `matches` (some of the selection, each once) in the order of `sorted` (the
 * whole selection, sorted once): a pass over the selection instead of a sort
 * per keystroke.
 */
export function inOrder(sorted: Publication[], matches: Publication[]): Publication[] {
  if (matches.length === sorted.length) return sorted;
  const wanted = new Set(matches);
  return sorted.filter((pub) => wanted.has(pub));
}

/**
 * A comparison of labels (authors, tags) in reading order without a collator:
 * by their folded form, so that "Émile" stands among the e's and case does not
 * part two spellings of a name, then as written. A collator would load the
 * browser's locale data (20 ms on a fresh page here) for what is a tie-break.
 */
export function byLabel(labels: readonly string[]): (a: string, b: string) => number {
  const folded = new Map(labels.map((label) => [label, fold(label)]));
  return (a, b) => {
    const x = folded.get(a) ?? fold(a);
    const y = folded.get(b) ?? fold(b);
    if (x !== y) return x < y ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

/** Years as written ("2024"), newest first; a missing year ("") last. */
export const newestYearFirst = (a: string, b: string) => (Number(b) || 0) - (Number(a) || 0);

export interface Group {
  key: string;
  heading: string;
  items: Publication[];
}

/** Groups in order: types in the feed's type order, years newest first (oldest first with `oldestFirst`), undated last. */
export function groupPublications(
  items: Publication[],
  grouping: Grouping,
  types: PublicationType[],
  undatedLabel: string,
  oldestFirst = false,
): Group[] {
  if (grouping === 'none') return [{ key: 'all', heading: '', items }];
  const groups = new Map<string, Group>();
  if (grouping === 'type') for (const type of types) groups.set(type.id, { key: type.id, heading: type.plural, items: [] });
  for (const item of items) {
    // A feed's publication gives its year without making a Date (stored-publication.ts): a virtual list groups every result.
    const key = grouping === 'type' ? item.type.id : String((item as Partial<StoredPublication>).publishedYear ?? item.datePublished?.getUTCFullYear() ?? '');
    let group = groups.get(key);
    if (!group) {
      group = { key, heading: grouping === 'type' ? item.type.plural : key || undatedLabel, items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  const list = [...groups.values()].filter((g) => g.items.length > 0);
  if (grouping === 'year') list.sort((a, b) => newestYearFirst(a.key, b.key) * (oldestFirst && a.key && b.key ? -1 : 1));
  return list;
}
