/**
 * Registers a custom element once. A second copy of the library on the same
 * page (two bundles, or a bundle and an npm build) warns instead of throwing,
 * and the first definition stays in use.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) customElements.define(tag, element);
  else if (existing !== element) {
    console.warn(`<${tag}> is already defined by another copy of Virtual Library elements; this copy's definition was not used.`);
  }
}
