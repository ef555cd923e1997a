/**
 * The components writers use in MDX (`<Quote>`, `<Figure>`, `<Galerie>`, `<Video>`,
 * `<ReadAlso>`) and Markdown images, each written ONCE as a function of its
 * props: `page` gives the article page's markup, `feed` the markup feed
 * readers get (absolute URLs, no script, no class to style, a video as a
 * link). The renderer (article.ts) calls them over the parsed tree; nothing
 * a writer typed is ever evaluated.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { fr } from '../i18n/fr.ts';
import { resolveFeedUrl } from '../lib/feed.ts';
import { liveUpdateAnchor, liveUpdateTime } from '../lib/live.ts';
import { toIsoString } from '../lib/dates.ts';
import type { PictureData } from '../lib/images.ts';
import type { ContentProblem } from '../lib/errors.ts';
import { feedImageElement, pictureElement } from './picture.ts';
import { pageCaption } from './caption.ts';
import { galleryOf } from './gallery.ts';
import { FIGURE_WIDTHS, figureWidthProblems, figureWidthSizes, type FigureWidth } from './wide-figure.ts';
import { formatComponents } from './formats.ts';

/** What a component may ask of the build while it renders. */
export interface ComponentContext {
  /** The prepared image of a file of the content, by content key (`src` and `poster` props arrive as keys). */
  picture(key: string): PictureData;
  /** The public path and MIME type of a media file (a video), by content key. */
  media(key: string): { path: string; type: string };
  /** A published article by slug (link and typeset title), or undefined. */
  article(slug: string): { url: string; title: string } | undefined;
  /** The site's origin, for absolute URLs in feeds. */
  origin: string;
  /** The article's own absolute URL: relative URLs of feeds resolve against it. */
  articleUrl: string;
  /** A site path a writer typed (`/articles/x/`), under the site's base path (see src/lib/urls.ts). */
  sitePath(href: string): string;
  /** Typesets a writer's string prop (caption, credit, name, title). */
  typeset(text: string): string;
  /**
   * For a live blog, set by the renderer: the Paris day (`2026-11-28`) of the
   * update shown above each update, by its time in milliseconds. The first
   * update, and each one of another day than the one above, shows its date.
   */
  liveDaysAbove?: Map<number, string | undefined>;
}

export type Props = Record<string, string | undefined>;

/** A script an article page adds for what its body shows, by its file in src/scripts/ (see BodyScripts.astro). */
export type BodyScript = 'gallery' | 'copy-code';

/** One use of a component as the content phase reads it, for its own checks (Component.check). */
export interface ComponentUse {
  /** The literal attributes as written (a value-less attribute is `null`). */
  attributes: Record<string, unknown>;
  /** Its children other than blank text: a component's name and attributes, or an element's tag, with its line. */
  children: { name: string; component: boolean; attributes?: Record<string, unknown>; line?: number | undefined }[];
  line?: number | undefined;
}

/** A problem of one use of a component, without its file (the content phase adds it). */
export type UseProblem = Omit<ContentProblem, 'file'>;

export interface Component {
  /**
   * The attributes a writer may give, all literal strings: plain text, a
   * URL a reader may follow (`link`), or the path of a file of the content
   * (`media`, see `files`). The safety
   * scan (src/markdown/safety.ts) accepts exactly these.
   */
  attributes: Readonly<Record<string, 'text' | 'link' | 'media'>>;
  /** Whether it holds content between its tags (<Quote>…</Quote>); otherwise it is written <Figure … />. */
  children: boolean;
  /** Attributes that name a file of the content: an image (made by sharp) or a file published as it is. */
  files?: Readonly<Record<string, 'image' | 'file'>>;
  /**
   * The component whose uses it holds as its children (`<Galerie>` holds
   * `<Figure>`s): the renderer gives it their props, files resolved, as `items`.
   */
  holds?: string;
  /** The script of src/scripts/ a page showing it needs (progressive: the markup works without it). */
  script?: BodyScript;
  /** The content phase's checks of one use, beyond the safety scan's (which attributes exist). */
  check?(use: ComponentUse): UseProblem[];
  page(props: Props, children: ElementContent[], ctx: ComponentContext, items?: Props[]): ElementContent[];
  feed(props: Props, children: ElementContent[], ctx: ComponentContext, items?: Props[]): ElementContent[];
}

/**
 * A figure in a feed: the image, then its caption and credit as plain text
 * (no CSS in a feed reader). Also the cover at the top of a feed item.
 */
