/**
 * Build-wide values, decided once where content enters (src/content/edition.ts)
 * and read here from the data store: the site settings with the origin, "now",
 * the image manifest, the logo.
 */
import { getEntry } from 'astro:content';
import type { BuildContext } from '../content/edition.ts';

const entry = await getEntry('build', 'context');
if (!entry) throw new Error('The content pass stored no build context: the content has problems (see the messages above).');
const context = entry.data;

/** site.yaml, validated and typeset, with the origin resolved (SITE_URL or `url`). */
export function getSite(): BuildContext['site'] {
  return context.site;
}

/** The instant the site is built for (ROTATIVE_NOW, or the build's clock). */
export function getNow(): Date {
  return context.now;
}

/** The image manifest the content pass made. */
export function getManifest(): BuildContext['manifest'] {
  return context.manifest;
}

/** Content key of the logo, if site.yaml names one. */
export function getLogoKey(): string | undefined {
  return context.logoKey;
}

/**
 * The digest of the project's code: every page's key holds it (pageKey),
 * since every page's content-security-policy lists the hashes of the inline
 * scripts and styles of the whole site, not only its own.
 */
export function getCodeDigest(): string {
  return context.code;
}
