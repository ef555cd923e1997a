import { describe, it, expect } from 'vitest';
import { frenchTypography, NBSP, NNBSP, splitOrdinals, typesetBlock } from '../../src/lib/typography.ts';

const f = frenchTypography;
// Readable expectations: `_` stands for NNBSP (fine), `~` for NBSP.
const t = (s: string) => s.replace(/_/g, NNBSP).replace(/~/g, NBSP);

describe('constants', () => {
  it('are the right code points', () => {
    expect(NNBSP).toBe('\u202F');
    expect(NBSP).toBe('\u00A0');
  });
});

describe('narrow no-break space before ; ! ?', () => {
  it('replaces an ordinary space', () => {
    expect(f('Vraiment ?')).toBe(t('Vraiment_?'));
    expect(f('Oui ! Non ; peut-être.')).toBe(t('Oui_! Non_; peut-être.'));
  });

  it('replaces a no-break space or a thin space', () => {
    expect(f(`Vraiment${NBSP}?`)).toBe(t('Vraiment_?'));
    expect(f('Vraiment\u2009?')).toBe(t('Vraiment_?'));
  });

  it('collapses several spaces into one', () => {
    expect(f('Vraiment   ?')).toBe(t('Vraiment_?'));
  });

  it('inserts one when the mark follows a word', () => {
    expect(f('Vraiment?')).toBe(t('Vraiment_?'));
    expect(f('Oui! Non; peut-être.')).toBe(t('Oui_! Non_; peut-être.'));
    expect(f('En 2016!')).toBe(t('En 2016_!'));
  });

  it('inserts one after closing punctuation', () => {
    expect(f('Il a dit « non »?')).toBe(t('Il a dit «~non~»_?'));
    expect(f('(vraiment)!')).toBe(t('(vraiment)_!'));
  });

  it('puts one space before a run such as ?! or !!!', () => {
    expect(f('Quoi?!')).toBe(t('Quoi_?!'));
    expect(f('Quoi ?!')).toBe(t('Quoi_?!'));
    expect(f('Incroyable!!!')).toBe(t('Incroyable_!!!'));
    expect(f('Incroyable !!!')).toBe(t('Incroyable_!!!'));
  });

  it('does not touch a mark after another mark', () => {
    expect(f('Non ! !')).toBe(t('Non_! !'));
  });

  it('does not touch a mark at the start of the text or of a line', () => {
    expect(f('? au début')).toBe('? au début');
    expect(f('!')).toBe('!');
    expect(f('  ! espaces')).toBe('  ! espaces');
    expect(f('Ligne\n! suivante')).toBe('Ligne\n! suivante');
  });

  it('does not touch marks after an opening bracket or guillemet', () => {
    expect(f('Il viendra (?) demain')).toBe('Il viendra (?) demain');
  });

  it('does not insert inside a token (mark followed by a letter)', () => {
    expect(f('a?b')).toBe('a?b');
    expect(f('x;y')).toBe('x;y');
  });
});

describe('no-break space before :', () => {
  it('replaces a space and inserts a missing one', () => {
    expect(f('Voici : la liste')).toBe(t('Voici~: la liste'));
    expect(f('Voici: la liste')).toBe(t('Voici~: la liste'));
    expect(f('Note:')).toBe(t('Note~:'));
  });

  it('uses a no-break space, not a narrow one', () => {
    expect(f(`Voici${NNBSP}: la liste`)).toBe(t('Voici~: la liste'));
  });

  it('leaves times and ratios alone', () => {
    expect(f('Rendez-vous à 8:30.')).toBe('Rendez-vous à 8:30.');
    expect(f('Il est 10:30:15')).toBe('Il est 10:30:15');
    expect(f('un ratio 1:2')).toBe('un ratio 1:2');
  });

  it('leaves code-like tokens alone', () => {
    expect(f('la balise og:title')).toBe('la balise og:title');
    expect(f('std::vector')).toBe('std::vector');
    expect(f('C:\\Windows')).toBe('C:\\Windows');
  });

  it('does not touch a colon at the start of the text', () => {
    expect(f(': rien')).toBe(': rien');
  });
});

