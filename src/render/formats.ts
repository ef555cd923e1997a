/**
 * A tech magazine's own formats, as components writers type in MDX:
 *
 * - `<Verdict produit="…" note="8/10" prix="…" version="…">` with `<Pour>` and
 *   `<Contre>` lists: the box that closes a product test;
 * - `<Publication reseau="mastodon" auteur="@…" date="…" url="…">texte</Publication>`:
 *   a post of a social network quoted as a static card, written by the
 *   journalist (nothing is fetched from the network, at build or read time);
 * - `<Encadre type="retenir|methode|contexte" titre="…">…</Encadre>`: an aside.
 *
 * Each is a {@link Component} (src/render/components.ts registers them). Their
 * own rules (a note written "8/10", a URL of the named network, `<Pour>` only
 * inside a `<Verdict>`…) are {@link findFormatProblems}, which the content
 * phase runs on the parsed tree; {@link verdictOf} reads a rendered body's
 * verdict for the article's structured data.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { fr } from '../i18n/fr.ts';
import { formatDate, formatDateTime, parseParisDateTime, toIsoString } from '../lib/dates.ts';
import type { ContentProblem } from '../lib/errors.ts';
import { dateTimeField } from '../schemas/common.ts';
import type { Component, Props } from './components.ts';

/** A problem of one article, without its file (the content phase adds it). */
type FormatProblem = Omit<ContentProblem, 'file'>;

// --- Verdict -----------------------------------------------------------------

/** A score as written in `note="8/10"` or `note="4,5/5"`. */
export interface Note {
  value: number;
  best: number;
}

const NOTE = /^\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*\/\s*(\d{1,3})\s*$/;

/**
 * The score a writer typed (`8/10`, `8,5/10`, `4.5/5`), or undefined when it
 * is not a score out of a whole number, with a value between 0 and that number.
 */
export function parseNote(text: string): Note | undefined {
  const m = NOTE.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]!.replace(',', '.'));
  const best = Number(m[2]);
  return best > 0 && value <= best ? { value, best } : undefined;
}

/** A score's value as the page shows it: `8`, `8,5` (French decimal comma). */
const valueText = (value: number) => String(value).replace('.', ',');
/** A score as the page shows it: `8/10`, `8,5/10`. */
const noteText = ({ value, best }: Note) => `${valueText(value)}/${best}`;

/** What a `<Verdict>` says, for the article's structured data (src/lib/structured-data.ts reviewLd). */
export interface VerdictSummary {
  /** What was tested, as typeset. */
  product: string;
  note?: Note;
  /** The points of `<Pour>` and `<Contre>`, as plain typeset text, in written order. */
  pros: string[];
  cons: string[];
}

const heading = (className: string, text: string) => h('p', { className: [className] }, text);

/** One fact under the verdict (« Prix : 599 € »), or nothing when the writer left it out. */
function fact(label: string, value: string | undefined): Element[] {
  if (!value) return [];
  return [h('p', { className: ['verdict__fact'] }, [h('span', { className: ['verdict__fact-label'] }, `${label}\u00A0:`), ` ${value}`])];
}

/** `<Verdict produit="Fairphone 6" note="8/10" prix="599 €" version="Android 15">` holding `<Pour>`, `<Contre>` and a conclusion. */
const Verdict: Component = {
  attributes: { produit: 'text', note: 'text', prix: 'text', version: 'text' },
  children: true,
  page({ produit = '', note, prix, version }, children, { typeset }) {
    const score = note ? parseNote(note) : undefined;
    const product = typeset(produit);
    return [
      h('section', { className: ['verdict'], ariaLabel: `${fr.verdict.label}\u00A0: ${product}` }, [
        h('div', { className: ['verdict__head'] }, [
          h('p', { className: ['verdict__label'] }, fr.verdict.label),
          h('p', { className: ['verdict__product'] }, product),
          ...(score
            ? [
                h('p', { className: ['verdict__note'] }, [
                  h('span', { className: ['visually-hidden'] }, `${fr.verdict.note}\u00A0: ${fr.verdict.noteSpoken(valueText(score.value), score.best)}`),
                  h('span', { className: ['verdict__score'], ariaHidden: 'true' }, valueText(score.value)),
                  h('span', { className: ['verdict__scale'], ariaHidden: 'true' }, `/${score.best}`),
                ]),
              ]
            : []),
        ]),
        h('div', { className: ['verdict__body'] }, children),
        ...(prix || version ? [h('div', { className: ['verdict__facts'] }, [...fact(fr.verdict.price, prix && typeset(prix)), ...fact(fr.verdict.version, version && typeset(version))])] : []),
      ]),
    ];
  },
  feed({ produit = '', note, prix, version }, children, { typeset }) {
    const score = note ? parseNote(note) : undefined;
    const facts = [prix && `${fr.verdict.price}\u00A0: ${typeset(prix)}`, version && `${fr.verdict.version}\u00A0: ${typeset(version)}`].filter(Boolean).join(' · ');
    return [
      h('section', [
        h('p', [h('strong', `${fr.verdict.label}\u00A0: ${typeset(produit)}${score ? ` — ${noteText(score)}` : ''}`)]),
        ...children,
        ...(facts ? [h('p', facts)] : []),
      ]),
    ];
  },
};

