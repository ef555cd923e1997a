/**
 * The e-mail of a weekly edition, written in MJML and compiled by the mjml
 * library: tables and inline styles that mail clients (Gmail, Outlook, Apple
 * Mail) lay out alike, one column that narrows from 600 px to a phone's
 * width. Everything comes from finished values (absolute URLs, typeset
 * text); the HTML the content pass rendered for feed readers (the editors'
 * word) is carried as it is.
 *
 * Nothing in the e-mail is fetched from elsewhere but the magazine's own
 * images: no web font (mjml's default `fonts` would link Google Fonts), no
 * stylesheet link, no script (where the site serves it, its policy is
 * emailPolicy in src/publish/headers-file.ts). No unsubscribe link either: the mailing
 * service that sends the edition adds its own.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { escapeHtml, escapeXml } from './feed.ts';

/** One article as the e-mail lists it. */
export interface EmailArticle {
  title: string;
  /** Absolute. */
  url: string;
  description: string;
  /** « Claire Martin · 24 novembre 2026 ». */
  meta: string;
  /** The cover's JPEG (or PNG) fallback, by absolute URL: mail clients do not read AVIF. */
  image?: { src: string; alt: string; width: number; height: number };
}

/** An edition as the e-mail shows it. */
export interface EmailEdition {
  /** BCP 47, for `lang`. */
  language: string;
  siteName: string;
  /** The site's home, absolute. */
  siteUrl: string;
  /** The edition's page, absolute: the « web version ». */
  webUrl: string;
  title: string;
  chapo?: string;
  period: string;
  /** The line mail clients show after the subject. */
  preview: string;
  /** The editors' word, as rendered for feed readers (absolute URLs, no script). */
  wordHtml?: string;
  sections: { title: string; url: string; articles: EmailArticle[] }[];
  labels: { webVersion: string; word: string; read: string };
}

const WIDTH = 600;
const SERIF = "Georgia, 'Times New Roman', serif";
const SANS = 'Helvetica, Arial, sans-serif';
const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#9b1c1c';

/**
 * Rules mjml inlines into every matching element (`mj-style inline`): the
 * editors' word may hold wide images, tables and code, which must narrow
 * with the column, not widen the message.
 */
const INLINE_CSS = `
  .word img { max-width: 100%; height: auto; }
  .word pre { white-space: pre-wrap; overflow-wrap: anywhere; }
  .word table { max-width: 100%; }
  .word a, .article a { color: ${ACCENT}; }
  .word h2, .word h3 { font-family: ${SANS}; }
  .article h3 { margin: 0 0 6px; font-size: 20px; line-height: 1.3; }
  .article h3 a { color: ${INK}; text-decoration: none; }
  .article p { margin: 0 0 6px; }
  .meta { color: ${MUTED}; font-family: ${SANS}; font-size: 13px; }
`;

const attr = (text: string) => escapeXml(text);

function articleBlock(a: EmailArticle, read: string): string {
  const image = a.image
    ? `<mj-image src="${attr(a.image.src)}" alt="${attr(a.image.alt)}" href="${attr(a.url)}" width="${Math.min(a.image.width, WIDTH - 48)}px" height="auto" padding="8px 24px 0" />`
    : '';
  return `${image}
      <mj-text css-class="article" padding="12px 24px 16px">
        <h3><a href="${attr(a.url)}">${escapeHtml(a.title)}</a></h3>
        <p>${escapeHtml(a.description)}</p>
        <p class="meta">${escapeHtml(a.meta)} · <a href="${attr(a.url)}">${escapeHtml(read)}</a></p>
      </mj-text>`;
}

