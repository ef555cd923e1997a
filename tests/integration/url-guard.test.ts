/**
 * The refusal to lose a published URL holds wherever the build runs, as on
 * a CI that starts each run with an empty output folder: the addresses come
 * from the cache's record of the previous build, or, without one, from the
 * live site's rotative-urls.json (here served by `wrangler pages dev`, the
 * Cloudflare Pages runtime, on 127.0.0.1).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, fixture, runScript } from '../helpers/build.ts';
import { startWrangler, type WranglerServer } from '../helpers/wrangler.ts';

const root = mkdtempSync(path.join(tmpdir(), 'rotative-url-guard-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the basic fixture (published: lancement, premier-episode). */
function magazine(name: string): string {
  const content = path.join(root, name);
  cpSync(fixture('basic'), content, { recursive: true });
  return content;
}
const deleteEpisode = (content: string) => rmSync(path.join(content, 'articles/2016/premier-episode'), { recursive: true });

describe('the cache remembers what the previous build published', () => {
  const content = magazine('content');
  const cache = path.join(root, 'cache');
  const env = { ROTATIVE_CACHE_DIR: cache };

  it('a first build says it has nothing to compare with, builds, and publishes its addresses', () => {
    const first = buildSite({ contentDir: content, outDir: path.join(root, 'first'), env });
    expect(first.status, first.stderr + first.stdout).toBe(0);
    expect(first.stdout).toContain('adresses déjà publiées non vérifiées : le cache n’a aucun enregistrement pour https://gazette.example/');
    const manifest = JSON.parse(readFileSync(path.join(first.outDir, 'rotative-urls.json'), 'utf8'));
    expect(manifest).toEqual({ site: 'https://gazette.example/', articles: ['lancement', 'premier-episode'] });
  });

  it('a deleted article is refused by the next build into an empty output folder, and nothing is written', () => {
    deleteEpisode(content);
    const outDir = path.join(root, 'fresh');
    const second = buildSite({ contentDir: content, outDir, env });
    expect(second.status).toBe(1);
    const out = second.stderr + second.stdout;
    expect(out).toContain(`l’article « premier-episode » du site précédent (adresses enregistrées dans le cache, ${cache}/published-urls/`);
    expect(out).toContain('n’a plus de page ni de redirection');
    expect(out).toContain('aliases: [premier-episode]');
    expect(out).not.toContain('« lancement »');
    expect(existsSync(outDir)).toBe(false);
    // npm run check says what the build refuses, in the same words, without a stack trace.
    const checked = runScript('scripts/check.ts', { contentDir: content, outDir, env, args: ['--content-only'] });
    expect(checked.status).toBe(1);
    expect(checked.stdout).not.toContain('✔ Le contenu est valide');
    expect(checked.stderr).toContain('n’a plus de page ni de redirection');
    expect(checked.stderr).toContain('aliases: [premier-episode]');
    expect(checked.stderr).not.toMatch(/\n\s+at /);
  });

  it('a magazine at another address is not held to these addresses', () => {
    const other = buildSite({ contentDir: content, outDir: path.join(root, 'other'), env: { ...env, SITE_URL: 'https://autre-magazine.example' } });
    expect(other.status, other.stderr + other.stdout).toBe(0);
    expect(other.stdout).toContain('le cache n’a aucun enregistrement pour https://autre-magazine.example/');
  });
});

describe('without a record, the live site says what it published', () => {
  let host: WranglerServer | undefined;
  afterAll(async () => host?.stop());

  it('a build with an empty cache and an empty output folder refuses to lose an address the live site lists', async () => {
    const served = mkdtempSync(path.join(root, 'served-'));
    host = await startWrangler(served);
    const content = magazine('live-content');
    const env = { SITE_URL: host.origin };
    const first = buildSite({ contentDir: content, outDir: path.join(root, 'live-first'), env: { ...env, ROTATIVE_CACHE_DIR: path.join(root, 'live-cache-1') } });
    expect(first.status, first.stderr + first.stdout).toBe(0);
    // Deployed: the built site is what the host serves.
    cpSync(first.outDir, served, { recursive: true });
    const manifestUrl = `${host.origin}/rotative-urls.json`;
    for (let i = 0; i < 100; i++) {
      const res = await fetch(manifestUrl).catch(() => undefined);
      if (res?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await fetch(manifestUrl)).status, host.output()).toBe(200);

    deleteEpisode(content);
    const outDir = path.join(root, 'live-second');
    const second = buildSite({ contentDir: content, outDir, env: { ...env, ROTATIVE_CACHE_DIR: path.join(root, 'live-cache-2') } });
    expect(second.status).toBe(1);
    const out = second.stderr + second.stdout;
    expect(out).toContain(`l’article « premier-episode » du site précédent (adresses publiées en ligne, ${manifestUrl})`);
    expect(out).toContain('aliases: [premier-episode]');
    expect(existsSync(outDir)).toBe(false);
  });
});
