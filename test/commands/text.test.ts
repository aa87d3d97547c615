import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/commands/text.ts';

describe('did you mean', () => {
  it('counts two neighbouring letters swapped as one edit', () => {
    expect(editDistance('calim', 'claim')).toBe(1);
    expect(editDistance('lsit', 'list')).toBe(1);
    expect(editDistance('claim', 'claim')).toBe(0);
    expect(editDistance('relase', 'release')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
  });

  it('guesses the verb of a typo, and nothing for an unrelated word', () => {
    const verbs = ['list', 'item', 'claim', 'replied', 'release', 'snooze', 'dismiss', 'reassign'];
    expect(closest('calim', verbs)).toBe('claim');
    expect(closest('Snoze', verbs)).toBe('snooze');
    expect(closest('pricing', verbs)).toBeUndefined();
  });
});