describe('guillemets', () => {
  it('inserts no-break spaces when missing', () => {
    expect(f('«Bonjour»')).toBe(t('«~Bonjour~»'));
  });

  it('replaces ordinary spaces', () => {
    expect(f('« Bonjour »')).toBe(t('«~Bonjour~»'));
    expect(f('«   Bonjour   »')).toBe(t('«~Bonjour~»'));
  });

  it('replaces narrow no-break spaces too', () => {
    expect(f(`«${NNBSP}Bonjour${NNBSP}»`)).toBe(t('«~Bonjour~»'));
  });

  it('keeps correct guillemets as they are', () => {
    expect(f(t('le «~cloud à la française~»'))).toBe(t('le «~cloud à la française~»'));
  });

  it('combines with other marks inside and after', () => {
    expect(f('« Vraiment? » dit-il.')).toBe(t('«~Vraiment_?~» dit-il.'));
    expect(f('Le « cloud » : un désastre')).toBe(t('Le «~cloud~»~: un désastre'));
  });

  it('does not join a guillemet to a line break', () => {
    expect(f('«\nBonjour\n»')).toBe('«\nBonjour\n»');
  });

  it('handles empty guillemets', () => {
    expect(f('«»')).toBe(t('«~»'));
  });
});

describe('apostrophe', () => {
  it('becomes typographic between letters', () => {
    expect(f("aujourd'hui")).toBe('aujourd’hui');
    expect(f("l'État")).toBe('l’État');
    expect(f("qu'il n'y a")).toBe('qu’il n’y a');
  });

  it('stays straight elsewhere', () => {
    expect(f("'citation'")).toBe("'citation'");
    expect(f("l'2")).toBe("l'2");
    expect(f("les années 90'")).toBe("les années 90'");
  });
});

describe('protected text', () => {
  it('leaves URLs with a query string alone', () => {
    expect(f('Voir http://x.fr/a?b=1 pour')).toBe('Voir http://x.fr/a?b=1 pour');
    expect(f('https://example.fr/page;param?q=a:b!c')).toBe('https://example.fr/page;param?q=a:b!c');
  });

  it('leaves the scheme of URLs alone', () => {
    expect(f('https://example.fr')).toBe('https://example.fr');
    expect(f('Le site : https://example.fr/')).toBe(t('Le site~: https://example.fr/'));
  });

  it("leaves apostrophes in URLs alone", () => {
    expect(f("https://example.fr/l'article")).toBe("https://example.fr/l'article");
  });

  it('still spaces the sentence around a URL', () => {
    expect(f('Allez sur https://example.fr/a?b=1 !')).toBe(t('Allez sur https://example.fr/a?b=1_!'));
    expect(f('Lien: www.example.fr.')).toBe(t('Lien~: www.example.fr.'));
  });

  it('keeps balanced parentheses in URLs', () => {
    expect(f('Voir https://fr.wikipedia.org/wiki/Foo_(bar) !')).toBe(`Voir https://fr.wikipedia.org/wiki/Foo_(bar)${NNBSP}!`);
    expect(f('(voir https://example.fr/a)')).toBe('(voir https://example.fr/a)');
  });

  it('leaves e-mail addresses alone', () => {
    expect(f("Écrivez à jean.o'hara@example.fr ; merci")).toBe(t("Écrivez à jean.o'hara@example.fr_; merci"));
  });

  it('leaves smileys alone', () => {
    expect(f('Super :)')).toBe('Super :)');
    expect(f('Super :-)')).toBe('Super :-)');
    expect(f('Bien joué ;)')).toBe('Bien joué ;)');
    expect(f('Ah :D bon')).toBe('Ah :D bon');
  });

  it('restores a placeholder character already in the text', () => {
    expect(f('\uE000 x')).toBe('\uE000 x');
  });
});

