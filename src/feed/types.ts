/** Labels for publication types that a feed uses without declaring them. */
import type { PublicationType } from './publication.js';

/** Types whose label is not just the slug with capitals, or whose plural is not "+s". */
const IRREGULAR: Record<string, [label: string, plural: string]> = {
  'op-ed': ['Op-Ed', 'Op-Eds'],
  publication: ['Publication', 'Publications'],
};

/** The fallback type of items that name none. */
export const DEFAULT_TYPE_ID = 'publication';

/** Words for a type slug: `fact-sheet` gives "Fact Sheet" and "Fact Sheets". */
export function describeType(id: string): PublicationType {
  const known = IRREGULAR[id];
  if (known) return { id, label: known[0], plural: known[1] };
  const label = id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
  return { id, label, plural: pluralOf(label) };
}

/** A plain English plural for a label a feed declares without one ("Report" → "Reports", "Study" → "Studies"). */
export function pluralOf(label: string): string {
  if (/[^aeiou]y$/i.test(label)) return `${label.slice(0, -1)}ies`;
  return /(s|x|ch|sh)$/i.test(label) ? `${label}es` : `${label}s`;
}