export function feedFigure(picture: PictureData, alt: string, caption: string | undefined, credit: string | undefined, origin: string): Element {
  const text = [caption, credit].filter(Boolean).join(' — ');
  return h('figure', [feedImageElement(picture, alt, origin), ...(text ? [h('figcaption', text)] : [])]);
}

/** `<Quote by="Nom" role="Fonction">Propos…</Quote>`: an attributed quotation. */
const Quote: Component = {
  attributes: { by: 'text', role: 'text' },
  children: true,
  page({ by, role }, children, { typeset }) {
    return [
      h('figure', { className: ['quote'] }, [
        h('blockquote', children),
        ...(by ? [h('figcaption', [h('cite', typeset(by)), ...(role ? [`, ${typeset(role)}`] : [])])] : []),
      ]),
    ];
  },
  feed({ by, role }, children, { typeset }) {
    return [
      h('figure', [
        h('blockquote', children),
        ...(by ? [h('figcaption', ['— ', h('cite', typeset(by)), ...(role ? [`, ${typeset(role)}`] : [])])] : []),
      ]),
    ];
  },
};

/**
 * `<Figure src="./photo.jpg" alt="…" caption="…" credit="…" />`: an image
 * with its caption; `largeur="large"` or `largeur="pleine"` makes it wider
 * than the article's column on a wide screen (src/render/wide-figure.ts).
 */
const Figure: Component = {
  attributes: { src: 'media', alt: 'text', caption: 'text', credit: 'text', largeur: 'text' },
  children: false,
  files: { src: 'image' },
  check: figureWidthProblems,
  page({ src, alt = '', caption, credit, largeur }, _children, ctx) {
    const width = FIGURE_WIDTHS.includes(largeur as FigureWidth) ? (largeur as FigureWidth) : undefined;
    return [
      h('figure', { className: width ? ['figure', `figure--${width}`] : ['figure'] }, [
        pictureElement(ctx.picture(src!), width ? { alt, sizes: figureWidthSizes[width] } : { alt }),
        ...pageCaption(caption && ctx.typeset(caption), credit && ctx.typeset(credit)),
      ]),
    ];
  },
  feed({ src, alt = '', caption, credit }, _children, ctx) {
    return [feedFigure(ctx.picture(src!), alt, caption && ctx.typeset(caption), credit && ctx.typeset(credit), ctx.origin)];
  },
};

/** `![alt](./photo.jpg)`: an optimised inline image. */
export const MarkdownImage: Component = {
  attributes: { src: 'media', alt: 'text' },
  children: false,
  files: { src: 'image' },
  page({ src, alt = '' }, _children, ctx) {
    return [pictureElement(ctx.picture(src!), { alt, className: 'inline-image' })];
  },
  feed({ src, alt = '' }, _children, ctx) {
    return [feedImageElement(ctx.picture(src!), alt, ctx.origin)];
  },
};

const youtubeWatchUrl = (id: string) => `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`;

/**
 * `<Video youtube="id" title="…" />` or `<Video src="./clip.mp4" poster="./poster.jpg" title="…" />`.
 *
 * YouTube: a facade that asks nothing of YouTube before the reader clicks
 * (the page adds the few lines of script that swap it for the
 * privacy-enhanced player: src/components/VideoFacadeScript.astro). Local
 * files: a native `<video>` that loads nothing before « play ». In feeds, a
 * link to the video, on its poster when there is one.
 */
