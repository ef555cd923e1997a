/**
 * The render cache: an article's rendered body, stored under a key made of
 * everything the result depends on (see magazine.ts `renderKey`), so that a
 * build renders only what changed. One small JSON file per key under
 * `<ROTATIVE_CACHE_DIR>/render/`: files are written whole (temporary name,
 * then rename), portable (no machine path inside).
 *
 * The cache folder is not trusted: whoever can write into it (a restored CI
 * cache, another account) must not be able to publish HTML that the
 * sanitiser never saw. Each entry is signed with HMAC-SHA256 under a secret
 * the cache folder does not hold (cacheSecret); an entry that does not read
 * back as a render result with a valid signature is ignored with one notice,
 * and the article rendered again. Signing rather than sanitising again on
 * read: on 1,000 generated articles, verifying costs 0.2 s, sanitising
 * again (parse, sanitise, serialise page and feed HTML) 3 s, against 8 s to
 * render them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { replaceFile, writingInto } from '../publish/disk.ts';
import path from 'node:path';
import type { RenderedBody } from './article.ts';
import { cacheSecret } from '../config/cache-secret.ts';

// Also read from here (scripts/render-pages.ts, the render cache's tests).
export { cacheSecret };

const FORMAT = 2;

export class RenderCache {
  readonly dir: string;
  /** Notices for the build's log: one line per unusable file. */
  readonly notices: string[] = [];
  hits = 0;
  misses = 0;
  readonly #secret: Buffer;

  constructor(cacheRoot: string, secret: Buffer = cacheSecret()) {
    this.dir = path.join(cacheRoot, 'render');
    this.#secret = secret;
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  private mac(key: string, payload: string): Buffer {
    return createHmac('sha256', this.#secret).update(key).update('\0').update(payload).digest();
  }

  get(key: string): RenderedBody | undefined {
    let text: string;
    try {
      text = readFileSync(this.fileOf(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const stored = JSON.parse(text) as { format?: number; key?: string; payload?: string; mac?: string };
      if (stored.format === FORMAT && stored.key === key && typeof stored.payload === 'string' && typeof stored.mac === 'string') {
        const expected = this.mac(key, stored.payload);
        const found = Buffer.from(stored.mac, 'base64url');
        if (found.length === expected.length && timingSafeEqual(found, expected)) {
          const body = JSON.parse(stored.payload) as RenderedBody;
          if (body && typeof body.html === 'string' && typeof body.feedHtml === 'string' && Array.isArray(body.headings) && typeof body.words === 'number') {
            this.hits++;
            return body;
          }
        }
      }
    } catch {
      // Falls through to the notice: a truncated or foreign file.
    }
    this.notices.push(`cache de rendu : entrée ignorée (${path.relative(this.dir, this.fileOf(key))}), illisible ou sans signature valide ; l’article est rendu à nouveau`);
    return undefined;
  }

  set(key: string, body: RenderedBody): void {
    this.misses++;
    const payload = JSON.stringify(body);
    writingInto(this.dir, 'le cache de rendu', () =>
      replaceFile(this.fileOf(key), JSON.stringify({ format: FORMAT, key, payload, mac: this.mac(key, payload).toString('base64url') })),
    );
  }
}
