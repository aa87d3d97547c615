import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { AnswerItem } from '../../src/briefing/answer.ts';
import { shortFeedName } from '../../src/monitor/feed-kind.ts';
import { itemLine, pointMost, shortPoint, shortSourceNames } from '../../src/slack/blocks/answer.ts';
import type { Message } from '../../src/slack/blocks/common.ts';
import { waitingMessage } from '../../src/slack/blocks/waiting.ts';
import { answerItem } from '../helpers/answer-item.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';
import { phoneLines } from '../helpers/phone.ts';

const demo = useDemoCorpus();

function blocksOf(answer: Message): KnownBlock[] {
  return answer.blocks;
}

/** The texts of an answer's sections and fields, as Slack shows them. */
function textsOf(answer: Message): string[] {
  return blocksOf(answer).flatMap((block) =>
    block.type === 'section'
      ? [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text)]
      : [],
  );
}

describe('an answer on a phone', () => {
  it("the demo's pricing answer fits in fewer lines: one Request a response menu, the bars without their counts", async () => {
    const answer = await demo.brief('what are customers saying about pricing');
    // Before: 5 Request a response buttons and the counts beside the bars made it 65 phone lines;
    // then its long summary points, five themes and four top sources made it 60; then each source's
    // whole feed title (under it and in Top sources) and the two-clause counted note made it 55 (58
    // counting an emoji by its name); `pricing` 52; then 51 and 50, a source's line a phone line too
    // long ("🔴 negative · SaaS Ledger (news) · 26 h ago"); then 49 and 48, a third voice a third line;
    // `pricing` 47, an Evidence field saying again, two lines lower, how many of the mentions are customers';
    // then 48 and 45, the Volume and Sentiment lines two phone lines each (Sentiment's two again since
    // it names positive and negative in words, not by colour alone: 47 and 44).
    expect(phoneLines(answer)).toBeLessThanOrEqual(47);
    expect(phoneLines(await demo.brief('pricing'))).toBeLessThanOrEqual(44);
    const json = JSON.stringify(answer.blocks);
    expect(json.match(/"Request a response"/g)).toBeNull();
    const menus = blocksOf(answer).flatMap((block) =>
      block.type === 'actions' ? block.elements.filter((element) => element.type === 'static_select') : [],
    );
    expect(menus).toHaveLength(1);
    const [menu] = menus;
    expect(menu?.type === 'static_select' && menu.placeholder?.text).toBe('Request a response…');
    expect(
      menu?.type === 'static_select' && menu.options?.map((option) => /^\[\d+\]/.exec(option.text.text)?.[0]),
    ).toEqual(['[1]', '[2]', '[3]', '[4]', '[5]']);
    expect(
      menu?.type === 'static_select' &&
        menu.options?.every((option) => /^nudge item #\d+$/.test(option.value ?? '')),
    ).toBe(true);
    // The bars are shown, their counts are said once, in the text a screen reader reads.
    expect(json).toMatch(/`[▁-█]{7}` per day/);
    expect(json).not.toContain('oldest first');
    expect(answer.text).toMatch(/Mentions per day, oldest first: \d+(, \d+){6}\./);
  });

  it('a source whose conversation is under way is offered as See conversation, and a shared answer offers none', async () => {
    const asked = await demo.brief('what are customers saying about pricing');
    const first = JSON.stringify(asked.blocks).match(/"value":"nudge item #(\d+)"/)?.[1];
    expect(first).toBeDefined();
    await demo.brief(`nudge item #${first}`);
    const again = JSON.stringify((await demo.brief('what are customers saying about pricing')).blocks);
    expect(again).toMatch(/"text":"\[1\] See conversation \d+: [^"]+","emoji":false},"value":"nudge #\d+"/);
    const shared = await demo.brief('share --post what are customers saying about pricing');
    expect(JSON.stringify(shared.blocks)).not.toContain('static_select');
  });
});

describe("an answer's first screen on a phone", () => {
  it('cuts each summary point to about four phone lines at its last clause, the quote closed and the citation kept; the text keeps it whole', async () => {
    const answer = await demo.brief('what are customers saying about pricing');
    const points =
      textsOf(answer)
        .find((text) => text.startsWith('• '))
        ?.split('\n') ?? [];
    expect(points).toHaveLength(4);
    for (const point of points) {
      expect(point).toMatch(/ \[\d+\]$/);
      expect(point.replace(/^• | \[\d+\]$/g, '').length).toBeLessThanOrEqual(pointMost);
    }
    // Before: the whole 161-character quote, five lines of a phone.
    expect(points[0]).toMatch(
      /^• A 2-star reviewer says: “The product is fine, but the account team sent a renewal quote 25% higher with no heads-up…” \[\d+\]$/,
    );
    // A point short enough is left whole.
    expect(points).toContain(
      '• A forum post says: “We got the old price locked for three years by asking before the quote went out.” [2]',
    );
    // Notifications and screen readers read the message's text: the sentence whole.
    expect(answer.text).toContain('with no heads-up and no discount for a three-year commitment.');
  });

  it('shows three themes and the three top sources, the other sources named under their items', async () => {
    const answer = await demo.brief('pricing', 'UEXEC02');
    const field = (name: string) =>
      textsOf(answer)
        .find((text) => text.startsWith(`*${name}*\n`))
        ?.slice(name.length + 3) ?? '';
    // Before: "acme desk, discount, renewal, first year, globex assist".
    expect(field('Themes').split(', ')).toEqual(['acme desk', 'discount', 'renewal']);
    // Before: four sources, the fourth, Support Ops Community, a line more; then each by its whole
    // feed title ("StackRank: latest Help Desk Software reviews (5) · SaaS Ledger: Customer Service
    // Software (4) · …"), four lines of a phone.
    const sources = field('Top sources').split(' · ');
    expect(sources).toEqual(['StackRank (5)', 'SaaS Ledger (4)', 'The Globex Blog (3)']);
    expect(JSON.stringify(answer.blocks)).toContain('Support Ops Community (_forum_)');
  });

  it('lists each source as its linked title and one short line, its feed by its short name', async () => {
    const answer = await demo.brief('pricing', 'UEXEC02');
    const sources = textsOf(answer).filter((text) => /^\*\[\d+\]\* /.test(text));
    expect(sources).toHaveLength(5);
    // Before: ":red_circle: negative · SaaS Ledger: Customer Service Software (_news_) · 26 h ago", two lines more.
    expect(sources[0]).toBe(
      '*[1]* <https://saasledger.example/2026/globex-switching-discount|Price war? Globex offers 40% discount to teams switching from Acme>\n:red_circle: negative · SaaS Ledger (_news_) · 26h ago',
    );
    for (const source of sources) {
      expect(source.split('\n')).toHaveLength(2);
      expect(source).not.toMatch(/Customer Service Software|latest topics|Help Desk Software reviews/);
    }
    // The whole feed title stays where a source is opened for itself; who is saying it (atop a
    // who-question's answer too) names the feeds as the source lines do.
    await demo.brief('pricing', 'UEXEC03');
    expect(JSON.stringify((await demo.brief('tell me more about 1', 'UEXEC03')).blocks)).toContain(
      'SaaS Ledger: Customer Service Software',
    );
    const who = JSON.stringify((await demo.brief('who is saying it', 'UEXEC03')).blocks);
    expect(who).toMatch(/; in [^"]*SaaS Ledger \(\d+, /);
    expect(who).not.toMatch(/Customer Service Software|latest topics|Help Desk Software reviews/);
  });

  it("fits a typical source's line in a phone's line: its age as 26h or 2d ago, a kind its name says not said again", async () => {
    const answer = await demo.brief('pricing', 'UEXEC02');
    const lines = textsOf(answer)
      .filter((text) => /^\*\[\d+\]\* /.test(text))
      .map((text) => text.split('\n')[1] ?? '');
    const onPhone = (line: string) =>
      phoneLines({ text: '', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: line } }] });
    // Before: "🔴 negative · SaaS Ledger (news) · 26 h ago", 43 characters, and "… · 2 days ago", 45: two
    // lines each under a title, as every source but a neutral one's.
    expect(lines).toContain(':red_circle: negative · SaaS Ledger (_news_) · 26h ago');
    expect(lines).toContain(':large_green_circle: positive · SaaS Ledger (_news_) · 2d ago');
    for (const line of lines.filter((line) => !line.includes('Support Ops Community')))
      expect(onPhone(line), line).toBe(1);
    // "The Globex Blog (_blog_)": the name says it is a blog.
    const blog = itemLine(
      answerItem({
        id: 1,
        title: 'Assist AI is here',
        url: 'https://blog.globex.example/assist',
        feedTitle: 'The Globex Blog',
        feedKind: 'blog',
      }),
      new Date('2026-11-03T09:00:00Z'),
      shortFeedName,
      false,
    );
    expect(blog).toBe(
      '<https://blog.globex.example/assist|Assist AI is here>\n:red_circle: negative · The Globex Blog · 2d ago',
    );
  });

  it("names who says it once atop a who-question's answer: no Top sources nor Voices under the figures", async () => {
    const answer = await demo.brief('who is talking about acme', 'UEXEC04');
    const texts = textsOf(answer);
    const who = JSON.stringify(answer.blocks).match(/Who is saying it: [^"]+/)?.[0] ?? '';
    expect(who).toContain('Priya Raman (3, mixed) · Tom Becker (3, mostly negative)');
    expect(who).toContain('; in SaaS Ledger (8, mixed) · StackRank (8, mostly positive)');
    // Before: 55 phone lines, "Top sources: SaaS Ledger (8) · StackRank (8) · …" and "Voices: Priya Raman (3) ·
    // Tom Becker (3) …" under the figures saying again, without their tones, what the line on top said (then
    // 51, and an Evidence field).
    expect(texts.filter((text) => /^\*(Top sources|Voices|Customer voices)\*/.test(text))).toEqual([]);
    expect(phoneLines(answer)).toBeLessThanOrEqual(49);
    // Asked after an answer, as a follow-up, the same; an answer asked plainly keeps them.
    await demo.brief('pricing', 'UEXEC04');
    const followUp = await demo.brief('who is saying it', 'UEXEC04');
    expect(JSON.stringify(followUp.blocks)).toContain('Who is saying it: ');
    const followed = textsOf(followUp);
    expect(followed.filter((text) => /^\*(Top sources|Voices)\*/.test(text))).toEqual([]);
    const plain = textsOf(await demo.brief('acme', 'UEXEC04'));
    expect(plain.filter((text) => /^\*(Top sources|Voices)\*/.test(text))).toHaveLength(2);
  });

  it('gives Volume a phone line and Sentiment its shares in one, the two ends in words: the change and the count before', async () => {
    const answer = await demo.brief('pricing', 'UEXEC07');
    const field = (name: string) => textsOf(answer).find((text) => text.startsWith(`*${name}*\n`)) ?? '';
    const onPhone = (text: string) =>
      phoneLines({ text: '', blocks: [{ type: 'section', fields: [{ type: 'mrkdwn', text }] }] });
    // Before: "Volume: 15 · ▲ up from 1 in the previous 7 days" and "Sentiment: 🟢 positive 20% (3) ·
    // ⚪ neutral 60% (9) · 🔴 negative 20% (3)", two phone lines each.
    const volume = field('Volume');
    expect(volume.split('\n')[1]).toBe('15 · ▲ up from 1 the week before');
    expect(onPhone(volume.split('\n').slice(0, 2).join('\n'))).toBe(1);
    const sentiment = field('Sentiment');
    expect(sentiment).toBe(
      '*Sentiment*\n:large_green_circle: 20% positive · :white_circle: 60% · :red_circle: 20% negative',
    );
    // Slack shows a field's name above its value: the shares themselves take one line.
    expect(onPhone(sentiment.split('\n')[1] ?? '')).toBe(1);
    // The tones and the change in words where notifications and screen readers read them.
    expect(answer.text).toContain(
      'Up from 1 in the previous 7 days; 20% positive, 60% neutral, 20% negative.',
    );
  });

  it('names as many voices as two lines of a phone hold, then how many more', async () => {
    const field = async (question: string, label: string) =>
      textsOf(await demo.brief(question, 'UEXEC05')).find((text) => text.startsWith(`*${label}*\n`)) ?? '';
    const voices = await field('pricing', 'Voices');
    // Before: "Voices: Priya Raman (3) · Marcus Lee, VP Sales at Globex (2) · Lena Ortiz, and 2 more", three.
    expect(voices).toBe('*Voices*\nPriya Raman (3) · Marcus Lee, VP Sales at Globex (2), and 3 more');
    const customers = await field('what are customers saying about pricing', 'Customer voices');
    // Before: "… · Director of Customer Experience · VP Customer Support, and 2 more", three lines.
    expect(customers).toBe(
      '*Customer voices*\nSupport Manager · Director of Customer Experience, and 3 more',
    );
    for (const text of [voices, customers])
      expect(
        phoneLines({ text: '', blocks: [{ type: 'section', fields: [{ type: 'mrkdwn', text }] }] }),
      ).toBe(2);
    // Voices short enough keep three.
    expect(await field('acme', 'Voices')).toMatch(/^\*Voices\*\n[^·]+ · [^·]+ · [^·]+, and \d+ more$/);
  });

  it("says in the header how many of the mentions are customers', not again in an Evidence field", async () => {
    for (const [question, header, most] of [
      ['pricing', 'last 7 days · 15 mentions, 8 from customers · summary from the sources', 44],
      [
        'how did the launch land',
        'last 7 days · 2 mentions, 1 from customers · summary from the sources',
        26,
      ],
    ] as const) {
      const answer = await demo.brief(question, 'UEXEC06');
      const json = JSON.stringify(answer.blocks);
      // Before: "Evidence: 8 customer voices, 7 news, blog and other mentions.", two lines of a phone more.
      expect(json, question).toContain(`"text":"${header}"`);
      expect(json, question).not.toContain('*Evidence*');
      expect(phoneLines(answer), question).toBeLessThanOrEqual(most);
    }
  });

  it('says in one short sentence whose words a customers answer counts, and what comes after them', async () => {
    const answer = await demo.brief('what are customers saying about pricing');
    const note =
      ':information_source: Counted: customers’ own words only; news and a competitor’s own posts follow.';
    // Before: "The summary and the figures count customers’ own words (reviews, forums, communities); the
    // rest (news and a competitor’s own posts) come after them.", four lines of a phone.
    const contexts = blocksOf(answer).flatMap((block) =>
      block.type === 'context'
        ? block.elements.map((element) => ('text' in element ? element.text : ''))
        : [],
    );
    expect(contexts).toContain(note);
    expect(
      phoneLines({ text: '', blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: note }] }] }),
    ).toBe(2);
  });
});

