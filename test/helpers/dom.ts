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
