/**
 * sanitizeHast (src/markdown/sanitize.ts): what a hostile tree loses, and
 * what a real article keeps — all of it, ids and footnote links included.
 * Trees come from the parsers the site uses (Sätteri for Markdown and for
 * the components' HTML), and results are read as trees or re-parsed, never
 * compared as long strings.
 */
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { htmlToHast, mdxToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { sanitizeHast } from '../../src/markdown/sanitize.ts';

const fromHtml = (html: string) => htmlToHast(html, { fragment: true }) as Root;

/** Every element of a tree, depth first. */
function elements(tree: Root | Element): Element[] {
  const out: Element[] = [];
  for (const child of tree.children) {
    if (child.type !== 'element') continue;
    out.push(child, ...elements(child));
  }
  return out;
}

/** Every attribute name and value of every element, as `tag attr=value`. */
function attributes(tree: Root): string[] {
  return elements(tree).flatMap((el) => Object.entries(el.properties).map(([k, v]) => `${el.tagName} ${k}=${String(v)}`));
}

/** A tree without positions and node data: what a reader gets, as a structure. */
function shape(tree: unknown): unknown {
  return JSON.parse(JSON.stringify(tree, (key, value) => (key === 'position' || key === 'data' ? undefined : value)));
}

describe('sanitizeHast removes what could run, track or restyle', () => {
  const hostile = fromHtml(
    [
      '<p>Avant<script>alert(1)</script> après</p>',
      '<p><a href="javascript:alert(1)">lien</a> <a href=" JavaScript:alert(1)">lien</a> <a href="data:text/html,x">lien</a></p>',
      '<p><span onclick="alert(1)" onmouseover="alert(2)" style="color:red">mot</span></p>',
      '<iframe src="https://evil.example/"></iframe>',
      '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x">',
      '<style>p { display: none }</style>',
      '<form action="https://evil.example/"><input name="q"><button>Envoyer</button></form>',
      '<p><img src="https://tracker.example/p.gif" alt=""> <img src="//tracker.example/q.gif" alt=""></p>',
      '<picture><source srcset="/a.avif 1x, https://tracker.example/b.avif 2x" type="image/avif"><img src="/a.jpg" srcset="/a.jpg 1x,https://tracker.example/c.jpg 2x" alt=""></picture>',
      '<video poster="https://tracker.example/p.jpg" controls><source src="https://tracker.example/v.mp4" type="video/mp4"></video>',
      '<div data-video-embed="https://evil.example/embed">x</div>',
      '<p><span class="attacker-class">classe</span> <code class="language-js other">code</code></p>',
      '<!-- un commentaire -->',
    ].join('\n'),
  );
  const clean = sanitizeHast(hostile);
  const html = toHtml(clean);
  const names = new Set(elements(clean).map((el) => el.tagName));
  const attrs = attributes(clean);

  it('drops script, style, iframe, object, embed, form and input elements', () => {
    for (const tag of ['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button']) expect(names, tag).not.toContain(tag);
    expect(html).not.toContain('alert(1)');
    expect(html).not.toContain('display: none');
  });

  it('keeps the text of a refused element that is not code', () => {
    expect(html).toContain('Envoyer');
    expect(html).toContain('Avant après');
  });

  it('drops event handlers and style attributes', () => {
    expect(attrs.filter((a) => /^\w+ (on|style)/i.test(a))).toEqual([]);
  });

  it('drops links that are not http(s), mailto or tel, keeping their text', () => {
    const hrefs = elements(clean).filter((el) => el.tagName === 'a').map((el) => el.properties.href);
    expect(hrefs).toEqual([undefined, undefined, undefined]);
    expect(html).toContain('lien');
  });

  it('drops images and video files from other sites, and srcsets naming one', () => {
    expect(html).not.toContain('tracker.example');
    const images = elements(clean).filter((el) => el.tagName === 'img');
    expect(images.map((img) => img.properties.src)).toEqual(['/a.jpg']);
    expect(images[0]!.properties.srcSet).toBeUndefined();
    expect(elements(clean).filter((el) => el.tagName === 'source')).toEqual([]);
  });

  it('drops classes, data attributes and comments the site does not render', () => {
    expect(attrs.some((a) => a.includes('attacker-class'))).toBe(false);
    expect(attrs).toContain('code className=language-js');
    expect(attrs.some((a) => a.includes('dataVideoEmbed'))).toBe(false);
    expect(html).not.toContain('commentaire');
  });

  it('does not modify the tree it is given', () => {
    expect(toHtml(hostile)).toContain('<script>');
  });
});

describe('sanitizeHast keeps a real article as it is', () => {
  // Markdown as Sätteri renders it (footnotes, alignment, code), with the
  // heading ids the renderer adds.
  const markdown = mdxToHast(
    [
      '## Un intertitre',
      '',
      'Du *texte*, du **gras**, ~~barré~~, un [lien](https://example.com/page?a=1#b "titre"), un [courriel](mailto:a@example.com), [une ancre](#un-intertitre) et une note[^1].',
      '',
      '> Une citation.',
      '',
      '1. un',
      '2. deux',
      '',
      '| gauche | droite | centre |',
      '| :-- | --: | :-: |',
      '| 1 | 2 | 3 |',
      '',
      '```js',
      'const x = 1;',
      '```',
      '',
      '---',
      '',
      '![Une carte](/_media/carte.jpg)',
      '',
      '[^1]: La note, qui renvoie au texte.',
    ].join('\n'),
  ) as Root;
  for (const el of elements(markdown)) if (el.tagName === 'h2' && !el.properties.id) el.properties.id = 'un-intertitre';

  // The components and the inline HTML writers use, as the site renders them.
  const components = fromHtml(
    [
      '<figure class="quote"><blockquote><p>Nous avons choisi l’open source !</p></blockquote><figcaption><cite>Jeanne Dupont</cite>, directrice</figcaption></figure>',
      '<figure class="figure"><picture><source type="image/avif" srcset="/_media/schema-400.avif 400w, /_media/schema-800.avif 800w" sizes="(min-width: 52rem) 48rem, 100vw"><img src="/_media/schema-800.jpg" srcset="/_media/schema-400.jpg 400w, /_media/schema-800.jpg 800w" sizes="(min-width: 52rem) 48rem, 100vw" width="800" height="600" alt="Un schéma" loading="lazy" decoding="async"></picture><figcaption><span class="caption">Le schéma</span><span class="credit"><span class="visually-hidden">Crédit photo : </span>© Gazette</span></figcaption></figure>',
      '<picture class="inline-image"><img src="/_media/carte.jpg" width="10" height="10" alt="Une carte" loading="eager" decoding="auto" fetchpriority="high"></picture>',
      '<figure class="video"><div class="video__frame" data-video-embed="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1" data-video-title="Une vidéo"><a class="video__facade" href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"><span class="video__play" aria-hidden="true"></span><span class="video__label">Lire la vidéo</span></a></div><figcaption>Une vidéo</figcaption></figure>',
      '<figure class="video"><video controls preload="none" poster="/_media/affiche.jpg" width="640" height="360"><source src="/_media/clip.mp4" type="video/mp4"><a href="/_media/clip.mp4">Télécharger</a></video><figcaption>Un clip</figcaption></figure>',
      '<aside class="read-also" aria-label="À lire aussi"><p><span class="read-also__label">À lire aussi :</span> <a href="/articles/lancement/">Le lancement</a></p></aside>',
      '<p>Le <abbr title="Règlement général sur la protection des données">RGPD</abbr>, le 1<sup>er</sup>, H<sub>2</sub>O, <kbd>Ctrl</kbd>, <mark>surligné</mark>, une ligne<br>coupée, <del>retiré</del> <ins>ajouté</ins>, <q cite="https://example.com/source">cité</q>, <time datetime="2016-05-12">12 mai</time>, <span lang="en">cloud first</span>, <a href="tel:+33123456789">téléphone</a>.</p>',
    ].join('\n'),
  );

  it('keeps the Markdown: footnotes, heading ids, code language, links; a column’s alignment as a class', () => {
    const clean = sanitizeHast(markdown);
    // The only change: `style="text-align: …"` (blocked by the site's CSP) becomes its class.
    const expected = shape(markdown) as Root;
    for (const el of elements(expected)) {
      const side = typeof el.properties.style === 'string' ? /text-align: ?(\w+)/.exec(el.properties.style)?.[1] : undefined;
      if (!side) continue;
      delete el.properties.style;
      el.properties.className = [`align-${side}`];
    }
    expect(shape(clean)).toEqual(expected);
    const cells = elements(clean).filter((el) => el.tagName === 'td');
    expect(cells.map((el) => el.properties.className)).toEqual([['align-left'], ['align-right'], ['align-center']]);
    expect(toHtml(clean)).not.toContain('style=');
  });

  it('keeps the datetime of a writer’s <time>, as the renderer gives it (attribute names as written)', () => {
    const time: Root = { type: 'root', children: [{ type: 'element', tagName: 'time', properties: { datetime: '2016-05-12' }, children: [{ type: 'text', value: '12 mai' }] }] };
    expect(toHtml(sanitizeHast(time))).toBe('<time datetime="2016-05-12">12 mai</time>');
  });

  it('keeps the footnote links working: each href points at an id that exists', () => {
    const clean = sanitizeHast(markdown);
    const ids = new Set(elements(clean).map((el) => el.properties.id).filter(Boolean));
    const anchors = elements(clean)
      .map((el) => el.properties.href)
      .filter((href): href is string => typeof href === 'string' && href.startsWith('#'));
    expect(anchors.length).toBeGreaterThanOrEqual(3);
    for (const href of anchors) expect(ids, href).toContain(href.slice(1));
  });

  it('keeps the components’ markup and the inline HTML', () => {
    const clean = sanitizeHast(components);
    expect(shape(clean)).toEqual(shape(components));
  });

  it('keeps images and videos of the site’s own origin in a feed, not of another', () => {
    const feed = fromHtml('<img src="https://gazette.example/_media/a.jpg" srcset="https://gazette.example/_media/a.jpg 1x" alt=""><img src="https://cdn.example/b.jpg" alt="">');
    const clean = sanitizeHast(feed, { siteOrigin: 'https://gazette.example' });
    expect(elements(clean).map((el) => [el.properties.src, el.properties.srcSet])).toEqual([
      ['https://gazette.example/_media/a.jpg', 'https://gazette.example/_media/a.jpg 1x'],
    ]);
  });
});
