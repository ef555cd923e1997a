/**
 * The benchmark corpus: a content tree valid under Rotative's schema (DESIGN
 * §2), generated deterministically from a seed. Same N, same bytes, on every
 * machine: site.yaml, 10 authors, 8 rubriques, 5 series, 50 tags and N
 * French-like articles of 600–900 words (headings, lists, a blockquote, links,
 * a `<Quote>` in a quarter of them), 10 % of them episodes of a series, all
 * published before BENCH_NOW.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { slugify } from '../../src/lib/slugs.ts';
import { createRng, type Rng } from './prng.ts';

/** "Now" of every benchmark build: every generated article is before it. */
export const BENCH_NOW = '2026-01-15T12:00:00+01:00';
/** Bump when the generator changes: cached covers are keyed by it. */
export const CORPUS_VERSION = 'v1';

const FIRST = new Date('2012-01-02T06:00:00Z').getTime();
const LAST = new Date('2025-12-15T06:00:00Z').getTime();

export const AUTHORS: { id: string; name: string; role: string }[] = [
  { id: 'claire-martin', name: 'Claire Martin', role: 'Journaliste cloud' },
  { id: 'julien-bernard', name: 'Julien Bernard', role: 'Rédacteur en chef' },
  { id: 'sophie-lefevre', name: 'Sophie Lefèvre', role: 'Journaliste sécurité' },
  { id: 'thomas-moreau', name: 'Thomas Moreau', role: 'Journaliste mobile' },
  { id: 'camille-garcia', name: 'Camille Garcia', role: 'Journaliste IA' },
  { id: 'nicolas-roux', name: 'Nicolas Roux', role: 'Journaliste logiciel libre' },
  { id: 'lea-fournier', name: 'Léa Fournier', role: 'Journaliste économie' },
  { id: 'antoine-girard', name: 'Antoine Girard', role: 'Journaliste matériel' },
  { id: 'manon-bonnet', name: 'Manon Bonnet', role: 'Journaliste télécoms' },
  { id: 'hugo-dupont', name: 'Hugo Dupont', role: 'Secrétaire de rédaction' },
];

export const CATEGORIES: { id: string; title: string; description: string }[] = [
  { id: 'cloud', title: 'Cloud', description: "L'informatique en nuage, ses acteurs et ses contrats." },
  { id: 'securite', title: 'Sécurité', description: 'Failles, attaques et défenses.' },
  { id: 'mobile', title: 'Mobile', description: 'Téléphones, applications et opérateurs.' },
  { id: 'intelligence-artificielle', title: 'Intelligence artificielle', description: 'Modèles, usages et régulation.' },
  { id: 'logiciel-libre', title: 'Logiciel libre', description: 'Communautés, licences et projets ouverts.' },
  { id: 'materiel', title: 'Matériel', description: 'Processeurs, serveurs et objets connectés.' },
  { id: 'telecoms', title: 'Télécoms', description: 'Réseaux fixes, mobiles et fibre.' },
  { id: 'economie', title: 'Économie', description: 'Levées de fonds, rachats et résultats.' },
];

export const SERIES: { id: string; title: string; description: string; cadence: string; blurb: string }[] = [
  { id: 'un-an-apres', title: 'Un an après', description: 'Que sont devenus les sujets de l’an passé ?', cadence: 'hebdomadaire', blurb: 'Rendez-vous la semaine prochaine pour un nouvel épisode.' },
  { id: 'dans-les-coulisses', title: 'Dans les coulisses', description: 'Visites des centres de données et des laboratoires.', cadence: 'mensuelle', blurb: 'Prochaine visite le mois prochain.' },
  { id: 'la-faille-du-mois', title: 'La faille du mois', description: 'Une vulnérabilité expliquée de bout en bout.', cadence: 'mensuelle', blurb: 'Une autre faille le mois prochain.' },
  { id: 'portraits-de-startups', title: 'Portraits de start-up', description: 'Les jeunes pousses françaises du numérique.', cadence: 'bimensuelle', blurb: 'Le prochain portrait dans quinze jours.' },
  { id: 'histoire-du-web', title: 'Histoire du Web', description: 'Les grandes dates du Web français.', cadence: 'hebdomadaire', blurb: 'La suite de l’histoire la semaine prochaine.' },
];

