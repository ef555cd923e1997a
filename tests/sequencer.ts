/**
 * The order test files start in (vitest.config.ts). Vitest starts the files
 * that took longest in the previous run first, from its cache; a clean clone
 * (CI) has no such cache and Vitest falls back to the largest file first,
 * which would start the longest files last and leave one of the two lanes
 * idle at the end. Without a cached duration for every file, the files below
 * start first, in this order (their durations in a clean-clone run), then the
 * others in Vitest's own order. A file missing from the list only starts
 * later: the order never changes what a test asserts.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The longest files of a clean-clone run, longest first. */
export const SLOW_FIRST = [
  'tests/integration/render-once.test.ts',
  'tests/e2e/reader-promises.test.ts',
  'tests/integration/unchanged.test.ts',
  'tests/e2e/layout.test.ts',
  'tests/integration/output-safety.test.ts',
  'tests/integration/bench-smoke.test.ts',
  'tests/integration/restore-links.test.ts',
  'tests/integration/bad-input.test.ts',
  'tests/integration/url-guard.test.ts',
  'tests/integration/build-promises.test.ts',
  'tests/integration/search-cache.test.ts',
  'tests/integration/disk-full.test.ts',
  'tests/integration/newsroom.test.ts',
  'tests/integration/writer-tools.test.ts',
  'tests/e2e/feed-pages.test.ts',
  'tests/integration/indexes.test.ts',
  'tests/integration/dev-preview.test.ts',
  'tests/integration/new-site.test.ts',
  'tests/integration/base-path.test.ts',
  'tests/integration/astro-cache.test.ts',
  'tests/e2e/gallery-code.test.ts',
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    if (files.every((spec) => this.ctx.cache.getTestSpecificationResult(spec))) return sorted;
    const rank = (spec: TestSpecification) => {
      const at = SLOW_FIRST.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      return at < 0 ? SLOW_FIRST.length : at;
    };
    // Groups and projects keep Vitest's order; within one, the slow files first (a stable sort keeps the rest as it was).
    const key = (spec: TestSpecification) => [spec.project.config.sequence.groupOrder, sorted.findIndex((s) => s.project === spec.project), rank(spec)] as const;
    const order = new Map(sorted.map((spec) => [spec, key(spec)]));
    return [...sorted].sort((a, b) => {
      const [ka, kb] = [order.get(a)!, order.get(b)!];
      return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
    });
  }
}
