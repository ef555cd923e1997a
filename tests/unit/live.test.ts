/**
 * Live blogs: the `<LiveUpdate>` component on the page and in feeds, the
 * renderer's newest-first order, the content phase's checks of `live` and
 * `at`, the feeds' date of change and the LiveBlogPosting structured data.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { parseHTML } from 'linkedom';
import { mdxToHast } from 'satteri';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import { MDX_FEATURES, renderBody } from '../../src/render/article.ts';
import type { ComponentContext } from '../../src/render/components.ts';
import { frenchTypography } from '../../src/lib/typography.ts';
import { changedAt } from '../../src/lib/feed.ts';
import { liveStatusAt, liveUpdateAnchor } from '../../src/lib/live.ts';
import { liveBlogPostingLd } from '../../src/lib/structured-data.ts';

const ctx: ComponentContext = {
  origin: 'https://mag.example',
  articleUrl: 'https://mag.example/articles/direct/',
  sitePath: (href) => href,
  typeset: frenchTypography,
  picture: () => {
    throw new Error('no image here');
  },
  media: () => {
    throw new Error('no media here');
  },
  article: () => undefined,
};

const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
const render = (source: string) => renderBody(mdxToHast(source, { features: MDX_FEATURES }) as Root, ctx);

/** Written as writers do: oldest first, appended at the end; the intro before. */
const BODY = [
  'Le direct commence : les plus récentes en haut.',
  '',
  '<LiveUpdate at="2026-11-27T18:05:00+01:00" title="Première : ça commence">',
  'Le texte de la *première*.',
  '</LiveUpdate>',
  '',
  '<LiveUpdate at="2026-11-28T10:30:00+01:00" title="Troisième">',
  'La troisième.',
  '</LiveUpdate>',
  '',
  '<LiveUpdate at="2026-11-28T09:00:00+01:00" title="Deuxième">',
  'La deuxième.',
  '</LiveUpdate>',
  '',
  'Fin du texte.',
  '',
].join('\n');

