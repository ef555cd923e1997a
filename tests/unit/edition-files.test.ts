/**
 * The editors' words of the weekly editions (content/editions/AAAA-Snn.mdx)
 * as the content phase reads them (src/content/load.ts): what it accepts,
 * and each refusal as the writer reads it, in French, with the file and
 * what to write.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import { formatProblem, sortProblems } from '../../src/lib/errors.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-editions-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Saturday of week 48 of 2026. */
const NOW = new Date('2026-11-28T12:00:00+01:00');

const article = (publishedAt: string, extra = '') =>
  `---\ntitle: "Un titre"\ndescription: "Un chapô."\npublishedAt: ${publishedAt}\nauthors: [alice]\ncategory: cloud\n${extra}---\n\nLe texte.\n`;

/** A tree with an article published in week 48 of 2026 and one scheduled in week 50. */
const BASE = {
  'site.yaml': 'name: "Le Test"\nurl: https://test.example\n',
  'authors/alice.yaml': 'name: Alice Martin\n',
  'categories/cloud.yaml': 'title: Cloud\n',
  'articles/2026/jeudi.mdx': article('2026-11-26T08:00:00+01:00'),
  'articles/2026/plus-tard.mdx': article('2026-12-08T08:00:00+01:00'),
  'articles/2026/brouillon.mdx': article('2026-11-10T08:00:00+01:00', 'draft: true\n'),
};

const WORD = '---\ntitre: "Une semaine chargée"\nchapo: "Le résumé de la semaine."\n---\n\nLe mot de la rédaction.\n';

function load(files: Record<string, string>) {
  const content = path.join(mkdtempSync(path.join(work, 'tree-')), 'content');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(content, rel)), { recursive: true });
    writeFileSync(path.join(content, rel), text);
  }
  const loaded = loadContent(content, { now: NOW });
  const shownAs = `${path.relative(process.cwd(), content)}/`;
  return { loaded, problems: sortProblems(loaded.problems).map((p) => formatProblem(p).split(shownAs).join('content/')) };
}

describe('content/editions/: the editors’ word of a week', () => {
  it('reads a word for a week with a published or a scheduled article, front matter optional', () => {
    const { loaded, problems } = load({ ...BASE, 'editions/2026-S48.mdx': WORD, 'editions/2026-S50.mdx': 'Un mot sans en-tête.\n' });
    expect(problems).toEqual([]);
    expect(loaded.editions.map((e) => [e.id, e.data])).toEqual([
      ['2026-S48', { titre: 'Une semaine chargée', chapo: 'Le résumé de la semaine.' }],
      ['2026-S50', {}],
    ]);
  });

  it('refuses a file named otherwise than a week, a week the year lacks, a nested file, and says what to write', () => {
    expect(load({ ...BASE, 'editions/semaine-48.mdx': WORD, 'editions/2026-48.mdx': WORD, 'editions/2025-S53.mdx': WORD, 'editions/2026/2026-S48.mdx': WORD }).problems).toEqual([
      'content/editions/2025-S53.mdx — un nom de fichier, « 2025-S53.mdx », qui n’est pas une semaine ; attendu : un fichier par semaine directement dans content/editions/, nommé d’après la semaine ISO : l’année, « -S », le numéro de la semaine sur deux chiffres ; par exemple editions/2026-S48.mdx pour la semaine en cours',
      'content/editions/2026-48.mdx — un nom de fichier, « 2026-48.mdx », qui n’est pas une semaine ; attendu : un fichier par semaine directement dans content/editions/, nommé d’après la semaine ISO : l’année, « -S », le numéro de la semaine sur deux chiffres ; par exemple editions/2026-S48.mdx pour la semaine en cours',
      'content/editions/2026/2026-S48.mdx — un mot de la rédaction dans un sous-dossier de editions/, qui n’est pas lu ; attendu : un fichier par semaine directement dans content/editions/, nommé d’après la semaine ISO : l’année, « -S », le numéro de la semaine sur deux chiffres ; par exemple editions/2026-S48.mdx pour la semaine en cours',
      'content/editions/semaine-48.mdx — un nom de fichier, « semaine-48.mdx », qui n’est pas une semaine ; attendu : un fichier par semaine directement dans content/editions/, nommé d’après la semaine ISO : l’année, « -S », le numéro de la semaine sur deux chiffres ; par exemple editions/2026-S48.mdx pour la semaine en cours',
    ]);
  });

  it('refuses a word for a week without an article (a draft does not count), an unknown field and code in the body', () => {
    expect(
      load({
        ...BASE,
        'editions/2026-S46.mdx': WORD,
        'editions/2026-S47.mdx': WORD,
        'editions/2026-S48.mdx': '---\ntitre: "Bon"\nauteur: "Alice"\n---\n\nexport const x = 1\n',
      }).problems,
    ).toEqual([
      expect.stringMatching(/^content\/editions\/2026-S46\.mdx — la semaine 2026-S46 n’a aucun article publié ou programmé : son édition n’existe pas ; attendu : un mot de la rédaction pour une semaine qui a au moins un article ; vérifiez le numéro de la semaine dans le nom du fichier, ou supprimez le fichier$/),
      expect.stringMatching(/^content\/editions\/2026-S47\.mdx — la semaine 2026-S47 n’a aucun article/),
      'content/editions/2026-S48.mdx:3 — le champ auteur n’existe pas ; attendu : l’un des champs connus : titre, chapo ; le nom du champ est-il mal orthographié ?',
      expect.stringMatching(/^content\/editions\/2026-S48\.mdx:6 — le code "export const x = 1"/),
    ]);
  });
});
