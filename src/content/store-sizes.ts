/**
 * How many entries the loaders stored in each collection, for the data layer
 * (src/data/collections.ts), which does not ask Astro for a collection left
 * empty: Astro then warns, in English, on every build of a magazine without
 * footer pages, edition words or series, which is no mistake.
 *
 * Kept on globalThis under a registered symbol, as the bodies are
 * (bodies.ts): the loaders and the pages are separate module instances of
 * one process. This module imports nothing, so the pages' bundle does not
 * pull in the content pass.
 */
const KEY = Symbol.for('rotative.store-sizes');
const registry = () => globalThis as { [KEY]?: Map<string, number> };

/** Called by a loader with the number of entries it stored in `collection`. */
export function publishStoreSize(collection: string, size: number): void {
  (registry()[KEY] ??= new Map()).set(collection, size);
}

/** How many entries a loader of this process stored in `collection`, or undefined if none filled it here. */
export function storeSize(collection: string): number | undefined {
  return registry()[KEY]?.get(collection);
}
