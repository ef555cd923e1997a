/**
 * Draws a share card (src/lib/share-card.ts) into a JPEG: the project's fonts
 * read by opentype.js, every text turned into glyph outlines, the SVG
 * rasterised and encoded by sharp, the logo laid over it; what a build's
 * cards share (each format's frame, a card's title in its four formats)
 * drawn once (renderCard).
 *
 * Why outlines from opentype.js rather than SVG `<text>`: librsvg would look
 * the fonts up through fontconfig, which knows only what is installed on the
 * machine (a CI runner, a writer's laptop), and would silently draw another
 * face; outlines need nothing but the font files of node_modules. Why not
 * satori (HTML/CSS to SVG, on the same opentype.js): measured on this
 * (loaded) machine, a card image took 120–180 ms with satori and sharp,
 * 110–130 ms with opentype.js and sharp, most of it sharp's rasterising and
 * encoding (a card's four files: ~150 ms of CPU); but the card must choose
 * the largest title size that fits its box, which needs the text's
 * measurements, and satori keeps them to itself.
 *
 * The fonts are the static Newsreader 700 and Public Sans 700 of
 * @fontsource (WOFF: opentype.js does not read the WOFF2 of the variable
 * faces the pages use), in their Latin and Latin Extended subsets.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import opentype from 'opentype.js';
import sharp, { type Sharp } from 'sharp';
import { JPEG_QUALITY, SOCIAL_FORMATS, type SocialFormat } from '../lib/images.ts';
import { drawCard, LOGO_SIZE, num, type CardDrawing, type CardFace, type CardText, type PlacedGlyph, type Typesetter } from '../lib/share-card.ts';

const require = createRequire(import.meta.url);

/** The font files of each face, first match wins per character. */
const FONT_FILES: Record<CardFace, { pkg: string; files: string[] }> = {
  serif: { pkg: '@fontsource/newsreader', files: ['newsreader-latin-700-normal.woff', 'newsreader-latin-ext-700-normal.woff'] },
  sans: { pkg: '@fontsource/public-sans', files: ['public-sans-latin-700-normal.woff', 'public-sans-latin-ext-700-normal.woff'] },
};

/** Absolute paths of every font file the cards are drawn with (their bytes are part of the cards' cache key). */
export function cardFontFiles(): string[] {
  return Object.values(FONT_FILES).flatMap(({ pkg, files }) => {
    // The packages export their CSS and LICENSE only: the fonts are found beside the LICENSE.
    const dir = path.join(path.dirname(require.resolve(`${pkg}/LICENSE`)), 'files');
    return files.map((f) => path.join(dir, f));
  });
}

interface Face {
  fonts: opentype.Font[];
  ascent: number;
  descent: number;
}

let faces: Record<CardFace, Face> | undefined;

function loadFaces(): Record<CardFace, Face> {
  if (faces) return faces;
  const files = cardFontFiles();
  let at = 0;
  const load = (face: CardFace): Face => {
    const fonts = FONT_FILES[face].files.map(() => {
      const bytes = readFileSync(files[at++]!);
      return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
    });
    const first = fonts[0]!;
    return { fonts, ascent: first.ascender / first.unitsPerEm, descent: -first.descender / first.unitsPerEm };
  };
  faces = { serif: load('serif'), sans: load('sans') };
  return faces;
}

const RENDER: opentype.RenderOptions = { kerning: true };

/**
 * SVG path data of glyph outlines. Written here rather than by opentype.js's
 * toPathData: its 2.0.0 rounding writes NaN for a coordinate a hair above a
 * whole number (189.00000000000003), and librsvg stops drawing the path
 * there (the end of a title went missing).
 */
function pathData(commands: opentype.PathCommand[]): string {
  return commands
    .map((c) => {
      switch (c.type) {
        case 'M':
        case 'L':
          return `${c.type}${num(c.x)} ${num(c.y)}`;
        case 'Q':
          return `Q${num(c.x1)} ${num(c.y1)} ${num(c.x)} ${num(c.y)}`;
        case 'C':
          return `C${num(c.x1)} ${num(c.y1)} ${num(c.x2)} ${num(c.y2)} ${num(c.x)} ${num(c.y)}`;
        default:
          return 'Z';
      }
    })
    .join('');
}

/**
 * A text cut into runs of one font each. A character no font of the face
 * has is a gap a quarter of an em wide when it is a space (the narrow
 * no-break space U+202F of French typography, which these fonts lack), and
 * is left out otherwise (an emoji): a card never shows a missing-glyph box.
 */