describe('two feeds of one publication in one answer', () => {
  const split = useDemoCorpus();

  it('are told apart in every source line as in Top sources, by their whole titles', async () => {
    // SaaS Ledger's feed split in two: its CRM section and its support section.
    const { prisma } = split.deps.db;
    const ledger = await prisma.feed.findFirstOrThrow({ where: { title: { startsWith: 'SaaS Ledger' } } });
    await prisma.feed.update({ where: { id: ledger.id }, data: { title: 'SaaS Ledger: Support' } });
    const crm = await prisma.feed.create({
      data: {
        url: 'https://saasledger.example/crm/feed.xml',
        title: 'SaaS Ledger: CRM',
        kind: 'news',
        nextPollAt: split.deps.clock.now(),
      },
    });
    await prisma.item.updateMany({
      where: { url: 'https://saasledger.example/2026/globex-switching-discount' },
      data: { feedId: crm.id },
    });
    for (const question of ['pricing', 'acme vs globex', 'pricing this week vs last week']) {
      const json = JSON.stringify((await split.brief(question)).blocks);
      // Before: both read "SaaS Ledger (_news_)" under their stories.
      expect(json, question).toContain('SaaS Ledger: CRM (_news_)');
      expect(json, question).toContain('SaaS Ledger: Support (_news_)');
      expect(json, question).not.toContain('SaaS Ledger (');
    }
  });

  it("are told apart in what is waiting for a response, and one publication's lone feed is named short", () => {
    const story = (id: number, feedTitle: string): AnswerItem =>
      answerItem({ id, title: `Story ${id}`, url: `https://saasledger.example/${id}`, feedTitle });
    const waiting = (stories: AnswerItem[]) =>
      JSON.stringify(
        waitingMessage({
          question: 'anything I need to respond to',
          window: 'last 7 days',
          conversations: [],
          stories,
          admin: false,
          shareable: false,
          now: new Date('2026-11-02T09:00:00Z'),
        }).blocks,
      );
    const both = waiting([story(1, 'SaaS Ledger: CRM'), story(2, 'SaaS Ledger: Support')]);
    // Before: "SaaS Ledger (_news_)" twice.
    expect(both).toContain('SaaS Ledger: CRM (_news_)');
    expect(both).toContain('SaaS Ledger: Support (_news_)');
    expect(waiting([story(1, 'SaaS Ledger: CRM')])).toContain(':red_circle: negative · SaaS Ledger (_news_)');
  });
});

