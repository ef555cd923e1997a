/**
 * Sätteri's MDX syntax errors, told as what the writer typed wrong.
 *
 * The parser speaks of JSX, oxc and identifiers; a writer typed a brace, a
 * `<`, a tag they did not close. Each class of message the parser gives (its
 * texts were read off `mdxToHast` over these very mistakes) maps to a French
 * sentence; anything else gets a general one, so the parser's own words never
 * reach writers.
 */
import type { ContentProblem } from '../lib/errors.ts';
import { components } from '../render/components.ts';

/** A syntax problem, without its file: the caller adds it. */
export type MdxSyntaxProblem = Omit<ContentProblem, 'file'>;

const FALLBACK: Omit<MdxSyntaxProblem, 'line'> = {
  found: 'la syntaxe MDX est invalide à cet endroit',
  expected: 'du texte et du Markdown, des balises fermées comme <Quote>…</Quote> ou <Figure … />, des attributs écrits nom="valeur"',
  hint: 'écrivez \\{ pour une accolade littérale et &lt; pour un signe < littéral',
};

/** The tag `<Name>` quoted by the parser in backticks, e.g. "`<Quote>`" → "<Quote>". */
const quoted = (message: string, pattern: RegExp): string | undefined => pattern.exec(message)?.[1];

/**
 * What a `<` at `line`:`column` starts, when the parser refused it: a tag
 * written wrong (unquoted attribute, unclosed quotes, no `>`), or a `<` that
 * starts nothing. The parser says the same thing for all of these, so the
 * source text around it tells them apart.
 */
function describeLessThan(source: string, line: number, column: number): Omit<MdxSyntaxProblem, 'line'> {
  const text = (source.split('\n')[line - 1] ?? '').slice(column - 1);
  const tag = /^<\/?([A-Za-z][\w.:-]*)/.exec(text);
  if (!tag) {
    return {
      found: 'un signe < qui n’ouvre aucune balise',
      expected: 'une balise comme <Quote> ou <Figure … />, ou un signe < littéral',
      hint: 'écrivez &lt; pour un signe < littéral',
    };
  }
  const name = tag[1]!;
  // The tag as far as its `>`, or to the end of the line.
  const written = /^[^>]*>?/.exec(text)![0];
  const unquoted = /\s([A-Za-z_:][\w:.-]*)=([^\s"'{>/][^\s>]*)/.exec(written);
  if (unquoted) {
    const value = unquoted[2]!.replace(/\/$/, '');
    return {
      found: `l’attribut ${unquoted[1]} de <${name}> n’a pas de guillemets`,
      expected: 'des attributs écrits nom="valeur"',
      hint: `écrivez ${unquoted[1]}="${value}"`,
    };
  }
  if ((written.match(/"/g)?.length ?? 0) % 2 === 1) {
    return {
      found: `des guillemets ouverts dans la balise <${name}> ne sont jamais fermés`,
      expected: 'des attributs écrits nom="valeur", chaque valeur entre deux guillemets',
      hint: 'ajoutez le guillemet fermant',
    };
  }
  if (!written.endsWith('>')) {
    return {
      found: `la balise <${name} n’est pas fermée par >`,
      expected: `une balise complète, comme <${name} …> ou <${name} … />`,
      hint: 'ajoutez le > qui la ferme, ou écrivez &lt; pour un signe < littéral',
    };
  }
  return {
    found: `la balise <${name}> est mal écrite`,
    expected: 'des attributs écrits nom="valeur", séparés par des espaces',
    hint: 'écrivez &lt; pour un signe < littéral',
  };
}

/**
 * The problem for an exception of `mdxToHast` on `source` (the whole file, so
 * that the parser's line is the file's). Messages look like
 * "5:15: Unexpected end of file in expression, … (mdx-jsx:unexpected-character)".
 */
export function describeMdxError(message: string, source: string): MdxSyntaxProblem {
  const m = /^(\d+):(\d+):\s*([\s\S]*)$/.exec(message);
  const line = m ? Number(m[1]) : undefined;
  const column = m ? Number(m[2]) : 1;
  const text = m ? m[3]! : message;
  const at = (p: Omit<MdxSyntaxProblem, 'line'>): MdxSyntaxProblem => ({ line, ...p });

  if (/closing brace for `\{`/.test(text)) {
    return at({
      found: 'une accolade { ouverte dans le texte n’est jamais fermée',
      expected: 'du texte, où les accolades sont des caractères comme les autres',
      hint: 'écrivez \\{ pour une accolade littérale',
    });
  }
  if (/^Could not parse expression/.test(text)) {
    return at({
      found: 'des accolades { } autour d’un texte',
      expected: 'du texte, où les accolades sont des caractères comme les autres',
      hint: 'écrivez \\{ et \\} pour des accolades littérales',
    });
  }
  if (/to create a comment in MDX/.test(text)) {
    return at({
      found: 'un commentaire HTML <!-- … -->',
      expected: 'du texte et du Markdown',
      hint: 'les commentaires HTML ne sont pas acceptés : supprimez-le',
    });
  }
  const unclosed = quoted(text, /^Expected a closing tag for `<([^>`]+)>`/);
  if (unclosed) {
    const inBlock = /before the end of `(paragraph|blockQuote|listItem)`/.test(text);
    // A component without content (<Figure>, <Video>, <ReadAlso>) closes itself.
    if (components[unclosed]?.children === false) {
      return at({
        found: `la balise <${unclosed}> n’est jamais fermée`,
        expected: `<${unclosed} … /> : cette balise n’a pas de contenu et se ferme elle-même`,
        hint: `terminez-la par /> au lieu de >`,
      });
    }
    return at({
      found: `la balise <${unclosed}> n’est jamais fermée`,
      expected: `une balise fermante </${unclosed}>${inBlock ? ' dans le même paragraphe' : ''}, ou <${unclosed} … /> sans contenu`,
      hint: `ajoutez </${unclosed}> à la fin de son contenu`,
    });
  }
  const closing = quoted(text, /^Unexpected closing tag `<\/([^>`]+)>`/);
  if (closing) {
    const open = /corresponding closing tag for `<([^>`]+)>` \((\d+):\d+\)/.exec(text);
    if (open) {
      return at({
        found: `la balise fermante </${closing}> ne correspond pas à la balise <${open[1]}> ouverte ligne ${open[2]}`,
        expected: `</${open[1]}> pour fermer <${open[1]}>`,
        hint: `fermez d’abord <${open[1]}> par </${open[1]}>, ou corrigez le nom de la balise`,
      });
    }
    return at({
      found: `la balise fermante </${closing}> ne ferme aucune balise ouverte`,
      expected: `une balise <${closing}> ouverte avant </${closing}>`,
      hint: 'supprimez-la, ou ajoutez la balise ouvrante avant',
    });
  }
  if (/^Unexpected character after `<`/.test(text) && line !== undefined) return at(describeLessThan(source, line, column));
  return at(FALLBACK);
}
