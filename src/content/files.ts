/**
 * The content folder as files: the one walker that lists it and the one
 * reader that reads a file of it. Everything the build reads from the
 * content folder (articles, pages, authors, rubriques, series, site.yaml,
 * images, videos) goes through {@link readContentBytes}; everything that
 * lists it (the content phase, the nothing-changed digest in
 * src/publish/unchanged.ts) goes through {@link walkContent}.
 *
 * The content folder is a jail: whatever is written in it, only a file
 * inside it is read, because whatever is read may be published.
 * - The walker never follows a symbolic link. A link to a folder is refused
 *   (a link to `.` or to `/` would make the walk endless or walk the whole
 *   disk); a link to a file is listed as a link, for the loader to refuse
 *   where it would read it as text.
 * - The reader reads a file only if its real path (every link followed) is
 *   inside the real content folder, it is a regular file, and it weighs no
 *   more than the limit of its kind ({@link MAX_BYTES}).
 * - Text files are UTF-8 without control characters nor bidirectional
 *   controls ({@link readContentText}).
 *
 * Hand-written rather than with a glob library: they either follow links
 * (and loop) or skip them silently, and a skipped link must be reported.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, constants } from 'node:fs';
import path from 'node:path';
import type { ContentProblem } from '../lib/errors.ts';
import { isWithin } from '../lib/folders.ts';

/** What a file of the content folder is read as: its size limit and its name in messages. */
export type ContentFileKind = 'article' | 'page' | 'yaml' | 'image' | 'video';

const MIB = 1024 * 1024;

/**
 * The largest file of each kind the build reads. An article of 1 MiB is some
 * 150,000 words, ten times the longest long read; a YAML file of 64 KiB is a
 * thousand lines; an image of 40 MiB is a raw 24-megapixel photo; a video of
 * 256 MiB is several minutes of HD, beyond what a reader downloads in a page.
 */
export const MAX_BYTES: Readonly<Record<ContentFileKind, number>> = {
  article: 1 * MIB,
  page: 1 * MIB,
  yaml: 64 * 1024,
  image: 40 * MIB,
  video: 256 * MIB,
};

const KIND_NAMES: Readonly<Record<ContentFileKind, string>> = {
  article: 'un article',
  page: 'une page',
  yaml: 'un fichier YAML',
  image: 'une image',
  video: 'une vidéo',
};

