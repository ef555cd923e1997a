/**
 * French typography on plain text (titles, ledes, text nodes of bodies and
 * feeds; never HTML source, code or attributes: the caller picks the text).
 *
 * - U+202F (narrow no-break space) before `;` `!` `?`;
 * - U+00A0 (no-break space) before `:`, after `«` and before `»`;
 * - `'` between two letters becomes the apostrophe `’`.
 *
 * URLs, e-mail addresses and smileys such as `:)` are left exactly as they
 * are. The function is idempotent: applying it twice gives the same text.
 */

/** Narrow no-break space (espace fine insécable), before `; ! ?`. */
export const NNBSP = '\u202F';

/** No-break space (espace insécable), before `:` and inside `« »`. */
export const NBSP = '\u00A0';

// Horizontal spaces a writer may have typed (or a previous pass inserted)
// where a no-break space belongs. Line breaks are never touched.
const SPACES = '[ \\t\\u00A0\\u202F\\u2009]';

// Stand-in for each protected span while the rules run. It is not a letter,
// a digit, a space or punctuation, so no rule applies to it or across it in
// a surprising way; it still counts as "something before the punctuation".
const PLACEHOLDER = '\uE000';

const PROTECTED = new RegExp(
  [
    // URLs with a scheme, or starting with www. (the one capture group).
    // The lookbehinds anchor each match at the start of its token, which
    // keeps matching linear on long words.
    String.raw`((?<![\p{L}\p{N}+.-])(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"«»]+)`,
    // E-mail addresses.
    String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`,
    // Smileys: `:)`, `;-)`, `:D`… when not followed by a letter or digit.
    String.raw`[:;]-?[()DPp](?![\p{L}\p{N}])`,
    // A placeholder already in the text is protected too, so restoring is exact.
    PLACEHOLDER,
  ].join('|'),
  'giu',
);

// Punctuation that ends a sentence is not part of the URL before it
// (« voir https://example.fr/a. »); a `)` only when unbalanced (Wikipedia URLs).
function trimUrl(url: string): string {
  let end = url.length;
  for (;;) {
    const ch = url[end - 1];
    if (ch !== undefined && '.,;:!?\'’"…'.includes(ch)) end--;
    else if (ch === ')' && count(url.slice(0, end), '(') < count(url.slice(0, end), ')')) end--;
    else return url.slice(0, end);
  }
}

function count(text: string, ch: string): number {
  return text.split(ch).length - 1;
}

// What may follow a punctuation mark for a missing space to be inserted
// before it: the end of the text, a space, or closing punctuation. Anything
// else (`a:b`, `og:title`, `C:\`, `10:30`, `std::vector`) is not prose.
const INSERT_BEFORE_RUN_FOLLOWED_BY = /^(?:$|[\s)\]}»”"'’.,…–—])/u;

// After these, a mark is not a sentence end: `(?)`, `« ? »`, `¿…`.
const OPENING = '([{«“‘¿¡';

function spaceHighPunctuation(text: string): string {
  // The lookbehind starts each match at the beginning of a run of spaces
  // (linear time on long runs).
  return text.replace(new RegExp(`(?<!${SPACES})(${SPACES}*)([;:!?]+)`, 'g'), (match: string, spaces: string, run: string, offset: number) => {
    const before = text[offset - 1];
    const after = text.slice(offset + match.length, offset + match.length + 1);
    if (before === undefined || /\s/.test(before) || OPENING.includes(before) || ';:!?'.includes(before)) return match;
    if (spaces === '' && !INSERT_BEFORE_RUN_FOLLOWED_BY.test(after)) return match;
    return (run[0] === ':' ? NBSP : NNBSP) + run;
  });
}

const AFTER_OPENING_GUILLEMET = new RegExp(`«${SPACES}*(?=\\S)`, 'g');
const BEFORE_CLOSING_GUILLEMET = new RegExp(`(?<=\\S)${SPACES}*»`, 'g');

/**
 * Applies the French spacing and apostrophe rules to a plain-text string.
 *
 * Before `; : ! ?`: an existing space (ordinary, no-break, thin) becomes the
 * right no-break space; a missing one is inserted when the mark follows a
 * word and ends it (followed by a space, closing punctuation or the end).
 * A run such as `?!` or `!!!` gets one space before its first mark. Nothing
 * changes at the start of the text or of a line, between digits (`10:30`,
 * `1:2`), or inside a URL, e-mail address or smiley.
 */
export function frenchTypography(text: string): string {
  // Fast path: no mark any rule applies to (most strings of a page).
  if (!/[;:!?«»']/.test(text)) return text;
  const saved: string[] = [];
  const masked = text.replace(PROTECTED, (match: string, url: string | undefined) => {
    const kept = url === undefined ? match : trimUrl(url);
    saved.push(kept);
    return PLACEHOLDER + match.slice(kept.length);
  });
  const result = spaceHighPunctuation(
    masked
      .replace(/(?<=\p{L})'(?=\p{L})/gu, '’')
      .replace(AFTER_OPENING_GUILLEMET, `«${NBSP}`)
      .replace(BEFORE_CLOSING_GUILLEMET, `${NBSP}»`),
  );
  let next = 0;
  return result.replace(/\uE000/g, () => saved[next++]!);
}
