import { describe, it, expect } from 'vitest';
import { ContentError, formatProblem, formatProblems, sortProblems, suggestClosest, type ContentProblem } from '../../src/lib/errors.ts';

describe('formatProblem', () => {
  it('writes file, field, found and expected on one line', () => {
    expect(
      formatProblem({
        file: 'content/articles/2016/x.mdx',
        field: 'authors[0]',
        found: '"jdupont"',
        expected: 'one of: claire-martin, marie-durand',
      }),
    ).toBe('content/articles/2016/x.mdx › authors[0]: found "jdupont", expected one of: claire-martin, marie-durand');
  });

  it('adds the line and the hint when known', () => {
    expect(
      formatProblem({ file: 'a.mdx', line: 12, field: '<Figure alt>', found: '""', expected: 'a non-empty alt text', hint: 'is there a typo?' }),
    ).toBe('a.mdx:12 › <Figure alt>: found "", expected a non-empty alt text (is there a typo?)');
  });

  it('works without field or found', () => {
    expect(formatProblem({ file: 'content/site.yaml', expected: 'a site.yaml with at least name and url' })).toBe(
      'content/site.yaml: expected a site.yaml with at least name and url',
    );
  });

  it('treats explicit undefined like a missing property', () => {
    expect(formatProblem({ file: 'f', field: undefined, line: undefined, found: undefined, expected: 'x', hint: undefined })).toBe('f: expected x');
  });

  it('always gives a single line', () => {
    const line = formatProblem({ file: 'f', found: 'invalid YAML\n  at line 3', expected: 'valid\nYAML' });
    expect(line).not.toContain('\n');
    expect(line).toBe('f: found invalid YAML at line 3, expected valid YAML');
  });
});

const problems: ContentProblem[] = [
  { file: 'b.mdx', line: 3, field: 'title', expected: 'x' },
  { file: 'a.mdx', line: 10, field: 'tags', expected: 'x' },
  { file: 'a.mdx', line: 2, field: 'title', expected: 'x' },
  { file: 'a.mdx', field: 'authors[0]', expected: 'x' },
  { file: 'a.mdx', line: 2, field: 'description', expected: 'x' },
];

describe('sortProblems / formatProblems', () => {
  it('sorts by file, then line (file-wide first), then field', () => {
    expect(sortProblems(problems).map((p) => `${p.file}:${p.line ?? '-'}:${p.field}`)).toEqual([
      'a.mdx:-:authors[0]',
      'a.mdx:2:description',
      'a.mdx:2:title',
      'a.mdx:10:tags',
      'b.mdx:3:title',
    ]);
  });

  it('is independent of the input order', () => {
    expect(formatProblems([...problems].reverse())).toBe(formatProblems(problems));
  });

  it('writes a header with the count and one line per problem', () => {
    expect(formatProblems(problems)).toMatchInlineSnapshot(`
      "5 content problems:
        - a.mdx › authors[0]: expected x
        - a.mdx:2 › description: expected x
        - a.mdx:2 › title: expected x
        - a.mdx:10 › tags: expected x
        - b.mdx:3 › title: expected x"
    `);
  });

  it('uses the singular for one problem', () => {
    expect(formatProblems([problems[0]!]).split('\n')[0]).toBe('1 content problem:');
  });
});

describe('ContentError', () => {
  it('is an Error carrying the sorted problems and the formatted message', () => {
    const error = new ContentError(problems);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ContentError);
    expect(error.name).toBe('ContentError');
    expect(error.message).toBe(formatProblems(problems));
    expect(error.problems).toEqual(sortProblems(problems));
  });

  it('does not keep a reference to the caller list', () => {
    const list = [...problems];
    const error = new ContentError(list);
    list.length = 0;
    expect(error.problems).toHaveLength(5);
  });
});

describe('suggestClosest', () => {
  const ids = ['claire-martin', 'marie-durand', 'jean-dupont'];

  it('finds a near miss', () => {
    expect(suggestClosest('marie-durant', ids)).toBe('marie-durand');
    expect(suggestClosest('Jean-Dupont', ids)).toBe('jean-dupont');
    expect(suggestClosest('jean-dupon', ids)).toBe('jean-dupont');
  });

  it('suggests nothing when nothing is close', () => {
    expect(suggestClosest('jdupont', ids)).toBeUndefined();
    expect(suggestClosest('x', [])).toBeUndefined();
  });

  it('is stricter for short words', () => {
    expect(suggestClosest('clod', ['cloud'])).toBe('cloud');
    expect(suggestClosest('ia', ['ai', 'web'])).toBeUndefined();
  });

  it('breaks ties by code-unit order', () => {
    expect(suggestClosest('cat', ['cot', 'bat'])).toBe('bat');
    expect(suggestClosest('cat', ['bat', 'cot'])).toBe('bat');
  });
});
