/**
 * Content mistakes, as a writer makes them: each case of
 * tests/fixtures/bad-input/ (see its README) laid over the basic fixture and
 * given to the content pass that `npm run build` runs (prepareMagazine, in
 * this process, with the variables the build gives it). It must report one
 * readable line per problem, in French — file, line, what is wrong, what is
 * expected, what to write — exactly as the build prints them
 * (formatProblems), touch nothing in the content folder, and never run an
 * article's code. That a refused build exits 1 with these lines and leaves
 * the previous site intact is shown by real builds of a few of these cases:
 * tests/integration/bad-input.test.ts.
 */
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CASES, CASES_DIR, contentFor, contentPass, expectProblems, removeWork } from '../helpers/bad-input.ts';
import { snapshotTree } from '../helpers/tree.ts';

afterAll(removeWork);

describe('the content pass reports each content mistake, one French line per problem', () => {
  it('has a test for every fixture folder, and a fixture folder for every test', () => {
    const folders = readdirSync(CASES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.title}`, async () => {
      const content = contentFor(name);
      c.prepare?.(content);
      const contentBefore = snapshotTree(content);
      const result = await contentPass(content, c.now);
      c.after?.();
      expectProblems(result, c.problems);
      // What the build would print: a message, never an exception's.
      expect(result.output, 'a stack trace in a message').not.toMatch(/^\s+at /m);
      expect(result.output, 'an error class in a message').not.toMatch(/\b[A-Z][A-Za-z]*Error\b/);
      expect(snapshotTree(content), 'the content pass changed the content folder').toEqual(contentBefore);
    });
  }

});
