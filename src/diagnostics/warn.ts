/**
 * Warnings that teach: when an editor writes an attribute value the element
 * does not know, say so once on the console, with what it accepts.
 */
const warned = new WeakMap<Element, Set<string>>();

/** @returns true when the value is allowed; false after warning about it (the caller then uses its default). */
export function warnOnce(element: Element, attribute: string, value: unknown, allowed: readonly string[]): boolean {
  if (value === undefined || value === null || allowed.includes(value as string)) return true;
  const key = `${attribute}=${String(value)}`;
  const seen = warned.get(element) ?? new Set<string>();
  if (seen.has(key)) return false;
  seen.add(key);
  warned.set(element, seen);
  console.warn(
    `<${element.localName}> ${attribute}="${String(value)}" is not a value it knows; use one of: ${allowed.join(', ')}. The default is used instead.`,
    element,
  );
  return false;
}
