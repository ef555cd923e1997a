/**
 * Content errors, written for writers in French: which file and line, what
 * is wrong, what is expected, what to write. A content mistake is reported with these
 * messages, never with a stack trace.
 */

/** One mistake in the content tree. Every text is French, in plain words, for a writer. */
export interface ContentProblem {
  /** The file, as the writer sees it (relative to the project). */
  file: string;
  /**
   * The field, as written in front matter: `cover.alt`, `authors[0]`, `<Figure alt>`.
   * It orders the problems and lets tests and tools tell them apart; the
   * line writers read does not print it (the `found` sentence names it).
   */
  field?: string | undefined;
  /** 1-based line in the file, when known. */
  line?: number | undefined;
  /** What is wrong, as a sentence without its capital (values quoted): `le champ title manque`. */
  found?: string | undefined;
  /** What is expected: `l’identifiant d’une fiche auteur (claire-martin, marie-durand)`. */
  expected: string;
  /** What to write: `vouliez-vous dire "claire-martin" ?`, `écrivez \{ pour une accolade littérale`. */
  hint?: string | undefined;
}

// Each problem must fit on one line, whatever a message happens to contain.
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * One readable line for a problem, « fichier:ligne — ce qui ne va pas ;
 * attendu : … ; quoi écrire »:
 * `content/articles/2016/x.mdx:4 — aucune fiche auteur "jdupont" dans content/authors/ ; attendu : l’identifiant d’une fiche auteur (claire-martin, marie-durand)`.
 * `found` is printed as given: the caller quotes values.
 */
export function formatProblem(p: ContentProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const parts = [...(p.found ? [p.found] : []), `attendu : ${p.expected}`, ...(p.hint ? [p.hint] : [])];
  return oneLine(`${where} — ${parts.join(' ; ')}`);
}

/** `1 problème dans le contenu :` or `3 problèmes dans le contenu :`. */
export function problemCount(count: number): string {
  return `${count} problème${count > 1 ? 's' : ''} dans le contenu :`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Problems in a stable order: by file, then line (problems without a line
 * first: they concern the whole file), then field, then message.
 */
export function sortProblems(list: readonly ContentProblem[]): ContentProblem[] {
  return [...list].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareStrings(a.field ?? '', b.field ?? '') ||
      compareStrings(formatProblem(a), formatProblem(b)),
  );
}

/** A header with the count (`3 problèmes dans le contenu :`), then one line per problem, sorted. */
export function formatProblems(list: readonly ContentProblem[]): string {
  const header = problemCount(list.length);
  return [header, ...sortProblems(list).map((p) => `  - ${formatProblem(p)}`)].join('\n');
}

/**
 * The « vouliez-vous dire … ? » hint for a near miss: the only place the
 * phrase is written. `suggestion` is shown as the writer would type it: in
 * quotes for a value ("claire-martin"), as a tag for a component (<Figure>).
 */
export function didYouMean(suggestion: string, as: 'value' | 'component' = 'value'): string {
  return `vouliez-vous dire ${as === 'component' ? `<${suggestion}>` : `"${suggestion}"`} ?`;
}

/**
 * The candidate closest to `found`, for a « vouliez-vous dire … ? » hint on a bad
 * reference; `undefined` if none is close. Close means at most 1 edit for
 * words under 6 characters, 2 edits otherwise (case ignored); ties go to the
 * first candidate in code-unit order, so the hint is deterministic.
 */
export function suggestClosest(found: string, candidates: Iterable<string>): string | undefined {
  const target = found.toLowerCase();
  let best: string | undefined;
  let bestDistance = (target.length < 6 ? 1 : 2) + 1;
  for (const candidate of candidates) {
    const d = editDistance(target, candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

// Levenshtein distance, two rows at a time.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The problems of drafts, as warnings: a header that says the drafts are set
 * aside and everything else is published, then one line per problem.
 */
export function formatDraftProblems(list: readonly ContentProblem[]): string {
  const drafts = new Set(list.map((p) => p.file)).size;
  const header =
    drafts === 1
      ? `⚠ 1 brouillon a ${list.length > 1 ? `${list.length} problèmes` : 'un problème'} : il est mis de côté (ni publié ni prévisualisé), le reste du site est publié.`
      : `⚠ ${drafts} brouillons ont des problèmes (${list.length}) : ils sont mis de côté (ni publiés ni prévisualisés), le reste du site est publié.`;
  return [header, ...sortProblems(list).map((p) => `  - brouillon ${formatProblem(p)}`)].join('\n');
}
