import { describe, expect, it } from 'vitest';
import type { ReplyOutline } from '../../src/engage/draft.ts';
import type { Message } from '../../src/slack/blocks/common.ts';
import { draftReplyMessage, draftReplyMessages } from '../../src/slack/blocks/draft.ts';

/** The sections' text, as Slack reads it. */
function textOf(message: Message | undefined): string {
  return (message?.blocks ?? [])
    .map((block) => (block as { text?: { text: string } }).text?.text ?? '')
    .join('\n');
}

const outline: ReplyOutline = {
  nudgeId: 7,
  title: 'Acme <b>pricing</b> & the "backlash"',
  url: 'https://news.example.com/p1',
  source: 'Example <News>',
  topic: 'pricing',
  claims: [
    'Acme <b>pricing</b> & the "backlash"',
    'Customers say <@U0EVIL> & <!channel> the increase is unfair.',
  ],
  angle: 'Say what <we> changed',
  related: [
    {
      title: 'Globex *also* raises prices',
      url: 'https://other.example.com/g',
      source: 'Other',
      sentiment: 'negative',
      publishedAt: new Date('2026-11-02T07:00:00Z'),
      sameStory: false,
    },
  ],
  text: '',
};

describe('draftReplyMessages', () => {
  it('a draft: the note, then the draft alone as plain text (nothing in it pings or formats), its fallback escaped', () => {
    const draft = 'We hear you <!channel> & *everyone*: [link to our pricing page].';
    const [note, alone] = draftReplyMessages({ kind: 'draft', draft, outline });
    expect(textOf(note)).toContain(
      '<https://news.example.com/p1|Acme &lt;b&gt;pricing&lt;/b&gt; &amp; the "backlash">',
    );
    expect(textOf(note)).toContain('Example &lt;News&gt;');
    expect(alone?.blocks).toEqual([
      { type: 'section', text: { type: 'plain_text', text: draft, emoji: false } },
    ]);
    expect(alone?.text).toBe('We hear you &lt;!channel&gt; &amp; *everyone*: [link to our pricing page].');
    // This message has no button: where Mark replied is, and the command that works from anywhere.
    expect(textOf(note)).toContain(
      'Once posted, press *Mark replied* on your claim message with the link to your reply (or how you replied), or send `/brief nudge replied 7 &lt;link to your reply | how you replied&gt;`.',
    );
  });

  it('a draft too long for a section is cut within Slack’s 3,000 characters', () => {
    const [, alone] = draftReplyMessages({ kind: 'draft', draft: 'word '.repeat(1000), outline });
    const text = textOf(alone);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('…')).toBe(true);
  });

  it('no draft: why, then the story’s own sentences, the angle and the sources, all escaped; no draft text', () => {
    const message = draftReplyMessage({ kind: 'outline', failure: 'no_model', outline });
    const text = textOf(message);
    expect(text).toContain('an admin sets `OPENAI_API_KEY` where Briefbot runs');
    expect(text).toContain('• Customers say &lt;@U0EVIL&gt; &amp; &lt;!channel&gt; the increase is unfair.');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('*A possible angle*: Say what &lt;we&gt; changed');
    expect(text).toContain('<https://other.example.com/g|Globex \u200d*also* raises prices> — Other');
    expect(text).not.toContain('A first draft');
    expect(text).toContain(
      'Then press *Mark replied* on your claim message with the link to your reply (or how you replied), or send `/brief nudge replied 7 &lt;link to your reply | how you replied&gt;`.',
    );
  });
});
