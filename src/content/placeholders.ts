/**
 * The provisional text that `npm run new` (scripts/new-article.ts) writes into
 * a new draft, and the check that keeps it from ever being published.
 *
 * A scaffold's lede would otherwise pass every schema rule and, once
 * `draft: true` is removed, become the lede, the meta description, the feed
 * summary and the news sitemap entry. So every provisional text starts with
 * the same unmistakable mark, the scaffold takes its texts from here, and the
 * content phase refuses an article that is not a draft while any of them is
 * left. A draft may keep them while its writer works: `npm run check` only
 * reminds of them.
 */
import type { ContentProblem } from '../lib/errors.ts';

/** Starts every provisional text: easy to search for in an editor, never written by accident. */
export const PLACEHOLDER_MARK = '[À ÉCRIRE]';

/** Every provisional text the scaffold writes, by where it writes it. */
export const PLACEHOLDERS = {
  /** The lede (`description`). */
  description: `${PLACEHOLDER_MARK} Le chapô : une ou deux phrases qui résument l’article ; il sert aussi de description dans les moteurs de recherche et les flux.`,
  /** `cover.alt`, in the commented-out cover block. */
  coverAlt: `${PLACEHOLDER_MARK} ce que montre l’image`,
  /** The body's first paragraph. */
  firstParagraph: `${PLACEHOLDER_MARK} Le premier paragraphe de l’article : l’essentiel, en quelques phrases.`,
  /** The body's sub-heading (written after `## `). */
  heading: `${PLACEHOLDER_MARK} Un intertitre`,
  /** The body's second paragraph. */
  paragraph: `${PLACEHOLDER_MARK} La suite de l’article.`,
} as const;

/** The same texts as a list. */
export const PLACEHOLDER_TEXTS: readonly string[] = Object.values(PLACEHOLDERS);

// Compared after folding what an editor or a writer may change without
// meaning to: case, curly or straight apostrophes, no-break spaces, runs of spaces.
const fold = (text: string) =>
  text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’ʼ‘`]/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();

/** What every provisional text has before folding: the mark's bracket, or the words of the unmarked ones. */
const MAYBE = /\[|chap|paragraph/i;

/** The mark, with or without spaces inside its brackets. */
const MARK = /\[\s*à\s+écrire\s*\]/;
/**
 * The provisional texts of the scaffold before it marked them: a draft it
 * wrote then still carries them, and they would be published just the same.
 */
export const RETIRED_PLACEHOLDERS: readonly string[] = ['Le chapô : une ou deux phrases qui résument l’article.', 'Premier paragraphe de l’article.'];

/**
 * Texts recognised even without their mark (a writer who deletes only the
 * mark has still not written the lede). Only the long, distinctive ones: a
 * real article may well have a heading « Un intertitre ».
 */
const UNMARKED = new Set(
  [PLACEHOLDERS.description, PLACEHOLDERS.firstParagraph]
    .map((t) => t.slice(PLACEHOLDER_MARK.length))
    .concat(RETIRED_PLACEHOLDERS)
    .map(fold),
);

/**
 * True when `text` (a front matter value, or one line of the body) still
 * carries scaffold text: the mark anywhere, or the whole of a long
 * provisional text without its mark. An ordinary sentence that merely contains
 * the same words is not one.
 */
export function isPlaceholder(text: string): boolean {
  // Every body line of every article comes here: most cannot be one, and
  // folding them all cost a third of a second at 4,000 articles. Folding
  // creates no bracket and no letter, so a text without a bracket and
  // without the words every unmarked text has ("chap", "paragraph") is none.
  if (!MAYBE.test(text)) return false;
  const folded = fold(text);
  if (MARK.test(folded)) return true;
  // A body line may carry Markdown around the text: heading marks, quotes.
  const bare = folded.replace(/^(?:#+|>|[-*+])\s*/, '').replace(/^["']|["']$/g, '');
  return UNMARKED.has(bare);
}

/** What `findPlaceholders` reads of an article. */
export interface PlaceholderScan {
  /** Path for messages. */
  file: string;
  data: { title: string; description: string; cover?: { alt: string } | undefined };
  /** The MDX body, without its front matter. */
  body: string;
  /** The line of the file on which the body starts (1-based). */
  bodyLine: number;
  /** The line where the value at a front matter path is written. */
  lineOf: (p: readonly PropertyKey[]) => number | undefined;
}

const shorten = (text: string) => {
  const t = text.trim();
  return t.length > 70 ? `${t.slice(0, 67)}…` : t;
};

const FIELD_NAMES: Record<string, string> = { title: 'le titre', description: 'le chapô', 'cover.alt': 'le texte alternatif de la couverture' };

/**
 * Every place where `article` still carries the scaffold's provisional text,
 * as problems written for the writer (file, line, field). The caller decides
 * what they are: errors for an article to publish, reminders for a draft.
 */
export function findPlaceholders(article: PlaceholderScan): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const hint = `remplacez chaque texte marqué ${PLACEHOLDER_MARK} par le vôtre, ou remettez « draft: true » tant que l’article n’est pas prêt`;
  const fields: [string, readonly string[], string | undefined][] = [
    ['title', ['title'], article.data.title],
    ['description', ['description'], article.data.description],
    ['cover.alt', ['cover', 'alt'], article.data.cover?.alt],
  ];
  for (const [field, p, value] of fields) {
    if (value === undefined || !isPlaceholder(value)) continue;
    problems.push({
      file: article.file,
      line: article.lineOf(p),
      field,
      found: `${FIELD_NAMES[field]} provisoire écrit par « npm run new » (« ${shorten(value)} »)`,
      expected: `${FIELD_NAMES[field]} de l’article, écrit par vous : sans cela, ce texte provisoire serait publié`,
      hint,
    });
  }
  article.body.split('\n').forEach((text, i) => {
    if (!isPlaceholder(text)) return;
    problems.push({
      file: article.file,
      line: article.bodyLine + i,
      found: `le texte provisoire écrit par « npm run new » (« ${shorten(text)} »)`,
      expected: 'le texte de l’article, écrit par vous : sans cela, ce texte provisoire serait publié',
      hint,
    });
  });
  return problems;
}
