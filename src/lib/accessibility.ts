/**
 * The accessibility statement (`accessibilite` in site.yaml): the conformity
 * every page's footer states, and the warnings `npm run check` and the build
 * summary print for each field the statement lacks. A warning, not an error,
 * as for the legal notice (src/lib/legal.ts): a site builds before its audit.
 */
import type { Accessibility } from '../schemas/site.ts';

/** The conformity the site declares: « totalement », « partiellement » or « non » (conforme). */
export type Conformity = NonNullable<Accessibility['etat']>;

/**
 * What the site declares: the audit's finding, or « non » conforme when no
 * audit is written (no `accessibilite`, or no `etat`): without an audit, a
 * site may not claim any conformity.
 */
export function conformityOf(accessibility: Accessibility | undefined): Conformity {
  return accessibility?.etat ?? 'non';
}

/** A field of `accessibilite`, as the writer names it. */
interface AccessibilityField {
  /** The YAML path in site.yaml. */
  path: string;
  /** What it is, in French, with its article. */
  name: string;
  /** The pronoun that stands for it (« la publier », « le publier », « les publier »). */
  pronoun: 'le' | 'la' | 'les';
  /** Whether the statement lacks it. */
  missing: (a: Accessibility) => boolean;
}

/** Every field the statement must give (décret n° 2019-768, art. 3), in the order the page shows them. */
export const ACCESSIBILITY_FIELDS: readonly AccessibilityField[] = [
  { path: 'accessibilite.etat', name: 'l’état de conformité', pronoun: 'le', missing: (a) => a.etat === undefined },
  { path: 'accessibilite.date', name: 'la date de l’audit', pronoun: 'la', missing: (a) => a.date === undefined },
  { path: 'accessibilite.referentiel', name: 'le référentiel de l’audit', pronoun: 'le', missing: (a) => a.referentiel === undefined },
  { path: 'accessibilite.auditeur', name: 'l’auteur de l’audit', pronoun: 'le', missing: (a) => a.auditeur === undefined },
  {
    path: 'accessibilite.non_conformites',
    name: 'la liste des contenus non accessibles',
    pronoun: 'la',
    // A site fully conformant has none to list.
    missing: (a) => a.etat !== 'totalement' && (a.non_conformites ?? []).length === 0,
  },
  { path: 'accessibilite.contact', name: 'le moyen de signaler un défaut d’accessibilité', pronoun: 'le', missing: (a) => a.contact === undefined },
  { path: 'accessibilite.schema_pluriannuel', name: 'le schéma pluriannuel de mise en accessibilité', pronoun: 'le', missing: (a) => a.schema_pluriannuel === undefined },
];

/**
 * One French sentence per field the statement lacks (every field when
 * site.yaml has no `accessibilite`): « déclaration d’accessibilité : la date
 * de l’audit (accessibilite.date) manque dans site.yaml ; la loi (loi
 * n° 2005-102, art. 47) impose de la publier ». Empty when it is complete.
 */
export function accessibilityWarnings(accessibility: Accessibility | undefined): string[] {
  return ACCESSIBILITY_FIELDS.filter((f) => !accessibility || f.missing(accessibility)).map(
    (f) => `déclaration d’accessibilité : ${f.name} (${f.path}) manque dans site.yaml ; la loi (loi n° 2005-102, art. 47) impose de ${f.pronoun} publier`,
  );
}

/** Where the statement's contact link goes: `mailto:` for an e-mail address, the form's URL as it is. */
export function contactHref(contact: string): string {
  return /^https?:\/\//.test(contact) ? contact : `mailto:${contact}`;
}
