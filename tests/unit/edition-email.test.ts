/**
 * The e-mail of an edition as mjml writes it (src/lib/edition-email.ts):
 * the writers' text stays text, nothing is fetched but the site's images,
 * and the feed carries the body alone.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { editionEmailHtml, emailBody, type EmailEdition } from '../../src/lib/edition-email.ts';

const EDITION: EmailEdition = {
  language: 'fr-FR',
  siteName: 'La Gazette de Test',
  siteUrl: 'https://gazette.example/',
  webUrl: 'https://gazette.example/edition/2026-S48/',
  title: 'R&D : la semaine <script>alert(1)</script>',
  chapo: 'Un « chapô ».',
  period: 'Du 23 novembre 2026 au 29 novembre 2026',
  preview: 'Un « chapô ».',
  wordHtml: '<p>Le mot, avec <img src="https://gazette.example/_images/large-1600.jpg" alt="Une image" width="1600" height="900"></p>',
  sections: [
    {
      title: 'Cloud',
      url: 'https://gazette.example/rubriques/cloud/',
      articles: [
        {
          title: 'Un "titre" & <b>gras</b>',
          url: 'https://gazette.example/articles/un/',
          description: 'Le chapô.',
          meta: 'Alice Martin · 24 novembre 2026',
          image: { src: 'https://gazette.example/_images/un-800.jpg', alt: 'Une "photo"', width: 800, height: 450 },
        },
      ],
    },
  ],
  labels: { webVersion: 'Lire cette édition sur le site', word: 'Le mot de la rédaction', read: 'Lire l’article' },
};

describe('editionEmailHtml', () => {
  it('keeps the writers’ text as text, and links the web version and each article', async () => {
    const html = await editionEmailHtml(EDITION);
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelector('h1')!.textContent).toBe('R&D : la semaine <script>alert(1)</script>');
    expect(document.querySelector('h3 a')!.textContent).toBe('Un "titre" & <b>gras</b>');
    expect(document.querySelector('img[src$="un-800.jpg"]')!.getAttribute('alt')).toBe('Une "photo"');
    expect([...document.querySelectorAll(`a[href="${EDITION.webUrl}"]`)].length).toBe(2);
    expect(document.querySelector('a[href="https://gazette.example/articles/un/"]')).not.toBeNull();
    expect(document.documentElement.getAttribute('lang')).toBe('fr-FR');
    // Headings in order: the edition, each rubrique, its articles.
    expect([...document.querySelectorAll('h1, h2, h3')].map((h) => h.tagName)).toEqual(['H1', 'H2', 'H2', 'H3']);
  });

  it('links no font, stylesheet or other host, and narrows the editors’ images to the column', async () => {
    const html = await editionEmailHtml(EDITION);
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('link')).toHaveLength(0);
    expect(html).not.toMatch(/@import|fonts\.googleapis/);
    for (const img of document.querySelectorAll('img')) expect(img.getAttribute('src')).toMatch(/^https:\/\/gazette\.example\//);
    expect(document.querySelector('img[src$="large-1600.jpg"]')!.getAttribute('style')).toMatch(/max-width: ?100%/);
  });

  it('asks search engines not to index it: the edition’s page is the one to find', async () => {
    const { document } = parseHTML(await editionEmailHtml(EDITION));
    expect(document.querySelector('head meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
  });

  it('gives the feed the body alone', async () => {
    const body = emailBody(await editionEmailHtml(EDITION));
    expect(body).not.toMatch(/<\/?(html|head|body|style)\b/i);
    expect(body).toContain('Lire cette édition sur le site');
  });

  it('gives each of several editions asked at once its own e-mail', async () => {
    const weeks = ['2026-S46', '2026-S47', '2026-S48'];
    const emails = await Promise.all(weeks.map((week) => editionEmailHtml({ ...EDITION, title: `Semaine ${week}`, webUrl: `https://gazette.example/edition/${week}/` })));
    emails.forEach((html, i) => {
      const { document } = parseHTML(html);
      expect(document.querySelector('h1')?.textContent).toBe(`Semaine ${weeks[i]}`);
      expect(document.querySelector('title')?.textContent).toBe(`Semaine ${weeks[i]} — La Gazette de Test`);
    });
  });
});
