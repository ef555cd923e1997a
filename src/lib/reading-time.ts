/**
 * Reading time shown in the byline (« Lecture : 4 min »), from the words of
 * the parsed body (the renderer counts them: src/render/article.ts).
 * Precision is not the point; stability is.
 */

// A word is a run of letters/digits; an apostrophe, hyphen or underscore
// between two such runs joins them (« aujourd'hui », « c'est-à-dire »,
// `max_width` are one word each), and
// so does a decimal or thousands separator between digits (« 3,5 », « 1.000 »).
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’‐_-]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

/** Number of words in a French text; numbers count, punctuation does not. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/**
 * Minutes to read `words` words (the renderer counts them in the parsed body
 * with countWords) at `wordsPerMinute` (230 by default, an adult reading
 * French on screen). Rounded UP, and at least 1: a 30-second brief reads
 * « 1 min », never « 0 min », and a reader is never promised less time than
 * the text takes.
 */
export function readingMinutesOfWords(words: number, wordsPerMinute = 230): number {
  if (!(wordsPerMinute > 0) || !Number.isFinite(wordsPerMinute)) {
    throw new RangeError(`wordsPerMinute must be a positive number, got ${wordsPerMinute}`);
  }
  return Math.max(1, Math.ceil(words / wordsPerMinute));
}
