/**
 * The render cache: an article's rendered body, stored under a key made of
 * everything the result depends on (see magazine.ts `renderKey`), so that a
 * build renders only what changed. One small JSON file per key under
 * `<ROTATIVE_CACHE_DIR>/render/`: files are written whole (temporary name,
 * then rename), portable (no machine path inside), and a file that does not
 * read back as a render result is ignored, never trusted.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RenderedBody } from './article.ts';

const FORMAT = 1;

export class RenderCache {
  readonly dir: string;
  /** Notices for the build's log: one line per unusable file. */
  readonly notices: string[] = [];
  hits = 0;
  misses = 0;

  constructor(cacheRoot: string) {
    this.dir = path.join(cacheRoot, 'render');
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): RenderedBody | undefined {
    let text: string;
    try {
      text = readFileSync(this.fileOf(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const stored = JSON.parse(text) as { format?: number; key?: string; body?: RenderedBody };
      const body = stored.body;
      if (stored.format === FORMAT && stored.key === key && body && typeof body.html === 'string' && typeof body.feedHtml === 'string' && Array.isArray(body.headings) && typeof body.words === 'number') {
        this.hits++;
        return body;
      }
    } catch {
      // Falls through to the notice: a truncated or foreign file.
    }
    this.notices.push(`render cache: ignored an unreadable entry (${path.relative(this.dir, this.fileOf(key))}); the article is rendered again`);
    return undefined;
  }

  set(key: string, body: RenderedBody): void {
    this.misses++;
    const file = this.fileOf(key);
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ format: FORMAT, key, body }));
    renameSync(temp, file);
  }
}
