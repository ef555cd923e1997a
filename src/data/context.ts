/**
 * Build-wide values, computed once: the environment, the magazine (site.yaml)
 * and the image manifest written by the image phase.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { MANIFEST_ENV, readEnvironment } from '../config/environment.ts';
import { contentKeyOf } from '../lib/content-keys.ts';
import { frenchTypography } from '../lib/typography.ts';
import { siteSchema, type Site } from '../schemas/site.ts';
import type { ImageManifest } from '../build/images.ts';

export const environment = readEnvironment();

export { MANIFEST_ENV };

let site: (Site & { origin: string }) | undefined;

/**
 * site.yaml, validated (the content phase already reported any problem), with
 * the origin resolved and the name and tagline French-typeset, as everything
 * a reader reads (header, feeds, structured data).
 */
export function getSite(): Site & { origin: string } {
  if (!site) {
    const data = siteSchema.parse(parse(readFileSync(path.join(environment.contentDir, 'site.yaml'), 'utf8')));
    site = {
      ...data,
      name: frenchTypography(data.name),
      tagline: data.tagline === undefined ? undefined : frenchTypography(data.tagline),
      origin: environment.siteUrl ?? data.url.replace(/\/+$/, ''),
    };
  }
  return site;
}

let manifest: ImageManifest | undefined;

/** The image manifest. Pages cannot render images without it: fail loudly. */
export function getManifest(): ImageManifest {
  if (!manifest) {
    const file = process.env[MANIFEST_ENV];
    if (!file || !existsSync(file)) {
      throw new Error(
        `No image manifest (${MANIFEST_ENV}=${file ?? ''}). Build with "npm run build" and develop with "npm run dev", which make the images before Astro renders pages.`,
      );
    }
    manifest = JSON.parse(readFileSync(file, 'utf8')) as ImageManifest;
  }
  return manifest;
}

/** Key of a content file in the manifest: its path relative to the content folder. */
export function contentKey(absPath: string): string {
  return contentKeyOf(environment.contentDir, absPath);
}
