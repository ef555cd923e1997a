/**
 * The render cache: an article's rendered body, stored under a key made of
 * everything the result depends on (see edition.ts, the render key), so that
 * a build renders only what changed. One file per key under
 * `<ROTATIVE_CACHE_DIR>/bodies/`, portable (no machine path inside).
 *
 * The cache folder is not trusted: whoever can write into it (a restored CI
 * cache, another account) must not be able to publish HTML that the
 * sanitiser never saw. Entries are signed (src/publish/signed-entries.ts):
 * one that does not read back as a render result with a valid signature is
 * ignored with a notice, and the article rendered again. Signing rather
 * than sanitising again on read: on 1,000 generated articles, verifying
 * costs 0.2 s, sanitising again (parse, sanitise, serialise page and feed
 * HTML) 3 s, against 8 s to render them.
 */
import type { RenderedBody } from './article.ts';
import { cacheSecret } from '../config/cache-secret.ts';
import { SignedEntries, type EntryCodec } from '../publish/signed-entries.ts';

// Also read from here (scripts/render-pages.ts, the render cache's tests).
export { cacheSecret };

/** A body as JSON (readable by any Node version), read back only with the fields every page and feed uses. */
const CODEC: EntryCodec<RenderedBody> = {
  encode: (body) => Buffer.from(JSON.stringify(body)),
  decode(payload) {
    const body = JSON.parse(payload.toString('utf8')) as RenderedBody;
    const whole = body && typeof body.html === 'string' && typeof body.feedHtml === 'string' && Array.isArray(body.headings) && typeof body.words === 'number';
    return whole ? body : undefined;
  },
};

export class RenderCache extends SignedEntries<RenderedBody> {
  constructor(cacheRoot: string, secret: Buffer = cacheSecret()) {
    super(
      cacheRoot,
      'bodies',
      { name: 'cache de rendu', redoneOne: 'l’article est rendu à nouveau', redoneOneMore: 'son article est rendu à nouveau', redoneMore: 'leurs articles sont rendus à nouveau' },
      CODEC,
      secret,
    );
  }
}
