/**
 * French typography on plain text (titles, ledes, text nodes of bodies and
 * feeds; never HTML source, code or attributes: the caller picks the text).
 *
 * - U+202F (narrow no-break space) before `;` `!` `?`;
 * - U+00A0 (no-break space) before `:`, after `«` and before `»`;
 * - `'` between two letters becomes the apostrophe `’`;
 * - straight `"…"` and English `“…”` quotes become `« … »`, and quotes
 *   inside `« »` become `“ ”`;
 * - no-break spaces that keep a date (`13 mai 2016`), a number and its unit
 *   (`10 Go`, `33 %`, `20 h 30`) and the digit groups of a number
 *   (`10 000`) on one line;
 * - `1ère`, `2ème` are written `1re`, `2e` (the superscript itself needs
 *   markup: see `splitOrdinals`).
 *
 * URLs, e-mail addresses and smileys such as `:)` are left exactly as they
 * are. Every function here is idempotent: applying it twice gives the same
 * text as applying it once.
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

// Joins the text nodes of one block in typesetBlock, so that the rules see
// the block as one text (a quote opened in one node and closed in another).
// Opaque like PLACEHOLDER; the quote rule looks through it.
const BOUNDARY = '\uE001';

const PROTECTED = new RegExp(
  [
    // URLs with a scheme, or starting with www. (the one capture group).
    // The lookbehinds anchor each match at the start of its token, which
    // keeps matching linear on long words.
    String.raw`((?<![\p{L}\p{N}+.-])(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"«»\uE001]+)`,
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

// ---------------------------------------------------------------------------
// Quotes

type QuoteKind = 'straight' | 'curly';

// Characters after which a straight `"` opens a quote (it must also be
// followed by something that is not a space).
const BEFORE_OPENING_QUOTE = /[\s([{«“‘\u2013\u2014/-]/u;
// Characters before which a straight `"` closes a quote (it must also follow
// something that is not a space).
const AFTER_CLOSING_QUOTE = /[\s)\]}»”’'.,;:!?…\u2013\u2014/-]/u;

/**
 * Straight `"…"` and English `“…”` pairs become `« »`, or `“ ”` when inside
 * another quote (guillemets included). Only pairs are converted: a quote
 * whose partner is not in the text (`12"`, a lone `"`, a `“` whose `”` is in
 * another text node) is left as it is, because guessing would turn a
 * measurement into half a quotation.
 */
function convertQuotes(text: string): string {
  if (!/["“”]/.test(text)) return text;
  // Neighbours of a quote, looking through the text-node boundaries of typesetBlock.
  const neighbour = (from: number, step: 1 | -1): string | undefined => {
    for (let i = from + step; i >= 0 && i < text.length; i += step) if (text[i] !== BOUNDARY) return text[i];
    return undefined;
  };
  const stack: { at: number; kind: QuoteKind | 'guillemet' }[] = [];
  const partner = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '«') stack.push({ at: i, kind: 'guillemet' });
    else if (ch === '»') {
      if (stack.at(-1)?.kind === 'guillemet') stack.pop();
    } else if (ch === '“') stack.push({ at: i, kind: 'curly' });
    else if (ch === '”') {
      if (stack.at(-1)?.kind === 'curly') partner.set(stack.pop()!.at, i);
    } else if (ch === '"') {
      const before = neighbour(i, -1);
      const after = neighbour(i, 1);
      const closes = before !== undefined && !/\s/u.test(before) && (after === undefined || AFTER_CLOSING_QUOTE.test(after));
      const opens = (before === undefined || BEFORE_OPENING_QUOTE.test(before)) && after !== undefined && !/\s/u.test(after);
      if (closes && stack.at(-1)?.kind === 'straight') partner.set(stack.pop()!.at, i);
      else if (opens) stack.push({ at: i, kind: 'straight' });
    }
  }
  if (partner.size === 0) return text;
  const closing = new Set(partner.values());
  // Depth counts every open guillemet, paired or not: a quotation running
  // over several paragraphs opens each one with « and closes only the last.
  let depth = 0;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '«') depth++;
    else if (ch === '»') depth = Math.max(0, depth - 1);
    if (partner.has(i)) out += depth++ === 0 ? '«' : '“';
    else if (closing.has(i)) out += --depth === 0 ? '»' : '”';
    else out += ch;
  }
  return out;
}

