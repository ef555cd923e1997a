/**
 * The one place where a path a writer typed (`cover.src`, `<Figure src>`,
 * `<Video src|poster>`, a Markdown image, an author's avatar, the site logo)
 * becomes a file on disk.
 *
 * The content folder is a jail: whatever is written, only a file inside it
 * may come out, because whatever comes out is published. A path is refused
 * when it is absolute, when it climbs out with `../`, or when it leads out
 * through a symbolic link (the check is made on the real path of the file
 * and of the content folder, after every link is followed).
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { contentKeyOf } from '../lib/content-keys.ts';
import { didYouMean, suggestClosest } from '../lib/errors.ts';
import { display } from './files.ts';
import { describeFound } from './problems.ts';
import { isWithin } from '../lib/folders.ts';

/** A writer's path that names a file of the content folder. */
export interface ResolvedPath {
  /** Absolute path, as written (not through symbolic links): the file is read from here. */
  absPath: string;
  /** Path relative to the content folder, POSIX separators: the key pages and the manifest use. */
  key: string;
}

/** Why a writer's path names no usable file; the caller adds file, field and line to make a ContentProblem. */
export interface PathProblem {
  found: string;
  expected: string;
  hint?: string;
}

export type PathResolution = ResolvedPath | { problem: PathProblem };

/**
 * True for a URL (`https://…`, `data:…`, `mailto:…`) or a protocol-relative
 * `//host/…`: not a path of the content folder. Callers decide whether a URL
 * is allowed where they are (a Markdown image may be remote; a cover may not).
 */
export function isExternalUrl(src: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//') || src.startsWith('\\\\');
}

/**
 * Decodes `%XX` escapes once, and never throws: `ma%20photo.jpg` is
 * `ma photo.jpg`, but a `%` not followed by two hex digits stays as it is
 * (`100%.jpg` is the file `100%.jpg`), and so does a run of escapes that is
 * not valid UTF-8. Hand-written because `decodeURI`/`decodeURIComponent`
 * throw on the whole string at the first stray `%`.
 */
export function decodePercent(src: string): string {
  return src.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

const RELATIVE = 'un chemin relatif à ce fichier, par exemple "./photo.jpg" pour un fichier posé à côté';
const EXISTING = 'le chemin d’un fichier qui existe, relatif à ce fichier';
const INSIDE = 'un fichier du dossier de contenu, relatif à ce fichier';
const COPY_IT = 'copiez le fichier dans le dossier de contenu, à côté du fichier qui le cite';



function realpathOrUndefined(p: string): string | undefined {
  try {
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/** « did you mean … » when a file of the folder the writer named is one or two keystrokes away. */
function nearMiss(decoded: string, lexical: string, root: string): string | undefined {
  const dir = path.dirname(lexical);
  if (!isWithin(dir, root)) return undefined;
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((d) => !d.isDirectory())
      .map((d) => d.name);
  } catch {
    return undefined;
  }
  const close = suggestClosest(path.basename(lexical), names);
  if (!close) return undefined;
  const slash = Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\'));
  return didYouMean(`${decoded.slice(0, slash + 1)}${close}`);
}

/**
 * Resolves `src`, as typed in `fromFile` (an article, an author file,
 * site.yaml), relative to the folder of `fromFile`, to a file inside
 * `contentDir`. Never throws; every refusal is a {@link PathProblem}:
 * a URL, an absolute path, a path that leads out of the content folder
 * (by `../` or through a symbolic link), a missing file (with a « did you
 * mean » hint), a folder.
 *
 * `src` is percent-decoded once: a Markdown image arrives percent-encoded
 * by the Markdown parser (`100%` as `100%25`), and a JSX attribute may carry
 * the writer's own `%20`; either way one decoding gives the file name, as
 * the page does.
 *
 * `shownAs` is how messages quote the path (default: `src` as given).
 */
export function resolveWriterPath(contentDir: string, fromFile: string, src: string, shownAs = src): PathResolution {
  // Quoted short and escaped: a path may be a whole data: URL, or hold invisible characters.
  const quoted = describeFound(shownAs);
  if (isExternalUrl(src)) {
    return { problem: { found: `${quoted} est une adresse web`, expected: `${EXISTING}, par exemple "./photo.jpg"`, hint: 'téléchargez le fichier et déposez-le à côté du fichier qui le cite' } };
  }
  const decoded = decodePercent(src);
  if (decoded.includes('\0')) {
    return { problem: { found: `${quoted} contient un caractère NUL`, expected: RELATIVE } };
  }
  if (path.isAbsolute(decoded) || decoded.startsWith('/') || decoded.startsWith('\\')) {
    return {
      problem: {
        found: `${quoted} est un chemin absolu`,
        expected: RELATIVE,
        hint: 'un chemin part de l’article (ou du fichier YAML) qui le cite, jamais de la racine du disque ou du site',
      },
    };
  }
  const root = path.resolve(contentDir);
  const lexical = path.resolve(path.dirname(path.resolve(fromFile)), decoded);
  // Checked before the disk is touched: nothing outside the folder is even looked at.
  if (!isWithin(lexical, root)) {
    return { problem: { found: `${quoted} sort du dossier de contenu`, expected: INSIDE, hint: COPY_IT } };
  }
  const real = realpathOrUndefined(lexical);
  if (real === undefined) {
    return {
      problem: {
        found: `le fichier ${quoted} n’existe pas (cherché : ${display(lexical)})`,
        expected: EXISTING,
        hint: nearMiss(decoded, lexical, root) ?? 'le nom du fichier est-il mal orthographié, ou le fichier a-t-il été oublié dans le commit ?',
      },
    };
  }
  // A symbolic link may point anywhere: it is the target that would be published.
  const realRoot = realpathOrUndefined(root) ?? root;
  if (!isWithin(real, realRoot)) {
    return {
      problem: {
        found: `${quoted} est un lien symbolique vers un fichier hors du dossier de contenu`,
        expected: INSIDE,
        hint: COPY_IT,
      },
    };
  }
  let kind: 'file' | 'folder' | 'other' = 'other';
  try {
    const stat = statSync(real);
    kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
  } catch {
    kind = 'other';
  }
  if (kind !== 'file') {
    return { problem: { found: `${quoted} ${kind === 'folder' ? 'est un dossier, pas un fichier' : 'n’est pas un fichier ordinaire'}`, expected: EXISTING } };
  }
  return { absPath: lexical, key: contentKeyOf(root, lexical) };
}
