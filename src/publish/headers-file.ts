/**
 * The `_headers` file of static hosts (Netlify, Cloudflare Pages) names the
 * paths it applies to from the root of the host. public/_headers is written
 * for a magazine at the root; on one hosted under a path, its patterns must
 * go under that base, or no header would reach any page.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { urlsFor } from '../lib/urls.ts';

/**
 * `_headers` text with every path pattern (a line starting at column 0 with
 * `/`) put under `base`: `/*` becomes `/magazine/*`, `/_astro/*` becomes
 * `/magazine/_astro/*`. Header lines, comments and patterns with a host are
 * kept as they are; with base `/` the text comes back unchanged.
 */
export function headersUnderBase(text: string, base: string): string {
  const { sitePath } = urlsFor(base);
  return text.replace(/^\/\S*/gm, (pattern) => sitePath(pattern));
}

// ── Content-Security-Policy per path ───────────────────────────────────────

/** A policy as directive name → its sources, in order of appearance. */
export type Policy = Map<string, Set<string>>;

const META_POLICY = /<meta http-equiv="content-security-policy" content="([^"]+)"/i;
/** How much of a page is read first to find its policy: heads are 7–14 KB, whole pages 25–40 KB. */
const HEAD_BYTES = 16 * 1024;
const head = Buffer.alloc(HEAD_BYTES);

/**
 * The Content-Security-Policy that Astro wrote into the <meta> of the page
 * `file`, null when the page has none, undefined when there is no such file
 * (a feed, a sitemap: Astro lists them among its pages). The <meta> is in
 * the page's head, and every page of the site is asked at every build: the
 * first 16 KB are read, and the whole page only when the policy is not
 * found in them.
 */
export function pagePolicy(file: string): string | null | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  let read: number;
  try {
    read = readSync(fd, head, 0, HEAD_BYTES, 0);
  } catch {
    return undefined; // a folder
  } finally {
    closeSync(fd);
  }
  // A policy cut by the end of what was read has no closing quote: not matched.
  const found = META_POLICY.exec(head.toString('utf8', 0, read)) ?? (read < HEAD_BYTES ? null : META_POLICY.exec(readFileSync(file, 'utf8')));
  return found ? found[1]! : null;
}

/** Parses a policy as Astro writes it into a page's <meta> (`'` may be escaped as `&#39;`). */
export function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const directive of text.replaceAll('&#39;', "'").split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (!name) continue;
    const set = policy.get(name) ?? new Set<string>();
    for (const source of sources) set.add(source);
    policy.set(name, set);
  }
  return policy;
}

