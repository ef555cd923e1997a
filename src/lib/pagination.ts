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

/** Articles per page on every paginated index (home, rubriques, tags, authors). */
export const ARTICLES_PER_PAGE = 20;

/**
 * Page `number` of `items`, `perPage` per page. Page 1 of an empty list exists and is empty; a page
 * beyond the last throws, as a route for it should never have been made.
 */
export function pageAt<T>(items: readonly T[], perPage: number, number: number): Page<T> {
  const totalPages = pageCount(items.length, perPage);
  if (!Number.isInteger(number) || number < 1 || number > totalPages) {
    throw new RangeError(`page ${number} does not exist: the list has ${totalPages} page(s)`);
  }
  const firstIndex = (number - 1) * perPage;
  return {
    number,
    items: items.slice(firstIndex, firstIndex + perPage),
    totalPages,
    totalItems: items.length,
    firstIndex,
    previous: number > 1 ? number - 1 : undefined,
    next: number < totalPages ? number + 1 : undefined,
  };
}

/**
 * The page numbers that get a `…/page/N/` route for a list of `count` items:
 * 2 to the last page. Page 1 is the list's own URL, so an empty or short list
 * has none.
 */
export function laterPageNumbers(count: number, perPage = ARTICLES_PER_PAGE): number[] {
  return Array.from({ length: pageCount(count, perPage) - 1 }, (_, i) => i + 2);
}

/**
 * The numbers of every page of a list of `count` items: 1 to the last (at
 * least page 1, which exists even for an empty list).
 */
export function pageNumbers(count: number, perPage = ARTICLES_PER_PAGE): number[] {
  return Array.from({ length: pageCount(count, perPage) }, (_, i) => i + 1);
}

/**
 * The rest parameter (`[...page]`) of page `n` of a rubrique, tag or author
 * index: none for page 1 (the index's own URL), `page/N` after, as in urls.ts.
 */
export function pageParam(n: number): string | undefined {
  return n === 1 ? undefined : `page/${n}`;
}

/** The page number a `[...page]` parameter stands for (see {@link pageParam}). */
export function pageFromParam(param: string | undefined): number {
  if (param === undefined || param === '') return 1;
  const match = /^page\/([1-9][0-9]*)$/.exec(param);
  if (!match || match[1] === '1') throw new RangeError(`"${param}" is not a page parameter (expected page/N, N from 2)`);
  return Number(match[1]);
}

/** One entry of a pagination bar: a page link, or a gap (« … ») standing for skipped pages. */
export type PaginationItem = { number: number; url: string; current: boolean } | { gap: true };

/** The finished pagination bar of a page, as the Pagination component shows it. */
export interface PaginationNav {
  previous?: string;
  next?: string;
  items: PaginationItem[];
}

/**
 * The pagination bar of page `current` of `totalPages`, or undefined when the
 * list fits on one page. It links the first and last pages and `radius` pages
 * each side of the current one; longer runs of skipped pages become one gap
 * (a single skipped page is shown rather than hidden behind « … »), so the bar
 * stays short on an archive of hundreds of pages.
 */
export function paginationNav(current: number, totalPages: number, pathOf: (page: number) => string, radius = 2): PaginationNav | undefined {
  if (totalPages <= 1) return undefined;
  const shown = new Set([1, totalPages]);
  for (let n = Math.max(1, current - radius); n <= Math.min(totalPages, current + radius); n++) shown.add(n);
  const numbers = [...shown].sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  numbers.forEach((n, i) => {
    const before = numbers[i - 1];
    if (before !== undefined && n - before === 2) items.push({ number: n - 1, url: pathOf(n - 1), current: false });
    else if (before !== undefined && n - before > 2) items.push({ gap: true });
    items.push({ number: n, url: pathOf(n), current: n === current });
  });
  const nav: PaginationNav = { items };
  if (current > 1) nav.previous = pathOf(current - 1);
  if (current < totalPages) nav.next = pathOf(current + 1);
  return nav;
}
