/**
 * Reading time shown in the byline (« Lecture : 4 min »), from a crude text
 * extraction of the MDX body. Precision is not the point; stability is.
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
 * Minutes to read `text` at `wordsPerMinute` (230 by default, an adult
 * reading French on screen). Rounded UP, and at least 1: a 30-second brief
 * reads « 1 min », never « 0 min », and a reader is never promised less time
 * than the text takes.
 */
export function readingMinutes(text: string, wordsPerMinute = 230): number {
  if (!(wordsPerMinute > 0) || !Number.isFinite(wordsPerMinute)) {
    throw new RangeError(`wordsPerMinute must be a positive number, got ${wordsPerMinute}`);
  }
  return Math.max(1, Math.ceil(countWords(text) / wordsPerMinute));
}

const FENCE = /^\s*(`{3,}|~{3,})/;

/**
 * Crude text of an MDX body, for counting words (not for display):
 * - front matter, `import`/`export` blocks (up to the next blank line, as in
 *   MDX), `{…}` expressions and HTML comments are removed;
 * - JSX/HTML tags are removed but their text children kept; self-closing
 *   components (`<Video … />`, `<Figure … />`) vanish entirely;
 * - images vanish entirely; links keep their text and lose their URL;
 *   reference definitions and autolinks vanish;
 * - code blocks keep their content (readers read code too) but lose their
 *   fences; inline code keeps its text;
 * - Markdown markers (headings, quotes, lists, emphasis, rules, table pipes,
 *   escapes) are removed.
 */
export function stripMdx(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').replace(/^---\n[\s\S]*?\n---(?:\n|$)/, '').split('\n');
  const prose: string[] = [];
  const out: string[] = [];
  let fence: string | undefined;
  let inEsm = false;
  let afterBlank = true;
  const flushProse = () => {
    if (prose.length) out.push(stripMarkdown(prose.join('\n')));
    prose.length = 0;
  };
  for (const line of lines) {
    if (fence !== undefined) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && line.trim() === close[1]) fence = undefined;
      else out.push(line);
      continue;
    }
    const blank = line.trim() === '';
    if (inEsm) {
      inEsm = !blank;
      afterBlank = blank;
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      flushProse();
      fence = open[1]!;
    } else if (afterBlank && /^(?:import|export)\s/.test(line)) {
      // In MDX an ESM block is a whole paragraph: it ends at a blank line.
      inEsm = true;
    } else {
      prose.push(line);
    }
    afterBlank = blank;
  }
  flushProse();
  return out
    .join('\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function stripMarkdown(text: string): string {
  return (
    text
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
      // Images before links: `![alt](src)` also matches the link pattern.
      .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
      .replace(/!\[[^\]]*\]\[[^\]]*\]/g, ' ')
      .replace(/^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$/gm, '')
      .replace(/<[a-z][a-z0-9+.-]*:[^>\s]*>/gi, ' ')
      // Tags, including multi-line ones and attribute values holding `>`.
      .replace(/<\/?[A-Za-z][\w.:-]*(?:\s(?:[^>"'{]|"[^"]*"|'[^']*'|\{[^}]*\})*)?\/?>/g, ' ')
      .replace(/<>|<\/>/g, ' ')
      .replace(/\{[^{}]*\}/g, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
      .replace(/^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/gm, '')
      .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
      .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
      .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/gm, '')
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
      // Emphasis markers: `*` and `~` anywhere, `_` only at word edges so
      // that snake_case stays one word.
      .replace(/[*~`]+/g, '')
      .replace(/(^|[^\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '$1')
      .replace(/\|/g, ' ')
      .replace(/[ \t]{2,}/g, ' ')
      .replace(/^[ \t]+/gm, '')
  );
}
