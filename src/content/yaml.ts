/**
 * The YAML of the content: front matter and the YAML files (authors,
 * rubriques, series, site.yaml), parsed keeping lines, then checked against
 * a zod schema, every mistake a problem with its file and line.
 *
 * Content YAML is plain data: tags (`!!js/function`, `!!binary`), anchors
 * and aliases (`&a`, `*a`, which can multiply a small file into billions of
 * values) are refused.
 */
import { LineCounter, parseDocument, isAlias, isMap, isNode, visit, type Document, type YAMLError } from 'yaml';
import type { z } from 'astro/zod';
import type { ContentProblem } from '../lib/errors.ts';
import { problemsFromZod } from './problems.ts';

/** The line (1-based, counted in the whole file) where the value at a YAML path is written. */
export type LineOf = (p: readonly PropertyKey[]) => number | undefined;

/**
 * The YAML parser's most common errors, said as what the writer typed; the
 * parser's own (English, technical) message is never shown.
 */
const YAML_ERRORS: Partial<Record<YAMLError['code'], string>> = {
  DUPLICATE_KEY: 'un champ y est écrit deux fois',
  MISSING_CHAR: 'un guillemet, un crochet ou une accolade ouvert n’est jamais fermé',
  BAD_INDENT: 'le retrait (les espaces en début de ligne) ne correspond pas aux lignes voisines',
  TAB_AS_INDENT: 'la ligne commence par une tabulation : le retrait s’écrit avec des espaces',
  MULTILINE_IMPLICIT_KEY: 'une valeur sur plusieurs lignes doit être entre guillemets',
  BAD_DQ_ESCAPE: 'une barre oblique inverse \\ entre guillemets doit être doublée',
  BLOCK_AS_IMPLICIT_KEY: 'un deux-points en trop dans une valeur : mettez la valeur entre guillemets',
  UNEXPECTED_TOKEN: 'un caractère inattendu (deux-points, guillemet ou crochet) : mettez la valeur entre guillemets',
};

/**
 * A value already between quotes that holds the same quote (`title: 'L'été'`,
 * `title: "Le "non" du cloud"`): telling the writer to add quotes would be
 * wrong; say what to write inside instead.
 */
function quoteInsideQuotes(line: string): { found: string; hint: string } | undefined {
  const m = /^\s*(?:-\s+)?[^\s:#][^:#]*:\s+(['"])(.*)$/.exec(line);
  if (!m) return undefined;
  const quote = m[1]!;
  const rest = m[2]!;
  const inner = rest.replace(/\s+(#.*)?$/, '').replace(new RegExp(`${quote}$`), '');
  if (!inner.includes(quote)) return undefined;
  return quote === "'"
    ? {
        found: 'la valeur est entre apostrophes droites et en contient une autre, qui la termine trop tôt',
        hint: 'écrivez l’apostrophe typographique ’ dans le texte (L’été), ou doublez l’apostrophe droite (\'L\'\'été\')',
      }
    : {
        found: 'la valeur est entre guillemets droits et en contient d’autres, qui la terminent trop tôt',
        hint: 'écrivez les guillemets français « » dans le texte (le « non »), ou mettez la valeur entre apostrophes droites',
      };
}

/** A YAML value named by its kind, for a message that must not quote it. */
function kindOfValue(value: unknown): string {
  if (Array.isArray(value)) return 'une liste';
  if (typeof value === 'string') return `un texte seul (${value.length} caractère${value.length > 1 ? 's' : ''})`;
  if (typeof value === 'number') return 'un nombre seul';
  if (typeof value === 'boolean') return 'une valeur vrai/faux seule';
  return 'une valeur seule';
}

/** A YAML text parsed once, with what finds the line of an offset: read by parseYaml, and by whoever looks into it first. */
export interface YamlDocument {
  doc: Document;
  lineCounter: LineCounter;
}

/** Parses YAML text into its document, errors kept in it, nothing turned into values yet. */
export function readYamlDocument(text: string): YamlDocument {
  const lineCounter = new LineCounter();
  // `yaml` keeps timestamps as strings (YAML 1.2 core schema): the schema then
  // checks the offset is written, which a Date could no longer tell.
  return { doc: parseDocument(text, { lineCounter, prettyErrors: false }), lineCounter };
}

/** Parses YAML text (or the document read from it) keeping line numbers, so problems can point at a line. */
export function parseYaml(text: string, file: string, lineOffset: number, problems: ContentProblem[], document: YamlDocument = readYamlDocument(text)) {
  const { doc, lineCounter } = document;
  // Without prettyErrors, errors carry no line: it is computed from their offset.
  const lineAtOffset = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line) + lineOffset;
  // Front matter starts below the file's first line; a YAML file is YAML throughout.
  const where = lineOffset > 0 ? 'l’en-tête' : 'le fichier';
  if (doc.errors.length > 0) {
    // The first error is the writer's; the parser's later ones are mostly its
    // consequences (a tab makes the line a key of its own, then « a field
    // written twice »), which would send the writer after mistakes they did
    // not make. Once it is fixed, the next build names the next one.
    const err = doc.errors[0]!;
    const line = lineAtOffset(err.pos[0]);
    const quoting = quoteInsideQuotes(text.split('\n')[line - 1 - lineOffset] ?? '');
    problems.push({
      file,
      line,
      found: `${where} n’est pas du YAML valide à cette ligne : ${quoting?.found ?? YAML_ERRORS[err.code] ?? 'la ligne ne se lit pas'}`,
      expected: 'des lignes « champ: valeur », des listes entre [ ] ou en lignes commençant par « - »',
      hint: quoting?.hint ?? 'vérifiez les deux-points, les guillemets et le retrait de la ligne',
    });
    return undefined;
  }
  // A tag (!!js/function, !!binary, !anything) asks the parser for a value of
  // some other type, or for nothing it knows (then `yaml` only warns and keeps
  // the text): content needs plain text, numbers, dates, lists and blocks.
  const before = problems.length;
  visit(doc, {
    Node(_key, node) {
      // An alias repeats a value written elsewhere in the file: a few lines
      // of them make billions of values (a « billion laughs »). Content
      // never needs them: each value is written where it is used.
      const anchor = 'anchor' in node ? node.anchor : undefined;
      if (anchor || isAlias(node)) {
        const name = anchor ?? (isAlias(node) ? node.source : '');
        problems.push({
          file,
          line: lineAtOffset(node.range?.[0]),
          found: `${anchor ? 'l’ancre' : 'l’alias'} YAML ${anchor ? '&' : '*'}${name.length > 30 ? `${name.slice(0, 29)}…` : name}`,
          expected: 'chaque valeur écrite là où elle sert, sans ancre (&nom) ni alias (*nom)',
          hint: 'recopiez la valeur à la place de l’alias, et retirez l’ancre',
        });
        return;
      }
      if (!node.tag) return;
      const shown = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      problems.push({
        file,
        line: lineAtOffset(node.range?.[0]),
        found: `l’étiquette YAML ${shown}`,
        expected: 'une valeur simple (texte, nombre, date, liste ou bloc) sans étiquette',
        hint: 'retirez l’étiquette, ou mettez la valeur entre guillemets',
      });
    },
  });
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') continue; // reported with its node above
    problems.push({
      file,
      line: lineAtOffset(warning.pos[0]),
      found: `${where} contient du YAML douteux à cette ligne`,
      expected: 'des lignes « champ: valeur », des listes entre [ ] ou en lignes commençant par « - »',
      hint: 'mettez la valeur entre guillemets',
    });
  }
  if (problems.length > before) return undefined;
  const lineOf: LineOf = (p) => {
    let node = doc.getIn(p as unknown[], true) as { range?: [number, number, number] } | undefined;
    // A missing field has no node: point at its parent, or at the document.
    for (let i = p.length - 1; !(isNode(node) && node.range) && i >= 0; i--) {
      node = doc.getIn(p.slice(0, i) as unknown[], true) as typeof node;
    }
    const offset = (isNode(node) ? node.range?.[0] : undefined) ?? doc.contents?.range?.[0];
    return offset === undefined ? undefined : lineAtOffset(offset);
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 0 }) as unknown;
  } catch {
    // Aliases are refused above; whatever else the parser gives up on is still the writer's file.
    problems.push({ file, line: 1 + lineOffset, found: `${where} ne peut pas être lu comme des données`, expected: 'des lignes « champ: valeur », des listes entre [ ] ou en lignes commençant par « - »' });
    return undefined;
  }
  return { value: value ?? {}, lineOf, isMapping: isMap(doc.contents) || doc.contents === null };
}

