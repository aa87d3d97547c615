import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/briefing/answer.ts';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import type { EvidenceCounts } from '../../src/db/search.ts';
import { feedNamedIn, pageNamesFeedMessage } from '../../src/monitor/discover.ts';
import { type ImportOutcome, importReport } from '../../src/monitor/feeds.ts';
import {
  momentumText,
  periodBefore,
  premiseNote,
  sentimentText,
  toneShiftText,
} from '../../src/slack/blocks/answer.ts';
import {
  context,
  escapeFeedText,
  escapePlaceholders,
  escapeText,
  lineSections,
  link,
  message,
  section,
  truncate,
} from '../../src/slack/blocks/common.ts';
import { feedFailingMessage } from '../../src/slack/blocks/feed-alert.ts';
import { buildHomeView } from '../../src/slack/blocks/home.ts';
import {
  helpMessage,
  importMessage,
  topicsListMessage,
  topicTestMessage,
} from '../../src/slack/blocks/replies.ts';
import { Action } from '../../src/slack/ids.ts';
import { assertWithinSlackLimits } from '../helpers/slack-limits.ts';

function sectionTexts(blocks: unknown[]): string[] {
  return (blocks as Array<{ type: string; text?: { text: string } }>).flatMap((block) =>
    block.type === 'section' && block.text ? [block.text.text] : [],
  );
}

