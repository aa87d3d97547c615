import type { Button, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { AnswerItem } from '../../src/briefing/answer.ts';
import type { DigestItem } from '../../src/briefing/digest.ts';
import type { EvidenceCounts } from '../../src/db/search.ts';
import { changeText, weekChange } from '../../src/format.ts';
import { shortFeedName } from '../../src/monitor/feed-kind.ts';
import {
  itemLine,
  sentimentText,
  volumeBars,
  volumeCounts,
  volumeText,
} from '../../src/slack/blocks/answer.ts';
import { replyLink } from '../../src/slack/blocks/common.ts';
import { digestThreadMessages } from '../../src/slack/blocks/digest.ts';
import { feedFailingMessage } from '../../src/slack/blocks/feed-alert.ts';
import { buildHomeView, type HomeInput } from '../../src/slack/blocks/home.ts';
import { claimantMessage, nudgeMessage } from '../../src/slack/blocks/nudge.ts';
import { requestOrSeeButton } from '../../src/slack/blocks/source.ts';
import { answerItem } from '../helpers/answer-item.ts';
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

const reviewItem: AnswerItem = answerItem({
  id: 31,
  title: 'Renewal quote went up 25%',
  url: 'https://reviews.example/31',
  feedTitle: 'StackRank',
  feedKind: 'review',
  number: 4,
});

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
    expect(itemLine(reviewItem, now, shortFeedName)).toContain(
      ':red_circle: negative · StackRank (_review_)',
    );
    expect(itemLine({ ...reviewItem, sentiment: 'neutral' }, now, shortFeedName)).toContain(
      ':white_circle: neutral · ',
    );
    expect(itemLine({ ...reviewItem, sentiment: 'unread', language: 'de' }, now, shortFeedName)).toContain(
      ':globe_with_meridians: tone not read · StackRank · DE',
    );
  });

  it("an answer's Sentiment figures name each share's tone", () => {
    expect(sentimentText(counts({}))).toBe(
      ':large_green_circle: positive 25% (2) · :white_circle: neutral 50% (4) · :red_circle: negative 25% (2)',
    );
  });

  it("an answer's short Sentiment names positive and negative in words, not by colour alone, the neutral share between", () => {
    expect(sentimentText(counts({}), true)).toBe(
      ':large_green_circle: 25% positive · :white_circle: 50% · :red_circle: 25% negative',
    );
  });

  it("an answer's Volume says its change's direction in a word and the count before, in a phone's line", () => {
    const week = { since: new Date('2026-11-17T00:00:00Z'), until: new Date('2026-11-24T00:00:00Z') };
    expect(volumeText(counts({ current: 15, previous: 1 }), week)).toBe('15 · ▲ up from 1 the week before');
    expect(volumeText(counts({ current: 150, previous: 200 }), week)).toBe(
      '150 · ▼ down from 200 the week before',
    );
    expect(volumeText(counts({ current: 15, previous: 15 }), week)).toBe('15 · steady vs the week before');
    expect(volumeText(counts({ current: 8, previous: 0 }), week)).toBe('8 · ▲ up from none the week before');
    expect(volumeText(counts({ current: 8, previous: 3 }), 30)).toBe(
      '8 · ▲ up from 3 in the previous 30 days',
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

  it('a sparkline comes with the counts it draws, grouped as it groups them, in the text a screen reader reads', () => {
    expect(volumeBars([0, 0, 0, 1, 1, 4, 2], new Date('2026-11-17T00:00:00Z'))).toBe('`▁▁▁▃▃█▅` per day');
    expect(volumeCounts([0, 0, 0, 1, 1, 4, 2], new Date('2026-11-17T00:00:00Z'))).toBe(
      'Mentions per day, oldest first: 0, 0, 0, 1, 1, 4, 2.',
    );
    const month = Array.from({ length: 30 }, (_, day) => (day % 3 === 0 ? 2 : 0));
    expect(volumeBars(month, new Date('2026-10-26T00:00:00Z'))).toMatch(/^`[▁-█]{5}` by week, from 26 Oct$/);
    expect(volumeCounts(month, new Date('2026-10-26T00:00:00Z'))).toMatch(
      /^Mentions by week, from 26 Oct, oldest first: \d+(, \d+){4}\.$/,
    );
    expect(volumeBars([], new Date('2026-11-17T00:00:00Z'))).toBe('');
    expect(volumeCounts([], new Date('2026-11-17T00:00:00Z'))).toBe('');
  });
});

/** Every button of a message or view, by its text. */
function buttonsOf(blocks: unknown[]): Map<string, Button[]> {
  const found = new Map<string, Button[]>();
  for (const block of blocks as Array<{ elements?: Button[]; accessory?: Button }>)
    for (const element of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])])
      if (element.type === 'button')
        found.set(element.text.text, [...(found.get(element.text.text) ?? []), element]);
  return found;
}

const homeInput: HomeInput = {
  userId: 'UEXPERT01',
  role: 'sme',
  feeds: { total: 1, active: 1, failing: 0, paused: 0, stale: 0, retrying: 0 },
  troubledFeeds: [],
  topics: [],
  usage: { asks7d: 0, askers7d: 0 },
  digests: [],
  myClaims: [
    { id: 12, line: '*12* Acme raises prices' },
    { id: 14, line: '*14* Globex cuts prices' },
  ],
  waitingOnBeats: [{ id: 15, line: '*15* Outage in the east' }],
  conversations: { waiting: 1, claimed: 2, onBeat: 1 },
};

