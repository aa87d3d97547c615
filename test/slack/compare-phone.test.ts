import { beforeAll, describe, expect, it } from 'vitest';
import { addTopic } from '../../src/analysis/topics.ts';
import { type Answer, answerQuestion } from '../../src/briefing/answer.ts';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import { demoCompanyTopic } from '../../src/console/demo.ts';
import { answerMessage, pointMost, shortPoint } from '../../src/slack/blocks/answer.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';
import { phoneLines } from '../helpers/phone.ts';

const demo = useDemoCorpus();

function ask(text: string): Promise<Answer> {
  const { clock, config } = demo.deps;
  return answerQuestion(demo.deps, parseAsk(text, clock.now(), config.DEFAULT_TIMEZONE), {
    userId: 'UEXEC01',
    offset: 0,
  });
}

/** The sections' texts of a message, as Slack shows them. */
function sectionTexts(blocks: unknown[]): string[] {
  return (blocks as Array<{ type: string; text?: { text: string } }>).flatMap((block) =>
    block.type === 'section' && block.text ? [block.text.text] : [],
  );
}

/** A point whose last clause within a phone's length ends before its figure. */
const discount =
  'Globex is offering teams that leave Acme Desk before their renewal, in a move analysts call aggressive, a 40% first-year discount on every plan tier across all regions.';