describe('common builders', () => {
  it("keeps feed text's characters but not Slack's formatting, and leaves C++ and snake_case alone", () => {
    const zwj = '\u200d';
    expect(escapeFeedText('Body with *bold* `code` ~strike~ _it_')).toBe(
      `Body with ${zwj}*bold* ${zwj}\`code\` ${zwj}~strike~ ${zwj}_it_`,
    );
    expect(escapeFeedText('> quote\n  > again')).toBe(`${zwj}&gt; quote\n  ${zwj}&gt; again`);
    expect(escapeFeedText('```code```')).toBe(`${zwj}\`${zwj}\`${zwj}\`code\`${zwj}\`${zwj}\``);
    for (const plain of ['C++ and snake_case, 2*3 = 6', '100%_Help_Desk', 'a > b', "it's ok"])
      expect(escapeFeedText(plain)).toBe(escapeText(plain));
    // Link labels are feed titles: no formatting there either; the URL is untouched.
    expect(link('https://ok.example/_a_', '~strike~ _it_')).toBe(
      `<https://ok.example/_a_|${zwj}~strike~ ${zwj}_it_>`,
    );
  });

  it('escapes untrusted text so it cannot mention, link or format', () => {
    expect(escapeText('<!channel> & <@U1> <https://evil|click>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://evil|click&gt;',
    );
    expect(link('https://x.example/a?b=1', 'A <b> | c')).toBe('<https://x.example/a?b=1|A &lt;b&gt; ¦ c>');
    expect(link('javascript:alert(1)', 'x')).toBe('x');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });

  it('escapes usage placeholders, which Slack would eat, and keeps Slack markup', () => {
    expect(escapePlaceholders('Usage: /brief nudge reassign <id> <@user> in <#channel> <0-1>')).toBe(
      'Usage: /brief nudge reassign &lt;id&gt; &lt;@user&gt; in &lt;#channel&gt; &lt;0-1&gt;',
    );
    const markup =
      '<@U0ADMIN1> <#C0TALK|talk> <!here> <https://x.example/a|A> <mailto:a@x.example> &lt;kept&gt;';
    expect(escapePlaceholders(markup)).toBe(markup);
    // Every builder of mrkdwn applies it: the fallback text, sections and context.
    const built = message('Usage: claim <id>', [section('`claim <id>`'), context('reply <link>')]);
    expect(built.text).toBe('Usage: claim &lt;id&gt;');
    expect(JSON.stringify(built.blocks)).toContain('`claim &lt;id&gt;`');
    expect(JSON.stringify(built.blocks)).toContain('reply &lt;link&gt;');
    expect(JSON.stringify(built.blocks)).not.toMatch(/<(id|link)>/);
  });

  it('the help shows its placeholders', () => {
    const shown = JSON.stringify(helpMessage('admin', undefined, true).blocks);
    expect(shown).toContain('/brief nudge &lt;item link&gt;');
    expect(shown).toContain('/brief nudge replied 12 &lt;link&gt;');
    expect(shown).not.toMatch(/<(item link|link|new address)>/);
  });

  it('fills sections up to 3,000 characters and says how many lines did not fit', () => {
    const lines = Array.from({ length: 2000 }, (_, index) => `line ${index} ${'x'.repeat(80)}`);
    const blocks = lineSections(lines, 10, (hidden) => `…and ${hidden} more`);
    expect(blocks.length).toBeLessThanOrEqual(10);
    for (const text of sectionTexts(blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(sectionTexts(blocks).at(-1)).toMatch(/…and \d+ more$/);
  });
});

describe('App Home', () => {
  it('stays within Slack’s limits at any number of feeds and topics', () => {
    const topics = Array.from({ length: 5000 }, (_, index) => ({
      id: index,
      name: `topic-${index}`,
      label: `topic-${index}`,
      query: 'x',
      kind: 'theme',
      channelId: null,
      threshold: null,
      items7d: index,
      itemsPrevious7d: 0,
    }));
    const troubled = Array.from({ length: 500 }, (_, index) => ({
      id: index,
      url: `https://f${index}.example.com/`,
      title: `Feed ${index}`,
      kind: 'news',
      competitor: null,
      status: 'failing',
      health: 'failing since … because: HTTP 500',
      items: 3,
      lastError: 'HTTP 500',
      partialRead: null,
      failingSince: null,
    }));
    const view = buildHomeView({
      userId: 'U1',
      role: 'member',
      feeds: { total: 10_000, active: 9_500, failing: 500, paused: 0, stale: 0, retrying: 0 },
      troubledFeeds: troubled,
      topics,
      usage: { asks7d: 12, askers7d: 3 },
      digests: Array.from(
        { length: 400 },
        (_, index) => `*${index}* <#C0NEWS> daily 08:00 UTC · active · last posted, 8 items`,
      ),
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const text of sectionTexts(view.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(view.blocks)).toMatch(/10000 \(9500 ok, 500 failing, 0 paused\)/);
    expect(JSON.stringify(view.blocks)).toMatch(/and \d+ more/);
    expect(JSON.stringify(view.blocks)).toMatch(/Questions this week\*\\n12 from 3 people/);
  });

  it('guides each role to its commands', () => {
    const base = {
      userId: 'U1',
      feeds: { total: 0, active: 0, failing: 0, paused: 0, stale: 0, retrying: 0 },
      troubledFeeds: [],
      topics: [],
      usage: { asks7d: 0, askers7d: 0 },
      digests: [],
    };
    expect(JSON.stringify(buildHomeView({ ...base, role: 'admin' }))).toMatch(/feeds add/);
    expect(JSON.stringify(buildHomeView({ ...base, role: 'member' }))).not.toMatch(/feeds add/);
    expect(JSON.stringify(buildHomeView({ ...base, role: 'member' }))).toMatch(
      /anything I should worry about/,
    );
    expect(JSON.stringify(buildHomeView({ ...base, role: 'sme' }))).toMatch(/expert/);
    // No "0 from 0 people" for a week with no questions yet.
    expect(JSON.stringify(buildHomeView({ ...base, role: 'member' }))).toMatch(
      /Questions this week\*\\nNone yet: ask in the box above"/,
    );
  });
});

describe('messages', () => {
  it('carries a plain-text fallback and buttons that run commands', () => {
    const help = helpMessage('member');
    expect(help.text.length).toBeGreaterThan(20);
    const buttons = JSON.stringify(help.blocks).match(
      new RegExp(`"action_id":"${Action.RunCommand}[:"]`, 'g'),
    );
    expect(buttons).toHaveLength(3);
    // Slack refuses a block whose buttons share an action id: the second and third are numbered.
    assertWithinSlackLimits(help);
  });

  it('shows a tested query in code, so its own * cannot end a bold span, escaped', () => {
    const reply = topicTestMessage(
      'price* OR <x> `y`',
      { total: 0, hits: [] },
      new Date('2026-11-01T10:00:00Z'),
    );
    expect(sectionTexts(reply.blocks)[0]).toBe(
      "`price* OR &lt;x&gt; 'y'` matched 0 items in the last 7 days. Try fewer words, OR between alternatives, or a prefix like `pric*`.",
    );
    // The fallback text is mrkdwn too: the query's <x> would vanish.
    expect(reply.text).toBe('"price* OR &lt;x&gt; `y`" matched 0 items in the last 7 days');
  });

  it('escapes a feed’s title and error in an alert', () => {
    const alert = feedFailingMessage(
      {
        id: 3,
        url: 'https://x.example/feed',
        title: '<!here> Evil & co',
        lastError: 'HTTP <500>',
        failingSince: new Date('2026-11-01T10:00:00Z'),
        consecutiveFailures: 4,
      },
      'Europe/Berlin',
    );
    const body = JSON.stringify(alert.blocks);
    expect(body).toContain('&lt;!here&gt; Evil &amp; co');
    expect(body).toContain('HTTP &lt;500&gt;');
    expect(body).not.toContain('<!here>');
    expect(alert.text).toMatch(/since 1 Nov 2026 11:00 CET/);
    // An ordinary failure: retry first, no button to move it.
    const buttons = alert.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
    expect(buttons.map((entry) => (entry as { value?: string }).value)).toEqual([
      'feeds resume 3',
      'feeds pause 3',
    ]);
  });

  it('tells an admin there is nothing to fix when the publisher’s server fails, and to check the address when it is gone', () => {
    const alertFor = (lastError: string) =>
      feedFailingMessage(
        {
          id: 21,
          url: 'https://x.example/feed',
          title: 'X news',
          lastError,
          failingSince: new Date('2026-11-24T19:05:00Z'),
          consecutiveFailures: 3,
        },
        'UTC',
      ).text;
    expect(
      alertFor('The server answered HTTP 500: the server had an error; Briefbot will try again later.'),
    ).toBe(
      'Feed 21 (X news) is failing since 24 Nov 2026 19:05 UTC: The server answered HTTP 500: the server had an error; Briefbot will try again later. Nothing to fix on your side: Briefbot keeps checking it. Retry now (/brief feeds resume 21), or pause it if it lasts (/brief feeds pause 21).',
    );
    expect(
      alertFor(
        'The server answered HTTP 429: the server asks us to slow down; Briefbot will wait before trying again.',
      ),
    ).toContain('Nothing to fix on your side');
    expect(
      alertFor(
        'The server answered HTTP 404: nothing is at this address (a mistyped URL, or a feed or list that has moved); check the URL.',
      ),
    ).toMatch(/check the URL\. Fix the address and resume it \(\/brief feeds resume 21\)/);
  });

  it('offers to move a feed whose address now serves a page naming its new feed', () => {
    const alert = feedFailingMessage(
      {
        id: 3,
        url: 'https://x.example/feed',
        title: 'X news',
        lastError: pageNamesFeedMessage('https://x.example/blog/feed/'),
        failingSince: new Date('2026-11-01T10:00:00Z'),
        consecutiveFailures: 3,
      },
      'UTC',
    );
    expect(alert.text).toContain('Move it there (/brief feeds move 3 https://x.example/blog/feed/)');
    const buttons = alert.blocks.flatMap((block) => (block.type === 'actions' ? block.elements : []));
    expect(buttons[0]).toMatchObject({
      action_id: Action.RunCommand,
      value: 'feeds move 3 https://x.example/blog/feed/',
      style: 'primary',
    });
    expect(feedNamedIn('HTTP 500')).toBeNull();
  });
});

describe('topicsListMessage', () => {
  it("shows each topic's nudge channel and threshold, the default marked, and how to change them", () => {
    const topic = { kind: 'theme', query: 'x', items7d: 1, itemsPrevious7d: 1 };
    const { blocks } = topicsListMessage(
      [
        { ...topic, id: 1, name: 'acme', label: 'acme', channelId: 'C0ACME', threshold: 0.7 },
        { ...topic, id: 2, name: 'pricing', label: 'pricing', channelId: 'C0PRICE', threshold: null },
        { ...topic, id: 3, name: 'quiet', label: 'quiet', channelId: null, threshold: 0.2 },
      ],
      0.5,
    );
    const text = JSON.stringify(blocks);
    expect(text).toMatch(/\*acme\* _theme_ · [^\\]* · nudges <#C0ACME> at 0\.7 · `x`/);
    expect(text).toMatch(/\*pricing\* _theme_ · [^\\]* · nudges <#C0PRICE> at 0\.5 \(default\) · `x`/);
    expect(text).toMatch(/\*quiet\* _theme_ · [^\\]* · no nudges \(no channel\) · `x`/);
    expect(blocks.at(-1)).toMatchObject({ type: 'context' });
    expect(text).toContain('`/brief topics set &lt;name&gt; channel=#channel threshold=0.6`');
  });
});

describe('answer trend lines', () => {
  const counts = (current: number[], previous: number[]): EvidenceCounts => ({
    current: current.reduce((sum, value) => sum + value, 0),
    previous: previous[0] ?? 0,
    // Every mention's tone read: the rest of them neutral.
    sentiment: { positive: 0, neutral: current[0] ?? 0, negative: current[1] ?? 0 },
    previousSentiment: {
      positive: 0,
      neutral: (previous[0] ?? 0) - (previous[1] ?? 0),
      negative: previous[1] ?? 0,
    },
    byKind: {},
    byCompetitor: {},
    daily: [],
    toEnd: [],
  });

  it('says a story is fading or building from its days, the last being the last 24 hours', () => {
    expect(momentumText([0, 0, 0, 0, 0, 7, 0])).toBe(
      'Fading: none in the last 24 h, against 7 in the 24 h before (its peak)',
    );
    expect(momentumText([1, 5, 2, 1, 1, 1, 1])).toBe(
      'Fading: 1 in the last 24 h, against 5 at its peak, 5 days ago',
    );
    expect(momentumText([1, 0, 1, 1, 0, 1, 6])).toBe(
      'Building: 6 in the last 24 h, the busiest day of the period',
    );
    // Steady, small, or too short a window: nothing to say.
    expect(momentumText([2, 3, 2, 3, 2, 3, 2])).toBe('');
    expect(momentumText([0, 0, 0, 0, 0, 2, 0])).toBe('');
    expect(momentumText([5, 0])).toBe('');
  });

  it('says how the negative share moved, when both windows have at least 5 mentions', () => {
    // 10 mentions, 4 negative (40%), against 10 before with 2 negative (20%).
    expect(toneShiftText(counts([6, 4], [10, 2]), 7)).toBe(
      'Negative share ▲ up from 20% the previous 7 days',
    );
    expect(toneShiftText(counts([9, 1], [10, 3]), 1)).toBe('Negative share ▼ down from 30% the day before');
    expect(toneShiftText(counts([8, 2], [10, 2]), 7)).toBe('Negative share steady (20% the previous 7 days)');
    expect(toneShiftText(counts([8, 2], [4, 2]), 7)).toBe('');
    // Asked how the tone moved, too little to compare is said.
    expect(toneShiftText(counts([8, 2], [1, 0]), 7, true)).toBe(
      'Too little the previous 7 days to compare (1 mention); 20% negative now',
    );
    expect(toneShiftText(counts([8, 2], [0, 0]), 1, true)).toBe(
      'Too little the day before to compare (no mentions); 20% negative now',
    );
  });

  it('says a past window’s negative share as of that window, never "now"', () => {
    const since = new Date('2026-11-10T00:00:00Z');
    const span = {
      since,
      until: new Date('2026-11-17T00:00:00Z'),
      label: 'the 7 days before those (10–16 Nov)',
    };
    expect(toneShiftText(counts([3, 0], [0, 0]), span, true)).toBe(
      'Too little the previous 7 days to compare (no mentions); 0% negative in the 7 days before those (10–16 Nov)',
    );
    expect(toneShiftText(counts([8, 2], [1, 0]), { ...span, label: 'last 7 days' }, true)).toBe(
      'Too little the previous 7 days to compare (1 mention); 20% negative in the last 7 days',
    );
  });

  it('"why is sentiment down" is answered first: down, not measurably, steady, or the other way', () => {
    const answerOf = (question: string, ...subjects: Array<[string, EvidenceCounts]>) =>
      ({
        request: parseAsk(question, new Date('2026-11-24T12:00:00Z'), 'UTC'),
        subjects: subjects.map(([label, subjectCounts]) => ({ label, counts: subjectCounts })),
      }) as unknown as Answer;
    const acme = (subjectCounts: EvidenceCounts) =>
      answerOf('negative coverage of acme', ['Acme', subjectCounts]);
    expect(premiseNote(acme(counts([6, 4], [0, 0])), 'down')).toBe(
      'Sentiment on Acme is not measurably down: the previous 7 days had no mentions to compare with. 40% negative (4 of 10 mentions) in the last 7 days. The negative mentions come first below.',
    );
    expect(premiseNote(acme(counts([6, 4], [10, 2])), 'down')).toBe(
      'Yes, sentiment on Acme is down: 40% negative (4 of 10 mentions) in the last 7 days, from 20% the previous 7 days. The negative mentions come first below.',
    );
    expect(premiseNote(acme(counts([9, 1], [10, 3])), 'down')).toBe(
      'Sentiment on Acme is up, not down: 10% negative (1 of 10 mentions) in the last 7 days, from 30% the previous 7 days. The negative mentions come first below.',
    );
    expect(premiseNote(acme(counts([8, 2], [10, 2])), 'down')).toBe(
      'Sentiment on Acme is not down: 20% negative (2 of 10 mentions) in the last 7 days, about the same as the previous 7 days (20%). The negative mentions come first below.',
    );
    expect(premiseNote(acme(counts([6, 4], [10, 2])), 'up')).toMatch(
      /^Sentiment on Acme is down, not up: .* The positive mentions come first below\.$/,
    );
    expect(premiseNote(acme(counts([2, 1], [10, 2])), 'down')).toMatch(
      /^Sentiment on Acme is not measurably down: 3 mentions in the last 7 days are too few to compare\./,
    );
    expect(premiseNote(acme(counts([], [10, 2])), 'down')).toBe(
      'Sentiment on Acme: no mentions in the last 7 days, so nothing to compare.',
    );
    expect(
      premiseNote(answerOf('what are customers complaining about', ['all', counts([6, 4], [0, 0])]), 'down'),
    ).toBe(
      'Sentiment is not measurably down: the previous 7 days had no customer posts to compare with. 40% negative (4 of 10 customer posts) in the last 7 days. The negative customer posts come first below.',
    );
  });

  it('counts the negative share of the mentions whose tone was read, never of those in other languages', () => {
    // 10 mentions, 4 of them not in English: 3 of the 6 read are negative.
    const mixed = { ...counts([3, 3], [10, 2]), current: 10 };
    expect(toneShiftText(mixed, 7)).toBe('Negative share ▲ up from 20% the previous 7 days');
    expect(sentimentText(mixed)).toBe(
      ':large_green_circle: positive 0% (0) · :white_circle: neutral 50% (3) · :red_circle: negative 50% (3)\n' +
        ':globe_with_meridians: Tone not read for 4 of the 10 mentions (Briefbot reads tone in English and 17 other languages (`/brief help languages` lists them))',
    );
    const answer = {
      request: parseAsk('negative coverage of acme', new Date('2026-11-24T12:00:00Z'), 'UTC'),
      subjects: [{ label: 'Acme', counts: mixed }],
    } as unknown as Answer;
    expect(premiseNote(answer, 'down')).toMatch(
      /^Yes, sentiment on Acme is down: 50% negative \(3 of 6 mentions whose tone was read\) in the last 7 days/,
    );
  });

  it('names the period before as long as the window is: "this week" 25 hours in is no 2 days', () => {
    const at = (since: string, until: string) => ({ since: new Date(since), until: new Date(until) });
    // Tuesday 01:13: this week began on Monday at midnight.
    expect(periodBefore(at('2026-11-23T00:00:00Z', '2026-11-24T01:13:00Z'))).toBe('the 25 hours before');
    // "This week" so far is counted, and named, against the same part of last week.
    expect(periodBefore({ ...at('2026-11-23T00:00:00Z', '2026-11-25T07:22:00Z'), label: 'this week' })).toBe(
      'the same part of last week',
    );
    // A whole calendar week is the week before.
    expect(periodBefore({ ...at('2026-11-16T00:00:00Z', '2026-11-23T00:00:00Z'), label: 'this week' })).toBe(
      'the previous 7 days',
    );
    expect(periodBefore(at('2026-11-20T00:00:00Z', '2026-11-24T01:13:00Z'))).toBe(
      'the 4 days and 1 hour before',
    );
    expect(periodBefore(at('2026-11-24T00:00:00Z', '2026-11-24T00:20:00Z'))).toBe('the 1 hour before');
    expect(periodBefore(at('2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z'))).toBe('the day before');
    // A week across a clock change is a week.
    expect(periodBefore(at('2026-10-19T22:00:00Z', '2026-10-26T23:00:00Z'))).toBe('the previous 7 days');
    expect(periodBefore(7)).toBe('the previous 7 days');
    expect(toneShiftText(counts([6, 4], [10, 2]), at('2026-11-23T00:00:00Z', '2026-11-24T01:13:00Z'))).toBe(
      'Negative share ▲ up from 20% the 25 hours before',
    );
  });
});

describe('importMessage', () => {
  it('names each feed added and skipped, escaped, and counts what goes past the limit', () => {
    const added: ImportOutcome[] = Array.from({ length: 30 }, (_, index) => ({
      url: `https://feeds.example.com/${index + 1}.xml`,
      status: 'added',
      message: index === 0 ? 'Ben & Jerry <news>' : `Feed ${index + 1}`,
      feedId: index + 1,
      ...(index === 1 || index === 3 ? { paused: true } : {}),
    }));
    const skipped: ImportOutcome[] = [
      { url: 'https://a.example.com/rss', status: 'exists', message: 'Briefbot already watches…', feedId: 7 },
      { url: '/relative.xml', status: 'failed', message: 'Not added: it is not a full web address.' },
    ];
    const commands = {
      resume: '`/brief feeds resume <id>`',
      setKind: '`/brief feeds set <id> kind=<kind>`',
      setCompetitor: '`/brief feeds set <id> kind=competitor as <name>`',
    };
    const report = importReport([...added, ...skipped], commands, 25);
    expect(report.summary).toBe(
      'Imported 30 feeds (2 paused, as in the list; resume with `/brief feeds resume 2 4`); 1 already watched; 1 could not be added.',
    );
    expect(report.added).toHaveLength(26);
    expect(report.added.at(-1)).toBe('…and 5 more.');
    const reply = importMessage(report);
    const texts = sectionTexts(reply.blocks);
    expect(texts[1]).toBe('*Added*');
    expect(texts[2]?.split('\n').slice(0, 2)).toEqual([
      '• 1 Ben &amp; Jerry &lt;news&gt; (https://feeds.example.com/1.xml)',
      '• 2 Feed 2 (https://feeds.example.com/2.xml), paused',
    ]);
    expect(texts[2]?.split('\n').at(-1)).toBe('…and 5 more.');
    expect(texts.at(-2)).toBe('*Skipped*');
    expect(texts.at(-1)).toBe(
      '• https://a.example.com/rss: already watched as feed 7\n• /relative.xml: Not added: it is not a full web address.',
    );
    expect(importMessage(importReport([], commands)).blocks).toHaveLength(1);
    // Feeds of a folder that names no kind were added as news: said, with the command that changes one.
    const tech: ImportOutcome[] = [1, 2].map((feedId) => ({
      url: `https://t.example/${feedId}.xml`,
      status: 'added',
      message: `T${feedId}`,
      feedId,
      kind: 'news',
      unknownFolder: 'Tech',
    }));
    // A competitor the list did not name is a guess: marked, with the command that corrects it.
    const guessed: ImportOutcome = {
      url: 'https://i.example/a.xml',
      status: 'added',
      message: 'Initech News',
      feedId: 3,
      kind: 'competitor',
      competitor: 'Initech',
      competitorGuessed: true,
    };
    const guessedReport = importReport([guessed], commands);
    expect(guessedReport.added).toEqual([
      '3 Initech News (https://i.example/a.xml): competitor (Initech, guessed)',
    ]);
    expect(guessedReport.summary).toBe(
      'Imported 1 feed; 0 already watched; 0 could not be added. The competitor marked "guessed" (feed 3) was read from the feed\'s name; to correct it: `/brief feeds set 3 kind=competitor as <name>`.',
    );
    expect(importReport(tech, commands).summary).toBe(
      'Imported 2 feeds; 0 already watched; 0 could not be added. Folder "Tech" names no kind, so their 2 feeds were added as news; to change one: `/brief feeds set 1 kind=<kind>` (kinds: news, blog, forum, review, competitor, community).',
    );
    // A mirror of a watched feed: its line says its items count once, as feed add warns.
    const mirror: ImportOutcome = {
      url: 'https://m.example/rss',
      status: 'added',
      message: 'Market News Mirror',
      feedId: 6,
      kind: 'news',
      copiesOf: { feed: { id: 5, title: 'Market News' }, items: 5 },
    };
    expect(importReport([mirror], commands).added).toEqual([
      '6 Market News Mirror (https://m.example/rss): news; 5 items already read through feed 5, at the same links (counted once)',
    ]);
  });
});