describe('shortFeedName', () => {
  it('names a feed by the part of its title that is its name, not the section it lists', () => {
    expect(shortFeedName('SaaS Ledger: Customer Service Software')).toBe('SaaS Ledger');
    expect(shortFeedName('StackRank: latest Help Desk Software reviews')).toBe('StackRank');
    expect(shortFeedName('Support Ops Community: latest topics')).toBe('Support Ops Community');
    expect(shortFeedName('Blog – Help Scout')).toBe('Help Scout');
    expect(shortFeedName('Latest News | Reuters')).toBe('Reuters');
  });

  it('leaves a title of one part, or one whose parts name nothing, whole', () => {
    expect(shortFeedName('The Globex Blog')).toBe('The Globex Blog');
    expect(shortFeedName('Hacker News')).toBe('Hacker News');
    expect(shortFeedName('Re:Invent recap')).toBe('Re:Invent recap');
    expect(shortFeedName('Blog: News')).toBe('Blog: News');
  });
});

describe('shortSourceNames', () => {
  it('names top sources by their short names, unless two would read the same', () => {
    const tallies = [
      { label: 'SaaS Ledger: CRM', count: 4 },
      { label: 'StackRank: latest Help Desk Software reviews', count: 3 },
      { label: 'SaaS Ledger: Customer Service Software', count: 2 },
    ];
    expect(shortSourceNames(tallies).map((tally) => tally.label)).toEqual([
      'SaaS Ledger: CRM',
      'StackRank',
      'SaaS Ledger: Customer Service Software',
    ]);
  });
});

