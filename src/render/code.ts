/**
 * Fenced code blocks of an article: a title above the code, highlighted
 * lines and `diff` blocks (lines added and removed), read from the fence
 * (src/lib/code-fence.ts).
 *
 * The page gets a `.code-block` around each `<pre>`, where the copy
 * button's script (src/scripts/copy-code.js) puts its button: without
 * JavaScript there is no button. The `<pre>` carries the lines to
 * highlight as `data-marked` through the sanitiser, and the highlighter
 * (highlightCode in article.ts) turns them into classes: the site's CSP
 * forbids inline styles, so everything a block shows is by class. Feeds get
 * the title as a caption line above a plain `<pre><code>`.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { diffLineKind, parseFenceMeta } from '../lib/code-fence.ts';
import type { UseProblem } from './components.ts';

/** The `<code>` of a fenced block, as parsed (Sätteri keeps the fence's language and metadata in `data`). */
interface ParsedCode {
  data?: object | undefined;
  children?: unknown;
}

function textOf(node: unknown): string {
  const n = node as { type?: string; value?: unknown; children?: unknown[] };
  if (n.type === 'text') return typeof n.value === 'string' ? n.value : '';
  return (n.children ?? []).map(textOf).join('');
}

/** The lines of a block's code (the newline closing its last line is not one more). */
export function codeLines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}

/** The fence's metadata of a parsed `<code>`, read against its own lines. */
function fenceOf(code: ParsedCode) {
  const raw = (code.data as { meta?: unknown } | undefined)?.meta;
  const meta = typeof raw === 'string' ? raw : undefined;
  return parseFenceMeta(meta, codeLines(textOf(code)).length);
}

/**
 * The content phase's problems with a fenced block's metadata (the `<code>`
 * element of a fence), at the fence's line.
 */
export function codeFenceProblems(code: ParsedCode, line: number | undefined): UseProblem[] {
  return fenceOf(code).problems.map((p) => ({ field: '```', line, ...p }));
}

/** The `<code>` child of a parsed `<pre>`, if it is a fenced block. */
export function fencedCode(pre: Element): Element | undefined {
  return pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
}

/**
 * A fenced block as the page or the feed shows it. `pre` is the block as
 * converted (its text only), `code` the `<code>` as parsed (with its fence).
 */
export function codeBlock(pre: Element, code: ParsedCode, variant: 'page' | 'feed', typeset: (text: string) => string): Element {
  const { meta } = fenceOf(code);
  const title = meta.title === undefined ? undefined : typeset(meta.title);
  if (variant === 'feed') return title === undefined ? pre : h('figure', [h('figcaption', title), pre]);
  const marked = { ...pre, properties: { ...pre.properties, dataMarked: meta.marked.length ? meta.marked.join(',') : undefined } };
  return title === undefined
    ? h('div', { className: ['code-block'] }, [marked])
    : h('figure', { className: ['code-block'] }, [h('figcaption', { className: ['code-block__title'] }, title), marked]);
}

/** A node's pieces on each line of its text: an element spanning lines is cut into one copy per line. */
function piecesByLine(node: ElementContent): ElementContent[][] {
  if (node.type === 'text') return node.value.split('\n').map((value) => (value ? [{ type: 'text', value }] : []));
  if (node.type !== 'element') return [[node]];
  return childrenByLine(node.children).map((children) => (children.length ? [{ ...node, children }] : []));
}

function childrenByLine(children: readonly ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]];
  for (const child of children) {
    const [first = [], ...more] = piecesByLine(child);
    lines[lines.length - 1]!.push(...first);
    lines.push(...more);
  }
  return lines;
}

/**
 * The highlighted code (Prism's tokens) cut into one `.code-line` per
 * line, marked (`--marked`) for the lines of `marked`, and, in a `diff`
 * block, `--added` or `--removed` by the line's first character. The text
 * is unchanged, newlines included: what a reader copies is the code.
 * Returns the children as they are when there is nothing to mark.
 */
export function markLines(highlighted: ElementContent[], marked: ReadonlySet<number>, diff: boolean): ElementContent[] {
  if (marked.size === 0 && !diff) return highlighted;
  const lines = childrenByLine(highlighted);
  if (lines.length > 1 && lines[lines.length - 1]!.length === 0) lines.pop();
  return lines.map((pieces, i) => {
    const text = pieces.map(textOf).join('');
    const kind = diff ? diffLineKind(text) : undefined;
    const className = ['code-line', ...(marked.has(i + 1) ? ['code-line--marked'] : []), ...(kind ? [`code-line--${kind}`] : [])];
    return h('span', { className }, [...pieces, ...(i < lines.length - 1 ? [{ type: 'text' as const, value: '\n' }] : [])]);
  });
}

/** The lines a sanitised `<pre>` asks to highlight (its `data-marked`). */
export function markedLinesOf(pre: Element): Set<number> {
  const value = pre.properties.dataMarked;
  return new Set(typeof value === 'string' ? value.split(',').map(Number) : []);
}