function runsOf(text: string, face: Face): { font?: opentype.Font; text: string; gap?: number }[] {
  const runs: { font?: opentype.Font; text: string; gap?: number }[] = [];
  for (const ch of text.normalize('NFC')) {
    const font = face.fonts.find((f) => f.charToGlyphIndex(ch) > 0);
    const last = runs[runs.length - 1];
    if (font) {
      if (last?.font === font) last.text += ch;
      else runs.push({ font, text: ch });
    } else if (/\s/u.test(ch)) {
      runs.push({ text: ch, gap: 0.25 });
    }
  }
  return runs;
}

/**
 * Every glyph drawn so far, by id: its path data (written once per process)
 * and the rows its outline spans at one unit per em unit, y downwards (from
 * its points, control points included: never less than its ink).
 */
const outlines = new Map<string, { d: string; top: number; bottom: number }>();

/**
 * The typesetter of the cards, on the project's fonts. Widths are linear in
 * the size: each text is measured once at 1 px and kept for the life of the
 * typesetter (one card), as the layout measures the same lines again.
 */
export function cardTypesetter(): Typesetter {
  const f = loadFaces();
  const widths = { serif: new Map<string, number>(), sans: new Map<string, number>() };
  return {
    measure(text, face, size) {
      let width = widths[face].get(text);
      if (width === undefined) {
        width = runsOf(text, f[face]).reduce((w, r) => w + (r.font ? r.font.getAdvanceWidth(r.text, 1, RENDER) : r.gap!), 0);
        widths[face].set(text, width);
      }
      return width * size;
    },
    glyphs(text, face, size, x, y) {
      const placed: PlacedGlyph[] = [];
      let left = x;
      for (const r of runsOf(text, f[face])) {
        const font = r.font;
        if (!font) {
          left += r.gap! * size;
          continue;
        }
        const at = f[face].fonts.indexOf(font);
        const scale = size / font.unitsPerEm;
        left = font.forEachGlyph(r.text, left, y, size, RENDER, (glyph, gx, gy) => {
          const id = `${face}${at}-${glyph.index}`;
          let outline = outlines.get(id);
          if (outline === undefined) {
            // In font units: the glyph drawn at one unit per em unit, y downwards.
            const commands = glyph.getPath(0, 0, font.unitsPerEm).commands;
            const ys = commands.flatMap((c) => ('y' in c ? [c.y, ...('y1' in c ? [c.y1] : []), ...('y2' in c ? [c.y2] : [])] : []));
            outline = { d: pathData(commands), top: Math.min(...ys), bottom: Math.max(...ys) };
            outlines.set(id, outline);
          }
          if (outline.d) placed.push({ id, x: gx, y: gy, scale, top: gy + outline.top * scale, bottom: gy + outline.bottom * scale });
        });
      }
      return placed;
    },
    outline: (id) => outlines.get(id)?.d ?? '',
    ascent: (face) => f[face].ascent,
    descent: (face) => f[face].descent,
  };
}

/** The site's logo (an image sharp reads) fitted to the card's logo square, as PNG: made once per build. */
export async function cardLogo(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes).rotate().resize(LOGO_SIZE, LOGO_SIZE, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
}

/**
 * The cards' JPEG settings (CPU ms per card, its four files drawn,
 * rasterised and encoded, 12 titles, one libvips thread, machine shared
 * with other builds): progressive 122 ms, 200 KB; baseline 95 ms, 220 KB;
 * baseline after removeAlpha() 84 ms, same bytes (a card is opaque: its
 * SVG paints its background, and a JPEG holds no alpha; the channel was
 * carried through the pipeline for nothing); without Huffman optimisation
 * (optimiseCoding: false) 71 ms, 257 KB. Every one of these decodes to the
 * same pixels: only the bytes differ. A card's file is fetched by social
 * networks and search engines, which make their own copies, and a magazine
 * has one card per article without a cover: the cheapest encode is worth
 * larger files. Like the sizes (SOCIAL_FORMATS), they are in this module's
 * imports, whose text names every card (share-images.ts templateDigest).
 */
const CARD_JPEG = { quality: JPEG_QUALITY, progressive: false, optimiseCoding: false } as const;

