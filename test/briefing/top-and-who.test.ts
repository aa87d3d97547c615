import { beforeAll, describe, expect, it } from 'vitest';
import { addTopic, TopicKind } from '../../src/analysis/topics.ts';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import type { Reply } from '../../src/commands/index.ts';
import { read } from '../helpers/commands.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';

const demo = useDemoCorpus({ now: '2026-11-02T09:00:00Z' });

describe('"top 3" after a subject', () => {
  it('says how many stories there are when the subject has fewer, not "the top 3" over two', async () => {
    const userId = 'UTOPFEW1';
    await demo.brief('how did the launch land', userId);
    for (const count of [3, 5, 10]) {
      const reply = read(await demo.brief(`top ${count}`, userId));
      expect(reply).toContain(
        `The 2 stories about launch — there is no third in the last 7 days. For the top ${count} across all your topics: \`/brief what’s new in ${count} stories\`.`,
      );
      expect(reply).not.toContain(`The top ${count} about`);
      expect(reply).toContain('[2]');
      expect(reply).not.toContain('[3]');
    }
  });

  it('keeps "the top 3" when the subject has that many', async () => {
    const userId = 'UTOPFEW2';
    await demo.brief('pricing', userId);
    const reply = read(await demo.brief('top 3', userId));
    expect(reply).toContain('The top 3 about pricing, the subject of your last question.');
    expect(reply).toContain('[3]');
  });
});

describe('a who-question', () => {
  beforeAll(async () => {
    await addTopic(demo.deps, { name: 'acme', query: 'acme', kind: TopicKind.Company, actorId: 'USEED' });
  });
  /** The texts of a reply's blocks, in order, as a phone shows them from the top. */
  const lines = (reply: Reply) =>
    reply.blocks.flatMap((block) =>
      block.type === 'context'
        ? block.elements.flatMap((element) => ('text' in element ? [element.text] : []))
        : block.type === 'section' && block.text
          ? [block.text.text]
          : [],
    );

  it.each([
    ['who is talking about us', 'Acme'],
    ['who’s saying what about pricing', 'pricing'],
    ['who are the loudest voices on globex', 'Globex'],
  ])(
    '"%s" leads with who: each voice and source with its mentions and tone, then the answer',
    async (asked, about) => {
      const reply = await demo.brief(asked, 'UWHO0001');
      expect(reply.text).toMatch(new RegExp(`^What people are saying about ${about} \\(last 7 days\\)`));
      const [first] = lines(reply);
      const tone = String.raw`\(\d+, (?:mixed|(?:mostly )?(?:positive|neutral|negative))\)`;
      expect(first).toMatch(new RegExp(`^:information_source: Who is saying it: [^(]+ ${tone}`));
      expect(first).toMatch(new RegExp(`; in [^(]+ ${tone}`));
    },
  );

  it.each([
    ['and last month?', /^What people are saying about Acme \(in October\)/],
    ['same for globex', /^What people are saying about Globex \(last 7 days\)/],
    ['just the negative ones', /Acme/],
  ])('a follow-up ("%s") keeps who is saying it on top', async (followUp, heading) => {
    await demo.brief('who is talking about us', 'UWHO0002');
    const reply = await demo.brief(followUp, 'UWHO0002');
    expect(reply.text).toMatch(heading);
    expect(lines(reply)[0]).toMatch(/^:information_source: Who is saying it: /);
  });

  it('"who is saying what about pricing and has sentiment changed" searches pricing, who on top, echoed as typed', async () => {
    const userId = 'UWHO0003';
    const reply = await demo.brief('who is saying what about pricing and has sentiment changed', userId);
    expect(reply.text).toMatch(/^What people are saying about pricing \(last 7 days\)/);
    expect(lines(reply)[0]).toMatch(/^:information_source: Who is saying it: /);
    expect(read(reply)).not.toContain('No item says');
    // A follow-up asks the question again as the user would say it (what Share and More carry).
    await demo.brief('who is saying what about pricing', userId);
    await demo.brief('is it getting worse', userId);
    const opened = read(await demo.brief('tell me more about 1', userId));
    expect(opened).toContain('who is saying what about pricing and has sentiment changed in the last 7 days');
    expect(opened).not.toContain('about has sentiment');
  });

  it('"has sentiment on pricing changed and who is saying it" leads with who, and is asked again in those words', async () => {
    const userId = 'UWHO0004';
    const reply = await demo.brief('has sentiment on pricing changed and who is saying it', userId);
    expect(reply.text).toMatch(/^What people are saying about pricing \(last 7 days\)/);
    expect(lines(reply)[0]).toMatch(/^:information_source: Who is saying it: /);
    await demo.brief('and last 30 days?', userId);
    const opened = read(await demo.brief('tell me more about 1', userId));
    expect(opened).toContain(
      'who is saying what about pricing and has sentiment changed in the last 30 days',
    );
  });

  it('keeps "who is saying it" a follow-up, and "who is dana whitfield" a person', () => {
    const at = new Date('2026-11-02T09:00:00Z');
    expect(parseAsk('who is talking about us last month', at, 'UTC')).toMatchObject({
      subjects: ['us'],
      who: true,
      question: 'who is talking about us last month',
    });
    // One side of it: who complains, or praises, first.
    expect(parseAsk('who is complaining about acme', at, 'UTC')).toMatchObject({
      subjects: ['acme'],
      tone: 'negative',
      who: true,
    });
    expect(parseAsk('who is praising globex last month', at, 'UTC')).toMatchObject({
      subjects: ['globex'],
      tone: 'positive',
      who: true,
      window: { label: 'in October' },
    });
    expect(parseAsk('who is saying it', at, 'UTC').who).toBeUndefined();
    expect(parseAsk('who is dana whitfield', at, 'UTC')).toMatchObject({ subjects: ['dana whitfield'] });
  });
});