describe('shortPoint', () => {
  it('leaves a point that fits as it is', () => {
    const text = 'Acme Desk suffers four-hour outage across EU region; status page lagged.';
    expect(shortPoint(text)).toBe(text);
  });

  it('cuts at the last clause that fits, never inside the attribution, and closes the quote', () => {
    const quote =
      'A 4-star reviewer says: “The downtime hurt, but our account manager called us within the hour and the credits arrived without asking.”';
    expect(shortPoint(quote, 120)).toBe(
      'A 4-star reviewer says: “The downtime hurt, but our account manager called us within the hour…”',
    );
    expect(
      shortPoint(
        'Unlike Acme, Globex charges $0.90 per resolved conversation, a model that pressures incumbents on price.',
        80,
      ),
    ).toBe('Unlike Acme, Globex charges $0.90 per resolved conversation…');
  });

  it('keeps the age of a stale "now" whatever it cuts before it', () => {
    const stale =
      'A forum post says: “Agents cannot load tickets since 08:10, and support keeps closing our tickets without an answer (said 31 h ago).”';
    expect(shortPoint(stale, 100)).toBe(
      'A forum post says: “Agents cannot load tickets since 08:10… (said 31 h ago)”',
    );
  });

  it('cuts at a word when no clause ends past half of it, and adds no quote mark after a closed quote', () => {
    const long =
      'Globex charges ninety cents per resolved conversation in every plan tier across every region this year';
    const cut = shortPoint(long, 60);
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(cut).toBe('Globex charges ninety cents per resolved conversation in…');
    const closed =
      'The Globex Blog says: “Renewals never rise.” Analysts expect the rest of the market to follow its lead within months';
    expect(shortPoint(closed, 80)).toBe(
      'The Globex Blog says: “Renewals never rise.” Analysts expect the rest of the…',
    );
  });
});