export const TAGS: string[] = [
  'cloud souverain', 'OpenStack', 'Kubernetes', 'IA générative', 'RGPD', 'cybersécurité', 'rançongiciel', 'fibre optique',
  '5G', 'Android', 'iOS', 'Linux', 'logiciel libre', 'open data', 'données personnelles', 'startups', 'levée de fonds',
  'semi-conducteurs', 'datacenter', 'énergie', 'télétravail', 'cryptographie', 'navigateur', 'Firefox', 'Wikipédia',
  'régulation', 'Arcep', 'CNIL', 'ANSSI', 'Bruxelles', 'concurrence', 'publicité en ligne', 'réseaux sociaux',
  'messagerie', 'vie privée', 'supercalculateur', 'quantique', 'robotique', 'véhicule autonome', 'satellites',
  'jeu vidéo', 'streaming', 'musique en ligne', 'presse en ligne', 'éducation', 'santé numérique', 'e-commerce',
  'paiement mobile', 'blockchain', 'accessibilité',
];

const SUBJECTS = [
  "l'opérateur historique", 'la start-up lyonnaise', 'le ministère du Numérique', "l'hébergeur roubaisien", 'la Commission européenne',
  'le fabricant taïwanais', "l'éditeur nantais", 'la communauté du projet', 'le régulateur des télécoms', 'la plateforme américaine',
  'le gouvernement', "l'équipe de recherche", 'le consortium', 'la fondation', 'le géant du cloud', "l'agence nationale",
  'le fournisseur d’accès', 'la banque en ligne', 'le constructeur automobile', 'la région Bretagne', 'le laboratoire grenoblois',
  'la direction technique', 'le collectif de développeurs', 'la société de conseil', "l'université de Strasbourg",
];
const VERBS = [
  'annonce', 'prépare', 'dévoile', 'abandonne', 'teste', 'critique', 'rachète', 'finance', 'lance', 'repousse', 'défend',
  'présente', 'publie', 'corrige', 'simplifie', 'ouvre', 'promet', 'déploie', 'suspend', 'renégocie', 'mesure', 'conteste',
  'accélère', 'modernise', 'rejoint',
];
const OBJECTS = [
  'une offre de stockage chiffré', 'un nouveau processeur', 'sa feuille de route', 'un service de messagerie', 'la migration vers IPv6',
  'un centre de données à Marseille', 'une application de suivi', 'le code source de son moteur', 'un appel à projets',
  'une version allégée de son logiciel', 'le chantier de la fibre', 'une plainte auprès de la CNIL', 'un partenariat européen',
  'la refonte de son site', 'une faille critique', 'son modèle de langage', 'une carte graphique économe', 'un réseau privé 5G',
  'le contrat du siècle', 'une bibliothèque de chiffrement', 'un jeu de données ouvert', 'la fin de son ancien système',
  'une levée de fonds record', 'un moteur de recherche souverain', 'un protocole de paiement',
];
const COMPLEMENTS = [
  'après des mois de négociations', 'malgré les critiques', 'dès le mois prochain', 'pour ses clients professionnels',
  'sans calendrier précis', 'à la surprise générale', 'en partenariat avec des universités', 'avec un budget modeste',
  'pour la première fois en France', 'sous la pression des utilisateurs', 'à titre expérimental', 'dans plusieurs régions',
  "d'ici la fin de l'année", 'au grand dam des concurrents', 'selon nos informations', 'pour répondre à la demande',
  'contre l’avis des syndicats', 'dans un contexte tendu', 'avec prudence', 'en toute discrétion',
];
const CONNECTORS = [
  'Pourtant,', 'Par ailleurs,', 'Selon plusieurs sources,', 'De son côté,', 'En clair,', 'Au passage,', 'Surtout,',
  'Dans les faits,', 'Reste que', 'À terme,', 'Pour mémoire,', 'Autrement dit,',
];
const HEADINGS = [
  'Un marché en mutation', 'Ce qui change pour les utilisateurs', 'Les chiffres clés', 'Un calendrier serré', 'La réaction des concurrents',
  'Et maintenant ?', 'Les limites du projet', 'Une question de souveraineté', 'Le point de vue des développeurs', 'Ce que dit la loi',
  'Un modèle économique fragile', 'Les précédents', 'Sur le terrain', 'Les prochaines étapes', 'Un pari risqué',
];
const SPEAKERS: { by: string; role: string }[] = [
  { by: 'Jeanne Dupont', role: 'directrice technique' },
  { by: 'Marc Lefort', role: 'analyste' },
  { by: 'Aïcha Benali', role: 'chercheuse en sécurité' },
  { by: 'Pierre Morel', role: 'président du syndicat professionnel' },
  { by: 'Inès Carpentier', role: 'avocate spécialisée' },
  { by: 'Olivier Chevalier', role: 'fondateur' },
];
const LINK_HOSTS = ['https://www.exemple.fr', 'https://data.exemple.gouv.fr', 'https://blog.exemple.org', 'https://presse.exemple.com'];
const CODE_SNIPPETS = ['kubectl get pods', 'git push --force', 'apt-get upgrade', 'SELECT * FROM clients', 'npm audit', 'ssh -p 2222'];

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('fr-FR') + s.slice(1);
const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
/** A YAML double-quoted string (the generator never produces `"` or `\`, but be safe). */
const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function clause(rng: Rng): string {
  return `${rng.pick(SUBJECTS)} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)} ${rng.pick(COMPLEMENTS)}`;
}