describe('a side-by-side answer on a phone', () => {
  it("the demo's acme vs globex fits in fewer lines: the story both sides list is told once", async () => {
    const answer = await demo.brief('acme vs globex');
    // Before: 60 phone lines, "Price war? Globex offers 40%…" told three times (Both, and each column);
    // then 55, the own posts counted twice (card and note) and points saying their source's title;
    // then 50, a source's line ("… · 26 h ago", "… · 2 days ago") a phone line too long; then 47, each
    // card's sentiment ("🟢 positive 36% (8) · ⚪ neutral 27% (6) · 🔴 negative 36% (8)") two lines.
    expect(phoneLines(answer)).toBeLessThanOrEqual(45);
    const cards = (answer.blocks as Array<{ type: string; fields?: Array<{ text: string }> }>).flatMap(
      (block) => block.fields?.map((field) => field.text) ?? [],
    );
    const tones = cards.map((card) => card.split('\n').at(-1) ?? '');
    expect(tones).toEqual([
      ':large_green_circle: 36% positive · :white_circle: 27% · :red_circle: 36% negative',
      ':large_green_circle: 44% positive · :white_circle: 33% · :red_circle: 22% negative',
    ]);
    for (const tone of tones)
      expect(
        phoneLines({ text: '', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: tone } }] }),
      ).toBe(1);
    // Each card's trend and tone in words, where notifications and screen readers read them.
    expect(answer.text).toContain(
      'acme: Up from none in the previous 7 days; 36% positive, 27% neutral, 36% negative.',
    );
    expect(answer.text).toContain(
      'Globex: Up from none in the previous 7 days; 44% positive, 33% neutral, 22% negative.',
    );
    const json = JSON.stringify(answer.blocks);
    const url = 'https://saasledger.example/2026/globex-switching-discount';
    expect(json.split(url)).toHaveLength(2);
    const both = sectionTexts(answer.blocks).find((text) => text.startsWith('*Both* '));
    expect(both).toMatch(
      /^\*Both\* \(acme \[3\], Globex \[3\]\): <https:\/\/saasledger\.example\/2026\/globex-switching-discount\|Price war\? Globex offers 40% discount to teams switching from Acme>\n.* · \d+h ago$/,
    );
    // Each column still says where its [3] went, so `/brief tell me more about globex 3` still reads right.
    expect(json.match(/\*\[3\]\* Listed by both: see \*Both\* above/g)).toHaveLength(2);
  });

  it('two sides over two periods: a story both sides list is told under the first, named by number under the second', async () => {
    const answer = await demo.brief('acme vs globex this week vs last week');
    // Before: 64 phone lines, "Price war? Globex offers 40%…" told under Acme and again under Globex;
    // then 60, the note under the cards counting again each period's own posts the cards count.
    expect(phoneLines(answer)).toBeLessThanOrEqual(58);
    const json = JSON.stringify(answer.blocks);
    expect(json.split('https://saasledger.example/2026/globex-switching-discount')).toHaveLength(2);
    expect(json).toContain('*[3]* Told above, under Acme [3]');
    expect(json).toContain("Who moved, what moved, tone and share of voice leave out Globex's own posts.");
    expect(json).not.toContain('left out (8 in the last 7 days');
  });

  it("says once, in two lines, that a competitor's own posts are left out: the card counts them", async () => {
    const answer = await demo.brief('acme vs globex');
    const json = JSON.stringify(answer.blocks);
    expect(json).toContain("17 mentions, 8 of them Globex's own posts · 29% share of voice");
    const note = "Share of voice, trend and sentiment leave out Globex's own posts.";
    // Before: "…count what others said: 9 of Globex's 17 mentions (Globex's own 8 left out).", three lines.
    expect(json).toContain(`"text":"${note}"`);
    expect(json).not.toContain("Globex's own 8 left out");
    expect(
      phoneLines({ text: '', blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: note }] }] }),
    ).toBe(2);
  });

  it('gives two points a side, none only the title of the source it cites, listed right under it', async () => {
    const answer = await demo.brief('acme vs globex');
    const side = (name: string) =>
      sectionTexts(answer.blocks).find((text) => text.startsWith(`*${name}* — `)) ?? '';
    // Before: "*acme* — Acme raises Acme Desk prices by up to 18% as per-seat plans give way to usage
    // tiers. [1] …", [1]'s title again; "*Globex* — Globex launches Assist AI, an autonomous support
    // agent priced per resolution. [1] …".
    expect(side('acme')).not.toContain('Acme raises Acme Desk prices by up to 18%');
    expect(side('Globex')).toBe(
      '*Globex* — The 40% discount only applies to the first year and needs a two-year contract. [2]',
    );
    for (const name of ['acme', 'Globex'])
      expect(side(name).match(/ \[\d+\]/g)?.length ?? 0).toBeLessThanOrEqual(2);
    // Its source still listed, under its number.
    expect(JSON.stringify(answer.blocks)).toContain(
      '*[1]* <https://saasledger.example/2026/globex-assist-ai-launch|Globex launches Assist AI, an autonomous support agent priced per resolution>',
    );
  });

  it('gives a side of three points its first two, the message text all three', async () => {
    const answer = await ask('acme vs globex');
    const [acme] = answer.subjects;
    if (!acme) throw new Error('no acme side');
    acme.summary.sentences = [
      { text: 'Acme moves Acme Desk customers to usage tiers at renewal.', citations: [2] },
      { text: 'A reviewer says the renewal quote rose with no warning.', citations: [2] },
      { text: 'Credits for the EU outage arrived without asking.', citations: [2] },
    ];
    const message = answerMessage(answer, demo.deps.clock.now());
    const side = sectionTexts(message.blocks).find((text) => text.startsWith('*acme* — '));
    // Before: all three, a paragraph of eight phone lines in the console demo.
    expect(side).toBe(
      '*acme* — Acme moves Acme Desk customers to usage tiers at renewal. [2] A reviewer says the renewal quote rose with no warning. [2]',
    );
    expect(message.text).toContain('Credits for the EU outage arrived without asking.');
  });

  it('names each feed by its short name, as a single answer does, in the Sources line and under each story', async () => {
    const answer = await demo.brief('pricing this week vs last week');
    const columns = (answer.blocks as Array<{ type: string; fields?: Array<{ text: string }> }>).flatMap(
      (block) => block.fields?.map((field) => field.text) ?? [],
    );
    // Before: "Sources: StackRank: latest Help Desk Software reviews (5) · SaaS Ledger: Customer Service Software (4) · …".
    expect(columns.map((column) => column.split('\n').find((line) => line.startsWith('Sources: ')))).toEqual([
      'Sources: StackRank (5) · SaaS Ledger (4) · The Globex Blog (3)',
      'Sources: SaaS Ledger (1)',
    ]);
    for (const question of [
      'pricing this week vs last week',
      'acme vs globex',
      'acme vs globex this week vs last week',
    ])
      expect(JSON.stringify((await demo.brief(question)).blocks), question).not.toMatch(
        /Customer Service Software|latest topics|Help Desk Software reviews/,
      );
  });

  it("cuts each side's points as a single answer's, the citation kept and the text whole", async () => {
    const answer = await demo.brief('complaints about acme vs globex');
    const acme = sectionTexts(answer.blocks).find((text) => text.startsWith('*acme* — ')) ?? '';
    // Before: the whole 170-character quote, five phone lines in a column.
    expect(acme).toContain(
      '“The product is fine, but the account team sent a renewal quote 25% higher with no heads-up…” [1]',
    );
    expect(answer.text).toContain('with no heads-up and no discount for a three-year commitment.');
  });
});

