import { describe, expect, it } from 'vitest';
import { buildSummary, count, interruptedLine, isOwnLine, seconds, upToDateLine, type BuildFigures } from '../../src/lib/summary.ts';

const FIGURES: BuildFigures = {
  outDir: 'dist',
  totalMs: 13_412,
  published: 1,
  drafts: 1,
  scheduled: [{ slug: 'episode', at: '2027-03-04T08:00:00+01:00' }],
  expired: [],
  expiring: [],
  redirects: 1,
  rendered: 1,
  renderedFromCache: 0,
  renderMs: 100,
  images: { sources: 1, processed: 1, cached: 0, files: 16, pruned: { files: 0, bytes: 0 } },
  pages: 92,
  feeds: 7,
  search: { pages: 1, made: 1, total: 5 },
  timesMs: { content: 200, images: 8_200, pages: 4_700, feeds: 0, search: 100, check: 100, swap: 0 },
  next: { at: '2026-11-29T09:00:00+01:00', why: 'leaves-news-sitemap', slug: 'black-friday' },
  scheduleFile: 'dist.rebuild.json',
  scheduleWritten: true,
};

describe('the build summary', () => {
  it('is French, each count with its own plural (« 1 article rendu », never « 1 articles rendered »)', () => {
    expect(buildSummary(FIGURES)).toEqual([
      '✔ Site construit dans dist en 13,4 s',
      '  articles : 1 publié, 1 programmé, 1 brouillon',
      '    programmé : episode le 2027-03-04T08:00:00+01:00',
      '  redirections : 1 ancienne adresse d’article (aliases), dans _redirects et en pages de redirection',
      '  rendu : 1 article rendu, 0 repris du cache (0,1 s)',
      '  images : 1 source, 1 traitée, 0 reprise du cache, 16 fichiers publiés',
      '  pages : 92 pages HTML, 7 flux (chacun en RSS, Atom et JSON Feed), 1 page dans l’index de recherche (1 index annuel fait sur 5, les autres repris du cache)',
      '  temps : contenu 0,2 s, images 8,2 s, pages 4,7 s, flux 0,0 s, recherche 0,1 s, vérification 0,1 s, remplacement 0,0 s',
      '  prochaine reconstruction : 2026-11-29T09:00:00+01:00 (sortie du sitemap Google Actualités : black-friday), dans dist.rebuild.json',
    ]);
  });

  it('says plurals, withdrawals and a schedule that could not be written', () => {
    const lines = buildSummary({
      ...FIGURES,
      published: 17,
      drafts: 2,
      rendered: 3,
      expired: [{ slug: 'perime', at: '2026-01-01T00:00:00+01:00' }, { slug: 'vieux', at: '2026-02-01T00:00:00+01:00' }],
      expiring: [{ slug: 'embargo', at: '2027-01-15T00:00:00+01:00' }],
      next: undefined,
      scheduleWritten: false,
    });
    expect(lines).toContain('  articles : 17 publiés, 1 programmé, 2 brouillons');
    expect(lines).toContain('  retirés : 2 articles retirés à leur date de fin (expiresAt), publiés nulle part');
    expect(lines).toContain('    sera retiré : embargo le 2027-01-15T00:00:00+01:00');
    expect(lines).toContain('  rendu : 3 articles rendus, 0 repris du cache (0,1 s)');
    expect(lines.at(-1)).toBe('  prochaine reconstruction : aucune tant que le contenu ne change pas (dist.rebuild.json non écrit)');
  });

  it('says what left the image cache, in French units', () => {
    const line = (files: number, bytes: number) => buildSummary({ ...FIGURES, images: { ...FIGURES.images, pruned: { files, bytes } } }).find((l) => l.startsWith('  images'));
    expect(line(16_004, 1_049_000_000)).toBe('  images : 1 source, 1 traitée, 0 reprise du cache, 16 fichiers publiés, 16004 fichiers inutilisés retirés du cache (1,0 Go)');
    expect(line(1, 65_000)).toBe('  images : 1 source, 1 traitée, 0 reprise du cache, 16 fichiers publiés, 1 fichier inutilisé retiré du cache (65 Ko)');
    expect(line(4, 840_400_000)).toMatch(/4 fichiers inutilisés retirés du cache \(840 Mo\)$/);
  });

  it('marks the lines of this build alone, which an up-to-date build does not print again', () => {
    expect(buildSummary(FIGURES).filter(isOwnLine).map((l) => l.trim().split(' :')[0])).toEqual(['rendu', 'temps']);
    expect(upToDateLine('dist', 1_400, '2026-11-28T12:00:00+01:00')).toBe(
      '✔ Site à jour dans dist (1,4 s) : contenu, code et réglages sont ceux de la construction du 2026-11-28T12:00:00+01:00, rien n’est reconstruit (ROTATIVE_FULL_BUILD=1 reconstruit tout)',
    );
    expect([count(0, 'page'), count(1, 'page'), count(2, 'page'), seconds(960)]).toEqual(['0 page', '1 page', '2 pages', '1,0 s']);
  });
});

describe('an interrupted build', () => {
  it('says what the output folder holds: the previous site, nothing yet, or the new site already', () => {
    expect(interruptedLine('SIGINT', 'dist', 'previous site')).toBe('✖ Construction interrompue (SIGINT) : le site précédent, dans dist, est intact.');
    expect(interruptedLine('SIGTERM', 'dist', 'nothing')).toBe('✖ Construction interrompue (SIGTERM) : rien n’a été publié, dist ne contient aucun site.');
    expect(interruptedLine('SIGTERM', 'dist', 'new site')).toMatch(/^✖ Construction interrompue \(SIGTERM\) : le nouveau site est déjà en place dans dist ;/);
  });
});
