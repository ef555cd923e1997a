/**
 * The content pass's cache: what reading one content file found from its
 * text alone (its front matter parsed and validated, its body's safety scan
 * and checks, see load.ts readArticle), kept under
 * `<ROTATIVE_CACHE_DIR>/content/` so that a build reads again only the files
 * that changed. What depends on anything else (the build's now, the files a
 * body names, other files' ids) is not kept: it is decided again at every
 * build, on the kept result.
 *
 * An entry's key is the sha256 of what its result was computed from: the
 * file's text and its name as messages show it, the code that reads it (the
 * modules of the content pass found from their imports, and the lock file:
 * code-digest.ts) and the Node version (its ICU, its V8 serialiser). An
 * edited file, or edited code, finds no entry and reads the file again.
 *
 * The cache folder is not trusted (a workflow restores it from a shared
 * store): an entry says a body passed the safety scan, so whoever could
 * write one could have unsafe content published, or an article say what its
 * file does not. Each entry is signed with HMAC-SHA256 under the secret
 * the render cache signs with, which the cache folder does not hold
 * (src/config/cache-secret.ts), over its key and its bytes: an entry that
 * does not verify, or does not read back, is a miss, with a notice, and the
 * file is read again. Signing rather than checking again on read: checking
 * again is the reading the cache saves.
 */
import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { codeDigest } from './code-digest.ts';
import { cacheSecret } from '../config/cache-secret.ts';
import { replaceFile, writingInto } from '../publish/disk.ts';
import type { LineOf } from './yaml.ts';

/** Changes when an entry's shape does: no entry of another shape is ever read. */
const FORMAT = 1;
const MAC_BYTES = 32;
/** How many unusable entries the notices name one by one. */
const NAMED_NOTICES = 5;

let passVersion: string | undefined;

/**
 * The digest of the content pass's code (src/content/code-digest.ts): every
 * module load.ts loads, found from its imports (the YAML reader, the
 * schemas, the MDX scan, the components' checks…), and the lock file, which
 * pins the parsers. Computed once per process.
 */
export function contentPassVersion(): string {
  passVersion ??= codeDigest(fileURLToPath(new URL('../..', import.meta.url)), ['src/content/load.ts']);
  return passVersion;
}

export class ContentPassCache {
  readonly dir: string;
  /** Notices for the build's log: one line per entry that could not be used. */
  readonly notices: string[] = [];
  hits = 0;
  misses = 0;
  #ignored = 0;
  readonly #secret: KeyObject;
  readonly #version: string;

  constructor(cacheRoot: string, options: { secret?: Buffer; version?: string } = {}) {
    this.dir = path.join(cacheRoot, 'content');
    this.#secret = createSecretKey(options.secret ?? cacheSecret());
    this.#version = options.version ?? contentPassVersion();
  }

  /** The key of what reading `text` as a `kind` file shown as `file` gives. */
  keyOf(kind: string, file: string, text: string): string {
    return createHash('sha256').update(JSON.stringify([FORMAT, this.#version, process.version, kind, file])).update('\0').update(text).digest('hex');
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.bin`);
  }

  private mac(key: string, payload: Uint8Array): Buffer {
    return createHmac('sha256', this.#secret).update(key).update('\0').update(payload).digest();
  }

  /** The value kept under `key`, when there is one, signed by this secret; undefined otherwise. */
  get(key: string): unknown {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.fileOf(key));
    } catch {
      this.misses++;
      return undefined;
    }
    try {
      const payload = bytes.subarray(MAC_BYTES);
      const expected = this.mac(key, payload);
      // Nothing of an entry is read before its signature holds.
      if (bytes.length > MAC_BYTES && timingSafeEqual(bytes.subarray(0, MAC_BYTES), expected)) {
        const value = deserialize(payload) as unknown;
        this.hits++;
        return value;
      }
    } catch {
      // Falls through to the notice: a truncated or foreign file.
    }
    this.misses++;
    this.#ignored++;
    // A new key (ROTATIVE_CACHE_KEY unset on CI) makes every entry unusable: a few named, then how many more.
    if (this.#ignored <= NAMED_NOTICES) {
      this.notices.push(`cache du contenu : entrée ignorée (${path.relative(this.dir, this.fileOf(key))}), illisible ou sans signature valide ; le fichier est lu à nouveau`);
    } else {
      const more = this.#ignored - NAMED_NOTICES;
      this.notices[NAMED_NOTICES] = `cache du contenu : ${more} autre${more > 1 ? 's entrées ignorées' : ' entrée ignorée'} de même ; ${more > 1 ? 'leurs fichiers sont lus' : 'son fichier est lu'} à nouveau`;
    }
    return undefined;
  }

  /** Keeps `value` under `key`: written whole (a temporary name, then renamed), signed. */
  set(key: string, value: unknown): void {
    const payload = serialize(value);
    writingInto(this.dir, 'le cache du contenu', () => replaceFile(this.fileOf(key), Buffer.concat([this.mac(key, payload), payload])));
  }
}

/** A path of a YAML value, as lineOf is asked for it, as text: the key of the line table. */
const pathKey = (p: readonly PropertyKey[]) => JSON.stringify(p.map((k) => (typeof k === 'symbol' ? String(k) : k)));

/**
 * The line of every value of a front matter, by path (object keys as text,
 * list items by index, as the checks ask for them): lineOf's answers kept as
 * data, since a document cannot be.
 */
export function lineTable(value: unknown, lineOf: LineOf): [string, number | undefined][] {
  const table: [string, number | undefined][] = [];
  const walk = (v: unknown, p: PropertyKey[]) => {
    table.push([pathKey(p), lineOf(p)]);
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...p, i]));
    else if (v !== null && typeof v === 'object' && !(v instanceof Date)) for (const [k, item] of Object.entries(v)) walk(item, [...p, k]);
  };
  walk(value, []);
  return table;
}

/**
 * lineOf from a line table: a path in the table is answered from it, any
 * other (a missing field, a path asked in another form) by `reread`, the
 * document read again, once.
 */
export function lineOfTable(table: readonly [string, number | undefined][], reread: () => LineOf): LineOf {
  const lines = new Map(table);
  let fallback: LineOf | undefined;
  return (p) => {
    const key = pathKey(p);
    if (lines.has(key)) return lines.get(key);
    fallback ??= reread();
    return fallback(p);
  };
}