/** A size as writers read it: « 64 Ko », « 1,5 Go ». */
export function frenchSize(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'Go'],
    [MIB, 'Mo'],
    [1024, 'Ko'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${(Math.round((bytes / size) * 10) / 10).toString().replace('.', ',')}\u00a0${unit}`;
  }
  return `${bytes}\u00a0octets`;
}

/** One entry of the content folder, as the walker found it (never through a link). */
export interface ContentEntry {
  /** Path relative to the content folder, POSIX separators. */
  rel: string;
  abs: string;
  /** A regular file, or a symbolic link to a file (not followed; the loader decides). */
  type: 'file' | 'link';
  /** Some segment of its path starts with a dot (`.brouillon.mdx`, `.git/…`). */
  hidden: boolean;
}

export interface ContentWalk {
  /** Every file and every link to a file, sorted by path. */
  entries: ContentEntry[];
  /** Links to folders, links that lead nowhere or in a loop: refused, never followed. */
  problems: ContentProblem[];
}

/** A path as messages show it: relative to the working directory. */
export const display = (abs: string) => path.relative(process.cwd(), abs) || abs;

/** The problem of a symbolic link the content phase will not follow nor read. */
export function linkProblem(abs: string, what: string): ContentProblem {
  return {
    file: display(abs),
    found: `un lien symbolique (vers ${what})`,
    expected: 'un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés dans le dossier de contenu',
    hint: what.startsWith('un fichier') ? 'copiez le fichier à la place du lien' : 'supprimez le lien, ou copiez le dossier à sa place',
  };
}

/** What a symbolic link points at, without following it further than one stat. */
function linkTarget(abs: string): 'folder' | 'file' | 'missing' | 'loop' {
  try {
    return statSync(abs).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'loop' : 'missing';
  }
}

/**
 * Every file under `root` (the content folder, or one of its folders),
 * without following any symbolic link: a link to a folder (or in a loop) is
 * a problem, a link to a file is an entry of type `link`, a dangling link is
 * an entry too (the loader reports it where it would read it). Never throws:
 * an unreadable folder is a problem. A missing root gives no entry.
 */
export function walkContent(root: string): ContentWalk {
  const entries: ContentEntry[] = [];
  const problems: ContentProblem[] = [];
  // The content folder itself may be a link (a checkout elsewhere): it is
  // read through it, and its real path is the jail (readContentBytes),
  // resolved again for each walk: the dev server's next pass follows a link
  // re-pointed to another folder.
  realRoots.delete(root);
  if (linkTarget(root) !== 'folder') return { entries, problems };
  const stack: string[] = [''];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    const dir = rel ? path.join(root, rel) : root;
    let children;
    try {
      children = readdirSync(dir, { withFileTypes: true });
    } catch {
      problems.push({ file: display(dir), found: 'un dossier illisible', expected: 'un dossier que la construction peut lire', hint: 'vérifiez ses droits d’accès' });
      continue;
    }
    for (const child of children) {
      const childRel = rel ? `${rel}/${child.name}` : child.name;
      const abs = path.join(root, childRel);
      const hidden = childRel.split('/').some((s) => s.startsWith('.'));
      if (child.isSymbolicLink()) {
        const target = linkTarget(abs);
        if (target === 'folder') problems.push(linkProblem(abs, 'un dossier'));
        else if (target === 'loop') problems.push(linkProblem(abs, 'lui-même, en boucle'));
        else entries.push({ rel: childRel, abs, type: 'link', hidden });
      } else if (child.isDirectory()) stack.push(childRel);
      else if (child.isFile()) entries.push({ rel: childRel, abs, type: 'file', hidden });
    }
  }
  entries.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { entries, problems };
}


/** The content folder's real path, by the path it was given as: resolved once a walk (walkContent), not once per file read. */
const realRoots = new Map<string, string>();

function realContentRoot(contentDir: string): string {
  let real = realRoots.get(contentDir);
  if (real === undefined) {
    real = realpathSync.native(contentDir);
    realRoots.set(contentDir, real);
  }
  return real;
}

/**
 * A file of the content folder opened for reading, with its size, or
 * undefined with the problem added to `problems`: a file whose real path
 * leaves the content folder, that is not a regular file, or that is larger
 * than {@link MAX_BYTES} for `kind`. The caller closes the descriptor.
 */
function openContentFile(
  contentDir: string,
  abs: string,
  kind: ContentFileKind,
  file: string,
  problems: ContentProblem[],
  where: Partial<ContentProblem>,
): { fd: number; size: number } | undefined {
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync.native(abs);
    realRoot = realContentRoot(contentDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({ file, ...where, found: code === 'ELOOP' ? 'un lien symbolique qui mène à lui-même, en boucle' : 'un fichier introuvable ou illisible', expected: 'un fichier ordinaire du dossier de contenu' });
    return undefined;
  }
  if (!isWithin(real, realRoot)) {
    problems.push({ file, ...where, found: 'un lien symbolique vers un fichier hors du dossier de contenu', expected: 'un fichier du dossier de contenu', hint: 'copiez le fichier dans le dossier de contenu à la place du lien' });
    return undefined;
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe must not wait forever for a writer.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    problems.push({ file, ...where, found: 'un fichier illisible', expected: 'un fichier que la construction peut lire', hint: 'vérifiez ses droits d’accès' });
    return undefined;
  }
  // The descriptor is the caller's only when the file is accepted.
  let accepted = false;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      problems.push({ file, ...where, found: stat.isDirectory() ? 'un dossier, pas un fichier' : 'un fichier spécial (tube, périphérique), pas un fichier ordinaire', expected: 'un fichier ordinaire du dossier de contenu' });
      return undefined;
    }
    const limit = MAX_BYTES[kind];
    if (stat.size > limit) {
      problems.push({
        file,
        ...where,
        found: `un fichier de ${frenchSize(stat.size)}, plus que la limite de ${frenchSize(limit)} pour ${KIND_NAMES[kind]}`,
        expected: `${KIND_NAMES[kind]} d’au plus ${frenchSize(limit)}`,
        hint: kind === 'image' ? 'réduisez sa définition ou enregistrez-la en JPEG' : kind === 'video' ? 'réduisez sa durée ou sa définition' : 'découpez-le en plusieurs fichiers',
      });
      return undefined;
    }
    accepted = true;
    return { fd, size: stat.size };
  } finally {
    if (!accepted) closeSync(fd);
  }
}

/**
 * The first `length` bytes (fewer if the file is shorter) of a file of the
 * content folder, under the rules of {@link readContentBytes} (the whole
 * file's size checked against its kind's limit), read into the buffer
 * `into` gives.
 */
export function readContentHead(
  contentDir: string,
  abs: string,
  kind: ContentFileKind,
  file: string,
  problems: ContentProblem[],
  length: number,
  into: (size: number) => Buffer,
): Buffer | undefined {
  const opened = openContentFile(contentDir, abs, kind, file, problems, {});
  if (!opened) return undefined;
  try {
    return readInto(opened.fd, into(Math.min(length, opened.size)), Math.min(length, opened.size));
  } finally {
    closeSync(opened.fd);
  }
}

/** Up to `size` bytes from the start of `fd` into `bytes`: the part read. */
function readInto(fd: number, bytes: Buffer, size: number): Buffer {
  let read = 0;
  while (read < size) {
    const n = readSync(fd, bytes, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return bytes.subarray(0, read);
}

/**
 * The bytes of a file of the content folder, or undefined with the problem
 * added to `problems`: a file whose real path leaves the content folder, that
 * is not a regular file, or that is larger than {@link MAX_BYTES} for `kind`.
 * The size is checked before anything is read. With `into`, the bytes are
 * read into the buffer it gives for the file's size (at least that large),
 * which the caller may lend again once it is done with them.
 */
export function readContentBytes(
  contentDir: string,
  abs: string,
  kind: ContentFileKind,
  file: string,
  problems: ContentProblem[],
  where: Partial<ContentProblem> = {},
  into: (size: number) => Buffer = (size) => Buffer.alloc(size),
): Buffer | undefined {
  const opened = openContentFile(contentDir, abs, kind, file, problems, where);
  if (!opened) return undefined;
  try {
    return readInto(opened.fd, into(opened.size), opened.size);
  } finally {
    closeSync(opened.fd);
  }
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** `U+202E` for a character. */
const codeOf = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Reads a content text file (article, page, author, rubrique, series,
 * site.yaml) through {@link readContentBytes}, or reports why it cannot be
 * used and returns undefined. Every content text file goes through here, so
 * they all follow the same rules:
 * - UTF-8 only. `readFileSync(…, 'utf8')` would silently turn the bytes of a
 *   file saved as Latin-1 into U+FFFD and publish them; the fatal decoder
 *   refuses them instead.
 * - A UTF-8 byte order mark (saved by some Windows editors) is dropped: it is
 *   not part of the text, and would hide the front matter's first `---`.
 * - No control characters but tab and line breaks: they are invisible in an
 *   editor, and a NUL or a C1 character makes rss.xml ill-formed XML.
 * - No bidirectional controls (U+202A–U+202E, U+2066–U+2069): invisible, they
 *   make a title or a link read backwards, other than the text it holds.
 */
export function readContentText(contentDir: string, abs: string, kind: ContentFileKind, file: string, problems: ContentProblem[]): string | undefined {
  let bytes = readContentBytes(contentDir, abs, kind, file, problems);
  if (bytes === undefined) return undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The decoder does not say where: a line feed byte is never part of a
    // UTF-8 sequence, so the first line that is not valid UTF-8 on its own
    // is the line of the first bad byte.
    let line = 1;
    for (let start = 0; start <= bytes.length; line++) {
      const end = bytes.indexOf(0x0a, start);
      if (!isUtf8(bytes.subarray(start, end === -1 ? bytes.length : end))) break;
      if (end === -1) break;
      start = end + 1;
    }
    problems.push({
      file,
      line,
      found: 'des octets qui ne sont pas de l’UTF-8 (le fichier a sans doute été enregistré en Latin-1 ou en Windows-1252)',
      expected: 'un fichier texte encodé en UTF-8',
      hint: 'ouvrez-le dans votre éditeur et enregistrez-le de nouveau avec l’encodage UTF-8',
    });
    return undefined;
  }
  const column = (index: number) => index - (text.lastIndexOf('\n', index) + 1) + 1;
  // U+FFFE and U+FFFF are not characters either, and XML refuses them too.
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/.exec(text);
  if (control) {
    const code = codeOf(control[0]);
    problems.push({
      file,
      line: lineAt(text, control.index),
      found: `le caractère de contrôle invisible ${code}${code === 'U+0000' ? ' (NUL)' : ''} en colonne ${column(control.index)}`,
      expected: 'du texte sans caractère de contrôle (seuls la tabulation et les retours à la ligne sont acceptés)',
      hint: 'supprimez-le, par exemple en retapant les caractères qui l’entourent',
    });
    return undefined;
  }
  const bidi = /[\u202A-\u202E\u2066-\u2069]/.exec(text);
  if (bidi) {
    problems.push({
      file,
      line: lineAt(text, bidi.index),
      found: `le caractère invisible ${codeOf(bidi[0])}, qui change le sens de lecture du texte, en colonne ${column(bidi.index)}`,
      expected: 'du texte sans caractère de contrôle du sens de lecture (U+202A à U+202E, U+2066 à U+2069) : ils font lire un titre ou un lien autrement qu’il n’est écrit',
      hint: 'supprimez-le, par exemple en retapant les caractères qui l’entourent',
    });
    return undefined;
  }
  return text;
}
