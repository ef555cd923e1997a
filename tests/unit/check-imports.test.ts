/**
 * `npm run check` validates without rendering: it reaches the URL guard
 * (src/publish/lost-urls.ts lostUrlProblems) without loading the content
 * pass that renders (src/content/edition.ts), its render pool or its cache.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { moduleGraph } from '../../src/content/code-digest.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

it('scripts/check.ts loads neither the rendering content pass nor the render pool', () => {
  const loaded = moduleGraph([path.join(ROOT, 'scripts/check.ts')]).map((file) => path.relative(ROOT, file));
  expect(loaded).toContain('src/publish/lost-urls.ts');
  for (const module of ['src/content/edition.ts', 'src/render/pool.ts', 'src/render/worker.ts', 'src/render/cache.ts']) expect(loaded).not.toContain(module);
});
