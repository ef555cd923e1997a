/**
 * The article renderer: one parsed tree, two outputs (page and feed), the
 * components as functions of their props. Parsed back with a real HTML
 * parser; assertions are about what readers and feed readers get.
 */
import type { Root } from 'hast';
import { parseHTML } from 'linkedom';
import { mdxToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { FILE_KEYS, MDX_FEATURES, renderBody } from '../../src/render/article.ts';
import type { ComponentContext } from '../../src/render/components.ts';
import { frenchTypography } from '../../src/lib/typography.ts';
import { pictureData } from '../../src/lib/images.ts';
import { urlsFor } from '../../src/lib/urls.ts';

const IMAGE = { stem: 'photo', hash: 'abc', width: 1600, height: 900, fallback: 'jpeg' as const };

const ctx: ComponentContext = {
  origin: 'https://mag.example',
  articleUrl: 'https://mag.example/articles/mon-article/',
  sitePath: (href) => href,
  typeset: frenchTypography,
  picture: (key) => {
    if (key !== 'articles/2016/mon-article/photo.jpg') throw new Error(`unexpected image ${key}`);
    return pictureData(IMAGE, (file) => `/_images/${file}`);
  },
  media: (key) => ({ path: `/_media/${key.split('/').pop()}`, type: 'video/mp4' }),
  article: (slug) => (slug === 'autre' ? { url: '/articles/autre/', title: 'L’autre article' } : undefined),
};

/** Parses MDX as the content phase does, and records the file keys it would have resolved. */
function parse(source: string): Root {
  const tree = mdxToHast(source, { features: MDX_FEATURES }) as Root;
  const keyOf = (src: string) => `articles/2016/mon-article/${decodeURI(src).slice(2)}`;
  const visit = (node: any) => {
    const keys: Record<string, string> = {};
    if (typeof node.properties?.src === 'string') keys.src = keyOf(node.properties.src);
    for (const a of node.attributes ?? []) if (['src', 'poster'].includes(a.name) && a.value.startsWith('./')) keys[a.name] = keyOf(a.value);
    if (Object.keys(keys).length) node.data = { [FILE_KEYS]: keys };
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return tree;
}

const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;

describe('renderBody', () => {
  it('renders Markdown with French typography outside code, and ids on headings', async () => {
    const out = await renderBody(parse('## Un titre : oui\n\nTexte ! Et `code ; ici` aussi ?\n'), ctx);
    const doc = dom(out.html);
    expect(doc.querySelector('h2')?.id).toBe('un-titre-oui');
    expect(doc.querySelector('p')?.textContent).toBe('Texte\u202F! Et code ; ici aussi\u202F?');
    expect(out.headings).toEqual([{ depth: 2, slug: 'un-titre-oui', text: 'Un titre\u00A0: oui' }]);
  });

  it('pairs French quotes across the inline markup of a block, and sets ordinals as superscripts (never in code)', async () => {
    const out = await renderBody(parse('Il dit "le **cloud** souverain" le 1er janvier, au XIXe siècle : `1er`.\n'), ctx);
    const p = dom(out.html).querySelector('p')!;
    expect(p.textContent).toBe('Il dit «\u00A0le cloud souverain\u00A0» le 1er\u00A0janvier, au XIXe siècle\u00A0: 1er.');
    expect([...p.querySelectorAll('sup')].map((s) => s.textContent)).toEqual(['er', 'e']);
    expect(p.querySelector('code sup')).toBeNull();
  });

  it('typesets the text of a component written on one line', async () => {
    const out = await renderBody(parse('<Quote by="Jeanne">Nous avons choisi l\'open source !</Quote>\n'), ctx);
    expect(dom(out.html).querySelector('blockquote')?.textContent).toBe('Nous avons choisi l’open source\u202F!');
  });

  it('counts the words of the text, not of the markup', async () => {
    const out = await renderBody(parse('Un deux trois.\n\n<Quote by="Quelqu’un">quatre cinq</Quote>\n\n<Figure src="./photo.jpg" alt="six sept huit" />\n'), ctx);
    expect(out.words).toBe(5);
  });

  it('writes a Figure as a <picture> on the page and as one absolute <img> in the feed', async () => {
    const out = await renderBody(parse('<Figure src="./photo.jpg" alt="Une photo" caption="Légende : ici" credit="© Moi" />\n'), ctx);
    const page = dom(out.html);
    expect([...page.querySelectorAll('figure.figure picture source')].map((s) => s.getAttribute('type'))).toEqual(['image/avif']);
    expect(page.querySelector('figure.figure img')?.getAttribute('alt')).toBe('Une photo');
    expect(page.querySelector('.caption')?.textContent).toBe('Légende\u00A0: ici');
    const feed = dom(out.feedHtml);
    expect(feed.querySelector('picture')).toBeNull();
    expect(feed.querySelector('figure img')?.getAttribute('src')).toBe('https://mag.example/_images/photo-abc-800.jpg');
    expect(feed.querySelector('figcaption')?.textContent).toBe('Légende\u00A0: ici — © Moi');
    expect(feed.querySelector('[class]')).toBeNull();
  });

  it('turns a Markdown image into the image pipeline, with a %-escaped name decoded', async () => {
    const out = await renderBody(parse('![Une photo](./photo.jpg)\n'), ctx);
    expect(dom(out.html).querySelector('picture.inline-image img')?.getAttribute('alt')).toBe('Une photo');
    expect(dom(out.feedHtml).querySelector('img')?.getAttribute('src')).toBe('https://mag.example/_images/photo-abc-800.jpg');
  });

  it('makes every link of the feed absolute and keeps the page’s as written', async () => {
    const out = await renderBody(parse('[a](/articles/autre/) [b](#note) <a href="../x/">c</a>\n'), ctx);
    expect([...dom(out.html).querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/articles/autre/', '#note', '../x/']);
    expect([...dom(out.feedHtml).querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://mag.example/articles/autre/',
      'https://mag.example/articles/mon-article/#note',
      'https://mag.example/articles/x/',
    ]);
  });

  it('renders a YouTube video as a facade on the page and a link in the feed, with no script in either', async () => {
    const out = await renderBody(parse('<Video youtube="abc123" title="Ma vidéo" />\n'), ctx);
    expect(out.hasYoutube).toBe(true);
    const page = dom(out.html);
    expect(page.querySelector('[data-video-embed]')?.getAttribute('data-video-embed')).toBe('https://www.youtube-nocookie.com/embed/abc123?autoplay=1');
    expect(page.querySelector('a.video__facade')?.getAttribute('href')).toBe('https://www.youtube.com/watch?v=abc123');
    expect(page.querySelector('iframe, script')).toBeNull();
    const feed = dom(out.feedHtml);
    expect(feed.querySelector('a')?.getAttribute('href')).toBe('https://www.youtube.com/watch?v=abc123');
    expect(feed.querySelector('iframe, script, [data-video-embed]')).toBeNull();
  });

  it('names a YouTube facade once, « Lire la vidéo « titre » sur YouTube », with a poster or a designed placeholder', async () => {
    const out = await renderBody(parse('<Video youtube="abc123" title="Ma vidéo : démo" />\n\n<Video youtube="def456" poster="./photo.jpg" title="Avec vignette" />\n'), ctx);
    const page = dom(out.html);
    const [bare, withPoster] = [...page.querySelectorAll('a.video__facade')];
    expect(bare!.getAttribute('aria-label')).toBe('Lire la vidéo «\u00A0Ma vidéo\u00A0: démo\u00A0» sur YouTube');
    // No poster: the placeholder panel shows the title, with no image.
    expect(bare!.classList.contains('video__facade--placeholder')).toBe(true);
    expect(bare!.querySelector('img')).toBeNull();
    expect(bare!.querySelector('.video__label')?.textContent).toBe('Ma vidéo\u00A0: démo');
    // A poster: the image (decorative, the link is named), no placeholder.
    expect(withPoster!.classList.contains('video__facade--placeholder')).toBe(false);
    expect(withPoster!.querySelector('img')?.getAttribute('alt')).toBe('');
    expect(withPoster!.querySelector('img')?.getAttribute('src')).toBe('/_images/photo-abc-800.jpg');
    // The caption says where the video is hosted, and does not repeat the title.
    for (const caption of page.querySelectorAll('figure.video figcaption')) {
      expect(caption.textContent).toContain('YouTube');
      expect(caption.textContent).not.toMatch(/Ma vidéo|Avec vignette/);
    }
  });

  it('renders a local video with its media type, and as a link on its poster in the feed', async () => {
    const out = await renderBody(parse('<Video src="./clip.mp4" poster="./photo.jpg" title="Démo" />\n'), ctx);
    expect(out.hasYoutube).toBe(false);
    const page = dom(out.html);
    expect(page.querySelector('video source')?.getAttribute('src')).toBe('/_media/clip.mp4');
    expect(page.querySelector('video source')?.getAttribute('type')).toBe('video/mp4');
    const feed = dom(out.feedHtml);
    expect(feed.querySelector('a')?.getAttribute('href')).toBe('https://mag.example/_media/clip.mp4');
    expect(feed.querySelector('a img')?.getAttribute('src')).toBe('https://mag.example/_images/photo-abc-800.jpg');
    expect(feed.querySelector('video')).toBeNull();
  });

  it('links ReadAlso to a visible article and renders nothing for another one', async () => {
    const out = await renderBody(parse('<ReadAlso slug="autre" />\n\n<ReadAlso slug="brouillon" />\n'), ctx);
    const page = dom(out.html);
    expect(page.querySelectorAll('aside.read-also')).toHaveLength(1);
    expect(page.querySelector('aside.read-also a')?.getAttribute('href')).toBe('/articles/autre/');
    expect(dom(out.feedHtml).querySelector('a')?.getAttribute('href')).toBe('https://mag.example/articles/autre/');
  });

  it('renders a Quote with its attribution, typeset', async () => {
    const out = await renderBody(parse('<Quote by="Jean" role="directeur d\'Orange">\nDes propos !\n</Quote>\n'), ctx);
    const page = dom(out.html);
    expect(page.querySelector('figure.quote blockquote p')?.textContent).toBe('Des propos\u202F!');
    expect(page.querySelector('figure.quote figcaption')?.textContent).toBe('Jean, directeur d’Orange');
    expect(dom(out.feedHtml).querySelector('figcaption')?.textContent).toBe('— Jean, directeur d’Orange');
  });

  it('never evaluates MDX code: import/export and expressions are dropped, not run', async () => {
    const out = await renderBody(parse('export const x = 1\n\nAvant {x} après.\n\n{1 + 1}\n'), ctx);
    expect(out.html).not.toContain('export');
    expect(out.html).not.toMatch(/\b[12]\b/);
    expect(dom(out.html).querySelector('p')?.textContent).toBe('Avant  après.');
  });

  it('highlights fenced code with Prism classes (no inline style, which the CSP blocks)', async () => {
    const out = await renderBody(parse('```js\nconst a = 1;\n```\n'), ctx);
    const pre = dom(out.html).querySelector('pre');
    expect(pre?.className).toBe('language-js');
    expect(pre?.querySelector('.token.keyword')?.textContent).toBe('const');
    expect(out.html).not.toContain('style=');
  });

  it('puts the site paths a writer typed under the base path of a magazine hosted under one, once', async () => {
    const { sitePath } = urlsFor('/magazine/');
    const under = { ...ctx, sitePath, articleUrl: 'https://mag.example/magazine/articles/mon-article/' };
    const source = '[interne](/articles/x/) [ancre](#note) [externe](https://other.example/a) [relatif](../y/) [déjà](/magazine/articles/z/) [courriel](mailto:a@b.example) <a href="/articles/w/">HTML</a>\n';
    const out = await renderBody(parse(source), under);
    const hrefs = (html: string) => [...dom(html).querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs(out.html)).toEqual(['/magazine/articles/x/', '#note', 'https://other.example/a', '../y/', '/magazine/articles/z/', 'mailto:a@b.example', '/magazine/articles/w/']);
    expect(hrefs(out.feedHtml)).toEqual([
      'https://mag.example/magazine/articles/x/',
      'https://mag.example/magazine/articles/mon-article/#note',
      'https://other.example/a',
      'https://mag.example/magazine/articles/y/',
      'https://mag.example/magazine/articles/z/',
      'mailto:a@b.example',
      'https://mag.example/magazine/articles/w/',
    ]);
  });
});
