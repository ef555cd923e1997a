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
 * edited file, or edited code, finds no entry and reads the file again. The
 * shape of an entry is that code's too (load.ts, this module): no format
 * number to bump.
 *
 * The cache folder is not trusted (a workflow restores it from a shared
 * store): an entry says a body passed the safety scan, so whoever could
 * write one could have unsafe content published, or an article say what its
 * file does not. Entries are signed (src/publish/signed-entries.ts): one
 * that does not verify, or does not read back, is a miss, with a notice,
 * and the file is read again. Signing rather than checking again on read:
 * checking again is the reading the cache saves.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { codeDigest } from './code-digest.ts';
import { SignedEntries } from '../publish/signed-entries.ts';
import type { LineOf } from './yaml.ts';

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

/** Values as V8 writes them: the key holds Node's version, so an entry is read by the serialiser that wrote it. */
const CODEC = { encode: (value: unknown) => serialize(value), decode: (payload: Buffer) => deserialize(payload) as unknown };

export class ContentPassCache extends SignedEntries<unknown> {
  readonly #version: string;

  constructor(cacheRoot: string, options: { secret?: Buffer; version?: string } = {}) {
    super(
      cacheRoot,
      'content',
      { name: 'cache du contenu', redoneOne: 'le fichier est lu à nouveau', redoneOneMore: 'son fichier est lu à nouveau', redoneMore: 'leurs fichiers sont lus à nouveau' },
      CODEC,
      options.secret,
    );
    this.#version = options.version ?? contentPassVersion();
  }

  /** The key of what reading `text` as a `kind` file shown as `file` gives. */
  keyOf(kind: string, file: string, text: string): string {
    return createHash('sha256').update(JSON.stringify([this.#version, process.version, kind, file])).update('\0').update(text).digest('hex');
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
