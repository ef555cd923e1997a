/**
 * The Pagefind filter that carries a search result's thumbnail (its cover's
 * URL): src/publish/search.ts writes it, the search page's script reads it.
 * Not a meta field: Pagefind searches the words of every meta field, and
 * « 400 », « jpg » or « images » would find every article with a cover. A
 * filter's values come back with the result and are never searched; the
 * page asks for no filter, so no filter file is loaded.
 *
 * A module of its own, importing nothing: the search page's script stays a
 * few lines.
 */
export const THUMBNAIL_FILTER = 'vignette';