describe('buttons say what they act on, and ask before what is hard to take back', () => {
  it('a button repeated down a message names its story or conversation to a screen reader', () => {
    const [thread] = digestThreadMessages(
      'C1',
      [digestItem, { ...digestItem, id: 9, title: 'Globex cuts prices' }],
      now,
      {
        feedback: true,
      },
    );
    const buttons = buttonsOf(thread?.message.blocks ?? []);
    expect(buttons.get('Request a response')?.map((element) => element.accessibility_label)).toEqual([
      'Request a response: Acme raises prices',
      'Request a response: Globex cuts prices',
    ]);
    expect(buttons.get('Not relevant')?.[1]?.accessibility_label).toBe('Not relevant: Globex cuts prices');
    expect(buttons.get('Mute source')?.[0]?.accessibility_label).toBe('Mute source SaaS Ledger');
    const answerButton = requestOrSeeButton(31, null, '[4] Renewal quote went up 25%');
    expect(answerButton.accessibility_label).toBe('Request a response: [4] Renewal quote went up 25%');
    const nudge = buttonsOf(nudgeMessage(sampleNudgeView, now).blocks);
    expect(nudge.get('Claim')?.[0]?.accessibility_label).toMatch(/^Claim conversation 7: Acme /);
    expect(nudge.get('Claim')?.[0]?.accessibility_label?.length).toBeLessThanOrEqual(75);
    const home = buttonsOf(buildHomeView(homeInput).blocks);
    expect(home.get('Release')?.map((element) => element.accessibility_label)).toEqual([
      'Release conversation 12',
      'Release conversation 14',
    ]);
    expect(home.get('Snooze a day')?.[0]?.accessibility_label).toBe('Snooze conversation 15 a day');
  });

  it('Mute source, Release and Pause feed ask first, saying what happens and how it is undone', () => {
    const [thread] = digestThreadMessages('C1', [digestItem], now, { feedback: true });
    const mute = buttonsOf(thread?.message.blocks ?? []).get('Mute source')?.[0];
    expect(mute?.confirm?.title?.text).toBe('Mute this source?');
    expect(mute?.confirm?.text?.text).toContain(
      "This source's stories are left out of this channel's digests",
    );
    expect(mute?.confirm?.text?.text).toContain('/brief digest unmute');
    expect(mute?.confirm?.deny?.text).toBe('Cancel');
    // Not relevant only marks one story: it asks nothing.
    expect(buttonsOf(thread?.message.blocks ?? []).get('Not relevant')?.[0]?.confirm).toBeUndefined();

    for (const release of [
      buttonsOf(claimantMessage(sampleNudgeView, now).blocks).get('Release')?.[0],
      buttonsOf(buildHomeView(homeInput).blocks).get('Release')?.[0],
    ])
      expect(release?.confirm?.title?.text).toMatch(/^Give conversation \d+ back\?$/);

    const alert = feedFailingMessage(
      {
        id: 3,
        url: 'https://x.example/feed',
        title: 'X news',
        lastError: 'HTTP 500',
        failingSince: new Date('2026-11-01T10:00:00Z'),
        consecutiveFailures: 4,
      },
      'UTC',
    );
    const pause = buttonsOf(alert.blocks).get('Pause feed')?.[0];
    expect(pause?.confirm?.title?.text).toBe('Pause feed 3?');
    expect(pause?.confirm?.text?.text).toContain('/brief feeds resume 3');
    expect(buttonsOf(alert.blocks).get('Retry now')?.[0]?.confirm).toBeUndefined();
  });
});

describe('links say where they go', () => {
  it("an expert's reply is linked by its site, not spelled out as its whole address", () => {
    const replied = nudgeMessage(
      {
        ...sampleNudgeView,
        state: 'replied',
        claimantId: 'USME0001',
        replyUrl: 'https://www.linkedin.com/posts/maria-123?x=1',
      },
      now,
    );
    expect(mrkdwn(replied.blocks)).toContain(
      '<@USME0001> replied: <https://www.linkedin.com/posts/maria-123?x=1|their reply on linkedin.com>',
    );
    expect(replyLink('https://reader:pw@social.example/r/1')).toBe(
      '<https://social.example/r/1|the reply on social.example>',
    );
    expect(replyLink(null)).toBe('the reply');
  });
});

describe('the notification text says where things stand', () => {
  it("a nudge's text follows its state, as its message is updated in place", () => {
    const text = (state: string) =>
      nudgeMessage({ ...sampleNudgeView, state, claimantId: 'USME0001' }, now).text;
    expect(text('open')).toMatch(/^A conversation to join on pricing: /);
    expect(text('claimed')).toMatch(/^A conversation on pricing, claimed by an expert: /);
    expect(text('replied')).toMatch(/^A conversation on pricing, answered by an expert: /);
    expect(text('dismissed')).toMatch(/^A conversation on pricing, dismissed as not relevant: /);
    expect(text('expired')).toMatch(/^A conversation on pricing, expired unanswered: /);
  });
});
