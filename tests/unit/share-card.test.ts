/**
 * The share card's layout (src/lib/share-card.ts): titles wrap inside their
 * box and never leave it, with a stand-in measure (rules) and with the
 * project's fonts (the sample's longest title, a 200-character title).
 */
import { readFileSync, globSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cardLogo, cardTypesetter, renderCard } from '../../src/content/share-render.ts';
import { SOCIAL_FORMATS } from '../../src/lib/images.ts';
import { CARD_COLOURS, drawCard, layoutText, titleBox, wrapText } from '../../src/lib/share-card.ts';
import { newsArticleLd } from '../../src/lib/structured-data.ts';
import { frenchTypography } from '../../src/lib/typography.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Every character 0.5 em wide: widths are easy to count. */
const mono = (text: string, size: number) => [...text].length * size * 0.5;

describe('wrapText', () => {
  it('fills lines greedily and breaks at spaces only, never at the no-break spaces of French typography', () => {
    const { lines, split } = wrapText('Alerte\u00a0: panne géante\u202f? Oui', 8, (l) => [...l].length);
    expect(lines).toEqual(['Alerte\u00a0:', 'panne', 'géante\u202f?', 'Oui']);
    expect(split).toBe(0);
  });

  it('cuts a word wider than the line between graphemes, keeping accents with their letter', () => {
    const word = 'e\u0301'.repeat(12);
    const { lines, split } = wrapText(word, 5, (l) => [...new Intl.Segmenter('fr', { granularity: 'grapheme' }).segment(l)].length);
    expect(split).toBe(1);
    expect(lines.join('')).toBe(word);
    for (const line of lines) expect(line.startsWith('\u0301')).toBe(false);
  });
});

describe('layoutText', () => {
  const options = { maxSize: 80, minSize: 40, lineHeight: 1.25 };

  it('takes the largest size at which the whole text fits, every word whole', () => {
    // 20 characters at 80 px: 800 px wide; two lines of 100 px each fit a 1000 × 200 box.
    const layout = layoutText('Cinq ans après, tout', { width: 1000, height: 200 }, mono, options);
    expect(layout).toEqual({ fontSize: 80, lines: ['Cinq ans après, tout'], truncated: false });
    const longer = layoutText('Le portefeuille européen d’identité numérique arrive enfin', { width: 1000, height: 200 }, mono, options);
    expect(longer.fontSize).toBeLessThan(80);
    expect(longer.truncated).toBe(false);
    expect(longer.lines.join(' ')).toBe('Le portefeuille européen d’identité numérique arrive enfin');
    // One size up would not fit.
    const bigger = wrapText(longer.lines.join(' '), 1000, (l) => mono(l, longer.fontSize + 2));
    expect(bigger.lines.length * (longer.fontSize + 2) * 1.25 > 200 || bigger.split > 0).toBe(true);
  });

  it('cuts a text too long for the box at its last line, with « … », inside the box', () => {
    const text = 'mot '.repeat(200).trim();
    const box = { width: 600, height: 300 };
    const layout = layoutText(text, box, mono, options);
    expect(layout.truncated).toBe(true);
    expect(layout.fontSize).toBe(40);
    expect(layout.lines).toHaveLength(6);
    expect(layout.lines.at(-1)!.endsWith('…')).toBe(true);
    for (const line of layout.lines) expect(mono(line, 40)).toBeLessThanOrEqual(box.width);
    expect(layout.lines.length * 40 * 1.25).toBeLessThanOrEqual(box.height);
  });

  it('keeps to maxLines', () => {
    const layout = layoutText('une rubrique au nom bien trop long pour sa ligne', { width: 300, height: 1000 }, mono, { maxSize: 30, minSize: 30, lineHeight: 1.2, maxLines: 1 });
    expect(layout.lines).toHaveLength(1);
    expect(layout.lines[0]).toMatch(/…$/);
    expect(mono(layout.lines[0]!, 30)).toBeLessThanOrEqual(300);
  });
});

/** The sample's titles as pages show them (typeset). */
function sampleTitles(): string[] {
  return globSync('content/articles/**/*.{md,mdx}', { cwd: ROOT }).map((file) => {
    const front = readFileSync(path.join(ROOT, file), 'utf8').split(/^---$/m)[1]!;
    return frenchTypography(String(parseDocument(front).get('title')));
  });
}

const LONG_TITLE = frenchTypography(
  'Souveraineté numérique : pourquoi l’État, les collectivités et les hôpitaux français peinent encore à quitter les clouds américains malgré la doctrine « cloud au centre » et la loi SREN de 2024, selon la Cour des comptes',
);

