import { describe, expect, it } from 'vitest';
import { ACCESSIBILITY_FIELDS, accessibilityWarnings, conformityOf, contactHref } from '../../src/lib/accessibility.ts';
import { siteSchema, type Accessibility } from '../../src/schemas/site.ts';

const site = { name: 'L’Écho', url: 'https://echo.example' };
const complete = {
  etat: 'partiellement',
  date: '2026-10-14',
  referentiel: 'RGAA 4.1.2',
  auditeur: 'Audit Exemple',
  non_conformites: ['Les vidéos n’ont pas toutes de sous-titres.'],
  contact: 'accessibilite@echo.example',
  schema_pluriannuel: 'https://echo.example/schema.pdf',
};
const read = (accessibilite: unknown): Accessibility | undefined => siteSchema.parse({ ...site, accessibilite }).accessibilite;
const issues = (accessibilite: unknown) => siteSchema.safeParse({ ...site, accessibilite }).error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('conformityOf', () => {
  it('declares the audit’s finding, and « non » conforme without an audit', () => {
    expect(conformityOf(read(complete))).toBe('partiellement');
    expect(conformityOf(read({ ...complete, etat: 'totalement' }))).toBe('totalement');
    expect(conformityOf(undefined)).toBe('non');
    expect(conformityOf(read({ contact: 'a@echo.example' }))).toBe('non');
  });
});

describe('accessibilityWarnings', () => {
  it('names every field, in French with the law, when site.yaml has no accessibilite', () => {
    const warnings = accessibilityWarnings(undefined);
    expect(warnings).toHaveLength(ACCESSIBILITY_FIELDS.length);
    expect(warnings[1]).toBe('déclaration d’accessibilité : la date de l’audit (accessibilite.date) manque dans site.yaml ; la loi (loi n° 2005-102, art. 47) impose de la publier');
    for (const path of ['etat', 'date', 'referentiel', 'auditeur', 'non_conformites', 'contact', 'schema_pluriannuel']) {
      expect(warnings.some((w) => w.includes(`(accessibilite.${path})`)), path).toBe(true);
    }
  });

  it('is silent for a complete statement, and names only what is missing', () => {
    expect(accessibilityWarnings(read(complete))).toEqual([]);
    const { auditeur, schema_pluriannuel, ...partial } = complete;
    const warnings = accessibilityWarnings(read(partial));
    expect(warnings.map((w) => /\((accessibilite\.[a-z_]+)\)/.exec(w)?.[1])).toEqual(['accessibilite.auditeur', 'accessibilite.schema_pluriannuel']);
  });

  it('asks for the list of non-accessible contents unless the site is totally conformant', () => {
    const { non_conformites, ...none } = complete;
    expect(accessibilityWarnings(read(none)).join()).toContain('accessibilite.non_conformites');
    expect(accessibilityWarnings(read({ ...none, etat: 'totalement' }))).toEqual([]);
  });
});

describe('accessibilite in site.yaml', () => {
  it('reads the audit date as a date, written as text or as a YAML date', () => {
    expect(read(complete)?.date?.toISOString().slice(0, 10)).toBe('2026-10-14');
    expect(read({ date: new Date('2026-10-14') })?.date?.toISOString().slice(0, 10)).toBe('2026-10-14');
  });

  it('refuses, in French, a conformity other than the three, a date that is not one and a contact that is neither an address nor a URL', () => {
    expect(issues({ etat: 'conforme' })).toEqual([['accessibilite.etat', 'totalement, partiellement ou non (conforme)']]);
    expect(issues({ date: '14/10/2026' })).toEqual([['accessibilite.date', 'la date de l’audit, par exemple 2026-03-15']]);
    expect(issues({ date: '2026-13-45' })?.[0]?.[0]).toBe('accessibilite.date');
    expect(issues({ contact: 'écrivez-nous' })?.[0]?.[0]).toBe('accessibilite.contact');
    expect(issues({ non_conformites: 'tout' })?.[0]?.[0]).toBe('accessibilite.non_conformites');
  });
});

describe('contactHref', () => {
  it('writes to an e-mail address and opens a form', () => {
    expect(contactHref('accessibilite@echo.example')).toBe('mailto:accessibilite@echo.example');
    expect(contactHref('https://echo.example/contact')).toBe('https://echo.example/contact');
  });
});
