/**
 * The share image of an article without a cover (src/content/share-images.ts
 * renders it): its layout as pure functions of the text and of a typesetter
 * that measures and draws it, so that the wrapping is tested without fonts
 * and the card drawn with the project's fonts.
 *
 * The card, in the magazine's look (src/styles/global.css, light scheme): the
 * paper background, an accent bar on top, the rubrique in Public Sans capitals
 * in the accent colour, the title in Newsreader bold, and under a light rule
 * the logo and the site's name. Every text is drawn as glyph outlines
 * (paths), so no font has to be installed where the build runs: each glyph's
 * outline once in the SVG's defs, in font units, and every occurrence a
 * `<use>` of it, moved and scaled (a card's SVG is a third of the size of
 * one with every glyph's path written out, and made in a seventh of the
 * time: the outlines are written once per build, not once per glyph drawn).
 */

import { SOCIAL_FORMATS } from './images.ts';

/** The two faces of the card: Newsreader (title) and Public Sans (rubrique, site name). */
export type CardFace = 'serif' | 'sans';

/**
 * A glyph of a text, placed: its outline ({@link Typesetter.outline}), where
 * its origin goes and its scale, and the rows its ink spans (from `top` down
 * to `bottom`, in px).
 */
export interface PlacedGlyph {
  id: string;
  x: number;
  y: number;
  scale: number;
  top: number;
  bottom: number;
}

/** Measures and draws a text in one face: what the card needs of a font engine. */
export interface Typesetter {
  /** Advance width of `text` at `size` px. */
  measure(text: string, face: CardFace, size: number): number;
  /** The glyphs of `text` at `size` px, its baseline starting at (x, y); glyphs with no outline (spaces) left out. */
  glyphs(text: string, face: CardFace, size: number, x: number, y: number): PlacedGlyph[];
  /** SVG path data of a glyph's outline at scale 1, y downwards; `id` is a valid XML id. */
  outline(id: string): string;
  /** Height above the baseline and depth below it of the face's lines, in em. */
  ascent(face: CardFace): number;
  descent(face: CardFace): number;
}

/** A title set in a box: the size chosen, its lines, and whether the text was cut. */
export interface TextLayout {
  fontSize: number;
  lines: string[];
  /** True when the text did not fit even at the smallest size and ends with « … ». */
  truncated: boolean;
}

export interface LayoutOptions {
  /** Largest and smallest font sizes tried, in px, in steps of `step` (2 by default). */
  maxSize: number;
  minSize: number;
  step?: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  /** At most this many lines, whatever the box's height. */
  maxLines?: number;
}

const ELLIPSIS = '…';

