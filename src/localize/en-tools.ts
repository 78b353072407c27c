/** The words of the search, sort and grouping bar, kept apart so that a listing without reader tools does not carry them. */
export const enTools = {
  /** The search landmark's name, which names the list so that two lists on a page have two landmarks a reader can tell apart. */
  controlsLabel: (list: string) => (list ? `Find in ${list}` : 'Find publications'),
  searchLabel: 'Search publications',
  searchPlaceholder: 'Title, author, topic…',
  sortLabel: 'Sort by',
  sortOptions: { feed: 'Library order', newest: 'Newest first', oldest: 'Oldest first', title: 'Title A–Z', relevance: 'Best match' },
  groupLabel: 'Group by',
  groupOptions: { type: 'Type', year: 'Year', none: 'No grouping' },
  /** In place of the count while a long list is read for a search typed before its index is built. */
  searching: 'Searching…',
};
