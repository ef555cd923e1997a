/** Strings of the search page's script (kept apart from fr.ts so the browser bundle stays tiny). */
export const searchText = {
  searching: 'Recherche en cours…',
  count: (n: number, query: string) =>
    n === 0 ? `Aucun article ne correspond à «\u00A0${query}\u00A0».` : n === 1 ? `1 article trouvé pour «\u00A0${query}\u00A0».` : `${n} articles trouvés pour «\u00A0${query}\u00A0».`,
};