const AFTER_OPENING_GUILLEMET = new RegExp(`«${SPACES}*(?=\\S)`, 'g');
const BEFORE_CLOSING_GUILLEMET = new RegExp(`(?<=\\S)${SPACES}*»`, 'g');

// ---------------------------------------------------------------------------
// Ordinals

// Roman numerals from I to XXXIX, enough for centuries, republics and
// monarchs. C, D, L and M are left out on purpose: with them, `Ce`, `De`,
// `Le` and `Me` (Maître) would read as ordinals.
const ROMAN = /^X{0,3}(?:IX|IV|V?I{0,3})$/;

// A number or Roman numeral followed by a suffix, as a whole word: not after
// a letter, digit, `#`, `.` or `,` (`a2e`, `#2e2e2e`, `3.2e`), not before a
// letter or digit (`2e4f`, `1er2`) nor before an exponent (`2e-3`). `Xe`
// after Intel or Iris is the name of a graphics chip, not the 10th.
const ORDINAL_CANDIDATE =
  /(?<![\p{L}\p{N}\p{M}_#&@.,/\\])(?<!(?:Intel|Iris)[ \u00A0])(\d+|[IVX]+)(ers|res|er|re|es|e|des|de|ds|d)(?![\p{L}\p{N}\p{M}_]|[-+]\p{N})/gu;

function isOrdinal(number: string, suffix: string): boolean {
  const roman = !/^\d/.test(number);
  if (roman ? !ROMAN.test(number) : !/^[1-9]\d*$/.test(number)) return false;
  const one = number === '1' || number === 'I';
  if (/^(?:er|re)s?$/.test(suffix)) return one;
  if (suffix.startsWith('d')) return number === '2';
  return !one;
}

// `1ère`, `2ème`, `3eme`, `4ième`, `XIXème`, `2nde`: common, wrong, and
// rewritten as the abbreviations of the Imprimerie nationale.
const WRONG_ORDINAL = /(?<![\p{L}\p{N}\p{M}_#&@.,/\\])(\d+|[IVX]+)(ère|ere|ème|eme|ième|ieme|nde|nd)(s?)(?![\p{L}\p{N}\p{M}_])/gu;

function normaliseOrdinals(text: string): string {
  return text.replace(WRONG_ORDINAL, (match: string, number: string, suffix: string, plural: string) => {
    const right = suffix.startsWith('n') ? (suffix === 'nd' ? 'd' : 'de') : /^(?:ère|ere)$/.test(suffix) ? 're' : 'e';
    return isOrdinal(number, right + plural) ? number + right + plural : match;
  });
}

/** A piece of text, or an ordinal suffix to set as a superscript. */
export type OrdinalSegment = string | { sup: string };

/**
 * Cuts a typeset text around ordinal suffixes, for tree builders:
 * `'le 1er mai'` → `['le 1', { sup: 'er' }, ' mai']`. Recognised: 1er, 1re,
 * 1ers, 1res, 2e, 2es, 2d, 2de (second, seconde), and the same on Roman
 * numerals (Ier, Ire, IIe, XIXe, XXIe). A text without ordinal gives
 * `[text]`; joining the strings and suffixes gives the text back. URLs and
 * e-mail addresses are skipped. Run it after `frenchTypography`, which
 * rewrites `1ère` and `2ème` into forms this recognises.
 */
export function splitOrdinals(text: string): OrdinalSegment[] {
  const protectedRanges: [number, number][] = [];
  for (const m of text.matchAll(PROTECTED)) protectedRanges.push([m.index, m.index + m[0].length]);
  const segments: OrdinalSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(ORDINAL_CANDIDATE)) {
    const [, number, suffix] = m as unknown as [string, string, string];
    if (!isOrdinal(number, suffix)) continue;
    const start = m.index;
    if (protectedRanges.some(([from, to]) => start < to && start + m[0].length > from)) continue;
    const suffixAt = start + number.length;
    segments.push(text.slice(last, suffixAt), { sup: suffix });
    last = suffixAt + suffix.length;
  }
  if (last < text.length || segments.length === 0) segments.push(text.slice(last));
  return segments;
}

// ---------------------------------------------------------------------------
// Numbers, units and dates

const MONTHS = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre';

// Units and counted words that stay on the line of their number. The list is
// explicit and short on purpose: a general "number + next word" rule would
// glue unrelated words (« en 2016 Apple… », « les 3 premiers »). Quantities
// (millions…), currencies, sizes and rates, lengths, masses, durations,
// power and frequency, and the nouns this magazine counts most.
const UNITS = [
  'millions', 'million', 'milliards', 'milliard', 'milliers', 'millier',
  'euros', 'euro', 'dollars', 'dollar',
  'Ko', 'Mo', 'Go', 'To', 'Po', 'ko', 'kb/s', 'Mb/s', 'Gb/s', 'kbit/s', 'Mbit/s', 'Gbit/s', 'Mo/s', 'Go/s',
  'km', 'm', 'cm', 'mm', 'nm', 'm²', 'km²', 'kg', 'g', 't',
  'h', 'min', 's', 'ms', 'µs', 'ns', 'jours', 'jour', 'semaines', 'semaine', 'mois', 'ans', 'an',
  'heures', 'heure', 'minutes', 'minute', 'secondes', 'seconde',
  '°C', 'W', 'kW', 'MW', 'GW', 'Wh', 'kWh', 'MWh', 'GWh', 'TWh', 'Hz', 'kHz', 'MHz', 'GHz', 'mAh', 'V',
  'salariés', 'employés', 'clients', 'utilisateurs', 'abonnés', 'habitants', 'personnes', 'pages', 'fois',
];
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// Longest first, so that `ms` is not read as `m` followed by `s`.
const UNIT_ALTERNATION = [...UNITS].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');

// After a unit: not a letter or digit (`10 Gogo`, `5 m²` is its own unit),
// nor an apostrophe (`5 m’a`, `3 s’ajoutent` are words, not units).
const NOT_IN_WORD = "(?![\\p{L}\\p{N}\\p{M}'’])";

const DIGIT_GROUPS = new RegExp(`(?<![\\p{L}\\p{N}.,])\\d{1,3}(?:${SPACES}\\d{3})+(?![\\p{N}])`, 'gu');
const NUMBER_UNIT = new RegExp(`(?<=\\p{N})${SPACES}+(?=(?:${UNIT_ALTERNATION})${NOT_IN_WORD})`, 'gu');
// % takes a narrow no-break space, currency symbols a no-break space; both
// are added when the writer typed none (`33%`, `12€`).
const NUMBER_PERCENT = new RegExp(`(?<=\\p{N})${SPACES}*(?=%)`, 'gu');
const NUMBER_CURRENCY = new RegExp(`(?<=\\p{N})${SPACES}*(?=[€$£](?![\\p{L}\\p{N}]))`, 'gu');
const HOUR_MINUTES = new RegExp(`(?<=\\p{N}\\u00A0h)${SPACES}+(?=\\d{2}(?!\\p{N}))`, 'gu');
const DAY_MONTH = new RegExp(`(?<=(?<![\\p{L}\\p{N}])(?:1er|\\d{1,2}))${SPACES}+(?=(?:${MONTHS})(?![\\p{L}\\p{N}]))`, 'gu');
const MONTH_YEAR = new RegExp(`(?<=(?<![\\p{L}\\p{N}])(?:${MONTHS}))${SPACES}+(?=\\d{4}(?!\\p{N}))`, 'gu');

function spaceNumbers(text: string): string {
  if (!/\p{N}/u.test(text)) return text;
  return text
    .replace(DIGIT_GROUPS, (groups: string) => groups.replace(new RegExp(SPACES, 'g'), NNBSP))
    .replace(DAY_MONTH, NBSP)
    .replace(MONTH_YEAR, NBSP)
    .replace(NUMBER_PERCENT, NNBSP)
    .replace(NUMBER_CURRENCY, NBSP)
    .replace(NUMBER_UNIT, NBSP)
    .replace(HOUR_MINUTES, NBSP);
}

// ---------------------------------------------------------------------------
// Entry points

// Characters without which no rule applies: most strings of a page skip the
// work. Roman ordinals to normalise start with I, V or X.
const MAY_CHANGE = /[;:!?«»'"“”\p{N}]|[IVX][eèi]/u;

/**
 * Applies the French typography rules to a plain-text string.
 *
 * Before `; : ! ?`: an existing space (ordinary, no-break, thin) becomes the
 * right no-break space; a missing one is inserted when the mark follows a
 * word and ends it (followed by a space, closing punctuation or the end).
 * A run such as `?!` or `!!!` gets one space before its first mark. Nothing
 * changes at the start of the text or of a line, between digits (`10:30`,
 * `1:2`), or inside a URL, e-mail address or smiley.
 *
 * Quotes, no-break spaces in dates and numbers, and ordinal spelling: see the
 * module comment. A quotation split over several text nodes of one block
 * (`"le **cloud** souverain"`) needs `typesetBlock`.
 */
export function frenchTypography(text: string): string {
  if (!MAY_CHANGE.test(text)) return text;
  const saved: string[] = [];
  const masked = text.replace(PROTECTED, (match: string, url: string | undefined) => {
    const kept = url === undefined ? match : trimUrl(url);
    saved.push(kept);
    return PLACEHOLDER + match.slice(kept.length);
  });
  const result = spaceNumbers(
    spaceHighPunctuation(
      convertQuotes(normaliseOrdinals(masked).replace(/(?<=\p{L})'(?=\p{L})/gu, '’'))
        .replace(AFTER_OPENING_GUILLEMET, `«${NBSP}`)
        .replace(BEFORE_CLOSING_GUILLEMET, `${NBSP}»`),
    ),
  );
  let next = 0;
  return result.replace(/\uE000/g, () => saved[next++]!);
}

/**
 * `frenchTypography` over the text nodes of one block (a paragraph, a
 * heading, a list item), in document order, leaving out code: the rules see
 * the block as one text, so `"le **cloud** souverain"` (three text nodes
 * around a `<strong>`) becomes `« le **cloud** souverain »`, and
 * `**vraiment**?` gets its space before `?`. Returns one string per text
 * node, to write back in place. Call it once per block: quotes never pair
 * across blocks.
 */
export function typesetBlock(texts: readonly string[]): string[] {
  if (texts.length < 2 || texts.some((t) => t.includes(BOUNDARY))) return texts.map(frenchTypography);
  const parts = frenchTypography(texts.join(BOUNDARY)).split(BOUNDARY);
  // No rule removes a boundary (they are not spaces); this only guards that.
  return parts.length === texts.length ? parts : texts.map(frenchTypography);
}

/**
 * Which string fields of a value are prose, to be typeset: `true` for a
 * string, a map of its fields for an object, a one-element tuple for a list
 * of items. Each schema keeps its map beside it (src/schemas/), checked
 * against the schema's type: a renamed field breaks the map, not the site.
 */
export type ProseMap<T> =
  NonNullable<T> extends string
    ? true
    : NonNullable<T> extends Date
      ? never
      : NonNullable<T> extends readonly (infer E)[]
        ? readonly [ProseMap<E>]
        : NonNullable<T> extends object
          ? { readonly [K in keyof NonNullable<T>]?: ProseMap<NonNullable<T>[K]> }
          : never;

/** `value` with every field that `map` names as prose French-typeset (see frenchTypography); other fields as they were. */
export function typesetFields<T>(value: T, map: ProseMap<T>): T {
  if (value === undefined || value === null) return value;
  if (map === true) return frenchTypography(value as string) as T;
  if (Array.isArray(value)) return value.map((item) => typesetFields(item, (map as readonly [ProseMap<unknown>])[0])) as T;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, inner] of Object.entries(map as Record<string, ProseMap<unknown>>)) {
    if (key in out) out[key] = typesetFields(out[key], inner);
  }
  return out as T;
}