// After 'a who-question', which makes acme the company.
describe('an executive’s everyday wording', () => {
  it('"top 3 things i need to know" is the top 3 across the topics, never "Nothing about top"', async () => {
    const reply = read(await demo.brief('top 3 things i need to know', 'UEVERY01'));
    expect(reply).not.toContain('Nothing about top');
    expect(reply).toContain('[3]');
    expect(reply).not.toContain('[4]');
  });

  it('"how bad was the outage" is about the outage, and "are customers happy" about customers’ own words', async () => {
    const outage = await demo.brief('how bad was the outage', 'UEVERY02');
    expect(outage.text).toMatch(/^What people are saying about outages? \(last 7 days\)/);
    expect(read(outage)).not.toContain('No item says');
    const happy = await demo.brief('are customers happy', 'UEVERY02');
    expect(happy.text).toMatch(/^What customers are saying \(last 7 days\)/);
  });

  it('"is there a crisis" is everything, negative first; "who is our biggest critic" the company’s critics', async () => {
    const crisis = read(await demo.brief('is there a crisis', 'UEVERY04'));
    expect(crisis).not.toContain('Nothing about');
    expect(crisis).toMatch(/Negative first: \d+ of the \d+ mentions/);
    const critic = await demo.brief('who is our biggest critic', 'UEVERY04');
    expect(critic.text).toMatch(/^What people are saying about Acme \(last 7 days\)/);
    expect(read(critic)).toMatch(/Negative first: \d+ of the \d+ mentions/);
  });

  it('"how did we do last week" is the company, "how is the market reacting to our price increase" its price increase', async () => {
    const did = await demo.brief('how did we do last week', 'UEVERY05');
    expect(did.text).toMatch(/^What people are saying about Acme \(last 7 days\)/);
    const market = await demo.brief('how is the market reacting to our price increase', 'UEVERY05');
    expect(market.text).toMatch(/^What people are saying about Acme price increase \(last 7 days\)/);
    expect(read(market)).not.toContain('Nothing about');
  });

  it('"the 30 second version" after a question is that question in one line', async () => {
    await demo.brief('pricing', 'UEVERY03');
    const short = await demo.brief('the 30 second version', 'UEVERY03');
    expect(short.text).toMatch(/^What people are saying about pricing \(last 7 days\)/);
    expect(read(short)).toMatch(/\d+ mentions, [^\n]*% positive, \d+% neutral, \d+% negative\./);
    expect(read(short)).not.toContain('Sentiment:');
  });
});
