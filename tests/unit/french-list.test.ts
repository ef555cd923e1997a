import { describe, it, expect } from 'vitest';
import { joinFrench } from '../../src/lib/french-list.ts';

describe('joinFrench', () => {
  it('handles zero, one and two names', () => {
    expect(joinFrench([])).toBe('');
    expect(joinFrench(['Claire Martin'])).toBe('Claire Martin');
    expect(joinFrench(['Claire Martin', 'Marie Durand'])).toBe('Claire Martin et Marie Durand');
  });

  it('uses commas and a final « et » without serial comma', () => {
    expect(joinFrench(['A', 'B', 'C'])).toBe('A, B et C');
    expect(joinFrench(['A', 'B', 'C', 'D'])).toBe('A, B, C et D');
  });

  it('does not modify its input', () => {
    const names = ['A', 'B', 'C'];
    joinFrench(names);
    expect(names).toEqual(['A', 'B', 'C']);
  });
});
