/**
 * « Sommaire »: the table of contents of a long article, from the headings
 * the renderer collected (src/render/article.ts, with their ids).
 */

/** From this many `##` headings, an article gets its « Sommaire » unless its front matter says `toc: false`. */
export const TOC_MIN_SECTIONS = 3;

/** The id GFM gives the heading of an article's footnotes: notes are not a section to jump to, and their calls link there. */
const FOOTNOTES_HEADING = 'footnote-label';

export interface TocEntry {
  /** The heading's id: the link goes to `#slug`. */
  slug: string;
  text: string;
  /** The `###` headings under this `##`. */
  children: { slug: string; text: string }[];
}

/**
 * The entries of an article's « Sommaire », or none: its `##` headings, each
 * with the `###` under it; shown from {@link TOC_MIN_SECTIONS} `##`
 * headings, or whenever `toc` is true, never when it is false. A `###`
 * before the first `##` has no section to sit in and is left out; deeper
 * headings are too (a contents list two levels deep is already long), and
 * so is the heading of the footnotes.
 */
export function tableOfContents(headings: readonly { depth: number; slug: string; text: string }[], toc: boolean | undefined): TocEntry[] {
  if (toc === false) return [];
  const entries: TocEntry[] = [];
  for (const h of headings) {
    const text = h.text.trim();
    if (!text || h.slug === FOOTNOTES_HEADING) continue;
    if (h.depth === 2) entries.push({ slug: h.slug, text, children: [] });
    else if (h.depth === 3) entries.at(-1)?.children.push({ slug: h.slug, text });
  }
  return toc === true || entries.length >= TOC_MIN_SECTIONS ? entries : [];
}
