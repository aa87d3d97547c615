import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../src/commands/text.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('list', 'list')).toBe(0);
    expect(editDistance('lst', 'list')).toBe(1);
    expect(editDistance('lisst', 'list')).toBe(1);
    expect(editDistance('lust', 'list')).toBe(1);
    expect(editDistance('', 'add')).toBe(3);
    expect(editDistance('remove', 'resume')).toBe(3);
  });

  it('counts two neighbouring letters typed the wrong way round as one slip', () => {
    expect(editDistance('lsit', 'list')).toBe(1);
    expect(editDistance('--kidn', '--kind')).toBe(1);
    expect(editDistance('pasue', 'pause')).toBe(1);
  });
});

describe('closest', () => {
  it('suggests the nearest candidate within a slip or two, and nothing for an unrelated word', () => {
    const verbs = ['add', 'list', 'remove', 'pause', 'resume', 'move', 'import'];
    expect(closest('lsit', verbs)).toBe('list');
    expect(closest('LIST', verbs)).toBe('list');
    expect(closest('pasue', verbs)).toBe('pause');
    expect(closest('frobnicate', verbs)).toBeUndefined();
  });
});

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
