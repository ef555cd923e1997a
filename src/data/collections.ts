/**
 * The collections as the data layer reads them. Astro warns, in English, on
 * every build that asks for a collection it holds nothing of (« The
 * collection "pages" does not exist or is empty »): a magazine without
 * footer pages, edition words or series is not a mistake, and a writer must
 * not be told otherwise. A collection the loaders of this process left
 * empty (src/content/store-sizes.ts) is therefore not asked for.
 */
import { getCollection, type CollectionEntry, type CollectionKey } from 'astro:content';
import { storeSize } from '../content/store-sizes.ts';

/** The entries of the collection `name` (none, without asking Astro, when its loader stored none). */
export async function entriesOf<C extends CollectionKey>(name: C): Promise<CollectionEntry<C>[]> {
  if (storeSize(name) === 0) return [];
  return getCollection(name);
}