describe('<LiveUpdate> rendered', () => {
  it('shows the updates newest first among the body, each with its time, title heading and self-link', async () => {
    const out = await render(BODY);
    const doc = dom(out.html);
    const sections = [...doc.querySelectorAll('section.live-update')];
    expect(sections.map((s) => s.querySelector('h2')?.textContent)).toEqual(['Troisième', 'Deuxième', 'Première\u00A0: ça commence']);
    expect(sections.map((s) => s.id)).toEqual(['maj-2026-11-28-1030', 'maj-2026-11-28-0900', 'maj-2026-11-27-1805']);
    for (const s of sections) expect(s.querySelector('a.live-update__link')?.getAttribute('href')).toBe(`#${s.id}`);
    // The first update and each change of day from the update above show the date; the others the time alone.
    expect(sections.map((s) => s.querySelector('time')?.textContent)).toEqual(['28\u00A0novembre\u00A02026, 10\u00A0h\u00A030', '9\u00A0h\u00A000', '27\u00A0novembre\u00A02026, 18\u00A0h\u00A005']);
    expect(sections[0]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-28T10:30:00+01:00');
    expect(sections[2]!.querySelector('em')?.textContent).toBe('première');
    // The writer's other blocks stay where they were: intro first, closing line last.
    const blocks = [...doc.body.children].map((el) => el.tagName.toLowerCase());
    expect(blocks).toEqual(['p', 'section', 'section', 'section', 'p']);
    expect(doc.body.lastElementChild?.textContent).toBe('Fin du texte.');
  });

  it('gives feeds the same order, each update titled with its time and an absolute link to its anchor, no class', async () => {
    const out = await render(BODY);
    const feed = dom(out.feedHtml);
    const headings = [...feed.querySelectorAll('section > h2')];
    expect(headings.map((h) => h.textContent)).toEqual([
      '28\u00A0novembre\u00A02026, 10\u00A0h\u00A030 — Troisième',
      '9\u00A0h\u00A000 — Deuxième',
      '27\u00A0novembre\u00A02026, 18\u00A0h\u00A005 — Première\u00A0: ça commence',
    ]);
    expect(headings[0]!.querySelector('a')?.getAttribute('href')).toBe('https://mag.example/articles/direct/#maj-2026-11-28-1030');
    expect(feed.querySelectorAll('[class], [id]')).toHaveLength(0);
  });

  it('shows the date on the first update only when all are of one day', async () => {
    const out = await render('<LiveUpdate at="2026-11-28T08:00:00+01:00" title="A">a</LiveUpdate>\n\n<LiveUpdate at="2026-11-28T23:59:00+01:00" title="B">b</LiveUpdate>\n');
    expect([...dom(out.html).querySelectorAll('time')].map((t) => t.textContent)).toEqual(['28\u00A0novembre\u00A02026, 23\u00A0h\u00A059', '8\u00A0h\u00A000']);
  });
});

describe('live status and anchors', () => {
  const live = { start: new Date('2026-11-28T09:00:00+01:00'), end: new Date('2026-11-28T18:00:00+01:00') };
  it('is upcoming before start, live from start until end, ended from end on', () => {
    expect(liveStatusAt(live, new Date('2026-11-28T08:59:00+01:00'))).toBe('upcoming');
    expect(liveStatusAt(live, live.start)).toBe('live');
    expect(liveStatusAt(live, new Date('2026-11-28T17:59:59+01:00'))).toBe('live');
    expect(liveStatusAt(live, live.end)).toBe('ended');
    expect(liveStatusAt({ start: live.start }, new Date('2030-01-01T00:00:00Z'))).toBe('live');
  });
  it('names an update by its Paris time to the minute, in summer and winter', () => {
    expect(liveUpdateAnchor(new Date('2026-11-28T09:30:00Z'))).toBe('maj-2026-11-28-1030');
    expect(liveUpdateAnchor(new Date('2026-07-14T22:05:00Z'))).toBe('maj-2026-07-15-0005');
  });
});

describe('a live blog in feeds and structured data', () => {
  it('changes, for feeds, at its latest update', () => {
    const publishedAt = new Date('2026-11-27T18:00:00+01:00');
    const updates = [{ at: new Date('2026-11-28T11:20:00+01:00') }, { at: new Date('2026-11-27T18:05:00+01:00') }];
    expect(changedAt({ publishedAt, liveUpdates: updates })).toEqual(updates[0]!.at);
    expect(changedAt({ publishedAt, updatedAt: new Date('2026-11-29T08:00:00+01:00'), liveUpdates: updates })).toEqual(new Date('2026-11-29T08:00:00+01:00'));
    expect(changedAt({ publishedAt, liveUpdates: [] })).toEqual(publishedAt);
  });

  it('is a LiveBlogPosting with the NewsArticle fields, its coverage and every update', () => {
    const ld = JSON.parse(
      JSON.stringify(
        liveBlogPostingLd({
          headline: 'En direct',
          url: 'https://mag.example/articles/direct/',
          images: [],
          datePublished: new Date('2026-11-27T18:00:00+01:00'),
          dateModified: new Date('2026-11-28T11:20:00+01:00'),
          authors: [{ name: 'Claire', url: 'https://mag.example/auteurs/claire/' }],
          publisher: { name: 'Le Mag', url: 'https://mag.example/' },
          coverageStartTime: new Date('2026-11-27T18:00:00+01:00'),
          updates: [{ headline: 'Deux', datePublished: new Date('2026-11-28T11:20:00+01:00'), articleBody: 'Le texte.', url: 'https://mag.example/articles/direct/#maj-2026-11-28-1120' }],
        }),
      ),
    );
    expect(ld['@type']).toBe('LiveBlogPosting');
    expect(ld).toMatchObject({ headline: 'En direct', datePublished: '2026-11-27T18:00:00+01:00', dateModified: '2026-11-28T11:20:00+01:00', coverageStartTime: '2026-11-27T18:00:00+01:00' });
    expect(ld.author[0].name).toBe('Claire');
    expect(ld).not.toHaveProperty('coverageEndTime');
    expect(ld.liveBlogUpdate).toEqual([{ '@type': 'BlogPosting', headline: 'Deux', datePublished: '2026-11-28T11:20:00+01:00', articleBody: 'Le texte.', url: 'https://mag.example/articles/direct/#maj-2026-11-28-1120' }]);
  });
});

describe('the content phase on live blogs', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'rotative-live-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const NOW = new Date('2026-11-28T12:00:00+01:00');
  let n = 0;
  function load(frontMatter: string[], body: string) {
    const content = path.join(work, `t${n++}`, 'content');
    const files: Record<string, string> = {
      'site.yaml': 'name: "Le Test"\nurl: https://test.example\n',
      'authors/alice.yaml': 'name: Alice\n',
      'categories/cloud.yaml': 'title: Cloud\n',
      'articles/direct.mdx': `---\ntitle: "Direct"\ndescription: "Chapô."\npublishedAt: 2026-11-28T08:00:00+01:00\nauthors: [alice]\ncategory: cloud\n${frontMatter.join('\n')}\n---\n\n${body}\n`,
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(content, rel)), { recursive: true });
      writeFileSync(path.join(content, rel), text);
    }
    return loadContent(content, { now: NOW });
  }
  // With LIVE, the body starts on line 11 of the file: `---`, 5 fields, the 2 lines of LIVE, `---`, a blank line.
  const LIVE = ['live:', '  start: 2026-11-28T09:00:00+01:00'];

  it('loads the updates of a live blog: time, title, anchor, plain text, line', () => {
    const { problems, articles } = load(LIVE, 'Intro.\n\n<LiveUpdate at="2026-11-28T10:30:00+01:00" title="Un titre">\nUn **texte** ici.\n\n- un\n- deux\n</LiveUpdate>');
    expect(problems).toEqual([]);
    expect(articles[0]!.liveUpdates).toEqual([{ at: new Date('2026-11-28T10:30:00+01:00'), title: 'Un titre', anchor: 'maj-2026-11-28-1030', text: 'Un texte ici. un deux', line: 13 }]);
  });

  it('refuses <LiveUpdate> in an article that is not a live blog, with its line', () => {
    const { problems } = load([], 'Intro.\n\n<LiveUpdate at="2026-11-28T10:30:00+01:00" title="Un titre">\nTexte.\n</LiveUpdate>');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: '<LiveUpdate>', line: 12 });
    expect(problems[0]!.file).toMatch(/direct\.mdx$/);
    expect(`${problems[0]!.found} ${problems[0]!.expected} ${problems[0]!.hint}`).toMatch(/pas un direct.*live/s);
  });

  it('refuses an `at` that is not a full date and time with offset, or has no title', () => {
    const { problems } = load(LIVE, '<LiveUpdate at="28/11/2026 10h30" title="A">a</LiveUpdate>\n\n<LiveUpdate at="2026-11-28T10:30:00" title="B">b</LiveUpdate>\n\n<LiveUpdate at="2026-11-28T10:40:00+01:00">c</LiveUpdate>');
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ['<LiveUpdate at>', 11],
      ['<LiveUpdate at>', 13],
      ['<LiveUpdate title>', 15],
    ]);
    expect(problems[0]!.found).toContain('28/11/2026 10h30');
    expect(problems[0]!.expected).toContain('+01:00');
  });

  it('refuses an update before the start, after the end, or after the build, and two in one minute', () => {
    const before = load(LIVE, '<LiveUpdate at="2026-11-28T08:30:00+01:00" title="A">a</LiveUpdate>').problems;
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ field: '<LiveUpdate at>', line: 11 });
    expect(before[0]!.found).toMatch(/8\u00A0h\u00A030.*avant le début du direct/);

    const future = load(LIVE, '<LiveUpdate at="2026-11-28T12:01:00+01:00" title="A">a</LiveUpdate>').problems;
    expect(future).toHaveLength(1);
    expect(future[0]!.found).toMatch(/12\u00A0h\u00A001.*futur/);

    const afterEnd = load([...LIVE, '  end: 2026-11-28T11:00:00+01:00'], '<LiveUpdate at="2026-11-28T11:30:00+01:00" title="A">a</LiveUpdate>').problems;
    expect(afterEnd).toHaveLength(1);
    expect(afterEnd[0]!.found).toMatch(/après la fin du direct/);

    const twice = load(LIVE, '<LiveUpdate at="2026-11-28T10:30:00+01:00" title="A">a</LiveUpdate>\n\n<LiveUpdate at="2026-11-28T10:30:40+01:00" title="B">b</LiveUpdate>').problems;
    expect(twice).toHaveLength(1);
    expect(twice[0]).toMatchObject({ line: 13 });
    expect(twice[0]!.found).toContain('ligne 11');
  });

  it('refuses a live block whose end is not after its start, or whose start is before publication', () => {
    const bad = load(['live:', '  start: 2026-11-28T07:00:00+01:00', '  end: 2026-11-28T07:00:00+01:00'], 'Texte.').problems;
    expect(bad.map((p) => [p.field, p.line])).toEqual([
      ['live.start', 8],
      ['live.end', 9],
    ]);
  });

  it('refuses an update nested in another element', () => {
    const { problems } = load(LIVE, '<Quote by="X">\n<LiveUpdate at="2026-11-28T10:30:00+01:00" title="A">a</LiveUpdate>\n</Quote>');
    expect(problems.map((p) => [p.field, p.line])).toEqual([['<LiveUpdate>', 12]]);
  });
});
