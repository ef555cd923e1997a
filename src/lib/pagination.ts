/**
 * Splitting lists into numbered pages (home, rubriques, tags, authors).
 */

/** One page of a paginated list. */
export interface Page<T> {
  /** 1-based page number. */
  number: number;
  /** The items on this page (empty only on the single page of an empty list). */
  items: T[];
  /** Number of pages in the list (at least 1). */
  totalPages: number;
  /** Number of items in the whole list. */
  totalItems: number;
  /** 0-based index, in the whole list, of this page's first item. */
  firstIndex: number;
  /** Number of the previous page, if any. */
  previous: number | undefined;
  /** Number of the next page, if any. */
  next: number | undefined;
}

function checkPerPage(perPage: number): void {
  if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError(`perPage must be a positive integer, got ${perPage}`);
}

/**
 * Number of pages for `n` items, `perPage` per page. Always at least 1: an
 * index page exists (and says it is empty) even when nothing is published.
 */
export function pageCount(n: number, perPage: number): number {
  checkPerPage(perPage);
  return Math.max(1, Math.ceil(n / perPage));
}

/**
 * Splits `items` into pages of `perPage`, keeping their order. An empty list
 * gives exactly one empty page, so page 1 of every index always exists.
 */
export function paginate<T>(items: readonly T[], perPage: number): Page<T>[] {
  const totalPages = pageCount(items.length, perPage);
  return Array.from({ length: totalPages }, (_, i) => ({
    number: i + 1,
    items: items.slice(i * perPage, (i + 1) * perPage),
    totalPages,
    totalItems: items.length,
    firstIndex: i * perPage,
    previous: i > 0 ? i : undefined,
    next: i + 1 < totalPages ? i + 2 : undefined,
  }));
}
