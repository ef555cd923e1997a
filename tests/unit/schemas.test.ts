import { describe, expect, it } from 'vitest';
import { typesetFields } from '../../src/lib/typography.ts';
import { articleProse, articleSchema } from '../../src/schemas/article.ts';
import { siteProse, siteSchema } from '../../src/schemas/site.ts';

const NNBSP = '\u202F';
const NBSP = '\u00A0';

describe('typesetFields over the schemas’ prose maps', () => {
  const article = articleSchema.parse({
    title: 'Cloud souverain : et maintenant ?',
    description: 'Un « cloud à la française » ?',
    publishedAt: '2016-05-12T08:00:00+02:00',
    authors: ['marie-durand'],
    category: 'cloud',
    tags: ['cloud : souverain'],
    cover: { src: './a.jpg', alt: 'Vue : la salle', caption: 'La salle : vide', credit: '© Orange ; 2016' },
    corrections: [{ at: '2016-05-20T09:30:00+02:00', text: 'Erreur corrigée !' }],
  });
  const typed = typesetFields(article, articleProse);

  it('typesets every field the map names, lists and nested objects included', () => {
    expect(typed.title).toBe(`Cloud souverain${NBSP}: et maintenant${NNBSP}?`);
    expect(typed.description).toContain(`«${NBSP}cloud`);
    expect(typed.cover?.caption).toBe(`La salle${NBSP}: vide`);
    expect(typed.cover?.credit).toBe(`© Orange${NNBSP}; 2016`);
    expect(typed.corrections[0]!.text).toBe(`Erreur corrigée${NNBSP}!`);
  });

  it('leaves the other fields as written (alt text, tags, paths, dates) and the input untouched', () => {
    expect(typed.cover?.alt).toBe('Vue : la salle');
    expect(typed.tags).toEqual(['cloud : souverain']);
    expect(typed.cover?.src).toBe('./a.jpg');
    expect(typed.publishedAt).toEqual(article.publishedAt);
    expect(article.title).toBe('Cloud souverain : et maintenant ?');
  });

  it('reaches the legal notice of site.yaml, and not its URL or e-mail', () => {
    const site = siteSchema.parse({ name: 'L’Écho : numérique', url: 'https://echo.example', legal: { director: 'Marie Durand : directrice', contact: 'a@b.example', host: { name: 'Hôte : SAS', phone: '+33 1 23 45 67 89' } } });
    const typedSite = typesetFields(site, siteProse);
    expect(typedSite.name).toBe(`L’Écho${NBSP}: numérique`);
    expect(typedSite.legal?.director).toBe(`Marie Durand${NBSP}: directrice`);
    expect(typedSite.legal?.host?.name).toBe(`Hôte${NBSP}: SAS`);
    expect(typedSite.legal?.contact).toBe('a@b.example');
    expect(typedSite.url).toBe('https://echo.example');
  });
});

describe('what the schemas tell a writer', () => {
  it('speaks French for the legal notice, the pages and the lead flag', async () => {
    const { pageSchema } = await import('../../src/schemas/page.ts');
    const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.error?.issues ?? []).map((i) => i.message);
    expect(messages(siteSchema.safeParse({ name: 'X', url: 'https://x.example', legal: { director: '', contact: 'pas-une-adresse', host: { phone: '' } } }))).toEqual([
      'le nom du directeur ou de la directrice de la publication, par exemple "Marie Durand"',
      'le numéro de téléphone de l’hébergeur, par exemple "+33 1 23 45 67 89"',
      'une adresse électronique, par exemple redaction@example.org',
    ]);
    expect(messages(pageSchema.safeParse({ title: ' ', description: '' }))).toEqual(['le titre de la page, par exemple "À propos"', 'une phrase ou deux qui décrivent la page']);
    expect(messages(articleSchema.safeParse({ une: 'oui' })).some((m) => m === 'true ou false')).toBe(true);
  });
});

describe('a date written without its time', () => {
  it('is refused with the full form it stands for, in Paris time with the offset of that season', async () => {
    const { dateTimeField } = await import('../../src/schemas/common.ts');
    const message = (input: string) => dateTimeField.safeParse(input).error?.issues[0]?.message;
    expect(message('2026-12-05')).toBe('la date avec l’heure et le décalage horaire, par exemple 2026-12-05T08:00:00+01:00 (8\u00A0h\u00A000, heure de Paris)');
    expect(message('2026-07-14T09:30')).toBe('la date avec l’heure et le décalage horaire, par exemple 2026-07-14T09:30:00+02:00 (9\u00A0h\u00A030, heure de Paris)');
    expect(message('le 5 décembre')).toContain('par exemple 2016-05-12T08:00:00+02:00');
  });
});

describe('an id written as a name', () => {
  it('suggests the id the name stands for', async () => {
    const { idField } = await import('../../src/schemas/common.ts');
    expect(idField.safeParse('Claire Martin').error?.issues[0]?.message).toBe(
      'un identifiant en minuscules, chiffres et tirets, le nom de son fichier sans .yaml : vouliez-vous dire "claire-martin" ?',
    );
    expect(idField.safeParse('?').error?.issues[0]?.message).toBe('un identifiant en minuscules, chiffres et tirets, par exemple "marie-durand"');
  });
});