/** The frames drawn, with the logo laid in, by what they show: a build draws one per format; a dev server keeps the last few. */
const frames = new Map<string, Promise<Buffer>>();
const FRAMES_KEPT = 8;
/** A number for each logo (a build has one): part of its frames' key. */
const logoIds = new WeakMap<Buffer, number>();
let logosSeen = 0;

/** `svg` rasterised, with `logo` laid in the square `drawing` leaves for it, opaque (RGB). */
function drawnWithLogo(svg: string, drawing: Pick<CardDrawing, 'logo'>, logo: Buffer | undefined): Sharp {
  let image = sharp(Buffer.from(svg));
  if (logo && drawing.logo) image = image.composite([{ input: logo, left: Math.round(drawing.logo.left), top: Math.round(drawing.logo.top) }]);
  return image.removeAlpha();
}

/** The pixels (RGB) of the frame `svg`, with `logo` laid in the square `drawing` leaves for it. */
function frameOf(svg: string, drawing: Pick<CardDrawing, 'logo'>, logo: Buffer | undefined): Promise<Buffer> {
  if (logo && !logoIds.has(logo)) logoIds.set(logo, logosSeen++);
  const key = `${logo ? logoIds.get(logo) : '-'}\0${drawing.logo?.left},${drawing.logo?.top}\0${svg}`;
  let frame = frames.get(key);
  if (!frame) {
    frame = drawnWithLogo(svg, drawing, logo).raw().toBuffer();
    frames.set(key, frame);
    // A frame that failed is drawn again by the next card, not kept.
    frame.catch(() => frames.delete(key));
    if (frames.size > FRAMES_KEPT) frames.delete(frames.keys().next().value!);
  }
  return frame;
}

/**
 * Buffers of finished cards' pixels, lent to the next ones: a new buffer of
 * a few MB for each card's format cost its memory's page faults, as long as
 * the JPEG's encoding.
 */
const spare: Buffer[] = [];
const SPARE_KEPT = 8;

/**
 * Draws the card of `text` in each of `formats` and hands each, as a JPEG
 * (CARD_JPEG) ready to be written, to `write`, one after the other. What
 * cards share is drawn once: the frame of each format (paper, bar, rule,
 * site name and logo) once per build, the title once for the formats that
 * set it alike (the same size, the same lines, at the same place); each
 * format's pixels are the frame with the rubrique's and the title's bands
 * laid over it, the very pixels of the whole card drawn at once.
 * The four files of a card (CPU ms, one libvips thread, 40 titles of the
 * benchmark's kind, three runs, a shared machine): each format drawn whole
 * 66–68, in bands 37–39 (librsvg's cost is per pixel drawn, paper or text,
 * and most of all per glyph: a title's drawing 12–15 ms, a format's
 * encoding 4–5).
 */
export async function renderCard(
  text: Omit<CardText, 'hasLogo'>,
  formats: readonly SocialFormat[],
  logo: Buffer | undefined,
  write: (format: SocialFormat, image: Sharp) => Promise<void>,
): Promise<void> {
  // One typesetter for the card's formats: it keeps the title's measurements.
  const typesetter = cardTypesetter();
  /** This card's bands drawn, by their SVG. */
  const drawn = new Map<string, Promise<Buffer>>();
  const bandOf = (svg: string) => {
    let band = drawn.get(svg);
    if (!band) drawn.set(svg, (band = sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer()));
    return band;
  };
  for (const format of formats) {
    const { width, height } = SOCIAL_FORMATS[format];
    const drawing = drawCard({ ...text, hasLogo: logo !== undefined }, SOCIAL_FORMATS[format], typesetter);
    const layers = drawing.layers;
    if (!layers) {
      await write(format, drawnWithLogo(drawing.svg, drawing, logo).jpeg(CARD_JPEG));
      continue;
    }
    const [frame, ...bands] = await Promise.all([frameOf(layers.frame, drawing, logo), ...layers.bands.map((b) => bandOf(b.svg))]);
    const size = width * height * 3;
    const at = spare.findIndex((b) => b.length >= size);
    const lent = at >= 0 ? spare.splice(at, 1)[0]! : Buffer.allocUnsafe(size);
    try {
      const pixels = lent.subarray(0, size);
      frame.copy(pixels);
      layers.bands.forEach((b, i) => bands[i]!.copy(pixels, b.top * width * 3));
      await write(format, sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg(CARD_JPEG));
    } finally {
      if (spare.length < SPARE_KEPT) spare.push(lent);
    }
  }
}
