/** Reading elements the way a reader perceives them: roles and visible text, through shadow roots. */
import type { LibraryList } from '../../src/components/library-list/library-list.js';
import type { PublicationCard } from '../../src/components/publication-card/publication-card.js';

export const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

export function cards(list: LibraryList): PublicationCard[] {
  return [...list.shadowRoot!.querySelectorAll('publication-card')];
}

export function cardTitle(card: PublicationCard): string {
  return text(card.shadowRoot!.querySelector('[role=heading]'));
}

export const cardTitles = (list: LibraryList) => cards(list).map(cardTitle);

/** Section headings of a listing, in order. */
export function groupHeadings(list: LibraryList): string[] {
  return [...list.shadowRoot!.querySelectorAll('section > [role=heading]')].map(text);
}

export function byRole(root: ParentNode, role: string): HTMLElement[] {
  const implicit: Record<string, string> = {
    alert: '[role=alert]',
    status: '[role=status]',
    button: 'button, [role=button]',
    link: 'a[href]',
    heading: '[role=heading], h1, h2, h3, h4, h5, h6',
    searchbox: 'input[type=search]',
    combobox: 'select',
    checkbox: 'input[type=checkbox]',
    group: 'fieldset, [role=group]',
    list: 'ul, ol, [role=list]',
    listitem: 'li',
  };
  return [...root.querySelectorAll<HTMLElement>(implicit[role] ?? `[role=${role}]`)];
}

/** The element with the given role whose visible text (or label) includes `name`. */
export function getByRole(root: ParentNode, role: string, name: string | RegExp): HTMLElement {
  const found = byRole(root, role).find((el) => {
    const label = el.getAttribute('aria-label') ?? (el.closest('label') ? text(el.closest('label')) : text(el));
    return typeof name === 'string' ? label.includes(name) : name.test(label);
  });
  if (!found) throw new Error(`No ${role} named ${String(name)}`);
  return found;
}

/** Collects console.error/warn lines while `run` is active. */
export async function captureConsole<T>(run: () => Promise<T>): Promise<{ result: T; errors: string[]; warnings: string[] }> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const { error, warn } = console;
  console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    return { result: await run(), errors, warnings };
  } finally {
    console.error = error;
    console.warn = warn;
  }
}

/** The shadow root of a listing's filters (`<library-facets>`), once they have loaded. */
export function facetsRoot(list: LibraryList): ShadowRoot {
  const root = list.shadowRoot!.querySelector('library-facets')?.shadowRoot;
  if (!root) throw new Error('The listing has no filters (yet)');
  return root;
}

/** A listing's filter group (a fieldset) by its legend, such as "Type". */
export function facetGroup(list: LibraryList, legend: string): HTMLFieldSetElement {
  const found = [...facetsRoot(list).querySelectorAll('fieldset')].find((f) => text(f.querySelector('legend')) === legend);
  if (!found) throw new Error(`No filter group "${legend}"`);
  return found;
}

/** The values a filter group offers, with their counts, as the reader sees them: "Reports 2". */
export function facetOptions(list: LibraryList, legend: string): string[] {
  return [...facetGroup(list, legend).querySelectorAll('label')].map(text);
}

/** The checkbox for one value of a filter group, by its visible label. */
export function facetBox(list: LibraryList, legend: string, label: string): HTMLInputElement {
  const option = [...facetGroup(list, legend).querySelectorAll('label')].find((l) => text(l.querySelector('.option-label')) === label);
  if (!option) throw new Error(`No "${label}" in the ${legend} filter`);
  return option.querySelector('input')!;
}