/** `<Pour>` or `<Contre>`: a list of points of a verdict, under its heading. */
function points(className: string, label: string): Component {
  return {
    attributes: {},
    children: true,
    page(_props, children) {
      return [h('div', { className: [className] }, [heading('verdict__heading', label), ...children])];
    },
    feed(_props, children) {
      return [h('p', [h('strong', label)]), ...children];
    },
  };
}

const Pour = points('verdict__pros', fr.verdict.pros);
const Contre = points('verdict__cons', fr.verdict.cons);

// --- Publication ---------------------------------------------------------------

/** The networks a `<Publication>` may quote, with the shape of a post's address on each. */
const NETWORKS = {
  // Any instance: https://piaille.fr/@alice/113520123456789012 (or @alice@autre.instance on a remote view).
  mastodon: { post: /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\/@[A-Za-z0-9_.]+(?:@[a-z0-9.-]+\.[a-z]{2,})?\/\d+\/?$/i, example: 'https://piaille.fr/@alice/113520123456789012' },
  bluesky: { post: /^https:\/\/bsky\.app\/profile\/[A-Za-z0-9.:_-]+\/post\/[a-z0-9]+\/?$/i, example: 'https://bsky.app/profile/alice.bsky.social/post/3lbq7xkz2s22c' },
  x: { post: /^https:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com\/[A-Za-z0-9_]{1,15}\/status\/\d+\/?$/i, example: 'https://x.com/alice/status/1861234567890123456' },
} as const;

type Network = keyof typeof NETWORKS;
const isNetwork = (value: string | undefined): value is Network => value !== undefined && Object.hasOwn(NETWORKS, value);

/**
 * The date of a post as written: a day (`2026-11-20`), a day and a Paris
 * time (`2026-11-20T14:05`) or a full date with its offset; with whether a
 * time was given. Undefined when it is not a date that exists.
 */
export function parsePostDate(text: string): { date: Date; withTime: boolean } | undefined {
  const trimmed = text.trim();
  // The front matter's rule for a full date (publishedAt): offset required, the day must exist.
  const full = dateTimeField.safeParse(trimmed);
  if (full.success) return { date: full.data, withTime: true };
  const date = parseParisDateTime(trimmed);
  return date ? { date, withTime: trimmed.length > 10 } : undefined;
}

/** `<Publication reseau="mastodon" auteur="@alice@piaille.fr" date="2026-11-20" url="https://…">texte</Publication>`. */
const Publication: Component = {
  attributes: { reseau: 'text', auteur: 'text', date: 'text', url: 'link' },
  children: true,
  page({ reseau, auteur = '', date = '', url = '' }, children, { typeset }) {
    const network = isNetwork(reseau) ? fr.publication.networks[reseau] : '';
    const when = parsePostDate(date);
    const shown = when ? (when.withTime ? formatDateTime(when.date) : formatDate(when.date)) : date;
    return [
      h('figure', { className: ['social-post'] }, [
        h('p', { className: ['social-post__head'] }, [h('span', { className: ['social-post__author'] }, typeset(auteur)), ' ', h('span', { className: ['social-post__network'] }, fr.publication.on(network))]),
        h('blockquote', { cite: url }, children),
        h('figcaption', [
          h('a', { href: url, rel: ['noopener', 'nofollow'], ariaLabel: fr.publication.linkLabel(network, shown) }, [
            when ? h('time', { dateTime: when.withTime ? toIsoString(when.date) : date.trim() }, shown) : shown,
          ]),
        ]),
      ]),
    ];
  },
  feed({ reseau, auteur = '', date = '', url = '' }, children, { typeset }) {
    const network = isNetwork(reseau) ? fr.publication.networks[reseau] : '';
    const when = parsePostDate(date);
    const shown = when ? (when.withTime ? formatDateTime(when.date) : formatDate(when.date)) : date;
    return [
      h('figure', [
        h('blockquote', { cite: url }, children),
        h('figcaption', [`— ${typeset(auteur)} ${fr.publication.on(network)}, `, h('a', { href: url }, shown)]),
      ]),
    ];
  },
};