const Video: Component = {
  attributes: { youtube: 'text', src: 'media', poster: 'media', title: 'text' },
  children: false,
  files: { src: 'file', poster: 'image' },
  page({ youtube, src, poster, title: rawTitle = '' }, _children, ctx) {
    const title = ctx.typeset(rawTitle);
    const posterPicture = poster ? ctx.picture(poster) : undefined;
    if (youtube) {
      const id = encodeURIComponent(youtube);
      // The link's name says it all, once (« Lire la vidéo « … » sur
      // YouTube »): the title it shows is part of it, and the caption under
      // it only says where the video comes from. Without a poster the
      // facade is a designed panel with the title (global.css), not a black box.
      return [
        h('figure', { className: ['video'] }, [
          h('div', { className: ['video__frame'], dataVideoEmbed: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`, dataVideoTitle: title }, [
            h('a', { className: posterPicture ? ['video__facade'] : ['video__facade', 'video__facade--placeholder'], href: youtubeWatchUrl(youtube), ariaLabel: fr.video.playOnYoutube(title) }, [
              ...(posterPicture ? [pictureElement(posterPicture, { alt: '' })] : []),
              h('span', { className: ['video__play'], ariaHidden: 'true' }),
              h('span', { className: ['video__label'] }, title),
            ]),
          ]),
          h('figcaption', fr.video.notice),
        ]),
      ];
    }
    if (!src) return [];
    const media = ctx.media(src);
    return [
      h('figure', { className: ['video'] }, [
        h('video', { controls: true, preload: 'none', poster: posterPicture?.src, width: posterPicture?.width, height: posterPicture?.height }, [
          h('source', { src: media.path, type: media.type }),
          h('a', { href: media.path }, fr.video.download),
        ]),
        h('figcaption', title),
      ]),
    ];
  },
  feed({ youtube, src, poster, title: rawTitle = '' }, _children, ctx) {
    const title = ctx.typeset(rawTitle);
    const href = youtube ? youtubeWatchUrl(youtube) : src ? resolveFeedUrl(ctx.media(src).path, ctx.articleUrl) : undefined;
    if (!href) return [];
    const posterPicture = poster ? ctx.picture(poster) : undefined;
    if (!posterPicture) return [h('p', [h('a', { href }, fr.video.play(title))])];
    return [h('figure', [h('a', { href }, [feedImageElement(posterPicture, fr.video.play(title), ctx.origin)]), h('figcaption', title)])];
  },
};

/** `<ReadAlso slug="autre-article" />`: an inline pick. Nothing while the target is unpublished. */
const ReadAlso: Component = {
  attributes: { slug: 'text' },
  children: false,
  page({ slug }, _children, ctx) {
    const target = slug ? ctx.article(slug) : undefined;
    if (!target) return [];
    return [
      h('aside', { className: ['read-also'], ariaLabel: fr.readAlsoInline }, [
        h('p', [h('span', { className: ['read-also__label'] }, `${fr.readAlsoInline}\u00A0:`), ' ', h('a', { href: target.url }, target.title)]),
      ]),
    ];
  },
  feed({ slug }, _children, ctx) {
    const target = slug ? ctx.article(slug) : undefined;
    if (!target) return [];
    return [h('p', [`${fr.readAlsoInline}\u00A0: `, h('a', { href: resolveFeedUrl(target.url, ctx.articleUrl) }, target.title)])];
  },
};

/**
 * `<LiveUpdate at="2026-11-28T10:30:00+01:00" title="…">Markdown…</LiveUpdate>`:
 * one update of a live blog, with its time, its title and an anchor to link
 * to it. The content phase checked `at` and `title`; the renderer shows the
 * updates of an article newest first (orderLiveUpdates in article.ts).
 */
const LiveUpdate: Component = {
  attributes: { at: 'text', title: 'text' },
  children: true,
  page({ at = '', title = '' }, children, ctx) {
    const date = new Date(at);
    const anchor = liveUpdateAnchor(date);
    return [
      h('section', { className: ['live-update'], id: anchor }, [
        h('p', { className: ['live-update__time'] }, [
          h('a', { className: ['live-update__link'], href: `#${anchor}`, ariaLabel: fr.live.linkTo(liveUpdateTime(date, ctx.liveDaysAbove?.get(date.getTime()))) }, [
            h('time', { dateTime: toIsoString(date) }, liveUpdateTime(date, ctx.liveDaysAbove?.get(date.getTime()))),
          ]),
        ]),
        h('h2', { className: ['live-update__title'] }, ctx.typeset(title)),
        ...children,
      ]),
    ];
  },
  feed({ at = '', title = '' }, children, ctx) {
    const date = new Date(at);
    const href = `${ctx.articleUrl}#${liveUpdateAnchor(date)}`;
    return [
      h('section', [
        h('h2', [h('a', { href }, h('time', { dateTime: toIsoString(date) }, liveUpdateTime(date, ctx.liveDaysAbove?.get(date.getTime())))), ` — ${ctx.typeset(title)}`]),
        ...children,
      ]),
    ];
  },
};

/** `<Galerie>` of 4 to 12 `<Figure>`s: a grid of thumbnails, each opening its full-size view (src/render/gallery.ts). */
const Galerie = galleryOf(Figure);

/** The components available in every article without an import, by the name writers type. */
export const components: Record<string, Component> = { Quote, Figure, Video, ReadAlso, LiveUpdate, Galerie, ...formatComponents };
