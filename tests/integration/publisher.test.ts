/**
 * The publisher's declarations in the built sample magazine, whose site.yaml
 * reserves text and data mining (`tdm`), blocks training crawlers (`robots`)
 * and states a partial accessibility conformity (`accessibilite`): every
 * page, the well-known file, the headers and robots.txt say the same.
 */
import { cpSync, existsSync, globSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import robotsParser from 'robots-parser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSite, fixture, readPage, runScript } from '../helpers/build.ts';
import { fr } from '../../src/i18n/fr.ts';
import { headersFor, parseHeadersFile } from '../helpers/serve.ts';
import { htmlFiles } from '../e2e/site-pages.ts';

const ORIGIN = 'https://echo-numerique.example';
const POLICY = 'https://echo-numerique.example/licence-fouille.json';
let site: string;
const read = (file: string) => readFileSync(path.join(site, file), 'utf8');

beforeAll(() => {
  site = inject('sampleSite');
});

describe('text and data mining reservation', () => {
  it('is in the head of every page', () => {
    const pages = htmlFiles(site);
    expect(pages.length).toBeGreaterThan(50);
    for (const page of pages) {
      const { document } = parseHTML(read(page));
      const meta = (name: string) => [...document.head.querySelectorAll(`meta[name="${name}"]`)].map((m) => m.getAttribute('content'));
      expect(meta('tdm-reservation'), page).toEqual(['1']);
      expect(meta('tdm-policy'), page).toEqual([POLICY]);
    }
  });

  it('is published at /.well-known/tdmrep.json, for every path of the site', () => {
    expect(JSON.parse(read('.well-known/tdmrep.json'))).toEqual([{ location: '/*', 'tdm-reservation': 1, 'tdm-policy': POLICY }]);
  });

  it('is sent as HTTP headers with every page and file, beside the headers of public/_headers', () => {
    const rules = parseHeadersFile(read('_headers'));
    for (const file of ['/', '/articles/un-an-apres-cloudwatt/', '/rss.xml', '/_astro/x.css']) {
      const headers = headersFor(rules, file);
      expect(headers.get('tdm-reservation'), file).toEqual(['1']);
      expect(headers.get('tdm-policy'), file).toEqual([POLICY]);
    }
    expect(headersFor(rules, '/').get('Content-Security-Policy')).toHaveLength(1);
  });
});

describe('robots.txt', () => {
  it('keeps the training crawlers out and lets search engines and everyone else in', () => {
    const robots = robotsParser(`${ORIGIN}/robots.txt`, read('robots.txt'));
    const page = `${ORIGIN}/articles/un-an-apres-cloudwatt/`;
    for (const agent of ['GPTBot', 'CCBot', 'Google-Extended', 'ClaudeBot']) expect(robots.isAllowed(page, agent), agent).toBe(false);
    for (const agent of ['Googlebot', 'Bingbot', 'OAI-SearchBot', 'UnRobot']) expect(robots.isAllowed(page, agent), agent).toBe(true);
    expect(robots.getSitemaps()).toEqual([`${ORIGIN}/sitemap-index.xml`, `${ORIGIN}/news-sitemap.xml`]);
  });
});

/** The text a reader reads, spaces of every kind made one. */
const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('accessibility statement', () => {
  it('every page’s footer states the conformity and links the statement', () => {
    for (const page of htmlFiles(site)) {
      const { document } = parseHTML(read(page));
      const link = document.querySelector('body > footer a[href="/accessibilite/"]');
      expect(text(link), page).toBe('Accessibilité : partiellement conforme');
    }
  });

  it('/accessibilite/ gives the conformity, the audit, what is not accessible, the plan, the contact and the appeal', () => {
    const { document } = parseHTML(read('accessibilite/index.html'));
    expect(text(document.querySelector('h1'))).toBe(fr.accessibility.title);
    const t = fr.accessibility;
    expect([...document.querySelectorAll('main h2')].map(text)).toEqual([t.statusTitle, t.auditTitle, t.nonCompliantTitle, t.planTitle, t.contactTitle, t.appealTitle]);
    const field = (name: string) => document.querySelector(`[data-field="${name}"]`);
    expect(text(field('etat'))).toBe('L’Écho du Numérique est partiellement conforme avec le RGAA 4.1.2.');
    expect(text(field('audit'))).toBe('L’audit de conformité a été réalisé le 14 octobre 2026 par Audit Exemple SARL (société fictive).');
    expect([...field('non_conformites')!.querySelectorAll('li')].map(text)).toEqual([
      'Les graphiques des articles de données n’ont pas d’équivalent textuel détaillé.',
      'Les vidéos intégrées n’ont pas toutes de sous-titres.',
    ]);
    expect(field('schema_pluriannuel')?.querySelector('a')?.getAttribute('href')).toBe('https://echo-numerique.example/schema-pluriannuel-accessibilite.pdf');
    expect(field('contact')?.querySelector('a')?.getAttribute('href')).toBe('mailto:accessibilite@echo-numerique.example');
    expect(document.querySelector('.statement__missing')).toBeNull();
    // A complete statement: no warning in the build summary.
    expect(inject('sampleBuildOutput')).not.toMatch(/déclaration d’accessibilité/);
  });
});

describe('authors on the fediverse and as profiles', () => {
  it('an article by an author with a fediverse account names it as its fediverse:creator; others name none', () => {
    const meta = (page: string) => [...readPage(site, page).querySelectorAll('head meta[name="fediverse:creator"]')].map((m) => m.getAttribute('content'));
    expect(meta('/articles/clouds-hybrides-bleu-s3ns/')).toEqual(['@mariedurand@mastodon.social']);
    const others = globSync('articles/*/index.html', { cwd: site }).filter((f) => !read(f).includes('/auteurs/marie-durand/'));
    expect(others.length).toBeGreaterThan(0);
    for (const file of others) expect(meta(`/${path.dirname(file)}/`), file).toEqual([]);
  });

  it('an author page is a schema.org ProfilePage of the Person, with job title, portrait and other profiles', () => {
    const doc = readPage(site, '/auteurs/marie-durand/');
    const lds = [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent ?? ''));
    const profile = lds.find((ld) => ld['@type'] === 'ProfilePage');
    expect(profile.mainEntity).toMatchObject({
      '@type': 'Person',
      name: 'Marie Durand',
      url: `${ORIGIN}/auteurs/marie-durand/`,
      jobTitle: 'Journaliste cloud et infrastructures',
      sameAs: ['https://mastodon.social/@mariedurand', 'https://marie-durand.example'],
    });
    const image = new URL(profile.mainEntity.image);
    expect(image.origin).toBe(ORIGIN);
    expect(globSync(image.pathname.slice(1), { cwd: site })).toHaveLength(1);
  });
});