export function formatPolicy(policy: Policy): string {
  return [...policy].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** What any of `policies` allows: each page of a group keeps what it needs. */
function union(policies: Iterable<Policy>): Policy {
  const out: Policy = new Map();
  for (const policy of policies) {
    for (const [name, sources] of policy) out.set(name, new Set([...(out.get(name) ?? []), ...sources]));
  }
  return out;
}

/** What every one of `policies` allows (a directive missing from one falls back to its default-src, so it is left out). */
function intersection(policies: readonly Policy[]): Policy {
  const out: Policy = new Map();
  const [first, ...rest] = policies;
  if (!first) return out;
  for (const [name, sources] of first) {
    if (!rest.every((p) => p.has(name))) continue;
    out.set(name, new Set([...sources].filter((s) => rest.every((p) => p.get(name)!.has(s)))));
  }
  return out;
}

/**
 * The Content-Security-Policy of an edition's e-mail where the site serves
 * it (`/edition/2026-S48/email.html`, src/lib/edition-email.ts): its inline
 * styles, which mail clients need, and the site's own images, named by the
 * absolute URLs an e-mail needs (`origin`: the public site, which a preview
 * host is not); nothing else (no script, no font, no frame).
 */
export function emailPolicy(origin: string | undefined): string {
  const images = origin && URL.canParse(origin) ? ` ${new URL(origin).origin}` : '';
  return `default-src 'none'; img-src 'self'${images}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
}

/** One `_headers` rule: a path pattern from the root of the host, and its policy. */
export interface CspRule {
  pattern: string;
  policy: string;
}

/**
 * The Content-Security-Policy of each part of the site, from the policies
 * Astro wrote into its pages: one rule per top-level folder (`/articles/*`),
 * allowing what the pages under it need, and one per page or file at the
 * top (`/`, `/rss.xml`). A file at the top that is not a page (a feed shown
 * through its stylesheet, a sitemap) gets what every page allows. So a
 * source one page needs ('wasm-unsafe-eval' for the search page's
 * WebAssembly) is allowed under its own folder only, never site-wide. The
 * rules do not overlap, so every host sends one policy per path from them.
 *
 * `pages`: path of each page from the site root (`''`, `articles/x/`,
 * `404`) and its policy. `top`: the names of the files and folders at the
 * top of the site (folders without pages, such as `_astro`, get what every
 * page allows too).
 *
 * `files`: files that are not pages and carry a policy of their own (an
 * edition's e-mail, `edition/2026-S48/email.html`, whose inline styles no
 * page may have). Their folder then gets a rule per shape of path instead
 * of `/<folder>/*`, so that no two rules match one path: `/edition/` and
 * `/edition/index.html` for its own page; for the pages below it, the
 * patterns `/edition/` + `*` + `/` and the same + `index.html`; for the files,
 * `/edition/` + `*` + `/email.html`; and each other file of the folder
 * (`/edition/rss.xml`, from `otherFiles`) by its path, with what every page
 * allows.
 */
export function cspRules(
  pages: readonly { pathname: string; policy: string }[],
  top: { files: readonly string[]; folders: readonly string[] },
  files: readonly { pathname: string; policy: string }[] = [],
  otherFiles: readonly string[] = [],
): CspRule[] {
  // Each group keeps each distinct policy once (thousands of pages share a
  // few policies): what a group allows is the same, with a union and an
  // intersection of a few policies instead of thousands.
  const groups = new Map<string, Set<Policy>>();
  const add = (pattern: string, policy: Policy) => {
    const group = groups.get(pattern);
    if (group) group.add(policy);
    else groups.set(pattern, new Set([policy]));
  };
  const parsedByText = new Map<string, Policy>();
  const split = new Set(files.map((f) => f.pathname.split('/').filter(Boolean)[0]!));
  for (const { pathname, policy } of pages) {
    let parsed = parsedByText.get(policy);
    if (!parsed) parsedByText.set(policy, (parsed = parsePolicy(policy)));
    const segments = pathname.split('/').filter(Boolean);
    if (segments.length === 0) {
      add('/', parsed);
      add('/index.html', parsed);
    } else if (segments.length === 1 && !pathname.endsWith('/')) add(`/${segments[0]}.html`, parsed);
    else if (split.has(segments[0]!)) {
      const at = segments.length === 1 ? `/${segments[0]}/` : `/${segments[0]}/*/`;
      add(at, parsed);
      add(`${at}index.html`, parsed);
    } else add(`/${segments[0]}/*`, parsed);
  }
  // What every page allows: the pages' distinct policies, the first page's first.
  const common = intersection([...parsedByText.values()]);
  for (const { pathname, policy } of files) {
    const segments = pathname.split('/').filter(Boolean);
    const pattern = segments.length <= 2 ? `/${segments.join('/')}` : `/${segments[0]}/*/${segments[segments.length - 1]}`;
    add(pattern, parsePolicy(policy));
    // Cloudflare Pages answers `email.html` at `email` (a redirect), and matches the rules against that path.
    if (pattern.endsWith('.html')) add(pattern.slice(0, -'.html'.length), parsePolicy(policy));
  }
  for (const pathname of otherFiles) {
    const segments = pathname.split('/').filter(Boolean);
    if (split.has(segments[0]!) && !groups.has(`/${segments.join('/')}`)) groups.set(`/${segments.join('/')}`, new Set([common]));
  }
  for (const pattern of [...top.files.map((f) => `/${f}`), ...top.folders.filter((d) => !split.has(d)).map((d) => `/${d}/*`)]) if (!groups.has(pattern)) groups.set(pattern, new Set([common]));
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([pattern, policies]) => ({ pattern, policy: formatPolicy(union(policies)) }));
}

/**
 * `_headers` text with its Content-Security-Policy line (what a <meta>
 * cannot carry: frame-ancestors) moved into the CSP rules, appended: the
 * rules do not overlap, so each path gets one policy (a header set by two
 * matching rules is sent twice).
 */
export function withCspRules(text: string, rules: readonly CspRule[]): string {
  const line = /^[ \t]+Content-Security-Policy:[ \t]*(.*)\r?\n/m.exec(text);
  if (!line) throw new Error('CSP: public/_headers has no Content-Security-Policy line');
  const siteWide = line[1]!.trim();
  let rest = text.slice(0, line.index) + text.slice(line.index + line[0].length);
  const blocks: string[] = [];
  for (const r of rules) {
    const header = `  Content-Security-Policy: ${r.policy}; ${siteWide}\n`;
    // A pattern public/_headers already has (/_astro/*): its rule gets the
    // header, as hosts keep one rule per pattern.
    const existing = rest.split('\n').indexOf(r.pattern);
    if (existing >= 0) {
      const lines = rest.split('\n');
      lines.splice(existing + 1, 0, header.slice(0, -1));
      rest = lines.join('\n');
    } else blocks.push(`${r.pattern}\n${header}`);
  }
  return `${rest.replace(/\n*$/, '\n')}\n# Content-Security-Policy, one rule per part of the site (written by the build from its pages' own policies).\n${blocks.join('')}`;
}