describe('the card, with the project’s fonts', () => {
  const type = cardTypesetter();
  const longestSample = sampleTitles().sort((a, b) => b.length - a.length)[0]!;

  it('sets the sample’s longest title and a 200-character title whole, inside the title box, alike in every format', () => {
    expect(longestSample.length).toBeGreaterThan(80);
    expect(LONG_TITLE.length).toBeGreaterThanOrEqual(200);
    for (const title of [longestSample, LONG_TITLE]) {
      const set = Object.values(SOCIAL_FORMATS).map((size) => drawCard({ title, rubrique: 'Cybersécurité', siteName: 'L’Écho du Numérique', hasLogo: true }, size, type).title);
      expect(new Set(set.map((layout) => JSON.stringify(layout))).size).toBe(1);
      for (const size of Object.values(SOCIAL_FORMATS)) {
        const { title: layout } = drawCard({ title, rubrique: 'Cybersécurité', siteName: 'L’Écho du Numérique', hasLogo: true }, size, type);
        const box = titleBox(size.width, size.height);
        expect(layout.truncated).toBe(false);
        expect(layout.lines.join(' ')).toBe(title);
        for (const line of layout.lines) expect(type.measure(line, 'serif', layout.fontSize)).toBeLessThanOrEqual(box.width);
        expect(layout.lines.length * layout.fontSize * 1.14).toBeLessThanOrEqual(box.height);
        expect(layout.fontSize).toBeGreaterThanOrEqual(40);
      }
    }
  });

  it('draws every text as outlines, each glyph outlined once: no <text>, no font name, and the logo left to the caller', () => {
    const drawing = drawCard({ title: 'Un titre', rubrique: 'Cloud', siteName: 'L’Écho', hasLogo: true }, SOCIAL_FORMATS.og, type);
    expect(drawing.svg).not.toMatch(/<text|font-family|NaN/);
    // The rubrique, the title and the site's name, each in its colour.
    expect(drawing.svg.match(/<g fill="#[0-9a-f]{6}">/g)).toEqual([`<g fill="${CARD_COLOURS.accent}">`, `<g fill="${CARD_COLOURS.fg}">`, `<g fill="${CARD_COLOURS.fg}">`]);
    const outlined = [...drawing.svg.matchAll(/<path id="([^"]+)" d="M[^"]+"\/>/g)].map((m) => m[1]);
    const drawn = [...drawing.svg.matchAll(/<use href="#([^"]+)"/g)].map((m) => m[1]);
    // « Untitre », « CLOUD », « L’Écho »: 18 glyphs drawn (spaces are not), 16 outlines (« t » and « L » are drawn twice).
    expect(drawn).toHaveLength(18);
    expect(outlined).toHaveLength(16);
    expect(new Set(drawn)).toEqual(new Set(outlined));
    expect(drawing.logo).toEqual({ left: 72, top: expect.any(Number), size: 64 });
    expect(drawCard({ title: 'Un titre', rubrique: 'Cloud', siteName: 'L’Écho', hasLogo: false }, SOCIAL_FORMATS.og, type).logo).toBeUndefined();
  });

  it('draws each format as the whole card would be drawn at once, pixel for pixel, from the frame and the bands laid over it', async () => {
    const logo = await cardLogo(readFileSync(path.join(ROOT, 'content/logo.png')));
    for (const [title, mark] of [[longestSample, logo], [LONG_TITLE, undefined], ['Ça ! « Été » ?', logo]] as const) {
      const text = { title, rubrique: 'Éducation', siteName: 'L’Écho du Numérique' };
      const drawn = new Map<string, Buffer>();
      await renderCard(text, Object.keys(SOCIAL_FORMATS) as (keyof typeof SOCIAL_FORMATS)[], mark, async (format, image) => {
        drawn.set(format, await image.raw().toBuffer());
      });
      for (const [format, size] of Object.entries(SOCIAL_FORMATS)) {
        const drawing = drawCard({ ...text, hasLogo: mark !== undefined }, size, type);
        expect(drawing.layers?.bands).toHaveLength(2);
        let whole = sharp(Buffer.from(drawing.svg));
        if (mark) whole = whole.composite([{ input: mark, left: drawing.logo!.left, top: drawing.logo!.top }]);
        expect((await whole.removeAlpha().raw().toBuffer()).equals(drawn.get(format)!), `${format}: ${title}`).toBe(true);
      }
    }
  });

  it('paints nothing in the right margin of a 200-character title’s card: the text stays in its box', async () => {
    const logo = await cardLogo(readFileSync(path.join(ROOT, 'content/logo.png')));
    let jpeg = Buffer.alloc(0);
    await renderCard({ title: LONG_TITLE, rubrique: 'Politique numérique', siteName: 'L’Écho du Numérique' }, ['og'], logo, async (_, image) => {
      jpeg = await image.toBuffer();
    });
    const meta = await sharp(jpeg).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 630]);
    // Below the accent bar, the last 60 px of the width: paper only (JPEG noise aside).
    const margin = await sharp(jpeg).extract({ left: 1140, top: 20, width: 60, height: 610 }).raw().toBuffer();
    const paper = [1, 3, 5].map((i) => parseInt(CARD_COLOURS.bg.slice(i, i + 2), 16));
    let worst = 0;
    for (let i = 0; i < margin.length; i += 3) for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(margin[i + c]! - paper[c]!));
    expect(worst).toBeLessThan(24);
    // And the title did print: the title box is not empty paper.
    const stats = await sharp(jpeg).extract({ left: 72, top: 170, width: 1000, height: 200 }).stats();
    expect(stats.channels[0]!.min).toBeLessThan(80);
  });
});

describe('JSON-LD images', () => {
  it('never lists the publisher’s logo as an image of the article', () => {
    const logo = 'https://magazine.example/_images/logo-abc-1600.png';
    const base = { headline: 'Titre', url: 'https://magazine.example/articles/titre/', datePublished: '2026-11-27T18:00:00+01:00', authors: [], publisher: { name: 'Magazine', url: 'https://magazine.example/', logo } };
    expect(newsArticleLd({ ...base, images: [logo] })).not.toHaveProperty('image');
    const card = 'https://magazine.example/_images/partage-titre-x-1x1.jpg';
    expect(newsArticleLd({ ...base, images: [card, logo] }).image).toEqual([card]);
  });
});