describe('your company side by side, as the console demo asks it', () => {
  const company = useDemoCorpus();
  beforeAll(async () => {
    await addTopic(company.deps, { ...demoCompanyTopic, actorId: 'USEED' });
  });

  it('compare us to globex fits as acme vs globex does', async () => {
    const answer = await company.brief('compare us to globex');
    expect(answer.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Acme vs Globex' } });
    // Before: 61 phone lines (as in the console demo), the own posts counted twice and a side's points saying
    // its source's title or going on to a third; then 54, a source's line ("… · 26 h ago") a phone line too long.
    expect(phoneLines(answer)).toBeLessThanOrEqual(50);
  });
});

describe('a cut keeps the figure the point is about', () => {
  it('moves the cut past the first number, price or percentage, or keeps its clause whole', () => {
    // Before: "…in a move analysts call aggressive…", the 40% cut off.
    expect(shortPoint(discount)).toBe(
      'Globex is offering teams that leave Acme Desk before their renewal, in a move analysts call aggressive, a 40% first-year discount on every…',
    );
    // The figure past a phone's length: the clause that holds it is kept, a little longer.
    expect(
      shortPoint(
        'Days after Acme announced new pricing across its entire help desk line, and as renewals loom, Globex is offering teams that switch a first-year discount of 40%, with free migration.',
      ),
    ).toBe(
      'Days after Acme announced new pricing across its entire help desk line, and as renewals loom, Globex is offering teams that switch a first-year discount of 40%…',
    );
    // Inside a quote: never "17%…" without what it is; the attribution's "2-star" is no figure.
    const quote =
      'A forum post says: “Our renewal came in, and after a long call with the account team who would not budge on anything, the quote is 17% higher.”';
    expect(shortPoint(quote)).toBe(quote);
    // A stale "now" keeps its age then too.
    const stale =
      'A forum post says: “Our renewal came in after a long call with the account team, and the quote is 17% higher (said 31 h ago).”';
    expect(shortPoint(stale, 110)).toBe(stale);
    // The attribution's "2-star" is no figure: a quote without one is cut at its last clause.
    expect(
      shortPoint(
        'A 2-star reviewer says: “The account team never called back about the new pricing, and the pricing page is confusing enough that we are looking at other help desks.”',
      ),
    ).toBe('A 2-star reviewer says: “The account team never called back about the new pricing…”');
  });

  it('in a single answer, and on each side of a side by side (a card and a line)', async () => {
    const cut = `${shortPoint(discount)} [1]`;
    expect(cut.length).toBeGreaterThan(pointMost);
    for (const question of ['pricing', 'acme vs globex', 'acme vs globex in one line']) {
      const answer = await ask(question);
      const [subject] = answer.subjects;
      const [first] = subject?.summary.sentences ?? [];
      if (!subject || !first) throw new Error(`no summary for ${question}`);
      first.text = discount;
      first.citations = [1];
      const message = answerMessage(answer, demo.deps.clock.now());
      expect(JSON.stringify(message.blocks), question).toContain(
        'in a move analysts call aggressive, a 40% first-year discount on every… [1]',
      );
      expect(message.text, question).toContain(discount);
    }
  });
});
