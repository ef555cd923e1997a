/**
 * A draft set aside for its problems is still a draft: the build summary's
 * « N brouillons » counts it (stats.drafts, from the content pass that
 * `npm run build` runs), whether its front matter loaded or not.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/environment.ts';
import { prepareMagazine } from '../../src/content/edition.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/basic/content');

function copy(): { root: string; draft: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-drafts-count-'));
  cpSync(FIXTURE, path.join(root, 'content'), { recursive: true });
  return { root, draft: path.join(root, 'content/articles/2016/brouillon.mdx') };
}

async function drafts(root: string): Promise<{ drafts: number; problems: number; aside: number }> {
  const env = readEnvironment(
    { ROTATIVE_CONTENT_DIR: 'content', ROTATIVE_NOW: '2026-11-28T12:00:00+01:00', ROTATIVE_CACHE_DIR: 'cache', ROTATIVE_OUT_DIR: 'no-previous-site' },
    root,
  );
  const pass = await prepareMagazine(env);
  return { drafts: pass.stats.drafts, problems: pass.problems.length, aside: pass.draftProblems.length };
}

describe('the drafts count', () => {
  it('counts the fixture’s one draft', async () => {
    expect(await drafts(copy().root)).toEqual({ drafts: 1, problems: 0, aside: 0 });
  });

  it('still counts it when it is set aside for a problem in its body', async () => {
    const { root, draft } = copy();
    appendFileSync(draft, '\n<Quot by="Quelqu’un">Une citation</Quot>\n');
    expect(await drafts(root)).toEqual({ drafts: 1, problems: 0, aside: 1 });
  });

  it('still counts it when its front matter did not load', async () => {
    const { root, draft } = copy();
    writeFileSync(draft, readFileSync(draft, 'utf8').replace(/^title: .*$/m, 'title: [pas, un, titre]'));
    const result = await drafts(root);
    expect(result.problems).toBe(0);
    expect(result.aside).toBeGreaterThan(0);
    expect(result.drafts).toBe(1);
  });
});