/** Graphemes of a text (a letter and its accents stay together when a word is cut). */
function graphemes(text: string): string[] {
  return [...new Intl.Segmenter('fr', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
}

/**
 * Lines of `text` at most `width` wide, filled greedily. Lines break at
 * spaces only: the no-break spaces of French typography (U+00A0 before « : »,
 * U+202F before « ; ! ? ») keep a mark with its word. A word wider than the
 * box is cut between graphemes (`split` counts such cuts).
 */
export function wrapText(text: string, width: number, measureLine: (line: string) => number): { lines: string[]; split: number } {
  const words = text.split(/[ \t\r\n]+/).filter(Boolean);
  const lines: string[] = [];
  let split = 0;
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (measureLine(candidate) <= width) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    if (measureLine(word) <= width) {
      current = word;
      continue;
    }
    // A word wider than the line (a long URL, a compound name): cut where it must.
    split++;
    for (const g of graphemes(word)) {
      if (current && measureLine(current + g) > width) {
        lines.push(current);
        current = '';
      }
      current += g;
    }
  }
  if (current) lines.push(current);
  return { lines, split };
}

/** `line` shortened, by graphemes, until it fits `width` with a « … » at its end. */
function withEllipsis(line: string, width: number, measureLine: (line: string) => number): string {
  const parts = graphemes(line.trimEnd());
  while (parts.length > 0 && measureLine(parts.join('').trimEnd() + ELLIPSIS) > width) parts.pop();
  return parts.join('').trimEnd() + ELLIPSIS;
}

/**
 * The largest font size at which `text` fits the box (`width` × `height`
 * px) with every word whole, trying sizes from `maxSize` down to `minSize`.
 * At the smallest size, words are cut if they must be; and if the lines are
 * still too many, the last one that fits ends with « … ». Every line is at
 * most `width` wide and the lines at most `height` tall: the text never
 * leaves its box.
 */
export function layoutText(text: string, box: { width: number; height: number }, measure: (text: string, size: number) => number, options: LayoutOptions): TextLayout {
  const step = options.step ?? 2;
  const clean = text.replace(/[ \t\r\n]+/g, ' ').trim();
  const linesAt = (size: number) => Math.max(1, Math.min(options.maxLines ?? Infinity, Math.floor(box.height / (size * options.lineHeight))));
  const fitsAt = (size: number) => {
    const { lines, split } = wrapText(clean, box.width, (line) => measure(line, size));
    return split === 0 && lines.length <= linesAt(size) ? lines : undefined;
  };
  // A text that fits at a size fits at every smaller one (a smaller size
  // only puts more on each line, and allows more lines): the sizes from
  // maxSize down are searched by halves, not one by one.
  const sizes: number[] = [];
  for (let size = options.maxSize; size > options.minSize; size -= step) sizes.push(size);
  let low = 0;
  let high = sizes.length;
  let best: { fontSize: number; lines: string[] } | undefined;
  while (low < high) {
    const mid = (low + high) >> 1;
    const lines = fitsAt(sizes[mid]!);
    if (lines) {
      best = { fontSize: sizes[mid]!, lines };
      high = mid;
    } else {
      low = mid + 1;
    }
  }
  if (best) return { ...best, truncated: false };
  const size = options.minSize;
  const measureLine = (line: string) => measure(line, size);
  const { lines } = wrapText(clean, box.width, measureLine);
  const room = linesAt(size);
  if (lines.length <= room) return { fontSize: size, lines, truncated: false };
  const kept = lines.slice(0, room);
  kept[room - 1] = withEllipsis(kept[room - 1]!, box.width, measureLine);
  return { fontSize: size, lines: kept, truncated: true };
}

/** What a card shows. */
export interface CardText {
  title: string;
  rubrique: string;
  siteName: string;
  /** Whether the site has a logo (placed by the caller at {@link CardDrawing.logo}). */
  hasLogo: boolean;
}

/**
 * A strip of a card, the whole width across: the rows `top` to `top +
 * height`, as an opaque SVG of its own (the paper and the texts that lie
 * there, moved up by `top` whole pixels: the same pixels as in the whole
 * card).
 */
export interface CardBand {
  top: number;
  height: number;
  svg: string;
}

/**
 * A card as an SVG of paths, and where the caller puts the logo. `layers`
 * is the same card cut for a renderer that draws what cards share once: the
 * `frame` (the paper, the bar, the rule and the footer, with the logo's
 * place left to the caller), the same for every card of a site and format,
 * and the `bands` of the rubrique and of the title, each laid over the
 * frame where it holds nothing but paper. Absent when a text's ink would
 * reach another's (never with the project's fonts and layout): the whole
 * `svg` is drawn then.
 */
export interface CardDrawing {
  svg: string;
  logo?: { left: number; top: number; size: number };
  title: TextLayout;
  layers?: { frame: string; bands: CardBand[] };
}

/** The magazine's colours (src/styles/global.css, light scheme: cards are shown on every kind of page). */
export const CARD_COLOURS = { bg: '#fffdf9', fg: '#17140f', muted: '#59544c', accent: '#a3122a', rule: '#d9d3c7' } as const;

/** Two decimals, no exponent: what an SVG coordinate may be. */
export const num = (v: number) => String(Math.round(v * 100) / 100);

/** Sizes of the card's parts, for a card 1200 px wide. */
const MARGIN = 72;
const BAR = 14;
const RUBRIQUE_SIZE = 30;
const FOOTER = 136;
/** The logo's square, in px. */
export const LOGO_SIZE = 64;
const SITE_SIZE = 30;
const TITLE_LINE_HEIGHT = 1.14;

/** The title's box in a card `width` × `height` (between the rubrique and the footer). */
export function titleBox(width: number, height: number): { left: number; top: number; width: number; height: number } {
  const top = BAR + MARGIN + RUBRIQUE_SIZE + 36;
  return { left: MARGIN, top, width: width - 2 * MARGIN, height: height - FOOTER - 28 - top };
}

/**
 * The box every card's title is set for: the title box of the smallest of
 * the formats (SOCIAL_FORMATS), which fits in every other's. A title set
 * alike in the four formats of a card is drawn once for them all
 * (src/content/share-render.ts renderCard): drawing the title's glyphs is
 * most of a card's cost (12–15 ms each time, against 4–5 ms to encode a
 * format); set for each format's own box, a long title took two or three
 * sizes, and as many drawings.
 */
const TITLE_SET_IN = titleBox(Math.min(...Object.values(SOCIAL_FORMATS).map((f) => f.width)), Math.min(...Object.values(SOCIAL_FORMATS).map((f) => f.height)));

/**
 * The card `width` × `height`: an SVG whose texts are paths drawn by `type`.
 * The title takes the largest size that fits the title box of every format
 * (88 px down to 40 px: TITLE_SET_IN), from the top of its own; the
 * rubrique and the site's name take one line each, cut with « … » if they
 * must be.
 */
export function drawCard(text: CardText, size: { width: number; height: number }, type: Typesetter): CardDrawing {
  const { width, height } = size;
  const box = titleBox(width, height);
  const title = layoutText(text.title, TITLE_SET_IN, (t, s) => type.measure(t, 'serif', s), { maxSize: 88, minSize: 40, lineHeight: TITLE_LINE_HEIGHT });
  const oneLine = (t: string, face: CardFace, px: number, room: number) =>
    layoutText(t, { width: room, height: px * 2 }, (x, s) => type.measure(x, face, s), { maxSize: px, minSize: px, lineHeight: 1.2, maxLines: 1 }).lines[0] ?? '';

  /** The glyphs as one group of `fill`, the outlines it uses and the rows their ink spans. */
  const paint = (glyphs: PlacedGlyph[], fill: string) => {
    if (glyphs.length === 0) return { svg: '', ids: [], top: Infinity, bottom: -Infinity };
    let uses = '';
    let top = Infinity;
    let bottom = -Infinity;
    for (const g of glyphs) {
      uses += `<use href="#${g.id}" transform="translate(${num(g.x)} ${num(g.y)}) scale(${+g.scale.toPrecision(6)})"/>`;
      top = Math.min(top, g.top);
      bottom = Math.max(bottom, g.bottom);
    }
    return { svg: `<g fill="${fill}">${uses}</g>`, ids: glyphs.map((g) => g.id), top, bottom };
  };
  // Rubrique, in capitals (French rules: « é » becomes « É »).
  const rubriqueLine = oneLine(text.rubrique.toLocaleUpperCase('fr'), 'sans', RUBRIQUE_SIZE, width - 2 * MARGIN);
  const rubrique = paint(type.glyphs(rubriqueLine, 'sans', RUBRIQUE_SIZE, MARGIN, BAR + MARGIN + RUBRIQUE_SIZE * type.ascent('sans')), CARD_COLOURS.accent);
  // Title: each line box is fontSize × lineHeight tall, the glyphs centred in it.
  const lineBox = title.fontSize * TITLE_LINE_HEIGHT;
  const glyphs = title.fontSize * (type.ascent('serif') + type.descent('serif'));
  const titleLines = title.lines.map((line, i) => {
    const baseline = box.top + i * lineBox + (lineBox - glyphs) / 2 + title.fontSize * type.ascent('serif');
    return paint(type.glyphs(line, 'serif', title.fontSize, box.left, baseline), CARD_COLOURS.fg);
  });
  // Footer: a light rule, the logo, the site's name beside it.
  const ruleY = height - FOOTER;
  const logoTop = ruleY + (FOOTER - LOGO_SIZE) / 2;
  const nameLeft = text.hasLogo ? MARGIN + LOGO_SIZE + 20 : MARGIN;
  const siteName = oneLine(text.siteName, 'sans', SITE_SIZE, width - MARGIN - nameLeft);
  const nameBaseline = logoTop + LOGO_SIZE / 2 + (SITE_SIZE * (type.ascent('sans') - type.descent('sans'))) / 2;
  const footer = paint(type.glyphs(siteName, 'sans', SITE_SIZE, nameLeft, nameBaseline), CARD_COLOURS.fg);

  const open = (w: number, h: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`;
  /** Each outline the texts draw, once. */
  const defs = (texts: { ids: string[] }[]) => `<defs>${[...new Set(texts.flatMap((t) => t.ids))].map((id) => `<path id="${id}" d="${type.outline(id)}"/>`).join('')}</defs>`;
  const paper = (w: number, h: number) => `<rect width="${w}" height="${h}" fill="${CARD_COLOURS.bg}"/>`;
  const frameParts =
    `<rect width="${width}" height="${BAR}" fill="${CARD_COLOURS.accent}"/>` +
    `<rect x="${MARGIN}" y="${ruleY}" width="${width - 2 * MARGIN}" height="2" fill="${CARD_COLOURS.rule}"/>`;
  const texts = [rubrique, ...titleLines];
  const svg = open(width, height) + defs([...texts, footer]) + paper(width, height) + frameParts + texts.map((t) => t.svg).join('') + footer.svg + '</svg>';

  // The bands: whole rows around each text's ink (a pixel more each side,
  // for the edges' anti-aliasing), between the bar and the rule.
  const bands: CardBand[] = [];
  for (const group of [[rubrique], titleLines]) {
    const inked = group.filter((t) => t.svg);
    if (inked.length === 0) continue;
    const top = Math.floor(Math.min(...inked.map((t) => t.top))) - 1;
    const bottom = Math.ceil(Math.max(...inked.map((t) => t.bottom))) + 1;
    bands.push({ top, height: bottom - top, svg: open(width, bottom - top) + defs(inked) + paper(width, bottom - top) + `<g transform="translate(0 ${-top})">${inked.map((t) => t.svg).join('')}</g></svg>` });
  }
  const apart = bands.every((b, i) => b.top >= BAR && b.top + b.height <= ruleY && (i === 0 || b.top >= bands[i - 1]!.top + bands[i - 1]!.height));
  const layers = apart ? { frame: open(width, height) + defs([footer]) + paper(width, height) + frameParts + footer.svg + '</svg>', bands } : undefined;
  return { svg, title, ...(text.hasLogo ? { logo: { left: MARGIN, top: logoTop, size: LOGO_SIZE } } : {}), ...(layers ? { layers } : {}) };
}