function sentence(rng: Rng): string {
  const r = rng.next();
  if (r < 0.2) return `${rng.pick(CONNECTORS)} ${clause(rng)}.`;
  if (r < 0.3) return `${capitalise(clause(rng))} : ${clause(rng)}.`;
  if (r < 0.38) return `Faut-il croire que ${clause(rng)} ?`;
  if (r < 0.44) return `${capitalise(clause(rng))}, et ${clause(rng)} !`;
  if (r < 0.5) return `${capitalise(rng.pick(SUBJECTS))} évoque « ${rng.pick(OBJECTS)} » ; ${clause(rng)}.`;
  return `${capitalise(clause(rng))}.`;
}

function paragraph(rng: Rng, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rng)).join(' ');
}

export interface ArticlePlan {
  index: number;
  slug: string;
  /** Path relative to the content folder, e.g. articles/2016/le-titre-0042.mdx */
  file: string;
  /** Cover path relative to the content folder, when covers are on. */
  cover?: string;
}

export interface CorpusPlan {
  articles: ArticlePlan[];
  /** The article whose text the warm builds edit. */
  edited: ArticlePlan;
}

/** Formats a UTC instant as local French time with its offset (summer time approximated by month). */
function isoWithOffset(utcMs: number): { iso: string; year: number } {
  const month = new Date(utcMs).getUTCMonth(); // 0-based
  const hours = month >= 3 && month <= 9 ? 2 : 1;
  const local = new Date(utcMs + hours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00+0${hours}:00`;
  return { iso, year: local.getUTCFullYear() };
}

/** The article text (MDX body), 600–900 words. */
function articleBody(rng: Rng, index: number, target: number, slugs: string[]): string {
  const blocks: string[] = [];
  let count = 0;
  const push = (block: string) => {
    blocks.push(block);
    count += words(block.replace(/<[^>]+>|\]\([^)]*\)|[#>*`[\]]/g, ' '));
  };
  const host = rng.pick(LINK_HOSTS);
  push(`${sentence(rng)} ${capitalise(clause(rng))}, comme le détaille [le communiqué officiel](${host}/communique-${index}). ${paragraph(rng, rng.int(2, 3))}`);
  if (index > 0) {
    const other = slugs[rng.int(0, index - 1)]!;
    push(`${paragraph(rng, 2)} Nous en parlions déjà dans [un précédent article](/articles/${other}/).`);
  }
  const headings = rng.sample(HEADINGS, 6);
  const withQuote = index % 4 === 0;
  let section = 0;
  let listDone = false;
  let quoteDone = !withQuote;
  let blockquoteDone = false;
  // Sections with the required blocks first, then plain paragraphs sized to land near the target.
  while (!listDone || !quoteDone || !blockquoteDone || count < target) {
    const remaining = target - count;
    if (listDone && quoteDone && blockquoteDone && remaining < 90) {
      push(paragraph(rng, Math.max(1, Math.ceil(remaining / 17))));
      continue;
    }
    const heading = headings[section % headings.length]!;
    push(`## ${section >= headings.length ? `${heading} (${Math.floor(section / headings.length) + 1})` : heading}`);
    push(paragraph(rng, rng.int(2, 4)));
    if (!listDone) {
      const ordered = rng.chance(0.4);
      const items = Array.from({ length: rng.int(3, 5) }, (_, i) => `${ordered ? `${i + 1}.` : '-'} ${capitalise(clause(rng))} ;`);
      items[items.length - 1] = items[items.length - 1]!.replace(/ ;$/, '.');
      push(`${capitalise(rng.pick(SUBJECTS))} retient plusieurs points :\n\n${items.join('\n')}`);
      listDone = true;
    } else if (!blockquoteDone) {
      push(`> ${sentence(rng)} ${sentence(rng)}`);
      push(`${paragraph(rng, 2)} La commande \`${rng.pick(CODE_SNIPPETS)}\` ne suffit plus, prévient un ingénieur.`);
      blockquoteDone = true;
    } else if (!quoteDone) {
      const speaker = rng.pick(SPEAKERS);
      push(`<Quote by="${speaker.by}" role="${speaker.role}">${sentence(rng)} ${sentence(rng)}</Quote>`);
      quoteDone = true;
    } else if (target - count > 60) {
      push(`${paragraph(rng, rng.int(1, 2))} **${capitalise(clause(rng))}**, et *${clause(rng)}*.`);
    }
    section++;
  }
  return `${blocks.join('\n\n')}\n`;
}

