import type { SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { AnswerItem } from '../../src/briefing/answer.ts';
import type { DigestItem } from '../../src/briefing/digest.ts';
import type { EvidenceCounts } from '../../src/db/search.ts';
import { changeText, weekChange } from '../../src/format.ts';
import { itemLine, sentimentText, sparkline, sparklineText } from '../../src/slack/blocks/answer.ts';
import { digestThreadMessages } from '../../src/slack/blocks/digest.ts';
import { claimantMessage } from '../../src/slack/blocks/nudge.ts';
import { sampleNudgeView } from '../helpers/nudges.ts';

// Slack reads an emoji aloud by its name ("red circle") and notifications show the `text`: what a
// message means must not rest on a colour, a shape or a symbol alone.

const now = new Date('2026-11-02T09:00:00Z');

function mrkdwn(blocks: unknown[]): string {
  return (blocks as Array<SectionBlock & { elements?: Array<{ text?: string }> }>)
    .flatMap((block) => [
      block.text?.text ?? '',
      ...(block.fields ?? []).map((field) => field.text),
      ...(block.elements ?? []).map((element) => element.text ?? ''),
    ])
    .join('\n');
}

const answerItem: AnswerItem = {
  id: 31,
  title: 'Renewal quote went up 25%',
  url: 'https://reviews.example/31',
  author: null,
  publishedAt: new Date('2026-11-01T09:00:00Z'),
  feedTitle: 'StackRank',
  feedKind: 'review',
  feedCompetitor: null,
  sentiment: 'negative',
  clusterId: null,
  excerpt: '',
  sourceCount: 1,
  score: 1,
  number: 4,
  otherSources: 0,
};

const digestItem: DigestItem = {
  id: 8,
  title: 'Acme raises prices',
  url: 'https://news.example/8',
  feedId: 2,
  feedTitle: 'SaaS Ledger',
  feedKind: 'news',
  publishedAt: new Date('2026-11-02T07:00:00Z'),
  sentiment: 'positive',
  language: null,
  summary: '',
  topics: ['pricing'],
  otherSources: 0,
  score: 1,
};

function counts(partial: Partial<EvidenceCounts>): EvidenceCounts {
  return {
    current: 8,
    previous: 0,
    daily: [0, 0, 0, 1, 1, 4, 2],
    toEnd: [0, 0, 0, 1, 1, 4, 2],
    sentiment: { positive: 2, neutral: 4, negative: 2 },
    previousSentiment: { positive: 0, neutral: 0, negative: 0 },
    byKind: { review: 8 },
    byCompetitor: {},
    ...partial,
  };
}

describe('tone is said in words, not by colour alone', () => {
  it("an answer's source line names its tone next to the coloured dot", () => {
    expect(itemLine(answerItem, now)).toContain(':red_circle: negative · StackRank (_review_)');
    expect(itemLine({ ...answerItem, sentiment: 'neutral' }, now)).toContain(':white_circle: neutral · ');
    expect(itemLine({ ...answerItem, sentiment: 'unread', language: 'de' }, now)).toContain(
      ':globe_with_meridians: tone not read · StackRank · DE',
    );
  });

  it("an answer's Sentiment figures name each share's tone", () => {
    expect(sentimentText(counts({}))).toBe(
      ':large_green_circle: positive 25% (2) · :white_circle: neutral 50% (4) · :red_circle: negative 25% (2)',
    );
  });

  it("a digest's items and an expert's related stories name their tone", () => {
    const [thread] = digestThreadMessages('C1', [digestItem], now, { feedback: true });
    expect(mrkdwn(thread?.message.blocks ?? [])).toContain(
      '1. :large_green_circle: positive · <https://news.example/8|Acme raises prices>',
    );
    const related = {
      title: 'Globex cuts prices',
      url: 'https://news.example/9',
      source: 'Ledger',
      sentiment: 'negative',
      publishedAt: now,
      sameStory: false,
    };
    const dm = claimantMessage({ ...sampleNudgeView, related: [related] }, now);
    expect(mrkdwn(dm.blocks)).toContain(
      ':red_circle: negative · <https://news.example/9|Globex cuts prices>',
    );
  });
});

describe('trends are said in words, not by arrows and bars alone', () => {
  it('an arrow has its direction beside it', () => {
    expect(changeText(30, 20, 'the previous 7 days')).toBe('▲ up 50% vs the previous 7 days (20)');
    expect(changeText(1, 4, 'the previous digest')).toBe('▼ down from 4 in the previous digest');
    expect(weekChange(2, 9)).toBe(' (▼ down from 9 the week before)');
  });

  it('a sparkline comes with the counts it draws, grouped as it groups them', () => {
    expect(sparklineText([0, 0, 0, 1, 1, 4, 2])).toBe(
      `\`${sparkline([0, 0, 0, 1, 1, 4, 2])}\` per day, oldest first: 0, 0, 0, 1, 1, 4, 2`,
    );
    const month = Array.from({ length: 30 }, (_, day) => (day % 3 === 0 ? 2 : 0));
    expect(sparklineText(month)).toMatch(/^`[▁-█]{10}` per 3 days, oldest first: 2(, 2){9}$/);
    expect(sparklineText([])).toBe('');
  });
});