// --- Encadré -------------------------------------------------------------------

const BOX_TYPES = ['retenir', 'methode', 'contexte'] as const;
type BoxType = (typeof BOX_TYPES)[number];
const isBoxType = (value: string | undefined): value is BoxType => (BOX_TYPES as readonly (string | undefined)[]).includes(value);

/** `<Encadre type="methode" titre="…">Markdown…</Encadre>`: an aside with its label and an optional title. */
const Encadre: Component = {
  attributes: { type: 'text', titre: 'text' },
  children: true,
  page({ type, titre }, children, { typeset }) {
    const label = isBoxType(type) ? fr.encadre[type] : '';
    const title = titre ? typeset(titre) : undefined;
    return [
      h('aside', { className: ['encadre', `encadre--${isBoxType(type) ? type : 'retenir'}`], ariaLabel: title ? `${label}\u00A0: ${title}` : label }, [
        h('p', { className: ['encadre__label'] }, label),
        ...(title ? [h('p', { className: ['encadre__title'] }, title)] : []),
        ...children,
      ]),
    ];
  },
  feed({ type, titre }, children, { typeset }) {
    const label = isBoxType(type) ? fr.encadre[type] : '';
    return [h('aside', [h('p', [h('strong', titre ? `${label} — ${typeset(titre)}` : label)]), ...children])];
  },
};

/** The formats, by the name writers type (registered in src/render/components.ts). */
export const formatComponents: Record<string, Component> = { Verdict, Pour, Contre, Publication, Encadre };

// --- The formats' own rules, for the content phase -----------------------------

/** A node of the parsed tree, read defensively (its shape comes from the writer's text). */
interface AnyNode {
  type?: unknown;
  tagName?: unknown;
  name?: unknown;
  value?: unknown;
  attributes?: unknown;
  children?: unknown;
  position?: { start?: { line?: unknown } };
}

const isJsx = (n: AnyNode) => n.type === 'mdxJsxFlowElement' || n.type === 'mdxJsxTextElement';
const childrenOf = (n: AnyNode): AnyNode[] => (Array.isArray(n.children) ? (n.children as AnyNode[]) : []);
const lineOf = (n: AnyNode) => (typeof n.position?.start?.line === 'number' ? n.position.start.line : undefined);

/** The literal attributes of a JSX node (an attribute without value reads as ''). */
function attributesOf(n: AnyNode): Props {
  const props: Props = {};
  for (const a of Array.isArray(n.attributes) ? (n.attributes as { type?: unknown; name?: unknown; value?: unknown }[]) : []) {
    if (a?.type === 'mdxJsxAttribute' && typeof a.name === 'string') props[a.name] = typeof a.value === 'string' ? a.value : a.value === null ? '' : undefined;
  }
  return props;
}

/** The list items of a `<Pour>` or `<Contre>`, or undefined when it holds anything but one list. */
function listItems(n: AnyNode): AnyNode[] | undefined {
  const blocks = childrenOf(n).filter((c) => !(c.type === 'text' && typeof c.value === 'string' && c.value.trim() === ''));
  const list = blocks[0];
  if (blocks.length !== 1 || list?.type !== 'element' || (list.tagName !== 'ul' && list.tagName !== 'ol')) return undefined;
  return childrenOf(list).filter((c) => c.type === 'element' && c.tagName === 'li');
}

function textOf(n: AnyNode): string {
  if (n.type === 'text') return typeof n.value === 'string' ? n.value : '';
  return childrenOf(n).map(textOf).join('');
}