/** Lists the keys a zod object schema knows at a path (for "unknown field" messages). */
function knownKeysOf(schema: z.ZodType, p: readonly PropertyKey[]): string[] {
  let cur: unknown = schema;
  for (const key of [...p, null]) {
    // Unwrap effects/optional/default/pipe wrappers to reach the object.
    for (let guard = 0; guard < 10; guard++) {
      const def = (cur as { def?: { innerType?: unknown; in?: unknown; schema?: unknown } }).def;
      const inner = def?.innerType ?? def?.in ?? def?.schema;
      if (!inner || (cur as { shape?: unknown }).shape) break;
      cur = inner;
    }
    if (key === null) break;
    const shape = (cur as { shape?: Record<string, unknown> }).shape;
    const element = (cur as { def?: { element?: unknown } }).def?.element;
    cur = typeof key === 'number' ? element : shape?.[key as string];
    if (!cur) return [];
  }
  return Object.keys((cur as { shape?: Record<string, unknown> }).shape ?? {});
}

/** A valid file's data, its YAML as parsed (before the schema), and the line of each field. */
export interface Validated<T> {
  data: T;
  raw: unknown;
  lineOf: LineOf;
}

export function validate<S extends z.ZodType>(
  schema: S,
  file: string,
  text: string,
  lineOffset: number,
  problems: ContentProblem[],
  document?: YamlDocument,
): Validated<z.infer<S>> | undefined {
  const parsed = parseYaml(text, file, lineOffset, problems, document);
  if (!parsed) return undefined;
  if (!parsed.isMapping) {
    // Said by its kind, never quoted: a file that is one long value may be
    // anything (a key, a password) that a message must not print.
    problems.push({ file, line: 1 + lineOffset, found: `${lineOffset > 0 ? 'l’en-tête' : 'le fichier'} contient ${kindOfValue(parsed.value)} au lieu de champs`, expected: 'des lignes « champ: valeur »' });
    return undefined;
  }
  const result = schema.safeParse(parsed.value);
  if (result.success) return { data: result.data, raw: parsed.value, lineOf: parsed.lineOf };
  problems.push(...problemsFromZod(file, parsed.value, result.error, parsed.lineOf, (p) => knownKeysOf(schema, p)));
  return undefined;
}

