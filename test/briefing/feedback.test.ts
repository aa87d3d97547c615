import { describe, expect, it } from 'vitest';
import { feedbackRemovedNote, type SourceFeedback } from '../../src/briefing/feedback.ts';

const source = (feedId: number, muted: boolean, notRelevant: number): SourceFeedback => ({
  feedId,
  source: `Feed ${feedId}`,
  muted,
  notRelevant,
});

describe('feedbackRemovedNote', () => {
  it('says what a removal undid in each channel, and what to do after adding the feed again', () => {
    const byChannel = new Map([
      ['C1', [source(2, true, 0)]],
      ['C2', [source(2, false, 2), source(3, true, 1)]],
    ]);
    expect(feedbackRemovedNote(byChannel, [2])).toBe(
      " <#C1>'s mute of this feed and <#C2>'s 2 “not relevant” marks on this feed were removed; mute it again after re-adding if needed.",
    );
    expect(feedbackRemovedNote(new Map([['C1', [source(2, true, 0)]]]), [2])).toBe(
      " <#C1>'s mute of this feed was removed; mute it again after re-adding if needed.",
    );
    expect(feedbackRemovedNote(new Map([['C2', [source(2, false, 1)]]]), [2])).toBe(
      " <#C2>'s 1 “not relevant” mark on this feed was removed; added again, it starts with no marks.",
    );
    expect(feedbackRemovedNote(byChannel, [2, 3])).toBe(
      " <#C1>'s mute of feed 2, <#C2>'s 2 “not relevant” marks on feed 2 and <#C2>'s mute of feed 3 and 1 “not relevant” mark on it were removed; mute them again after re-adding if needed.",
    );
    expect(feedbackRemovedNote(byChannel, [9])).toBe('');
  });
});