/** Adds `corrections:` to the front matter of an article of a copied content tree. */
function addCorrections(content: string, file: string, corrections: string): void {
  const full = path.join(content, 'articles', file);
  writeFileSync(full, readFileSync(full, 'utf8').replace(/\n---\n/, `\ncorrections:\n${corrections}---\n`));
}

describe('the basic fixture: corrections, and a site.yaml without tdm or robots', () => {
  let work: string;
  let out: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'rotative-publisher-'));
    const content = path.join(work, 'content');
    cpSync(fixture('basic'), content, { recursive: true });
    addCorrections(content, '2016/lancement.mdx', '  - { at: 2012-09-07T10:00:00+02:00, text: "La date du lancement était fausse." }\n  - { at: 2016-06-01T09:00:00+02:00, text: "Le nom du ministre a été corrigé." }\n');
    addCorrections(content, '2016/premier-episode/index.mdx', '  - { at: 2016-05-20T09:30:00+02:00, text: "Une première version citait un autre opérateur." }\n');
    addCorrections(content, '2016/brouillon.mdx', '  - { at: 2016-05-02T09:00:00+02:00, text: "Correction d’un brouillon." }\n');
    const result = buildSite({ contentDir: content, outDir: path.join(work, 'dist') });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    out = result.outDir;
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('/corrections/ lists every notice of the published articles, newest first, with the article and the date', () => {
    const doc = readPage(out, '/corrections/');
    expect(text(doc.querySelector('h1'))).toBe(fr.corrections.pageTitle);
    const items = [...doc.querySelectorAll('.corrections-page__list > li')].map((li) => ({
      article: li.querySelector('h2 a')?.getAttribute('href'),
      title: text(li.querySelector('h2')),
      at: li.querySelector('time')?.getAttribute('datetime'),
      text: text(li.querySelector('p:last-child')),
    }));
    expect(items).toEqual([
      { article: '/articles/lancement/', title: 'Le lancement', at: '2016-06-01T09:00:00+02:00', text: 'Le nom du ministre a été corrigé.' },
      { article: '/articles/premier-episode/', title: 'Un an après : le premier épisode', at: '2016-05-20T09:30:00+02:00', text: 'Une première version citait un autre opérateur.' },
      { article: '/articles/lancement/', title: 'Le lancement', at: '2012-09-07T10:00:00+02:00', text: 'La date du lancement était fausse.' },
    ]);
    expect(text(doc.querySelector('.corrections-page__list time'))).toBe('1er juin 2016 à 9 h 00');
  });

  it('the footer of every page links the corrections page', () => {
    for (const page of htmlFiles(out)) {
      const { document } = parseHTML(readFileSync(path.join(out, page), 'utf8'));
      expect(text(document.querySelector(`body > footer a[href="/corrections/"]`)), page).toBe(fr.corrections.pageTitle);
    }
  });

  it('declares no mining reservation and lets every crawler in', () => {
    const home = readPage(out, '/');
    expect(home.querySelector('meta[name^="tdm-"]')).toBeNull();
    expect(existsSync(path.join(out, '.well-known'))).toBe(false);
    expect(readFileSync(path.join(out, '_headers'), 'utf8')).not.toMatch(/tdm-/i);
    const robots = robotsParser('https://gazette.example/robots.txt', readFileSync(path.join(out, 'robots.txt'), 'utf8'));
    for (const agent of ['GPTBot', 'CCBot', 'PerplexityBot', 'Googlebot']) expect(robots.isAllowed('https://gazette.example/articles/lancement/', agent), agent).toBe(true);
  });
});

