import { describe, expect, it } from 'vitest';
import { fediverseProfileUrl } from '../../src/lib/fediverse.ts';
import { profilePageLd } from '../../src/lib/structured-data.ts';
import { authorSchema } from '../../src/schemas/author.ts';

const author = { name: 'Claire Martin' };
const issue = (fediverse: unknown) => authorSchema.safeParse({ ...author, fediverse }).error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('fediverse in an author file', () => {
  it('accepts an account written @name@instance', () => {
    expect(authorSchema.parse({ ...author, fediverse: '@claire@mastodon.social' }).fediverse).toBe('@claire@mastodon.social');
    expect(authorSchema.parse({ ...author, fediverse: '@claire.m_2@piaille.fr' }).fediverse).toBe('@claire.m_2@piaille.fr');
  });

  it('refuses, in French with an example, a profile URL, a name without its instance, an instance without a dot', () => {
    const expected = [['fediverse', 'un compte du fediverse écrit @nom@instance, par exemple "@claire@mastodon.social"']];
    for (const wrong of ['https://mastodon.social/@claire', '@claire', 'claire@mastodon.social', '@claire@localhost', '@cl aire@mastodon.social', 42]) {
      expect(issue(wrong), String(wrong)).toEqual(expected);
    }
  });
});

describe('fediverseProfileUrl', () => {
  it('gives the profile page on the account’s instance', () => {
    expect(fediverseProfileUrl('@claire@Mastodon.Social')).toBe('https://mastodon.social/@claire');
    expect(() => fediverseProfileUrl('claire')).toThrow(RangeError);
  });
});

describe('profilePageLd', () => {
  it('is a ProfilePage about the Person, with job title, portrait and other profiles once each', () => {
    const ld = JSON.parse(
      JSON.stringify(
        profilePageLd({
          name: 'Claire Martin',
          url: 'https://echo.example/auteurs/claire-martin/',
          jobTitle: 'Journaliste mobile',
          image: 'https://echo.example/_images/claire.jpg',
          sameAs: ['https://mastodon.social/@claire', 'https://claire.example', 'https://mastodon.social/@claire'],
        }),
      ),
    );
    expect(ld).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ProfilePage',
      url: 'https://echo.example/auteurs/claire-martin/',
      mainEntity: {
        '@type': 'Person',
        name: 'Claire Martin',
        url: 'https://echo.example/auteurs/claire-martin/',
        jobTitle: 'Journaliste mobile',
        image: 'https://echo.example/_images/claire.jpg',
        sameAs: ['https://mastodon.social/@claire', 'https://claire.example'],
      },
    });
  });

  it('leaves out what the author file does not give', () => {
    expect(profilePageLd({ name: 'Julien', url: 'https://echo.example/auteurs/julien/', sameAs: [] }).mainEntity).toEqual({
      '@type': 'Person',
      name: 'Julien',
      url: 'https://echo.example/auteurs/julien/',
    });
  });
});
