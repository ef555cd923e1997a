import { describe, expect, it } from 'vitest';
import { markdownToHtml, mdxToJs } from 'satteri';
import { parseHTML } from 'linkedom';
import { rawLinksPlugin } from '../../src/markdown/plugins.ts';
import { siteLinksPlugin } from '../../src/markdown/site-links.ts';

const body = [
  '[interne](/articles/x/) [ancre](#note) [externe](https://other.example/a) [relatif](../y/)',
  '[déjà](/magazine/articles/z/) [courriel](mailto:a@b.example)',
].join('\n\n');

function hrefs(html: string): string[] {
  return [...parseHTML(`<!doctype html><body>${html}</body>`).document.querySelectorAll('a')].map((a) => a.getAttribute('href')!);
}

describe('siteLinksPlugin', () => {
  it('puts the site paths a writer typed under the base, once, and leaves the other links alone', async () => {
    const { html } = await markdownToHtml(body, { hastPlugins: [siteLinksPlugin('/magazine/')] });
    expect(hrefs(html)).toEqual(['/magazine/articles/x/', '#note', 'https://other.example/a', '../y/', '/magazine/articles/z/', 'mailto:a@b.example']);
  });

  it('changes nothing for a site at the root', async () => {
    const { html } = await markdownToHtml(body, { hastPlugins: [siteLinksPlugin('/')] });
    expect(hrefs(html)).toEqual(['/articles/x/', '#note', 'https://other.example/a', '../y/', '/magazine/articles/z/', 'mailto:a@b.example']);
  });

  it('reaches links typed as HTML in MDX, after rawLinksPlugin', async () => {
    const { code } = await mdxToJs('Voir <a href="/articles/x/">ceci</a> et [cela](/articles/y/).', {
      hastPlugins: [rawLinksPlugin, siteLinksPlugin('/magazine/')],
    });
    expect(code).toContain('"/magazine/articles/x/"');
    expect(code).toContain('"/magazine/articles/y/"');
    expect(code).not.toMatch(/"\/articles\//);
  });

  it('reaches an HTML link that stays a JSX element (one with an expression attribute)', async () => {
    const { code } = await mdxToJs('Voir <a href="/articles/w/" title={"titre"}>ceci</a>.', {
      hastPlugins: [rawLinksPlugin, siteLinksPlugin('/magazine/')],
    });
    expect(code).toContain('"/magazine/articles/w/"');
    expect(code).not.toContain('"/articles/w/"');
  });
});
