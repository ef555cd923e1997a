/**
 * What `npm run build` prints when it ends, in French, each count with its
 * own plural: the editors read it (in a terminal, in the publish workflow's
 * log). Pure: the build hands in its figures, this writes the lines.
 */
import type { RebuildWhy } from './rebuild.ts';

/** `1 article`, `2 articles`; `many` for irregular plurals (`1 index`, `2 index`). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n > 1 ? many : one}`;
}

/** Milliseconds as French seconds: `13,4 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
}

/** Bytes in French decimal units: `65 Ko`, `840 Mo`, `1,2 Go`. */
export function bytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1).replace('.', ',')} Go`;
  return n >= 1e6 ? `${Math.round(n / 1e6)} Mo` : `${Math.max(1, Math.round(n / 1e3))} Ko`;
}

/** Why the site will change, as the schedule line says it. */
export const WHY_LABELS: Record<RebuildWhy, string> = {
  published: 'publication',
  expires: 'retrait',
  'leaves-news-sitemap': 'sortie du sitemap Google Actualités',
  'live-ends': 'fin du direct',
  'edition-closes': 'édition de la semaine bouclée',
};

export interface BuildFigures {
  /** Where the site was written, as the writer names it (`dist`). */
  outDir: string;
  totalMs: number;
  published: number;
  drafts: number;
  scheduled: { slug: string; at: string }[];
  expired: { slug: string; at: string }[];
  expiring: { slug: string; at: string }[];
  redirects: number;
  rendered: number;
  renderedFromCache: number;
  renderMs: number;
  /** `pruned`: files of the image cache this build does not publish, deleted (pruneImageCache). */
  images: { sources: number; processed: number; cached: number; files: number; pruned: { files: number; bytes: number } };
  pages: number;
  feeds: number;
  search: { pages: number; made: number; total: number };
  timesMs: { content: number; images: number; pages: number; feeds: number; search: number; check: number; swap: number };
  /** The next moment the site changes, and where the schedule was written (`dist.rebuild.json`), or why not. */
  next: { at: string; why: RebuildWhy; slug: string } | undefined;
  scheduleFile: string;
  scheduleWritten: boolean;
}

/**
 * The summary's lines. Lines that say what this build did (rendering,
 * times) start with `rendu :` or `temps :`: a build that finds the site up
 * to date prints the others again (see isOwnLine).
 */
export function buildSummary(f: BuildFigures): string[] {
  const where = f.scheduleWritten ? `dans ${f.scheduleFile}` : `${f.scheduleFile} non écrit`;
  return [
    `✔ Site construit dans ${f.outDir} en ${seconds(f.totalMs)}`,
    `  articles : ${count(f.published, 'publié')}, ${count(f.scheduled.length, 'programmé')}, ${count(f.drafts, 'brouillon')}`,
    ...f.scheduled.map((a) => `    programmé : ${a.slug} le ${a.at}`),
    ...(f.expired.length ? [`  retirés : ${count(f.expired.length, 'article retiré', 'articles retirés')} à leur date de fin (expiresAt), publiés nulle part`] : []),
    ...f.expired.map((a) => `    retiré : ${a.slug} le ${a.at}`),
    ...f.expiring.map((a) => `    sera retiré : ${a.slug} le ${a.at}`),
    ...(f.redirects ? [`  redirections : ${count(f.redirects, 'ancienne adresse', 'anciennes adresses')} d’article (aliases), dans _redirects et en pages de redirection`] : []),
    `  rendu : ${count(f.rendered, 'article rendu', 'articles rendus')}, ${count(f.renderedFromCache, 'repris', 'repris')} du cache (${seconds(f.renderMs)})`,
    `  images : ${count(f.images.sources, 'source')}, ${count(f.images.processed, 'traitée')}, ${count(f.images.cached, 'reprise')} du cache, ${count(f.images.files, 'fichier publié', 'fichiers publiés')}` +
      (f.images.pruned.files ? `, ${count(f.images.pruned.files, 'fichier inutilisé retiré', 'fichiers inutilisés retirés')} du cache (${bytes(f.images.pruned.bytes)})` : ''),
    `  pages : ${count(f.pages, 'page HTML', 'pages HTML')}, ${count(f.feeds, 'flux', 'flux')} (chacun en RSS, Atom et JSON Feed), ${count(f.search.pages, 'page', 'pages')} dans l’index de recherche (${count(f.search.made, 'index annuel fait', 'index annuels faits')} sur ${f.search.total}, les autres repris du cache)`,
    `  temps : contenu ${seconds(f.timesMs.content)}, images ${seconds(f.timesMs.images)}, pages ${seconds(f.timesMs.pages)}, flux ${seconds(f.timesMs.feeds)}, recherche ${seconds(f.timesMs.search)}, vérification ${seconds(f.timesMs.check)}, remplacement ${seconds(f.timesMs.swap)}`,
    f.next
      ? `  prochaine reconstruction : ${f.next.at} (${WHY_LABELS[f.next.why]} : ${f.next.slug}), ${where}`
      : `  prochaine reconstruction : aucune tant que le contenu ne change pas (${where})`,
  ];
}

/** Whether a summary line says what this build alone did (rendering, times): not printed again by a build that finds the site up to date. */
export function isOwnLine(line: string): boolean {
  return /^\s*(rendu|temps) :/.test(line);
}

/** The line of a build that finds the site as the previous build left it. */
export function upToDateLine(outDir: string, ms: number, builtAt: string): string {
  return `✔ Site à jour dans ${outDir} (${seconds(ms)}) : contenu, code et réglages sont ceux de la construction du ${builtAt}, rien n’est reconstruit (ROTATIVE_FULL_BUILD=1 reconstruit tout)`;
}

/**
 * What an interrupted build says of the output folder `outDir` (as the
 * writer names it): the new site already in it (interrupted after the
 * swap), the previous site left as it was, or nothing published there yet.
 */
export function interruptedLine(signal: string, outDir: string, output: 'new site' | 'previous site' | 'nothing'): string {
  const what =
    output === 'new site'
      ? `le nouveau site est déjà en place dans ${outDir} ; la prochaine construction refera ce qui restait à faire après (les enregistrements du cache)`
      : output === 'previous site'
        ? `le site précédent, dans ${outDir}, est intact`
        : `rien n’a été publié, ${outDir} ne contient aucun site`;
  return `✖ Construction interrompue (${signal}) : ${what}.`;
}