describe('general behaviour', () => {
  it('returns text without punctuation unchanged', () => {
    expect(f('Un an après le désastre')).toBe('Un an après le désastre');
    expect(f('')).toBe('');
  });

  it('is idempotent', () => {
    const samples = [
      "Un an après… le désastre du « cloud à la française » : qu'en reste-t-il ?!",
      'Voir https://x.fr/a?b=1 ; ou www.example.fr : bien !',
      'Heure : 8:30 ; ratio 1:2 ; Super :)',
      '«»',
      'Quoi?Non',
      'Non ! ! ?',
      '«  Bonjour  »  !',
      'Il a dit "le « cloud » souverain" et “vraiment” ; un écran de 12" ; un " seul',
      '« il a dit "oui" » puis “non”',
      'Le 1er janvier 2031 à 20 h 30, 10 000 salariés, 75 millions d\'euros, 33%, 12€',
      'la 1ère fois, la 2ème, le XIXème siècle, la 2nde',
      'Voir "https://x.fr/a?b=1" ou www.example.fr/10 000',
    ];
    for (const s of samples) {
      const once = f(s);
      expect(f(once)).toBe(once);
    }
  });

  it('handles a realistic title', () => {
    expect(f("Un an après… le désastre du « cloud à la française » : qu'en reste-t-il ?")).toBe(
      t('Un an après… le désastre du «~cloud à la française~»~: qu’en reste-t-il_?'),
    );
  });

  it('never touches line breaks', () => {
    expect(f('Un\nDeux\n\nTrois ?')).toBe(t('Un\nDeux\n\nTrois_?'));
  });
});

describe('straight and English quotes become guillemets', () => {
  it('turns a pair of straight quotes into « » with no-break spaces inside', () => {
    expect(f('Il a dit "vraiment" hier')).toBe(t('Il a dit «~vraiment~» hier'));
    expect(f('"Vraiment"')).toBe(t('«~Vraiment~»'));
    expect(f('le " cloud "')).toBe('le " cloud "');
  });

  it('turns English curly quotes into « » (the Markdown processor may have curled them)', () => {
    expect(f('Il a dit “vraiment” hier')).toBe(t('Il a dit «~vraiment~» hier'));
  });

  it('keeps punctuation around the quote in place', () => {
    expect(f('("non"), "oui"; "peut-être"?')).toBe(t('(«~non~»), «~oui~»_; «~peut-être~»_?'));
    expect(f('Il a dit : "Jamais !"')).toBe(t('Il a dit~: «~Jamais_!~»'));
  });

  it('quotes a URL without touching it', () => {
    expect(f('Voir "https://example.fr/a?b=1"')).toBe(t('Voir «~https://example.fr/a?b=1~»'));
  });

  it('leaves an inch mark or a lone quote alone', () => {
    expect(f('un écran de 12" seulement')).toBe('un écran de 12" seulement');
    expect(f('un écran de 12"')).toBe('un écran de 12"');
    expect(f('un " seul')).toBe('un " seul');
    expect(f('"ouvert sans fin')).toBe('"ouvert sans fin');
    expect(f('fermé sans début"')).toBe('fermé sans début"');
    expect(f('“ouvert sans fin')).toBe('“ouvert sans fin');
  });

  it('leaves quotes inside a word or code-like text alone', () => {
    expect(f('a"b"c')).toBe('a"b"c');
    expect(f('key="value"')).toBe('key="value"');
  });
});

describe('quotes inside a quotation', () => {
  it('become “ ” inside guillemets', () => {
    expect(f('« Il a dit "oui" hier »')).toBe(t('«~Il a dit “oui” hier~»'));
    expect(f('« Il a dit “oui” hier »')).toBe(t('«~Il a dit “oui” hier~»'));
  });

  it('become “ ” inside straight quotes', () => {
    expect(f('"Il a dit "oui" hier"')).toBe(t('«~Il a dit “oui” hier~»'));
    expect(f('“Il a dit "oui" hier”')).toBe(t('«~Il a dit “oui” hier~»'));
  });

  it('stay « » after the outer quotation closed', () => {
    expect(f('« Un » puis "deux"')).toBe(t('«~Un~» puis «~deux~»'));
  });

  it('become “ ” in a paragraph that continues a quotation (« opened, not closed)', () => {
    expect(f('« Il a dit "oui"')).toBe(t('«~Il a dit “oui”'));
  });
});