/**
 * Writes the whole tree under `contentDir` (which must be empty or absent).
 * With `covers`, each article gets `cover.src: ./<slug>.jpg` beside it; the
 * image files themselves are written by covers.ts.
 */
export function generateCorpus(contentDir: string, count: number, options: { covers: boolean }): CorpusPlan {
  const rng = createRng(`rotative-bench-${CORPUS_VERSION}`);
  const write = (rel: string, text: string) => {
    const abs = path.join(contentDir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  };

  write(
    'site.yaml',
    [
      'name: "Le Banc d\'Essai du Numérique"',
      'tagline: "Un magazine généré pour mesurer Rotative"',
      'url: https://bench.rotative.example',
      'language: fr-FR',
      'follow:',
      '  - { label: "Google Actualités", url: "https://news.google.com/publications/bench" }',
      '  - { label: "Mastodon", url: "https://mastodon.example/@bench" }',
      '',
    ].join('\n'),
  );
  for (const a of AUTHORS) {
    write(`authors/${a.id}.yaml`, `name: ${q(a.name)}\nrole: ${q(a.role)}\nbio: ${q(`${a.name.split(' ')[0]} écrit pour le magazine depuis ${rng.int(2, 15)} ans.`)}\nlinks:\n  - { label: "Mastodon", url: "https://mastodon.example/@${a.id}" }\n`);
  }
  for (const c of CATEGORIES) write(`categories/${c.id}.yaml`, `title: ${q(c.title)}\ndescription: ${q(c.description)}\n`);
  for (const s of SERIES) {
    write(`series/${s.id}.yaml`, `title: ${q(s.title)}\ndescription: ${q(s.description)}\ncadence: ${q(s.cadence)}\nblurb: ${q(s.blurb)}\n`);
  }

  const articles: ArticlePlan[] = [];
  const slugs: string[] = [];
  const episodes = new Map<string, number>();
  const span = LAST - FIRST;
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const title = capitalise(`${rng.pick(SUBJECTS)} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)}`);
    const headline = rng.chance(0.15) ? `${title} ?` : rng.chance(0.1) ? `« ${title} »` : title;
    const slug = `${slugify(title).split('-').slice(0, 7).join('-')}-${String(i + 1).padStart(width, '0')}`;
    // Article i falls in slot i of the span (dates grow with i), at a time of day between 6 h and 20 h UTC.
    const day = FIRST + Math.floor(((i + rng.next() * 0.9) / count) * span);
    const at = day - (day % 86_400_000) + rng.int(6 * 60, 19 * 60) * 60_000;
    const published = isoWithOffset(at);
    const authorIds = rng.chance(0.15) ? rng.sample(AUTHORS, 2).map((a) => a.id) : [rng.pick(AUTHORS).id];
    const category = rng.pick(CATEGORIES).id;
    const tags = rng.sample(TAGS, rng.int(1, 4));
    const fm: string[] = [
      `title: ${q(headline)}`,
      `description: ${q(`${sentence(rng)} ${rng.chance(0.5) ? sentence(rng) : ''}`.trim())}`,
      `publishedAt: ${published.iso}`,
    ];
    if (rng.chance(0.1)) fm.push(`updatedAt: ${isoWithOffset(at + rng.int(1, 72) * 3_600_000).iso}`);
    fm.push(`authors: [${authorIds.join(', ')}]`, `category: ${category}`, `tags: [${tags.map(q).join(', ')}]`);
    if (i % 10 === 7) {
      const series = SERIES[Math.floor(i / 10) % SERIES.length]!.id;
      const episode = (episodes.get(series) ?? 0) + 1;
      episodes.set(series, episode);
      fm.push(`series: ${series}`, `episode: ${episode}`);
    }
    if (i % 50 === 25 && i >= 100) fm.push(`revisits: [${slugs[i - 100]}]`);
    const file = `articles/${published.year}/${slug}.mdx`;
    const plan: ArticlePlan = { index: i, slug, file };
    if (options.covers) {
      plan.cover = `articles/${published.year}/${slug}.jpg`;
      fm.push('cover:', `  src: ./${slug}.jpg`, `  alt: ${q(`Illustration de l'article : ${title}`)}`, '  credit: "© Banc d\'essai"');
    }
    const body = articleBody(rng, i, rng.int(600, 860), slugs);
    write(file, `---\n${fm.join('\n')}\n---\n\n${body}`);
    slugs.push(slug);
    articles.push(plan);
  }
  return { articles, edited: articles[Math.floor(count / 2)]! };
}

/** The warm builds' edit: one more paragraph in one article (a different one for each run). */
export function editArticle(contentDir: string, article: ArticlePlan, run: number): void {
  const abs = path.join(contentDir, article.file);
  const rng = createRng(`rotative-bench-edit-${run}`);
  const text = readFileSync(abs, 'utf8');
  writeFileSync(abs, `${text}\nMise à jour n° ${run + 1} : ${paragraph(rng, 3)}\n`);
}

/** Counts the words of an article body as a reader would (used by the smoke test). */
export function countWords(mdx: string): number {
  const body = mdx.replace(/^---[\s\S]*?\n---\n/, '');
  return words(body.replace(/<[^>]+>|\]\([^)]*\)|[#>*`[\]]/g, ' '));
}
