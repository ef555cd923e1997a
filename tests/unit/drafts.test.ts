/**
 * A draft never stops published work: its problems are warnings, it is set
 * aside, and the rest of the magazine is published. Checked on the content
 * pass in-process, on a copy of the basic fixture.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/environment.ts';
import { prepare } from '../../src/content/prepare.ts';
import { formatDraftProblems } from '../../src/lib/errors.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/basic/content');

function copy(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-drafts-'));
  cpSync(FIXTURE, path.join(root, 'content'), { recursive: true });
  return root;
}

async function pass(root: string) {
  const env = readEnvironment({ ROTATIVE_CONTENT_DIR: 'content', ROTATIVE_NOW: '2026-11-28T12:00:00+01:00', ROTATIVE_CACHE_DIR: 'cache' }, root);
  return prepare(env, { encode: false });
}

describe('a draft with a problem', () => {
  it('is set aside with its problem as a warning, and the rest passes', async () => {
    const root = copy();
    const draft = path.join(root, 'content/articles/2016/brouillon.mdx');
    appendFileSync(draft, '\n<Quot by="Quelqu’un">Une citation</Quot>\n');
    const line = readFileSync(draft, 'utf8').split('\n').findIndex((l) => l.startsWith('<Quot ')) + 1;
    const { problems, draftProblems, content } = await pass(root);
    expect(problems).toEqual([]);
    expect(draftProblems).toHaveLength(1);
    expect(draftProblems[0]).toMatchObject({ line, found: 'le site n’a pas de composant <Quot>' });
    expect(draftProblems[0]!.file).toMatch(/brouillon\.mdx$/);
    expect(content.articles.map((a) => a.slug)).not.toContain('brouillon');
    expect(content.articles.length).toBeGreaterThan(0);
    expect(formatDraftProblems(draftProblems)).toMatch(/^⚠ 1 brouillon a un problème : il est mis de côté \(ni publié ni prévisualisé\), le reste du site est publié\.\n {2}- brouillon .*brouillon\.mdx:\d+ — le site n’a pas de composant <Quot>/);
  });

  it('even when its front matter itself is broken', async () => {
    const root = copy();
    const draft = path.join(root, 'content/articles/2016/brouillon.mdx');
    writeFileSync(draft, readFileSync(draft, 'utf8').replace(/^category: .*$/m, 'category: rubrique-inconnue'));
    const { problems, draftProblems } = await pass(root);
    expect(problems).toEqual([]);
    expect(draftProblems.map((p) => p.field)).toContain('category');
  });

  it('but the same mistake in a published article still stops the build', async () => {
    const root = copy();
    appendFileSync(path.join(root, 'content/articles/2016/lancement.mdx'), '\n<Quot by="Quelqu’un">Une citation</Quot>\n');
    const { problems, draftProblems } = await pass(root);
    expect(draftProblems).toEqual([]);
    expect(problems.map((p) => p.found)).toContain('le site n’a pas de composant <Quot>');
  });
});