// Plain white space only: the typeset text keeps its no-break spaces (`\s` would match them).
const plain = (n: AnyNode) => textOf(n).replace(/[ \t\r\n]+/g, ' ').trim();

function checkVerdict(props: Props, line: number | undefined, verdict: AnyNode, report: (p: FormatProblem) => void): void {
  if (!props.produit?.trim()) {
    report({
      field: '<Verdict produit>',
      line,
      found: '<Verdict> sans attribut produit',
      expected: 'produit="…", le nom de ce qui est testé, par exemple produit="Fairphone 6"',
      hint: 'les moteurs de recherche ne montrent un verdict que s’il nomme ce qu’il juge',
    });
  }
  if (props.note !== undefined && !parseNote(props.note)) {
    const spelled = /^\s*(\d+(?:[.,]\d+)?)\s*(?:sur|out of)\s*(\d+)\s*$/i.exec(props.note);
    report({
      field: '<Verdict note>',
      line,
      found: `la note ${JSON.stringify(props.note)}, qui n’est pas une note sur un nombre entier`,
      expected: 'une note, une barre oblique et le maximum, sans espace : note="8/10", note="8,5/10" ou note="4/5" (la note ne dépasse pas le maximum)',
      hint: spelled ? `écrivez note="${spelled[1]}/${spelled[2]}"` : undefined,
    });
  }
  let points = 0;
  for (const child of childrenOf(verdict)) {
    if (!isJsx(child) || (child.name !== 'Pour' && child.name !== 'Contre')) continue;
    const items = listItems(child);
    if (!items) {
      report({
        field: `<${child.name}>`,
        line: lineOf(child),
        found: `<${child.name}> ne contient pas une liste`,
        expected: `une liste de points, chacun sur une ligne commençant par « - », entre <${child.name}> et </${child.name}>`,
        hint: `écrivez <${child.name}>, puis à la ligne « - premier point », « - deuxième point », puis </${child.name}>`,
      });
    } else points += items.length;
  }
  // Google shows pros and cons from two statements on.
  if (points < 2) {
    report({
      field: '<Verdict>',
      line,
      found: points === 0 ? 'un verdict sans <Pour> ni <Contre>' : 'un verdict d’un seul point',
      expected: 'au moins deux points en tout, dans <Pour> (les points forts) et <Contre> (les points faibles)',
      hint: 'ajoutez <Pour> puis « - un point fort » et </Pour>, ou <Contre> puis « - un point faible » et </Contre>',
    });
  }
}

function checkPublication(props: Props, line: number | undefined, report: (p: FormatProblem) => void): void {
  const names = Object.keys(NETWORKS).join(', ');
  if (!isNetwork(props.reseau)) {
    report({
      field: '<Publication reseau>',
      line,
      found: props.reseau === undefined ? '<Publication> sans attribut reseau' : `le réseau ${JSON.stringify(props.reseau)}, que le site ne sait pas citer`,
      expected: `reseau="…", l’un de : ${names}`,
      hint: props.reseau && /twitter/i.test(props.reseau) ? 'écrivez reseau="x"' : undefined,
    });
  } else if (!props.url || !NETWORKS[props.reseau].post.test(props.url.trim())) {
    report({
      field: '<Publication url>',
      line,
      found: props.url ? `l’adresse ${JSON.stringify(props.url)}, qui n’est pas celle d’une publication ${fr.publication.networks[props.reseau]}` : '<Publication> sans attribut url',
      expected: `url="…", l’adresse de la publication elle-même, par exemple url="${NETWORKS[props.reseau].example}"`,
      hint: 'ouvrez la publication, puis copiez l’adresse affichée par le navigateur ; ou corrigez reseau',
    });
  }
  if (!props.auteur?.trim().startsWith('@') || props.auteur.trim().length < 2) {
    report({
      field: '<Publication auteur>',
      line,
      found: props.auteur === undefined ? '<Publication> sans attribut auteur' : `l’auteur ${JSON.stringify(props.auteur)}, qui n’est pas un compte`,
      expected: 'auteur="@…", le compte tel que le réseau l’affiche, par exemple auteur="@alice@piaille.fr" ou auteur="@alice.bsky.social"',
    });
  }
  if (props.date === undefined || !parsePostDate(props.date)) {
    const french = props.date ? /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(props.date) : null;
    report({
      field: '<Publication date>',
      line,
      found: props.date === undefined ? '<Publication> sans attribut date' : `la date ${JSON.stringify(props.date)}, qui n’est pas une date qui existe`,
      expected: 'date="AAAA-MM-JJ", le jour de la publication, par exemple date="2026-11-20", ou avec l’heure de Paris : date="2026-11-20T14:05"',
      hint: french ? `écrivez date="${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}"` : undefined,
    });
  }
}