/** The MJML source of an edition's e-mail. */
export function editionMjml(e: EmailEdition): string {
  const word = e.wordHtml
    ? `<mj-section background-color="#ffffff" padding="0 0 8px">
    <mj-column>
      <mj-text css-class="word" padding="8px 24px">
        <h2 style="font-family: ${SANS}; font-size: 15px; text-transform: uppercase; letter-spacing: 0.05em; color: ${ACCENT};">${escapeHtml(e.labels.word)}</h2>
        ${e.wordHtml}
      </mj-text>
    </mj-column>
  </mj-section>`
    : '';
  const sections = e.sections
    .map(
      (s) => `<mj-section background-color="#ffffff" padding="8px 0">
    <mj-column>
      <mj-divider border-width="2px" border-color="${INK}" padding="8px 24px 0" />
      <mj-text padding="8px 24px 0" font-family="${SANS}" color="${ACCENT}"><h2 style="margin: 0; font-size: 15px; text-transform: uppercase; letter-spacing: 0.05em;"><a href="${attr(s.url)}" style="color: ${ACCENT}; text-decoration: none;">${escapeHtml(s.title)}</a></h2></mj-text>
      ${s.articles.map((a) => articleBlock(a, e.labels.read)).join('\n')}
    </mj-column>
  </mj-section>`,
    )
    .join('\n');
  return `<mjml lang="${attr(e.language)}">
  <mj-head>
    <mj-title>${escapeHtml(`${e.title} — ${e.siteName}`)}</mj-title>
    <mj-preview>${escapeHtml(e.preview)}</mj-preview>
    <mj-raw><meta name="robots" content="noindex" /></mj-raw>
    <mj-attributes>
      <mj-all font-family="${SERIF}" />
      <mj-text font-size="16px" line-height="1.5" color="${INK}" />
    </mj-attributes>
    <mj-style inline="inline">${INLINE_CSS}</mj-style>
  </mj-head>
  <mj-body width="${WIDTH}px" background-color="#f3f1ec">
    <mj-section padding="12px 0 4px">
      <mj-column>
        <mj-text align="center" font-family="${SANS}" font-size="13px" color="${MUTED}" padding="0 24px"><a href="${attr(e.webUrl)}" style="color: ${MUTED};">${escapeHtml(e.labels.webVersion)}</a></mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px 0 8px">
      <mj-column>
        <mj-text align="center" font-size="26px" font-weight="700" padding="0 24px"><a href="${attr(e.siteUrl)}" style="color: ${INK}; text-decoration: none;">${escapeHtml(e.siteName)}</a></mj-text>
        <mj-text align="center" font-family="${SANS}" font-size="13px" color="${MUTED}" padding="4px 24px 12px">${escapeHtml(e.period)}</mj-text>
        <mj-text padding="8px 24px 0" font-size="28px" line-height="1.25" font-weight="700"><h1 style="margin: 0; font-size: 28px;">${escapeHtml(e.title)}</h1></mj-text>
        ${e.chapo ? `<mj-text padding="8px 24px 0" font-size="18px" color="${MUTED}">${escapeHtml(e.chapo)}</mj-text>` : ''}
      </mj-column>
    </mj-section>
    ${word}
    ${sections}
    <mj-section padding="16px 0 24px">
      <mj-column>
        <mj-text align="center" font-family="${SANS}" font-size="13px" color="${MUTED}" padding="0 24px"><a href="${attr(e.webUrl)}" style="color: ${MUTED};">${escapeHtml(e.labels.webVersion)}</a> · <a href="${attr(e.siteUrl)}" style="color: ${MUTED};">${escapeHtml(e.siteName)}</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}

/**
 * The e-mail-ready HTML of an edition. mjml validates strictly: an invalid
 * MJML source is a bug of editionMjml, and stops the build with mjml's message.
 */
export async function editionEmailHtml(e: EmailEdition): Promise<string> {
  const { html, errors } = await compileMjml(editionMjml(e));
  if (errors.length > 0) throw new Error(`MJML: ${errors.join('; ')}`);
  return html;
}

/**
 * mjml compiles in a worker thread of its own, not beside the pages. Each
 * e-mail leaves megabytes of short-lived objects (juice parses, inlines and
 * writes the whole message again) that outlive a minor collection: in the
 * build's pages process, whose heap is about 1 GB at 10,000 articles (some
 * 450 MB of it alive after a full collection), V8 let that garbage grow the
 * heap by a further ~500 MB before collecting it, at the build's peak (the
 * pages process's peak RSS, cold: 2,815 -> 2,229 MB at 10,000 articles,
 * 1,638 -> 1,415 MB at 4,000). The worker's heap holds mjml alone and is
 * collected small (256 MB at most: at 64 MB, 728 e-mails took 15.3 s
 * instead of 8.6 s); the worker goes once no e-mail has been asked for a
 * while, and keeps no process alive while it waits.
 *
 * The worker is given as source, not as a module file: Vite bundles the
 * pages' modules into chunks where a file beside this one would not be.
 * mjml is resolved from here and loaded in the worker (it takes half a
 * second to load, with juice, cheerio and htmlnano: only when an e-mail is
 * made; a build whose editions did not change makes none).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const mjml2html = require(workerData.mjml);
parentPort.on('message', async ({ id, source }) => {
  try {
    // fonts: {}: no web font link for the font names mjml knows (its default imports Google Fonts).
    const { html, errors } = await mjml2html(source, { validationLevel: 'strict', fonts: {} });
    parentPort.postMessage({ id, html, errors: errors.map((x) => x.formattedMessage) });
  } catch (err) {
    parentPort.postMessage({ id, failure: err instanceof Error ? err.message : String(err) });
  }
});
`;
/** How long the worker waits for another e-mail before it goes. */
const IDLE_MS = 2_000;

interface Compiled {
  html: string;
  errors: string[];
}
interface MjmlWorker {
  worker: Worker;
  /** The e-mails asked for and not answered yet, by id. */
  pending: Map<number, { resolve: (c: Compiled) => void; reject: (err: Error) => void }>;
  idle?: NodeJS.Timeout;
}
let mjmlWorker: MjmlWorker | undefined;
let nextId = 0;

function compileMjml(source: string): Promise<Compiled> {
  if (!mjmlWorker) {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { mjml: createRequire(import.meta.url).resolve('mjml') }, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    const state: MjmlWorker = { worker, pending: new Map() };
    const fail = (err: Error) => {
      if (mjmlWorker === state) mjmlWorker = undefined;
      for (const { reject } of state.pending.values()) reject(err);
      state.pending.clear();
    };
    worker.on('message', (m: { id: number; html?: string; errors?: string[]; failure?: string }) => {
      const asked = state.pending.get(m.id);
      state.pending.delete(m.id);
      if (m.failure !== undefined) asked?.reject(new Error(`MJML: ${m.failure}`));
      else asked?.resolve({ html: m.html!, errors: m.errors! });
      if (state.pending.size === 0) {
        // Idle, it keeps no process alive; asked for an e-mail, it does (below).
        worker.unref();
        state.idle = setTimeout(() => {
          if (mjmlWorker === state) mjmlWorker = undefined;
          void worker.terminate();
        }, IDLE_MS).unref();
      }
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The MJML worker stopped (exit code ${code})`)));
    mjmlWorker = state;
  }
  const state = mjmlWorker;
  clearTimeout(state.idle);
  state.worker.ref();
  const id = nextId++;
  return new Promise<Compiled>((resolve, reject) => {
    state.pending.set(id, { resolve, reject });
    state.worker.postMessage({ id, source });
  });
}

/**
 * The inside of the e-mail's <body>: what the edition feed carries, for
 * mailing services that wrap it in their own template. Cut from mjml's own
 * output as it is, not parsed and written again: a parser would drop or
 * rewrite the conditional comments Outlook reads.
 */
export function emailBody(html: string): string {
  const m = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  if (!m) throw new Error('The e-mail HTML has no <body>');
  return m[1]!.trim();
}
