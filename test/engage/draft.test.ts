import { describe, expect, it } from 'vitest';
import { tidyDraft } from '../../src/engage/draft.ts';

const sources = ['https://news.example.com/o1', 'https://news.example.com/o2'];

describe('tidyDraft', () => {
  it('leaves what only looks like a tag: an e-mail address, C#, #1, a [placeholder]', () => {
    const draft =
      'Write to support@acme.com; it is our #1 issue in C# and F#. See [link to the status page].';
    expect(tidyDraft(draft, sources)).toEqual({
      draft,
      removed: { hashtags: [], mentions: [], links: [] },
    });
  });

  it("keeps the story's own links, however written, and makes any other a [link], its sentence's full stop kept", () => {
    const { draft, removed } = tidyDraft(
      'See www.news.example.com/o1/ and (https://NEWS.example.com/o2). Fixed: https://acme.example/fix.',
      sources,
    );
    expect(draft).toBe('See www.news.example.com/o1/ and (https://NEWS.example.com/o2). Fixed: [link].');
    expect(removed.links).toEqual(['https://acme.example/fix']);
  });

  it('drops a trailing run of tags whole, and one after a comma with it; a tag mid-sentence keeps its word', () => {
    const { draft, removed } = tidyDraft(
      'Thanks for the #feedback, @jo\nWe are on it. #acme #sorry',
      sources,
    );
    expect(draft).toBe('Thanks for the feedback.\nWe are on it.');
    expect(removed).toEqual({ hashtags: ['#feedback', '#acme', '#sorry'], mentions: ['@jo'], links: [] });
  });
});
