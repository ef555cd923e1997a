/**
 * `npm run new-site` (scripts/new-site.ts): the sample replaced by a minimal
 * magazine of one's own, which checks and builds at once, keeping the sample
 * aside, and which the previous magazine's published addresses do not hold.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSite, fixture, ROOT, runScript } from '../helpers/build.ts';
import { snapshotTree } from '../helpers/tree.ts';

const root = mkdtempSync(path.join(tmpdir(), 'rotative-new-site-'));
const content = path.join(root, 'content');
const cache = path.join(root, 'cache');
const outDir = path.join(root, 'dist');
afterAll(() => rmSync(root, { recursive: true, force: true }));
cpSync(fixture('basic'), content, { recursive: true });

/** Runs the command as from a script (no terminal: nothing is asked). */
function newSite(args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts/new-site.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, ROTATIVE_CONTENT_DIR: content },
  });
}

describe('npm run new-site', () => {
  it('without a terminal, names every missing option and changes nothing', () => {
    const before = snapshotTree(content);
    const run = newSite(['--name', 'La Gazette du Code']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('il manque --url (adresse publique du site (https://…)), --author (premier auteur (prénom et nom)), --category (première rubrique) ; rien n’a été changé');
    expect(snapshotTree(content)).toEqual(before);
    expect(newSite(['--name', 'X', '--url', 'magazine.example', '--author', 'A', '--category', 'B']).stderr).toContain('attendu : une adresse complète');
  });

  it('replaces the sample with a magazine that checks and builds, the sample kept aside, its addresses not held against the new one', () => {
    const sample = buildSite({ contentDir: content, outDir, env: { ROTATIVE_CACHE_DIR: cache } });
    expect(sample.status, sample.stderr + sample.stdout).toBe(0);

    const run = newSite(['--name', 'La Gazette du Code', '--url', 'https://gazette-du-code.example/', '--author', 'Jeanne Dupont', '--category', 'Actualité']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('✔ Nouveau magazine « La Gazette du Code »');
    expect(parse(readFileSync(path.join(content, 'site.yaml'), 'utf8'))).toEqual({ name: 'La Gazette du Code', url: 'https://gazette-du-code.example', language: 'fr-FR' });
    expect(readFileSync(path.join(content, 'site.yaml'), 'utf8')).toMatch(/^# legal:\n#   publisher: /m);
    expect(parse(readFileSync(path.join(content, 'authors/jeanne-dupont.yaml'), 'utf8'))).toEqual({ name: 'Jeanne Dupont' });
    expect(parse(readFileSync(path.join(content, 'categories/actualite.yaml'), 'utf8'))).toEqual({ title: 'Actualité' });
    expect(readdirSync(path.join(content, 'articles'))).toEqual([]);
    // Nothing deleted: the sample, whole, beside it.
    expect(existsSync(path.join(`${content}-exemple`, 'articles/2016/lancement.mdx'))).toBe(true);

    const check = runScript('scripts/check.ts', { contentDir: content, args: ['--content-only'] });
    expect(check.status, check.stderr + check.stdout).toBe(0);
    expect(check.stdout).toContain('✔ Le contenu est valide : 0 article, 1 auteur, 1 rubrique');

    // Built into the same folder, with the same cache, as the sample was.
    const built = buildSite({ contentDir: content, outDir, env: { ROTATIVE_CACHE_DIR: cache } });
    expect(built.status, built.stderr + built.stdout).toBe(0);
    expect(built.stdout + built.stderr).not.toContain('disparaîtrai');
    expect(existsSync(path.join(outDir, 'rubriques/actualite/index.html'))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(outDir, 'rotative-urls.json'), 'utf8'))).toEqual({ site: 'https://gazette-du-code.example/', articles: [] });
  });
});
