/**
 * `value` with strings of its own. V8 keeps a string cut out of a longer one
 * (a front matter field, a regular expression's match) as a view of the
 * longer one, which then stays in memory as long as the cut does: every
 * article's whole file for as long as its data, every page's whole HTML for
 * as long as its policy (src/content/edition.ts, astro.config.ts).
 * structuredClone copies each string (and keeps Dates, Maps and undefined).
 */
export function ownStrings<T>(value: T): T {
  return structuredClone(value);
}
