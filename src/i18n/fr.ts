import type { Conformity } from '../lib/accessibility.ts';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] as const;
/** « mai 2016 » (month 1 to 12), a no-break space between. */
const monthYear = (month: number, year: number) => `${MONTHS[month - 1]}\u00A0${year}`;

/** Every interface string of the magazine, in French. */
export const fr = {
  /** GFM footnotes in an article: the heading of the notes, and the label of each link back to its call (`{reference}`: its number). */
  footnotes: { label: 'Notes', backLabel: 'Revenir à l’appel de note {reference}' },
  skipToContent: 'Aller au contenu',
  home: 'Accueil',
  mainNav: 'Rubriques',
  breadcrumb: 'Fil d’Ariane',
  /** An article's labels (src/lib/labels.ts): its genre, unless plain news, and what money is involved. */
  labels: {
    genre: {
      actualité: 'Actualité',
      analyse: 'Analyse',
      décryptage: 'Décryptage',
      enquête: 'Enquête',
      reportage: 'Reportage',
      entretien: 'Entretien',
      test: 'Test',
      opinion: 'Opinion',
      tribune: 'Tribune',
      éditorial: 'Éditorial',
    },
    sponsor: {
      sponsorisé: (name: string) => `Contenu sponsorisé par ${name}`,
      partenariat: (name: string) => `Partenariat avec ${name}`,
      affiliation: (_name: string) => 'Liens affiliés',
    },
  },
  /** « Sommaire »: an article's table of contents. */
  toc: 'Sommaire',
  by: 'Par',
  publishedOn: 'Publié le',
  updatedOn: 'Mis à jour le',
  readingTime: (minutes: number) => `Lecture\u00A0: ${minutes}\u00A0min`,
  episode: (n: number) => `épisode ${n}`,
  episodeShort: (n: number) => `Épisode ${n}`,
  previousEpisode: 'Épisode précédent',
  nextEpisode: 'Épisode suivant',
  allEpisodes: (series: string) => `Tous les épisodes de «\u00A0${series}\u00A0»`,
  seriesBlock: 'La série',
  followsUp: 'Cet article fait suite à',
  followedBy: (series: string | undefined) => (series ? `${series}\u00A0: lire la suite` : 'Lire la suite'),
  readAlso: 'À lire également',
  readAlsoInline: 'À lire aussi',
  followUs: 'Suivez-nous',
  followUsIntro: 'Retrouvez nos articles où vous lisez l’actualité, sans traceur ni publicité.',
  feeds: 'Flux RSS',
  mainFeed: 'Tous les articles',
  feedOf: (name: string) => `Flux\u00A0: ${name}`,
  /** The formats of a feed, as `<link rel="alternate">` titles and the « Suivez-nous » links name them. */
  feedFormats: { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' },
  /** A feed's title in `<link rel="alternate">`: « L’Écho du Numérique (RSS) ». */
  feedLinkTitle: (name: string, format: string) => `${name} (${format})`,
  /** The page a browser shows for an RSS or Atom feed (src/lib/feed-stylesheet.ts). */
  feedPage: {
    whatTitle: 'Ceci est un flux d’actualité',
    what:
      'Un flux permet de suivre les nouveaux articles sans revenir sur le site\u00A0: un lecteur de flux les rassemble pour vous dès leur parution, sans compte, sans traceur et sans publicité. Pour vous abonner, copiez l’adresse de cette page dans votre lecteur de flux.',
    subscribe: 'S’abonner\u00A0: les adresses de tous nos flux et comment les utiliser',
    latest: 'Derniers articles',
    empty: 'Aucun article pour l’instant.',
    toSite: 'Aller sur le site',
  },
  /** The « S'abonner » page: every feed of the magazine, in each format. */
  subscribe: {
    title: 'S’abonner',
    footer: 'S’abonner aux flux',
    description: (name: string) => `Les flux de ${name}\u00A0: suivez tous les articles, une rubrique, une série, un auteur ou un mot-clé dans votre lecteur de flux.`,
    whatTitle: 'Qu’est-ce qu’un flux\u202F?',
    what:
      'Un flux permet de suivre les nouveaux articles sans revenir sur le site\u00A0: un lecteur de flux les rassemble pour vous dès leur parution, sans compte, sans traceur et sans publicité.',
    howTitle: 'Comment s’abonner\u202F?',
    how: [
      'Choisissez un flux ci-dessous\u00A0: tout le magazine, une rubrique, une série, un auteur ou un mot-clé.',
      'Copiez son adresse\u00A0: un clic la sélectionne en entier.',
      'Collez-la dans votre lecteur de flux. Il en existe de gratuits\u00A0: par exemple Feeder sur Android, NetNewsWire sur iPhone, iPad et Mac, ou le lecteur intégré à Thunderbird sur ordinateur.',
    ],
    formatsNote: 'Les trois formats donnent les mêmes articles, en entier\u00A0: RSS convient à presque tous les lecteurs.',
    all: 'Tout le magazine',
    categories: 'Par rubrique',
    series: 'Par série',
    authors: 'Par auteur',
    tags: 'Par mot-clé',
    /** Under « Par mot-clé »: which tags have a feed (TAG_FEED_MIN_ARTICLES of src/lib/feed.ts). */
    tagsNote: (min: number) => `Les mots-clés d’au moins ${min}\u00A0articles.`,
    feedLink: (feed: string, format: string) => `Flux ${format} «\u00A0${feed}\u00A0»`,
    formats: { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' },
  },
  backToTop: 'Haut de page',
  tags: 'Mots-clés',
  photoCredit: 'Crédit',
  quoteBy: 'Propos de',
  video: {
    play: (title: string) => `Lire la vidéo\u00A0: ${title}`,
    playOnYoutube: (title: string) => `Lire la vidéo «\u00A0${title}\u00A0» sur YouTube`,
    notice: 'La vidéo est hébergée par YouTube\u00A0: elle ne se charge qu’après votre clic.',
    watchOn: 'Voir la vidéo sur YouTube',
    download: 'Télécharger la vidéo',
  },
  /** A `<Galerie>` of an article (src/render/gallery.ts) and its full-size views. */
  gallery: {
    label: (total: number) => `Galerie de ${total}\u00A0photos`,
    enlarge: (n: number, total: number) => `Agrandir la photo ${n} sur ${total}`,
    photo: (n: number, total: number) => `Photo ${n} sur ${total}`,
    previous: 'Précédente',
    next: 'Suivante',
    close: 'Fermer',
  },
  /** The copy button of code blocks (src/scripts/copy-code.js, its markup in BodyScripts.astro). */
  copyCode: { label: 'Copier le code', button: 'Copier', done: 'Copié' },
  live: {
    /** A live blog's state, in its header and on every card that lists it. */
    label: { live: 'En direct', ended: 'Direct terminé', upcoming: 'Direct à venir' },
    /** The self-link of an update: its time is its visible text. */
    linkTo: (time: string) => `${time}, lien vers cette mise à jour`,
  },
  /** `<Verdict>`, the box that closes a product test (src/render/formats.ts). */
  verdict: {
    label: 'Notre verdict',
    pros: 'Points forts',
    cons: 'Points faibles',
    note: 'Note',
    /** The note as a screen reader says it: « 8 sur 10 ». */
    noteSpoken: (value: string, best: number) => `${value} sur ${best}`,
    price: 'Prix',
    version: 'Version testée',
  },
  /** `<Publication>`, a quoted post of a social network. */
  publication: {
    networks: { mastodon: 'Mastodon', bluesky: 'Bluesky', x: 'X' },
    on: (network: string) => `sur ${network}`,
    /** The name of the link out, whose visible text is the date. */
    linkLabel: (network: string, date: string) => `Voir la publication sur ${network}, du ${date}`,
  },
  /** `<Encadre type>`: each type's label. */
  encadre: { retenir: 'À retenir', methode: 'Comment nous avons testé', contexte: 'Le contexte' },
  search: 'Recherche',
  /** The header's search field, on every page. */
  headerSearch: {
    label: 'Rechercher sur le site',
    placeholder: 'Rechercher…',
    /** The button is a magnifying glass: this is its name, for screen readers. */
    submitLabel: 'Lancer la recherche',
  },
  /** The button that opens the rubriques menu on a phone. */
  menu: 'Menu',
  searchPage: {
    title: 'Rechercher un article',
    description: 'Cherchez dans toutes les archives du magazine.',
    label: 'Mots à chercher',
    submit: 'Rechercher',
    noScript: 'La recherche fonctionne dans votre navigateur et demande JavaScript. Sans JavaScript, parcourez les rubriques ci-dessous.',
    browse: 'Parcourir les rubriques',
  },
  footer: (name: string) => `${name} — magazine indépendant, sans traceur.`,
  series: 'Séries',
  authorsLabel: 'Auteurs',
  categoryLabel: 'Rubrique',
  // Index pages: home, series, rubriques, tags, authors, 404.
  leadStory: 'À la une',
  latestArticles: 'Derniers articles',
  /** The home page's block of articles without a cover. */
  homeBriefs: 'En bref',
  /** The home page's block of live blogs. */
  homeLive: 'Les directs',
  /** The link under a rubrique's block on the home page. */
  homeMoreOf: (title: string) => `Toute la rubrique «\u00A0${title}\u00A0»`,
  homePageTitle: (n: number) => `Tous les articles, page ${n}`,
  homeEmpty: 'Aucun article publié pour l’instant.',
  pageN: (n: number) => `Page ${n}`,
  /** A paginated index's title and breadcrumb entry beyond page 1. */
  withPage: (title: string, n: number) => `${title}, page ${n}`,
  pagination: 'Pagination',
  previousPage: 'Page précédente',
  nextPage: 'Page suivante',
  /** Read before each page number by screen readers (« Page 3 »). */
  pageBeforeNumber: 'Page',
  seriesIndexIntro: 'Nos feuilletons au long cours, épisode après épisode.',
  seriesCadence: (cadence: string) => `Rythme\u00A0: ${cadence}`,
  episodeCount: (n: number) => (n === 0 ? 'Aucun épisode publié' : n === 1 ? '1\u00A0épisode' : `${n}\u00A0épisodes`),
  latestEpisode: 'Dernier épisode',
  episodes: 'Les épisodes',
  noEpisodeYet: 'Aucun épisode publié pour l’instant.',
  nextEpisodeOn: (date: string) => `Prochain épisode le ${date}`,
  categoryDescription: (title: string) => `Tous les articles de la rubrique «\u00A0${title}\u00A0».`,
  categoryEmpty: 'Aucun article publié dans cette rubrique pour l’instant.',
  tagKicker: 'Mot-clé',
  tagTitle: (label: string) => `Mot-clé\u00A0: ${label}`,
  tagDescription: (label: string) => `Tous les articles sur «\u00A0${label}\u00A0».`,
  authorArticles: (name: string) => `Articles signés ${name}`,
  authorDescription: (name: string) => `${name}\u00A0: biographie et articles.`,
  authorLinks: 'Sur le Web',
  authorEmpty: 'Aucun article publié pour l’instant.',
  corrections: {
    /** Name of the block of notices, for assistive technologies. */
    label: 'Corrections',
    /** « Correction du 20 mai 2016 à 9 h 30 » (the date already formatted). */
    heading: (date: string) => `Correction du ${date}`,
    /** The page that lists every notice (`/corrections/`). */
    pageTitle: 'Corrections',
    pageDescription: (name: string) => `Toutes les corrections apportées aux articles de ${name}, des plus récentes aux plus anciennes.`,
    pageEmpty: 'Aucun article n’a été corrigé pour l’instant.',
  },
  moved: {
    title: (title: string) => `${title} (nouvelle adresse)`,
    heading: 'Cet article a changé d’adresse',
    text: 'Vous allez être redirigé vers sa nouvelle adresse. Si rien ne se passe, suivez ce lien\u00A0:',
  },
  // Hubs: every rubrique, tag and author; the archive by date.
  articleCount: (n: number) => (n === 0 ? 'Aucun article' : n === 1 ? '1\u00A0article' : `${n}\u00A0articles`),
  categoriesIndex: {
    title: 'Toutes les rubriques',
    description: 'Les rubriques du magazine, chacune avec son flux.',
    feed: (title: string) => `Flux de la rubrique «\u00A0${title}\u00A0»`,
  },
  authorsIndex: {
    title: 'Auteurs',
    description: 'Les journalistes et contributeurs du magazine.',
  },
  tagsIndex: {
    title: 'Tags',
    description: 'Tous les mots-clés des articles publiés, par ordre alphabétique.',
  },
  archive: {
    title: 'Archives',
    description: 'Tous les articles publiés, par année et par mois.',
    /** « mai 2016 ». */
    monthYear,
    yearTitle: (year: number) => `Archives ${year}`,
    /** « Archives de mai 2016 », « Archives d’avril 2016 » (elided before a vowel). */
    monthTitle: (month: number, year: number) => `Archives ${/^[aeiouéàâ]/.test(MONTHS[month - 1] ?? '') ? 'd’' : 'de '}${monthYear(month, year)}`,
    yearDescription: (year: number) => `Tous les articles publiés en ${year}.`,
    monthDescription: (month: number, year: number) => `Tous les articles publiés en ${monthYear(month, year)}.`,
    empty: 'Aucun article publié pour l’instant.',
    monthsOf: (year: number) => `Les mois de ${year}`,
  },
  articlesIndex: {
    title: 'Tous les articles',
    description: 'Les articles les plus récents du magazine.',
    toArchive: 'Tous les articles par année et par mois\u00A0: les archives',
  },
  legal: {
    title: 'Mentions légales',
    description: (name: string) => `Éditeur, direction de la publication et hébergeur de ${name}.`,
    publisher: 'Éditeur',
    director: 'Directeur·rice de la publication',
    host: 'Hébergeur',
    phone: 'Téléphone',
    contact: 'Contact',
    missing: 'Non renseigné.',
  },
  accessibility: {
    /** The footer line every page carries (RGAA): « Accessibilité : partiellement conforme ». */
    footer: (conformity: Conformity) => `Accessibilité\u00A0: ${conformity} conforme`,
    title: 'Déclaration d’accessibilité',
    description: (name: string) => `L’état de conformité de ${name} au référentiel d’accessibilité, ce qui n’est pas encore accessible et comment nous le signaler.`,
    commitment: (name: string) => `${name} s’engage à rendre son site internet accessible, conformément à l’article\u00A047 de la loi n°\u00A02005-102 du 11\u00A0février 2005.`,
    scope: 'Cette déclaration d’accessibilité s’applique à',
    statusTitle: 'État de conformité',
    status: (name: string, conformity: Conformity, reference: string | undefined) =>
      `${name} est ${conformity} conforme${reference ? ` avec le ${reference}` : ''}.`,
    noAudit: 'Aucun audit de conformité n’a encore été réalisé\u00A0: le site est donc déclaré non conforme.',
    auditTitle: 'Résultats des tests',
    audit: (date: string | undefined, auditor: string | undefined) =>
      `L’audit de conformité a été réalisé${date ? ` le ${date}` : ''}${auditor ? ` par ${auditor}` : ''}.`,
    nonCompliantTitle: 'Contenus non accessibles',
    nonCompliantIntro: 'Les contenus suivants ne sont pas conformes\u00A0:',
    noneListed: 'Aucun contenu non accessible n’est recensé.',
    planTitle: 'Schéma pluriannuel',
    plan: 'Le schéma pluriannuel de mise en accessibilité',
    contactTitle: 'Retour d’information et contact',
    contactIntro: 'Si vous ne pouvez pas accéder à un contenu ou à un service, contactez-nous pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme\u00A0:',
    appealTitle: 'Voies de recours',
    appeal:
      'Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez écrire au Défenseur des droits, contacter son délégué dans votre région ou lui écrire par courrier, gratuitement et sans timbre\u00A0: Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
    appealLink: 'Le formulaire de contact du Défenseur des droits',
    missing: 'Non renseigné.',
  },
  footerNav: 'Pied de page',
  footerSections: { categories: 'Rubriques', explore: 'Parcourir', follow: 'S’abonner', about: 'Le magazine' },
  footerFeeds: { rss: 'Flux RSS', atom: 'Flux Atom', json: 'JSON Feed' },
  footerContact: 'Nous écrire',
  notFound: {
    title: 'Page introuvable',
    text: 'La page demandée n’existe pas ou a été déplacée. Voici de quoi retrouver votre chemin.',
    description: 'Cette page n’existe pas ou a été déplacée.',
    home: 'Revenir à la page d’accueil',
    categories: 'Parcourir les rubriques',
    series: 'Toutes les séries',
    search: 'Rechercher un article',
  },
  /** What only the preview (`npm run dev`) shows: never in a build, which publishes neither drafts nor scheduled articles. */
  preview: {
    draftBanner: 'Brouillon\u00A0: cet article n’est publié nulle part.',
    scheduledBanner: (when: string) => `Programmé pour le ${when}`,
    draftBadge: 'Brouillon',
    scheduledBadge: 'Programmé',
    problemsTitle: 'Le contenu a des problèmes',
    problemsIntro: (n: number) =>
      n === 1 ? 'Le site ne peut pas être affiché tant que ce problème n’est pas corrigé\u00A0:' : `Le site ne peut pas être affiché tant que ces ${n} problèmes ne sont pas corrigés\u00A0:`,
    problemsReload: 'Dès que vous enregistrez la correction, cette page se recharge et le site revient.',
    failureTitle: 'Le contenu n’a pas pu être lu',
    failureIntro: 'La préparation du contenu s’est arrêtée sur cette erreur. Enregistrez de nouveau le fichier modifié pour réessayer\u00A0:',
    forbiddenFile: 'Refusé\u00A0: ce fichier est hors du projet et du dossier de contenu (un lien symbolique y mène ailleurs). L’aperçu ne sert que leurs propres fichiers.',
  },
} as const;
