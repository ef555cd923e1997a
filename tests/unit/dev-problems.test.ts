import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { failurePage, problemsPage } from '../../src/dev/problems.ts';

describe('the dev server’s problems page', () => {
  it('lists every problem as text, sorted by file and line, under a French title', () => {
    const html = problemsPage([
      { file: 'content/articles/b.mdx', line: 9, field: 'category', found: '"<script>alert(1)</script>"', expected: 'une rubrique existante' },
      { file: 'content/articles/a.mdx', line: 4, field: 'authors[0]', found: '"jdupont"', expected: 'un auteur existant' },
    ]);
    const { document } = parseHTML(html);
    expect(document.querySelector('h1')?.textContent).toBe('Le contenu a des problèmes');
    const items = [...document.querySelectorAll('li')].map((li) => li.textContent ?? '');
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('content/articles/a.mdx:4');
    expect(items[0]).toContain('jdupont');
    expect(items[1]).toContain('content/articles/b.mdx:9');
    // A writer's text is shown, never run.
    expect(items[1]).toContain('<script>');
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('meta[http-equiv="refresh"]')).not.toBeNull();
  });

  it('shows a failed pass by its message only', () => {
    const error = new Error('Input file is truncated');
    const { document } = parseHTML(failurePage(error));
    expect(document.querySelector('pre')?.textContent).toBe('Input file is truncated');
    expect(document.body.textContent).not.toMatch(/\bat .*:\d+/);
  });
});