function checkEncadre(props: Props, line: number | undefined, report: (p: FormatProblem) => void): void {
  if (!isBoxType(props.type)) {
    report({
      field: '<Encadre type>',
      line,
      found: props.type === undefined ? '<Encadre> sans attribut type' : `le type ${JSON.stringify(props.type)}, que le site ne connaît pas`,
      expected: `type="…", l’un de : ${BOX_TYPES.map((t) => `${t} (« ${fr.encadre[t]} »)`).join(', ')}`,
    });
  }
}

/**
 * The formats' own rules over an article's parsed tree, with their lines: a
 * `<Verdict>` names its product, writes its note "8/10", holds its points as
 * lists, and is alone in its article; `<Pour>` and `<Contre>` sit directly
 * in it; a `<Publication>` quotes a post's address on the named network, a
 * date and an account; an `<Encadre>` has a known type. Only reads the tree.
 */
export function findFormatProblems(tree: unknown): FormatProblem[] {
  const problems: FormatProblem[] = [];
  const report = (p: FormatProblem) => problems.push(p);
  let firstVerdict: number | undefined | null = null;
  const visit = (node: AnyNode, parent: AnyNode | undefined): void => {
    if (isJsx(node)) {
      const line = lineOf(node);
      const props = attributesOf(node);
      if (node.name === 'Verdict') {
        if (firstVerdict !== null) {
          report({
            field: '<Verdict>',
            line,
            found: `un deuxième verdict dans l’article${firstVerdict === undefined ? '' : ` (le premier est ligne ${firstVerdict})`}`,
            expected: 'un seul <Verdict> par article : il juge le produit testé',
            hint: 'réunissez les deux verdicts, ou faites un article par produit',
          });
        } else firstVerdict = line;
        checkVerdict(props, line, node, report);
      }
      if ((node.name === 'Pour' || node.name === 'Contre') && !(parent && isJsx(parent) && parent.name === 'Verdict')) {
        report({
          field: `<${node.name}>`,
          line,
          found: `<${node.name}> en dehors d’un <Verdict>`,
          expected: `<${node.name}> directement entre <Verdict …> et </Verdict>`,
          hint: `placez-le dans le verdict de l’article ; pour une liste ordinaire, écrivez des lignes commençant par « - » sans <${node.name}>`,
        });
      }
      if (node.name === 'Publication') checkPublication(props, line, report);
      if (node.name === 'Encadre') checkEncadre(props, line, report);
    }
    for (const child of childrenOf(node)) if (child && typeof child === 'object') visit(child, node);
  };
  if (tree && typeof tree === 'object') visit(tree as AnyNode, undefined);
  return problems;
}

/**
 * The verdict of a body, read from its tree once typeset (src/render/article.ts
 * renderBody): the product, the note and the points as plain text. Undefined
 * without a `<Verdict>` (the content phase allows one per article).
 */
export function verdictOf(tree: unknown, typeset: (text: string) => string): VerdictSummary | undefined {
  const stack: AnyNode[] = [tree as AnyNode];
  while (stack.length) {
    const node = stack.pop()!;
    if (isJsx(node) && node.name === 'Verdict') {
      const props = attributesOf(node);
      const summary: VerdictSummary = { product: typeset(props.produit ?? ''), pros: [], cons: [] };
      const note = props.note ? parseNote(props.note) : undefined;
      if (note) summary.note = note;
      for (const child of childrenOf(node)) {
        if (!isJsx(child) || (child.name !== 'Pour' && child.name !== 'Contre')) continue;
        (child.name === 'Pour' ? summary.pros : summary.cons).push(...(listItems(child) ?? []).map(plain).filter(Boolean));
      }
      return summary;
    }
    stack.push(...childrenOf(node));
  }
  return undefined;
}
