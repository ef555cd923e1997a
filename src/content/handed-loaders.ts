/**
 * The content pass's loaders handed from the build's pages process, which
 * Node has loaded them in (scripts/render-pages.ts), to the content
 * collections (src/content.config.ts), which Astro loads through Vite: Vite
 * would otherwise transform and run the pass's modules a second time. Kept
 * on globalThis (the two sides are separate module instances) under a
 * registered symbol. This module imports nothing: Vite transforms it alone.
 */
import type * as Loaders from './loaders.ts';

const HANDED = Symbol.for('rotative.loaders');

/** In the pages process: these are the loaders the collections use. */
export function handLoaders(loaders: typeof Loaders): void {
  (globalThis as Record<symbol, unknown>)[HANDED] = loaders;
}

/** The loaders the pages process handed over; undefined elsewhere (the dev server, `astro check`). */
export function handedLoaders(): typeof Loaders | undefined {
  return (globalThis as Record<symbol, unknown>)[HANDED] as typeof Loaders | undefined;
}
