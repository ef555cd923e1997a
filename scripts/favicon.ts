/**
 * `npm run favicon`: makes public/favicon.ico from the magazine's logo (`logo`
 * of content/site.yaml, or the file given as argument), at 16, 32 and 48 px.
 * Browsers ask for /favicon.ico on their own, for a feed or any file that
 * is not a page (pages name the logo's own icon); the file is shipped with
 * the site from public/. Run it again after changing the logo.
 *
 * sharp makes the PNG images; the ICO container around them is written
 * here: a 6-byte header and a 16-byte entry per image, each image a whole
 * PNG file (the ICO format has held PNG images since Windows Vista, and
 * every browser reads them). No maintained library is a dependency of the
 * project for 22 bytes of header.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { parse } from 'yaml';

export const ICON_SIZES = [16, 32, 48] as const;

/** An ICO file holding the given PNG images, each with its size in pixels (at most 256). */
export function icoFromPngs(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // colours in the palette: none
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** The favicon of an image file: square, the image contained on a transparent ground, at each of ICON_SIZES. */
export async function faviconOf(logoFile: string): Promise<Buffer> {
  const images = await Promise.all(
    ICON_SIZES.map(async (size) => ({
      size,
      png: await sharp(logoFile).resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer(),
    })),
  );
  return icoFromPngs(images);
}

async function main(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..');
  const contentDir = path.resolve(process.env.ROTATIVE_CONTENT_DIR || path.join(root, 'content'));
  let logo = process.argv[2];
  if (!logo) {
    const site = parse(readFileSync(path.join(contentDir, 'site.yaml'), 'utf8')) as { logo?: string } | null;
    if (!site?.logo) {
      console.error(`✖ ${path.relative(process.cwd(), path.join(contentDir, 'site.yaml'))} ne nomme aucun logo (logo: ./logo.png) ; attendu : le logo dont faire l’icône ; ajoutez « logo: ./logo.png » ou donnez le fichier : npm run favicon -- chemin/du/logo.png`);
      process.exit(1);
    }
    logo = path.resolve(contentDir, site.logo);
  }
  const out = path.join(root, 'public', 'favicon.ico');
  writeFileSync(out, await faviconOf(logo));
  console.log(`✔ Icône écrite : ${path.relative(process.cwd(), out)} (${ICON_SIZES.join(', ')} px, depuis ${path.relative(process.cwd(), logo)})`);
}

if (import.meta.main) await main();
