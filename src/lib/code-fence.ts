/**
 * What a writer may write after the language of a fenced code block:
 *
 *     ```ts titre="astro.config.ts" {3,5-6}
 *
 * a title shown above the code, and the lines to highlight. The fence's
 * text is the writer's: only these two forms are read, each at most once,
 * and anything else is a problem for the writer, never guessed at.
 * Hand-written: the two forms are a few characters to scan, and the
 * packages that read fence metadata (for rehype-prism-plus, Expressive
 * Code) accept grammars of their own that we would have to refuse anyway.
 */

/** What a fence's metadata asks for. */
export interface FenceMeta {
  /** The title shown above the code (`titre="…"`). */
  title?: string;
  /** The 1-based lines to highlight, in order, without repeats (`{3,5-6}` → 3, 5, 6). */
  marked: number[];
}

/** One mistake in a fence's metadata, in French: what was found, what to write instead. */
export interface FenceProblem {
  found: string;
  expected: string;
  hint?: string;
}

/** The expected forms, as the messages quote them. */
export const FENCE_META_EXPECTED = 'après la langue, titre="nom du fichier" et les lignes à surligner entre accolades, par exemple ```ts titre="astro.config.ts" {3,5-6}';

const RANGES = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

/** A piece of the metadata shown in a message: one line, cut when long. */
const shown = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text);

/** The lines of `{3,5-6}`'s inside, or the problem with it. */
function parseRanges(inside: string): { lines: number[] } | FenceProblem {
  const compact = inside.replace(/\s+/g, '');
  if (!RANGES.test(compact)) {
    return { found: `les lignes à surligner {${inside}} ne sont pas des numéros de ligne`, expected: 'des numéros de ligne et des intervalles séparés par des virgules, par exemple {3,5-6}' };
  }
  const lines = new Set<number>();
  for (const part of compact.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    if (from < 1 || to < 1) return { found: 'la ligne 0 parmi les lignes à surligner', expected: 'des numéros de ligne qui commencent à 1 (la première ligne du code)' };
    if (to < from) return { found: `l’intervalle {${part}} va à rebours`, expected: `le plus petit numéro d’abord : {${to}-${from}}` };
    for (let line = from; line <= to; line++) lines.add(line);
  }
  return { lines: [...lines].sort((a, b) => a - b) };
}

/**
 * Reads a fence's metadata (what follows the language on the opening line,
 * or undefined when nothing does). `lineCount` is the number of lines of the
 * code: a highlighted line past its end is a problem too.
 */
export function parseFenceMeta(meta: string | undefined, lineCount: number): { meta: FenceMeta; problems: FenceProblem[] } {
  const result: FenceMeta = { marked: [] };
  const problems: FenceProblem[] = [];
  let rest = (meta ?? '').trim();
  let seenRanges = false;
  while (rest !== '') {
    const title = /^titre="([^"]*)"/.exec(rest);
    if (title) {
      if (result.title !== undefined) problems.push({ found: 'deux titres pour le même bloc de code', expected: 'un seul titre="…"' });
      else if (title[1]!.trim() === '') problems.push({ found: 'un titre vide (titre="")', expected: 'le nom du fichier ou un titre court entre les guillemets', hint: 'ou retirez titre=""' });
      else result.title = title[1]!.trim();
      rest = rest.slice(title[0].length).trimStart();
      continue;
    }
    if (rest.startsWith('{')) {
      const end = rest.indexOf('}');
      if (end === -1) {
        problems.push({ found: `l’accolade de ${shown(rest)} n’est pas refermée`, expected: FENCE_META_EXPECTED, hint: 'ajoutez } après le dernier numéro de ligne' });
        break;
      }
      const parsed = parseRanges(rest.slice(1, end));
      if ('found' in parsed) problems.push(parsed);
      else if (seenRanges) problems.push({ found: 'deux listes de lignes à surligner pour le même bloc de code', expected: 'une seule liste, par exemple {3,5-6}' });
      else {
        seenRanges = true;
        const beyond = parsed.lines.filter((line) => line > lineCount);
        if (beyond.length > 0) {
          problems.push({
            found: `la ligne ${beyond[0]} est à surligner, mais le bloc de code n’a que ${lineCount} ligne${lineCount > 1 ? 's' : ''}`,
            expected: `des numéros de ligne entre 1 et ${lineCount}`,
          });
        }
        result.marked = parsed.lines.filter((line) => line <= lineCount);
      }
      rest = rest.slice(end + 1).trimStart();
      continue;
    }
    const word = /^\S+/.exec(rest)![0];
    const option = /^(\w+)=/.exec(word)?.[1];
    problems.push(
      option === 'titre'
        ? { found: `le titre ${shown(word.slice('titre='.length))} n’est pas entre guillemets droits`, expected: 'titre="…", entre guillemets droits " et "', hint: 'un titre ne contient pas de guillemet droit "' }
        : {
            found: option ? `l’option ${option}= n’est pas comprise` : `${shown(word)} n’est pas compris après la langue du bloc de code`,
            expected: FENCE_META_EXPECTED,
            hint: option === 'title' ? 'vouliez-vous dire titre="…"\u202F?' : undefined,
          },
    );
    // `titre='x'` or `title="a b"`: skip to the closing quote, so the message is not repeated for each word.
    const quoted = /^\w+=(["'])(?:(?!\1).)*\1/.exec(rest);
    rest = rest.slice(quoted ? quoted[0].length : word.length).trimStart();
  }
  return { meta: result, problems };
}

/** How a line of a `diff` block reads: added (`+`), removed (`-`), or context. */
export function diffLineKind(line: string): 'added' | 'removed' | undefined {
  if (line.startsWith('+')) return 'added';
  if (line.startsWith('-')) return 'removed';
  return undefined;
}
