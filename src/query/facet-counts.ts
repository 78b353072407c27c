/**
 * Counting and filtering by facets, fast enough for every keystroke over
 * 100,000 publications. Loaded with a listing's reader tools, not with the
 * listing itself.
 */
import type { Person, Publication, PublicationType } from '../feed/publication.js';
import type { Shelf, StoredPublication } from '../feed/stored-publication.js';
import { FACETS, type Facet, type FacetCounts, type FacetSelection } from './facets.js';

/** One facet's values for a list of publications, as small integers: publication `p` has `ids[start[p]]` … `ids[start[p + 1] - 1]`. */
interface FacetColumn {
  values: string[];
  start: Int32Array;
  ids: Int32Array;
}

/**
 * Every publication's facet values, turned into integers once per list, so
 * that filtering and counting on each keystroke are array lookups rather than
 * string work (100,000 publications have some 700,000 values).
 */
export interface FacetIndex {
  position: Positions;
  columns: Record<Facet, FacetColumn>;
}

/**
 * Where each publication of a list stands in it. A publication read from a
 * feed is found by its number on its feed's shelf, in an array per shelf:
 * a `Map` entry per publication took 230 KB of heap at 10,000.
 */
class Positions {
  private readonly shelves = new Map<Shelf, Int32Array>();
  private readonly others = new Map<Publication, number>();

  constructor(pubs: readonly Publication[]) {
    pubs.forEach((pub, i) => {
      const { shelf, n } = pub as Partial<StoredPublication>;
      if (shelf === undefined || n === undefined) {
        this.others.set(pub, i);
        return;
      }
      let slots = this.shelves.get(shelf);
      if (!slots || slots.length <= n) {
        const grown = new Int32Array(Math.max(n + 1, (slots?.length ?? 0) * 2, 64));
        if (slots) grown.set(slots);
        this.shelves.set(shelf, (slots = grown));
      }
      // 0 for a place no publication of the list holds.
      slots[n] = i + 1;
    });
  }

  get(pub: Publication): number | undefined {
    // Read by name, not `instanceof`: this chunk does not load the feed reader's.
    const { shelf, n } = pub as Partial<StoredPublication>;
    if (shelf === undefined || n === undefined) return this.others.get(pub);
    const place = this.shelves.get(shelf)?.[n];
    return place ? place - 1 : undefined;
  }
}

/**
 * What a publication's values for a facet are made from: a value that many
 * publications share (a feed's publications share their type, and their
 * lists of tags and authors: `parse-feed.ts`), so that each is turned into
 * ids once rather than once per publication. A feed's publication gives its
 * year from its shelf: its `datePublished` would be a new Date, for 100,000
 * publications at once.
 */
function sourceOf(pub: Publication, facet: Facet): unknown {
  switch (facet) {
    case 'type':
      return pub.type;
    case 'tag':
      return pub.tags;
    case 'author':
      return pub.authors;
    case 'year':
      return (pub as Partial<StoredPublication>).publishedYear ?? pub.datePublished?.getUTCFullYear();
    case 'origin':
      return pub.origin;
  }
}

/** The values a publication with this source can be filtered by. */
function valuesOf(source: unknown, facet: Facet): readonly string[] {
  switch (facet) {
    case 'type':
      return [(source as PublicationType).id];
    case 'tag':
      return source as string[];
    case 'author':
      return (source as Person[]).map((a) => a.name);
    case 'year':
    case 'origin':
      return source === undefined ? [] : [String(source)];
  }
}

export function indexFacets(pubs: readonly Publication[]): FacetIndex {
  const position = new Positions(pubs);
  const columns = {} as Record<Facet, FacetColumn>;
  for (const facet of FACETS) {
    const known = new Map<string, number>();
    const values: string[] = [];
    const start = new Int32Array(pubs.length + 1);
    const ids: number[] = [];
    const idsOf = new Map<unknown, number[]>();
    pubs.forEach((pub, i) => {
      start[i] = ids.length;
      const source = sourceOf(pub, facet);
      let own = idsOf.get(source);
      if (!own) {
        // A publication with the same tag twice still counts once.
        const unique = new Set<number>();
        for (const value of valuesOf(source, facet)) {
          let id = known.get(value);
          if (id === undefined) {
            id = values.push(value) - 1;
            known.set(value, id);
          }
          unique.add(id);
        }
        idsOf.set(source, (own = [...unique]));
      }
      for (const id of own) ids.push(id);
    });
    start[pubs.length] = ids.length;
    columns[facet] = { values, start, ids: Int32Array.from(ids) };
  }
  return { position, columns };
}

/**
 * Filters `pubs` by the selection and counts each facet's values in one pass:
 * a publication that fails no facet counts everywhere; one that fails exactly
 * one facet counts only in that facet (choosing a value there would bring it
 * in); one that fails two or more counts nowhere. `index` must cover every
 * publication in `pubs` (build it once with `indexFacets` over the full list);
 * without one, it is built for this call.
 */
export function applyFacets(
  pubs: readonly Publication[],
  selection: FacetSelection,
  index: FacetIndex = indexFacets(pubs),
): { results: Publication[]; counts: FacetCounts } {
  const { position, columns } = index;
  // The chosen values of each facet with a choice, as flags by value id.
  const filters: [FacetColumn, Uint8Array][] = [];
  const filterFacet: Facet[] = [];
  for (const facet of FACETS) {
    const chosen = selection[facet];
    if (!chosen?.length) continue;
    const column = columns[facet];
    const flags = new Uint8Array(column.values.length);
    for (const value of chosen) {
      const id = column.values.indexOf(value);
      if (id >= 0) flags[id] = 1;
    }
    filters.push([column, flags]);
    filterFacet.push(facet);
  }
  const tallies = FACETS.map((facet) => new Int32Array(columns[facet].values.length));
  const tally = (f: number, p: number) => {
    const { start, ids } = columns[FACETS[f]!];
    const counts = tallies[f]!;
    for (let k = start[p]!; k < start[p + 1]!; k++) counts[ids[k]!]!++;
  };
  const results: Publication[] = [];
  for (const pub of pubs) {
    const p = position.get(pub);
    if (p === undefined) continue;
    let failed = -1;
    let failures = 0;
    for (let f = 0; f < filters.length; f++) {
      const [{ start, ids }, flags] = filters[f]!;
      let hit = false;
      for (let k = start[p]!; k < start[p + 1]! && !hit; k++) hit = flags[ids[k]!] === 1;
      if (!hit) {
        failed = f;
        if (++failures > 1) break;
      }
    }
    if (failures === 0) {
      results.push(pub);
      for (let f = 0; f < FACETS.length; f++) tally(f, p);
    } else if (failures === 1) tally(FACETS.indexOf(filterFacet[failed]!), p);
  }
  const counts = {} as FacetCounts;
  FACETS.forEach((facet, f) => {
    const map = new Map<string, number>();
    const { values } = columns[facet];
    tallies[f]!.forEach((n, id) => n && map.set(values[id]!, n));
    counts[facet] = map;
  });
  // Nothing filtered out: the list itself, rather than a copy of it to keep.
  return { results: results.length === pubs.length ? (pubs as Publication[]) : results, counts };
}

