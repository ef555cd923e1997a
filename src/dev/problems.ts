/**
 * The page the dev server answers instead of the site while the content has
 * problems: the writer reads, in the browser they were previewing in, the
 * same messages `npm run build` prints (formatProblem), and no stack trace.
 * It reloads itself, so the site comes back as soon as the fix is saved.
 */
import { formatProblem, sortProblems, type ContentProblem } from '../lib/errors.ts';
import { escapeXml } from '../lib/feed.ts';
import { fr } from '../i18n/fr.ts';

/** Seconds between two reloads of the page while the problems last. */
const RELOAD_SECONDS = 2;

// A page on its own, outside Astro: Astro cannot render the site while the
// data store holds no valid content, and a template engine would be a
// dependency for twenty lines of markup.
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RELOAD_SECONDS}">
<meta name="robots" content="noindex">
<title>${escapeXml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #141414; background: #fff; }
h1 { color: #a3122a; font-size: 1.6rem; }
li, pre { font-family: ui-monospace, monospace; font-size: 0.95rem; overflow-wrap: anywhere; white-space: pre-wrap; }
li { margin-bottom: 0.75rem; }
</style>
</head>
<body>
<main>
<h1>${escapeXml(title)}</h1>
${body}
<p>${escapeXml(fr.preview.problemsReload)}</p>
</main>
</body>
</html>
`;
}

/** The page listing the problems of the latest content pass, in the build's order. */
export function problemsPage(problems: readonly ContentProblem[]): string {
  const items = sortProblems(problems).map((p) => `<li>${escapeXml(formatProblem(p))}</li>`);
  return page(fr.preview.problemsTitle, `<p>${escapeXml(fr.preview.problemsIntro(problems.length))}</p>\n<ul>\n${items.join('\n')}\n</ul>`);
}

/** The page shown when the pass stopped on an error: its message only (the stack is in the terminal). */
export function failurePage(error: Error): string {
  return page(fr.preview.failureTitle, `<p>${escapeXml(fr.preview.failureIntro)}</p>\n<pre>${escapeXml(error.message)}</pre>`);
}
