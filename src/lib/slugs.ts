/**
 * Slugs: the lowercase ASCII identifiers used in URLs and as article ids.
 * An article's slug is its file name (or its folder name for `index.mdx`),
 * so two spellings of the same title always give the same URL.
 */

// Letters that NFD does not decompose into "base letter + combining mark".
const TRANSLITERATIONS: Record<string, string> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const TRANSLITERATED = new RegExp(`[${Object.keys(TRANSLITERATIONS).join('')}]`, 'g');

/**
 * Turns any text into a slug: lowercase ASCII letters and digits separated by
 * single dashes. Accents are dropped (`Été` → `ete`), ligatures spelled out
 * (`œ` → `oe`), and every other character, apostrophes included, separates
 * words (`l'IA générative` → `l-ia-generative`).
 *
 * Returns `''` when the text has no letter or digit that maps to ASCII: the
 * caller decides whether that is an error.
 */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(TRANSLITERATED, (ch) => TRANSLITERATIONS[ch] ?? ch)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The slug of an article from its path relative to the articles folder:
 * `2016/un-an-apres/index.mdx` → `un-an-apres`, `2016/Été.mdx` → `ete`.
 * Accepts `/` and `\` separators. The folders above the file do not count,
 * so moving a file between year folders keeps its URL.
 */
export function slugFromPath(relPath: string): string {
  const segments = relPath.split(/[\\/]+/).filter((s) => s !== '');
  let name = segments.pop() ?? '';
  const stem = name.replace(/\.(?:mdx|md|markdown)$/i, '');
  if (stem.toLowerCase() === 'index' && segments.length > 0) name = segments[segments.length - 1]!;
  else name = stem;
  return slugify(name);
}