describe('quotes over several text nodes of a block', () => {
  it('pairs a quote opened in one node and closed in another', () => {
    // "le **cloud** souverain" : three text nodes around a <strong>.
    expect(typesetBlock(['Le "', 'cloud', ' souverain" ?'])).toEqual([t('Le «~'), 'cloud', t(' souverain~»_?')]);
    expect(typesetBlock(['"le ', 'cloud', ' souverain"'])).toEqual([t('«~le '), 'cloud', t(' souverain~»')]);
    expect(typesetBlock(['Il dit “', 'oui', '” hier'])).toEqual([t('Il dit «~'), 'oui', t('~» hier')]);
  });

  it('spaces a mark that follows another node', () => {
    expect(typesetBlock(['Vraiment', '?'])).toEqual(['Vraiment', t('_?')]);
  });

  it('gives one string per node and leaves an unbalanced quote alone', () => {
    expect(typesetBlock(['un écran de 12', '" et ', 'plus'])).toEqual(['un écran de 12', '" et ', 'plus']);
    expect(typesetBlock([])).toEqual([]);
    expect(typesetBlock(['Quoi?'])).toEqual([t('Quoi_?')]);
  });

  it('does not pair quotes of a single node on their own (the block decides)', () => {
    expect(f('"le ')).toBe('"le ');
    expect(f(' souverain"')).toBe(' souverain"');
  });

  it('is idempotent', () => {
    const once = typesetBlock(['Le "', 'cloud', ' souverain" ?']);
    expect(typesetBlock(once)).toEqual(once);
  });
});

describe('ordinal spelling', () => {
  it('rewrites 1ère, 2ème, XIXème, 2nde in the short forms', () => {
    expect(f('la 1ère fois, les 1ères, la 2ème, les 3èmes')).toBe('la 1re fois, les 1res, la 2e, les 3es');
    expect(f('le 4ième, le 5eme, le XIXème siècle, la Ière')).toBe('le 4e, le 5e, le XIXe siècle, la Ire');
    expect(f('la 2nde, le 2nd')).toBe('la 2de, le 2d');
  });

  it('leaves words and codes alone', () => {
    expect(f('la 1ème')).toBe('la 1ème');
    expect(f('#2ème1')).toBe('#2ème1');
    expect(f('Mème, Lère')).toBe('Mème, Lère');
  });
});

describe('ordinal superscripts', () => {
  const sups = (text: string) => splitOrdinals(text).filter((s) => typeof s !== 'string');

  it('cuts the suffixes of Arabic ordinals', () => {
    expect(splitOrdinals('le 1er mai')).toEqual(['le 1', { sup: 'er' }, ' mai']);
    expect(splitOrdinals('la 1re, les 1ers, les 1res, le 2e, les 21es, la 2de, le 2d')).toEqual([
      'la 1', { sup: 're' }, ', les 1', { sup: 'ers' }, ', les 1', { sup: 'res' }, ', le 2', { sup: 'e' },
      ', les 21', { sup: 'es' }, ', la 2', { sup: 'de' }, ', le 2', { sup: 'd' },
    ]);
  });

  it('cuts the suffixes of Roman ordinals', () => {
    expect(splitOrdinals('au XIXe et au XXIe siècle')).toEqual(['au XIX', { sup: 'e' }, ' et au XXI', { sup: 'e' }, ' siècle']);
    expect(sups('François Ier, la Ire, le IIe, la Ve République')).toEqual([{ sup: 'er' }, { sup: 're' }, { sup: 'e' }, { sup: 'e' }]);
  });

  it('gives the text back when joined', () => {
    const text = 'le 1er et le 2e, au XIXe';
    expect(splitOrdinals(text).map((s) => (typeof s === 'string' ? s : s.sup)).join('')).toBe(text);
    expect(splitOrdinals('rien')).toEqual(['rien']);
    expect(splitOrdinals('')).toEqual(['']);
    expect(splitOrdinals('1er')).toEqual(['1', { sup: 'er' }]);
  });

  it('does not take words, names or wrong suffixes for ordinals', () => {
    for (const text of ['Me Dupont', 'Le chat', 'Ce jour', 'De rien', 'Mme', 'le', 'Ie', '1e', '0e', '2er', '3re', '3de', 'Intel Xe', 'Iris Xe', 'MCMe']) {
      expect(sups(text), text).toEqual([]);
    }
  });

  it('does not cut inside a word, a hash, a colour or a number', () => {
    for (const text of ['a2e', 'v2e', '#2e2e2e', 'commit 2e4f1ab', '3.2e', '3,2e', '2e-3', '1e10', '2ef', 'sha-2e3', 'x1er']) {
      expect(sups(text), text).toEqual([]);
    }
  });

  it('does not cut inside a URL or an e-mail address', () => {
    expect(sups('https://example.fr/le-2e-tour et 2e.tour@example.fr')).toEqual([]);
  });
});

