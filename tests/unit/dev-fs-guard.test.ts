/** The dev server serves no file outside the project and the content folder, links followed (src/dev/fs-guard.ts). */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileRequestAllowed, servedRoots } from '../../src/dev/fs-guard.ts';

describe('fileRequestAllowed', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-dev-fs-'));
  const project = path.join(root, 'projet');
  const content = path.join(root, 'contenu');
  const secret = path.join(root, 'ailleurs', 'secret.txt');
  mkdirSync(path.join(project, 'src'), { recursive: true });
  mkdirSync(path.join(content, 'articles', 'a'), { recursive: true });
  mkdirSync(path.dirname(secret));
  writeFileSync(secret, 'mot de passe');
  writeFileSync(path.join(project, 'src', 'page.ts'), '');
  writeFileSync(path.join(content, 'articles', 'a', 'photo.jpg'), '');
  symlinkSync(secret, path.join(content, 'articles', 'a', 'passwd'));
  symlinkSync(path.dirname(secret), path.join(project, 'src', 'lien'));
  // The content folder reached through a link: its real path counts.
  symlinkSync(content, path.join(root, 'contenu-lien'));
  const roots = servedRoots(project, path.join(root, 'contenu-lien'));
  const allowed = (url: string) => fileRequestAllowed(url, project, roots);

  it('serves the files of the project and of the content folder', () => {
    expect(allowed('/src/page.ts')).toBe(true);
    expect(allowed(`/@fs${path.join(content, 'articles/a/photo.jpg')}`)).toBe(true);
    expect(allowed(`/@fs${path.join(root, 'contenu-lien', 'articles/a/photo.jpg')}?import`)).toBe(true);
    expect(allowed('/articles/lancement/')).toBe(true); // no such file: a page
  });

  it('refuses a link inside them that leads outside, through /@fs/ or a project path, and any file outside', () => {
    expect(allowed(`/@fs${path.join(content, 'articles/a/passwd')}`)).toBe(false);
    expect(allowed(`/@fs${path.join(content, 'articles/a/%70asswd')}`)).toBe(false);
    expect(allowed('/src/lien/secret.txt')).toBe(false);
    expect(allowed(`/@fs${secret}`)).toBe(false);
    expect(allowed('/@fs/etc/passwd')).toBe(false);
  });
});