describe('npm run check and the accessibility statement', () => {
  it('warns once per missing field of the statement, in French, and still accepts the content', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'rotative-a11y-check-'));
    try {
      const content = path.join(work, 'content');
      cpSync(fixture('basic'), content, { recursive: true });
      writeFileSync(path.join(content, 'site.yaml'), `${readFileSync(path.join(content, 'site.yaml'), 'utf8')}accessibilite:\n  etat: partiellement\n  referentiel: "RGAA 4.1.2"\n  contact: "https://gazette.example/contact"\n`);
      const result = runScript('scripts/check.ts', { contentDir: content, args: ['--content-only'], outDir: path.join(work, 'unused-out') });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('✔ Le contenu est valide');
      const warnings = result.stderr.split('\n').filter((l) => l.includes('déclaration d’accessibilité'));
      expect(warnings.map((w) => /\((accessibilite\.[a-z_]+)\)/.exec(w)?.[1])).toEqual([
        'accessibilite.date',
        'accessibilite.auditeur',
        'accessibilite.non_conformites',
        'accessibilite.schema_pluriannuel',
      ]);
      expect(warnings[0]).toBe('⚠ déclaration d’accessibilité : la date de l’audit (accessibilite.date) manque dans site.yaml ; la loi (loi n° 2005-102, art. 47) impose de la publier');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
