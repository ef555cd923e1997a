/**
 * The publisher's legal notice (« mentions légales », `legal` in site.yaml):
 * which fields French law requires, and the warnings `npm run check` and the
 * build summary print for each one that is missing. A warning, not an error:
 * a site under construction still builds, but the writer is told every time.
 */
import type { Legal } from '../schemas/site.ts';

/** A field of `legal`, as the reader and the writer name it. */
interface LegalField {
  /** The YAML path in site.yaml. */
  path: string;
  /** What it is, in French, with its article (« l’adresse de l’hébergeur »). */
  name: string;
  /** The pronoun that stands for it (« la publier », « le publier »). */
  pronoun: 'le' | 'la';
  value: (legal: Legal) => string | undefined;
}

/** Every field the LCEN (art. 6-III) requires, in the order the page shows them. */
export const LEGAL_FIELDS: readonly LegalField[] = [
  { path: 'legal.publisher', name: 'l’éditeur', pronoun: 'le', value: (l) => l.publisher },
  { path: 'legal.address', name: 'l’adresse de l’éditeur', pronoun: 'la', value: (l) => l.address },
  { path: 'legal.director', name: 'le directeur ou la directrice de la publication', pronoun: 'le', value: (l) => l.director },
  { path: 'legal.host.name', name: 'le nom de l’hébergeur', pronoun: 'le', value: (l) => l.host?.name },
  { path: 'legal.host.address', name: 'l’adresse de l’hébergeur', pronoun: 'la', value: (l) => l.host?.address },
  { path: 'legal.host.phone', name: 'le téléphone de l’hébergeur', pronoun: 'le', value: (l) => l.host?.phone },
  { path: 'legal.contact', name: 'l’adresse électronique de contact', pronoun: 'la', value: (l) => l.contact },
];

/**
 * One French sentence per required field that `legal` lacks (all of them
 * when site.yaml has no `legal` at all), for the writer: « mentions légales :
 * l’adresse de l’hébergeur (legal.host.address) manque ; la loi (LCEN,
 * art. 6-III) impose de la publier ». Empty when the notice is complete.
 */
export function legalWarnings(legal: Legal | undefined): string[] {
  return LEGAL_FIELDS.filter((f) => !legal || f.value(legal) === undefined).map(
    (f) => `mentions légales : ${f.name} (${f.path}) manque dans site.yaml ; la loi (LCEN, art. 6-III) impose de ${f.pronoun} publier`,
  );
}
