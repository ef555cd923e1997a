/**
 * The magazine's two typefaces, served from this site: Newsreader (a serif
 * drawn for news reading, text and headlines) and Public Sans (the
 * interface: kickers, bylines, menus). Both come from their Fontsource npm
 * packages, whose files Astro's font support copies into the build, declares
 * with @font-face (each under the site's CSP, its CSS hashed), preloads where
 * <Font preload> asks, and pairs with a fallback adjusted to their metrics so
 * the text does not jump when they arrive. Only the Latin files are used:
 * they hold every French letter, « », the narrow no-break space and €.
 */
import { fontProviders } from 'astro/config';

type LocalVariant = NonNullable<Parameters<ReturnType<typeof fontProviders.local>['resolveFont']>[0]['options']>['variants'][number];

/** The provider wants at least one variant: a tuple, not an array. */
const variants = (...list: [LocalVariant, ...LocalVariant[]]) => list;

const files = (pkg: string) => `./node_modules/@fontsource-variable/${pkg}/files`;

/** The unicode-range of Fontsource's Latin subset: the browser never asks for the file for other scripts. */
const LATIN: [string, ...string[]] = ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+02C6', 'U+02DA', 'U+02DC', 'U+0304', 'U+0308', 'U+0329', 'U+2000-206F', 'U+20AC', 'U+2122', 'U+2191', 'U+2193', 'U+2212', 'U+2215', 'U+FEFF', 'U+FFFD'];

export const FONTS = [
  {
    provider: fontProviders.local(),
    name: 'Newsreader',
    cssVariable: '--font-serif',
    fallbacks: ['Georgia', 'serif'],
    options: {
      variants: variants(
        { src: [`${files('newsreader')}/newsreader-latin-wght-normal.woff2`], weight: '200 800', style: 'normal', display: 'swap', unicodeRange: LATIN },
        { src: [`${files('newsreader')}/newsreader-latin-wght-italic.woff2`], weight: '200 800', style: 'italic', display: 'swap', unicodeRange: LATIN },
      ),
    },
  },
  {
    provider: fontProviders.local(),
    name: 'Public Sans',
    cssVariable: '--font-sans',
    fallbacks: ['Arial', 'sans-serif'],
    options: {
      variants: variants({ src: [`${files('public-sans')}/public-sans-latin-wght-normal.woff2`], weight: '100 900', style: 'normal', display: 'swap', unicodeRange: LATIN }),
    },
  },
];
