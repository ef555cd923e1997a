/**
 * The built site's pages, and one page of each template, found in the build
 * itself so the tests follow the sample content as it grows.
 */
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';

/**
 * Every built HTML page, as paths relative to the site (`articles/x/index.html`).
 * The editions' e-mails (`edition/2026-S48/email.html`) are not pages of the
 * site: written for mail clients (tables, inline styles, no site header or
 * footer), they have their own test (tests/e2e/edition-email.test.ts).
 */
export function htmlFiles(site: string): string[] {
  return globSync('**/*.html', { cwd: site, exclude: ['edition/*/email.html'] })
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/** The URL path a built file is served at (`articles/x/index.html` → `/articles/x/`). */
export function urlPathOf(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

export function readDocument(site: string, file: string): Document {
  return parseHTML(readFileSync(path.join(site, file), 'utf8')).document;
}

export interface Template {
  name: string;
  /** How a page of this template is recognised, for the failure message. */
  expected: string;
  find(site: string, files: string[]): string | undefined;
}

const first = (files: string[], pattern: RegExp) => files.find((f) => pattern.test(f));
const articles = (files: string[]) => files.filter((f) => /^articles\/[^/]+\/index\.html$/.test(f));

/** The templates the reader promises cover (plus the list of all series, the hubs, the archive and the legal page). */
export const TEMPLATES: Template[] = [
  { name: 'accueil', expected: '/index.html', find: (_, files) => first(files, /^index\.html$/) },
  {
    name: 'article avec vidéo',
    expected: 'an /articles/<slug>/ page with a YouTube facade ([data-video-embed])',
    find: (site, files) => articles(files).find((f) => readDocument(site, f).querySelector('[data-video-embed]')),
  },
  {
    name: 'direct',
    expected: 'an /articles/<slug>/ live blog page (section.live-update)',
    find: (site, files) => articles(files).find((f) => readDocument(site, f).querySelector('section.live-update')),
  },
  {
    name: 'article étiqueté, avec sommaire',
    expected: 'an /articles/<slug>/ page with a label above its title (.labels) and a « Sommaire » (nav.toc)',
    find: (site, files) => articles(files).find((f) => {
      const doc = readDocument(site, f);
      return doc.querySelector('.labels') && doc.querySelector('nav.toc');
    }),
  },
  {
    name: 'test de produit',
    expected: 'an /articles/<slug>/ page with a verdict, a quoted post and an encadré (section.verdict, figure.social-post, aside.encadre)',
    find: (site, files) => articles(files).find((f) => readDocument(site, f).querySelector('section.verdict ~ aside.encadre, aside.encadre ~ section.verdict') && readDocument(site, f).querySelector('figure.social-post')),
  },
  {
    name: 'article sans couverture',
    expected: 'an /articles/<slug>/ page without figure.cover',
    find: (site, files) => articles(files).find((f) => !readDocument(site, f).querySelector('figure.cover')),
  },
  { name: 'toutes les séries', expected: '/series/index.html', find: (_, files) => first(files, /^series\/index\.html$/) },
  { name: 'série', expected: '/series/<id>/index.html', find: (_, files) => first(files, /^series\/[^/]+\/index\.html$/) },
  { name: 'rubrique', expected: '/rubriques/<id>/index.html', find: (_, files) => first(files, /^rubriques\/[^/]+\/index\.html$/) },
  { name: 'tag', expected: '/tags/<slug>/index.html', find: (_, files) => first(files, /^tags\/[^/]+\/index\.html$/) },
  { name: 'auteur', expected: '/auteurs/<id>/index.html', find: (_, files) => first(files, /^auteurs\/[^/]+\/index\.html$/) },
  { name: 'toutes les rubriques', expected: '/rubriques/index.html', find: (_, files) => first(files, /^rubriques\/index\.html$/) },
  { name: 'auteurs', expected: '/auteurs/index.html', find: (_, files) => first(files, /^auteurs\/index\.html$/) },
  { name: 'tags', expected: '/tags/index.html', find: (_, files) => first(files, /^tags\/index\.html$/) },
  { name: 'archives', expected: '/archives/index.html', find: (_, files) => first(files, /^archives\/index\.html$/) },
  { name: 'archives d’une année', expected: '/archives/<AAAA>/index.html', find: (_, files) => first(files, /^archives\/\d{4}\/index\.html$/) },
  { name: 'archives d’un mois', expected: '/archives/<AAAA>/<MM>/index.html', find: (_, files) => first(files, /^archives\/\d{4}\/\d{2}\/index\.html$/) },
  { name: 'derniers articles', expected: '/articles/index.html', find: (_, files) => first(files, /^articles\/index\.html$/) },
  { name: 'mentions légales', expected: '/mentions-legales/index.html', find: (_, files) => first(files, /^mentions-legales\/index\.html$/) },
  { name: 's’abonner', expected: '/sabonner/index.html', find: (_, files) => first(files, /^sabonner\/index\.html$/) },
  { name: 'éditions', expected: '/edition/index.html', find: (_, files) => first(files, /^edition\/index\.html$/) },
  { name: 'édition de la semaine', expected: '/edition/<AAAA-Snn>/index.html', find: (_, files) => first(files, /^edition\/\d{4}-S\d{2}\/index\.html$/) },
  {
    name: 'page (à propos)',
    expected: 'a /<slug>/ page of content/pages/, outside the folders of the site’s own routes',
    find: (_, files) => first(files, /^(?!(articles|archives|auteurs|rubriques|tags|series|recherche|page|mentions-legales|sabonner|edition)\/)[^/]+\/index\.html$/),
  },
  { name: 'recherche', expected: '/recherche/index.html', find: (_, files) => first(files, /^recherche\/index\.html$/) },
  { name: '404', expected: '/404.html', find: (_, files) => first(files, /^404\.html$/) },
];

/** Executable scripts (not JSON-LD or other data blocks). */
export function executableScripts(document: Document): HTMLScriptElement[] {
  return [...document.querySelectorAll('script')].filter((s) => {
    const type = (s.getAttribute('type') ?? '').trim().toLowerCase();
    return type === '' || type === 'module' || type === 'text/javascript' || type === 'application/javascript';
  }) as HTMLScriptElement[];
}
