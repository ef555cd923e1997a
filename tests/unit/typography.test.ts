import { describe, it, expect } from 'vitest';
import { frenchTypography, NBSP, NNBSP } from '../../src/lib/typography.ts';

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
