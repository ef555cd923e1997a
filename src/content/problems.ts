import type { z } from 'astro/zod';
import { didYouMean, suggestClosest, type ContentProblem } from '../lib/errors.ts';
import { hasVisibleCharacter } from '../schemas/common.ts';

/** Formats a zod path as writers read it: `cover.alt`, `authors[1]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * Characters a message must not print as they are, because they show nothing
 * (zero-width and no-break spaces, other format characters) or would garble
 * the terminal (control characters): they are written as \uXXXX instead.
 * JSON.stringify already escapes the C0 controls, not these.
 */
const UNPRINTABLE = /(?! )[\p{Cc}\p{Cf}\p{Z}]/gu;

/** Shows a value found in a file, short and unambiguous. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'rien';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'une date invalide' : value.toISOString();
  let text = (JSON.stringify(value) ?? String(value)).replace(
    UNPRINTABLE,
    (c) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
  );
  if (text.length > 80) text = `${text.slice(0, 77)}…`;
  if (typeof value === 'string' && value !== '' && !hasVisibleCharacter(value)) text += ' (uniquement des espaces ou des caractères invisibles)';
  return text;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * Turns the issues of a failed `safeParse` into one problem per issue.
 * The expectation text comes from the schema's own `error` messages (see
 * `src/schemas/common.ts`), so the schema stays the single source of truth.
 */
export function problemsFromZod(
  file: string,
  input: unknown,
  error: z.ZodError,
  lineOf: (path: readonly PropertyKey[]) => number | undefined = () => undefined,
  knownKeys: (path: readonly PropertyKey[]) => string[] = () => [],
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(issue.path);
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const close = suggestClosest(key, known);
        problems.push({
          file,
          field: formatPath(path),
          line: lineOf(path),
          found: `le champ ${formatPath(path)} n’existe pas`,
          expected: `l’un des champs connus${issue.path.length ? ` de ${formatPath(issue.path)}` : ''} : ${known.join(', ')}`,
          hint: close ? didYouMean(close) : 'le nom du champ est-il mal orthographié ?',
        });
      }
      continue;
    }
    const found = valueAt(input, issue.path);
    const field = formatPath(issue.path);
    problems.push({
      file,
      field: field || undefined,
      line: lineOf(issue.path),
      found: !field ? `le contenu vaut ${describeFound(found)}` : found === undefined ? `le champ ${field} manque` : `le champ ${field} vaut ${describeFound(found)}`,
      expected: issue.message,
      hint: field && found === undefined ? `ajoutez une ligne « ${String(issue.path[issue.path.length - 1])}: … »${issue.path.length > 1 ? ` dans ${formatPath(issue.path.slice(0, -1))}` : ''}` : undefined,
    });
  }
  return problems;
}
