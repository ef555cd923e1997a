/**
 * The README's screenshots, taken again at each run: a screenshot replaces
 * the kept one only when the page looks different, not when a few pixels
 * of anti-aliasing moved (Chromium rasterises glyph edges slightly
 * differently from run to run): a test run leaves the working tree as it
 * was unless the design changed.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';

/** Share of pixels that may differ, by more than a faint shade, for two screenshots to be the same look. */
const SAME_LOOK = 0.001;
/** A channel difference below this is a shade of anti-aliasing, not a change. */
const FAINT = 24;

async function pixels(png: Buffer | string) {
  return sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
}

/** Whether two PNG screenshots look the same: same size, and at most SAME_LOOK of their pixels visibly different. */
export async function sameLook(a: Buffer | string, b: Buffer | string): Promise<boolean> {
  const [x, y] = await Promise.all([pixels(a), pixels(b)]);
  if (x.info.width !== y.info.width || x.info.height !== y.info.height) return false;
  let different = 0;
  for (let i = 0; i < x.data.length; i += 3) {
    if (Math.abs(x.data[i]! - y.data[i]!) > FAINT || Math.abs(x.data[i + 1]! - y.data[i + 1]!) > FAINT || Math.abs(x.data[i + 2]! - y.data[i + 2]!) > FAINT) different++;
  }
  return different <= SAME_LOOK * x.info.width * x.info.height;
}

/** Takes `page`'s screenshot into `file`, unless the file kept there already looks the same. */
export async function saveScreenshot(page: Page, file: string, options: { fullPage: boolean }): Promise<void> {
  const shot = await page.screenshot(options);
  if (existsSync(file) && (await sameLook(file, shot))) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, shot);
}
