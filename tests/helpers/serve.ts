/**
 * Serves a built site on 127.0.0.1 the way a static host does: the right
 * content types, `/dir` redirected to `/dir/`, `/dir/` answered with its
 * `index.html`, unknown paths answered 404 with the site's `404.html`, and
 * the site's `_headers` file (Netlify/Cloudflare Pages format) applied, so
 * the browser tests run under the same HTTP security headers as production.
 * A site built for a path (`SITE_URL=https://example.org/magazine/`) is
 * served under that path, as its host would: anything outside it is a 404.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  // The feeds' XSL stylesheet, as static hosts type it (mime-db).
  '.xsl': 'application/xslt+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** One rule of a `_headers` file: a path pattern and the headers it sets. */
export interface HeaderRule {
  pattern: string;
  headers: [name: string, value: string][];
}

/**
 * Parses a `_headers` file: a line starting at column 0 is a path pattern
 * (`*` matches anything), the indented `Name: value` lines under it are its
 * headers, `#` starts a comment.
 */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      continue;
    }
    const rule = rules.at(-1);
    const colon = line.indexOf(':');
    if (!rule || colon < 0) throw new Error(`_headers: a header line outside a path rule or without ':': "${line}"`);
    rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

function matches(pattern: string, urlPath: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(urlPath);
}

/** The headers the `_headers` rules give a path (a later rule adds to, never replaces, an earlier one). */
export function headersFor(rules: HeaderRule[], urlPath: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rule of rules) {
    if (!matches(rule.pattern, urlPath)) continue;
    for (const [name, value] of rule.headers) out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

/**
 * Starts a static server for `root` on 127.0.0.1 and a free port, the site's
 * files answering under `base` (`/` by default, or e.g. `/magazine/`).
 */
export async function serveStatic(root: string, { base: sitePathOption = '/' }: { base?: string } = {}): Promise<StaticServer> {
  const base = path.resolve(root);
  const sitePath = `/${sitePathOption.split('/').filter(Boolean).join('/')}/`.replace(/^\/\/$/, '/');
  const headersFile = path.join(base, '_headers');
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    // A request outside the site's path reaches another part of the host: not
    // this site, nor its 404 page. `/magazine` alone goes to `/magazine/`.
    if (`${urlPath}/` === sitePath) {
      res.writeHead(301, { Location: `${sitePath}${url.search}` }).end();
      return;
    }
    if (!urlPath.startsWith(sitePath)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 (outside the site)');
      return;
    }
    let file = path.join(base, urlPath.slice(sitePath.length - 1));
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    let status = 200;
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!urlPath.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      file = path.join(file, 'index.html');
    }
    // _headers is the host's configuration, not a page.
    if (!existsSync(file) || !statSync(file).isFile() || file === headersFile) {
      status = 404;
      file = path.join(base, '404.html');
      urlPath = `${sitePath}404.html`;
      if (!existsSync(file)) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404');
        return;
      }
    }
    const headers: Record<string, string | string[]> = {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(statSync(file).size),
    };
    for (const [name, values] of headersFor(rules, urlPath)) headers[name] = values.length === 1 ? values[0]! : values;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
