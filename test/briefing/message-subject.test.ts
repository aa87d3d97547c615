import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addTopic } from '../../src/analysis/topics.ts';
import { answerQuestion } from '../../src/briefing/answer.ts';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import { noSubjectText, questionOfMessage, subjectOfMessage } from '../../src/briefing/message-subject.ts';
import { runCommand } from '../../src/commands/index.ts';
import { demoCompanyTopic } from '../../src/console/demo.ts';
import { answerMessage } from '../../src/slack/blocks/answer.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed, storeFeedItems } from '../helpers/digest.ts';
import { loadDemoCorpus } from './corpus.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
  const feedId = await createFeed(deps, { host: 'https://news.example.com' });
  const titles = [
    'Globex outage hits dashboards across Europe',
    'Globex outage continues into a second day',
    'Globex apologises for the outage and promises credits',
    'Acme raises prices for its analytics suite',
    'Customers push back on the Acme price increase',
    'Initech ships a product update',
    'Umbrella ships a product update',
    'Hooli ships a product update for teams',
  ];
  await storeFeedItems(
    deps,
    feedId,
    titles.map((title, index) => ({ guid: `g${index}`, title })),
  );
});
afterEach(async () => {
  await deps.cleanup();
});

function subject(text: string): string | null {
  return subjectOfMessage(deps.db.sqlite, text, deps.clock.now());
}

describe('subjectOfMessage', () => {
  it('names the topic a message matches, the busiest one when several do', async () => {
    await addTopic(deps, { name: 'pricing', query: 'price* OR pricing', actorId: 'U1' });
    await addTopic(deps, { name: 'acme', query: 'acme', actorId: 'U1' });
    await addTopic(deps, { name: 'outages', query: 'outage* OR downtime', actorId: 'U1' });
    expect(subject('Heads up: a big customer just asked me about the price increase')).toBe('pricing');
    // Both topics match; "outages" has three items this month, "acme" two.
    expect(subject('Is the Acme outage real? Our sales team keeps hearing about it')).toBe('outages');
  });

  it('names the topic the message speaks of most, before the busier one it mentions in passing', async () => {
    await addTopic(deps, { name: 'acme', query: 'acme', actorId: 'U1' });
    await addTopic(deps, { name: 'outages', query: 'outage* OR downtime', actorId: 'U1' });
    await addTopic(deps, { name: 'initech', query: '"initech product"', actorId: 'U1' });
    // "outages" has three items this month, "acme" two; the message is about Acme.
    expect(
      subject(
        'Acme just told customers about new Acme plans. Acme says the change follows last year’s outage.',
      ),
    ).toBe('acme');
    // A phrase query counts the sentences that have it.
    expect(
      subject(
        'The Initech product update is out. Reviewers like the Initech product. One mentions an outage.',
      ),
    ).toBe('initech');
  });

  it('names two matching topics together when the feeds have at least 3 items with both', async () => {
    await addTopic(deps, { name: 'globex', query: 'globex', actorId: 'U1' });
    await addTopic(deps, { name: 'outages', query: 'outage* OR downtime', actorId: 'U1' });
    await addTopic(deps, { name: 'acme', query: 'acme', actorId: 'U1' });
    expect(subject('Saw that Globex had another outage this morning')).toBe('globex outages');
    // Acme and outages together: no item has both, so the busier topic alone.
    expect(subject('Is the Acme outage real?')).toBe('outages');
  });

  it('otherwise takes the message’s most distinctive words the feeds know, two when they go together', () => {
    expect(
      subject('Saw that <@U0SALES> mentioned Globex had another outage this morning, anyone know more?'),
    ).toBe('globex outage');
    // In the order the message says them, whichever weighs more.
    expect(subject('Another outage at Globex this morning, anyone know more?')).toBe('outage globex');
    // "update" is in three items, "hooli" in one, and a name: Hooli is the subject.
    expect(subject('Hooli pushed an update, thoughts? :eyes:')).toBe('hooli');
  });

  it('reads links by their labels, and gives null when the feeds know none of the words', () => {
    expect(subject('FYI <https://blog.example.com/x|Initech announcement>')).toBe('initech');
    expect(subject('lunch at noon? :pizza: <@U0FRIEND>')).toBeNull();
    expect(subject('   ')).toBeNull();
  });
});

describe('questionOfMessage', () => {
  const question = (text: string) => questionOfMessage(deps.db.sqlite, text, deps.clock.now());

  it('never takes a weekday, a month or a time of day for the subject', async () => {
    const feedId = await createFeed(deps, { host: 'https://forum.example.com' });
    await storeFeedItems(deps, feedId, [{ guid: 'm1', title: 'Down all Monday morning in November' }]);
    // The item says "Monday"; the message is not about Mondays.
    expect(question('Dana starts Monday, can you prep her?')).toBeNull();
    expect(question('Monday morning in November, again')).toBeNull();
    expect(question('Initech ships Monday')).toBe('initech');
  });

  it('takes a word alone for the subject only as a name the feeds know, never a common word', () => {
    // "update" is in three items, always in lower case: a word, not what the message is about.
    expect(subject('Thanks everyone for the update!')).toBe('update');
    expect(question('Thanks everyone for the update!')).toBeNull();
    // The feeds only ever write "Hooli" as a name; typed in lower case it is still the subject.
    expect(question('hooli pushed an update, thoughts?')).toBe('hooli');
    // Two words the feeds say together in 3 items are a subject whatever their case.
    expect(question('thanks for the product update')).toBe('product update');
    expect(noSubjectText(deps.db.sqlite)).toMatch(
      /^Briefbot follows no topics yet, and this message names nothing/,
    );
  });

  it('asks what customers say: about the company for "us", about the topic named otherwise', async () => {
    await addTopic(deps, { name: 'acme', query: 'acme', kind: 'company', actorId: 'U1' });
    await addTopic(deps, { name: 'outages', query: 'outage* OR downtime', actorId: 'U1' });
    expect(question('Dana starts Monday, can we prep her on what customers think of us?')).toBe(
      'what are customers saying about acme',
    );
    expect(question('Customers are furious about the outage')).toBe(
      'what are customers saying about outages',
    );
    expect(question('Saw that Globex had another outage')).toBe('outages');
  });

  it('takes a topic named word for word for that topic, though its query has another form of the word', async () => {
    await addTopic(deps, { name: 'outages', query: 'outage OR downtime', actorId: 'U1' });
    // The query says only "outage": the message names the topic itself.
    for (const text of ['the outages', 'outages again', 'Outages!', '/brief outages'])
      expect(question(text)).toBe('outages');
    expect(subject('Any news on the outages?')).toBe('outages');
  });

  it('names a company and a theme together as `/brief` titles them: whose first ("acme pricing")', async () => {
    const feedId = await createFeed(deps, { host: 'https://pricing.example.com' });
    await storeFeedItems(
      deps,
      feedId,
      ['Acme pricing explained', 'Acme pricing page goes live', 'Acme pricing: the fine print'].map(
        (title, index) => ({ guid: `p${index}`, title }),
      ),
    );
    await addTopic(deps, { name: 'acme', query: 'acme', kind: 'company', actorId: 'U1' });
    await addTopic(deps, { name: 'pricing', query: 'pricing', actorId: 'U1' });
    // The message speaks of pricing more than of Acme.
    expect(question('Pricing, pricing, pricing: the new pricing at Acme?')).toBe('acme pricing');
  });

  it('asks about both themes a message names, when few items have both', async () => {
    await addTopic(deps, { name: 'pricing', query: 'price* OR pricing', actorId: 'U1' });
    await addTopic(deps, { name: 'outages', query: 'outage* OR downtime', actorId: 'U1' });
    expect(question('Pricing backlash and the EU outage in one week.')).toBe('outages and pricing');
    expect(subjectOfMessage(deps.db.sqlite, 'Pricing backlash and the EU outage', deps.clock.now())).toBe(
      'outages',
    );
  });

  it('reads a phrasing as `/brief` does: "price hike" finds the items that say "price increase", with the Also searched line', async () => {
    // No item says "hike": the feeds say "raises prices" and "price increase".
    const message = 'Heads up: Acme announced a price hike on the analytics suite';
    expect(question(message)).toBe('acme price hike');
    const reply = await runCommand(deps, {
      userId: 'UBRIEFME3',
      channelId: 'C0SALES',
      text: 'ask --message acme price hike',
    });
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain('Customers push back on the Acme price increase');
    expect(blocks).toContain('Acme raises prices for its analytics suite');
    expect(blocks).toMatch(/Also searched: [^"]*price increase/);
    // Acme followed as a company: narrowed to the story the message tells, as with a name.
    await addTopic(deps, { name: 'acme', query: 'acme', kind: 'company', actorId: 'U1' });
    expect(question('Did you see the Acme price hike? Sales is worried')).toBe('acme price hike');
    const narrowed = await runCommand(deps, {
      userId: 'UBRIEFME3',
      channelId: 'C0SALES',
      text: 'ask --message acme price hike',
    });
    expect(JSON.stringify(narrowed.blocks)).toContain(
      'Narrowed to the story the message tells (“price hike”)',
    );
  });

  it('weighs a phrasing by the items `/brief` lists for it: roles and a cut of the noise are no layoffs', async () => {
    const feedId = await createFeed(deps, { host: 'https://help.example.com' });
    await storeFeedItems(deps, feedId, [
      { guid: 'n1', title: 'Admins assign roles and cut the noise in busy queues' },
    ]);
    // "cut roles" finds it loosely, and search reads it again clause by clause: no item says layoffs.
    const message = 'Rumours of layoffs at Hooli this week';
    expect(question(message)).not.toMatch(/layoffs/);
    const layoffs = await answerQuestion(deps, parseAsk('layoffs', deps.clock.now(), 'UTC'), {
      userId: 'U1',
    });
    expect(layoffs.subjects[0]?.counts.current).toBe(0);
    // Once an item does cut roles, the message is about them, and `/brief` lists that item.
    await storeFeedItems(deps, feedId, [{ guid: 'n2', title: 'Hooli will cut 120 roles in Dublin' }]);
    expect(question(message)).toBe('hooli layoffs');
    const told = await answerQuestion(deps, parseAsk('hooli layoffs', deps.clock.now(), 'UTC'), {
      userId: 'U1',
    });
    expect(told.subjects[0]?.items.map((item) => item.title)).toEqual(['Hooli will cut 120 roles in Dublin']);
  });

  it('of two companies named as often, takes the one its title or first sentence names, not the busier', async () => {
    // Globex has three items this month, Acme two.
    await addTopic(deps, { name: 'acme', query: 'acme', kind: 'company', actorId: 'U1' });
    await addTopic(deps, { name: 'globex', query: 'globex', kind: 'competitor', actorId: 'U1' });
    expect(subject('Acme keynote recap. Someone from Globex asked a question at the end.')).toBe('acme');
    expect(subject('Globex keynote recap. Someone from Acme asked a question at the end.')).toBe('globex');
    // Each in a sentence of its own: both asked, the title's first.
    expect(question('Acme keynote recap. Someone from Globex asked a question at the end.')).toBe(
      'acme and globex',
    );
  });
});

describe('questionOfMessage on the demo feeds', () => {
  let demo: TestDeps;
  beforeAll(async () => {
    demo = await createTestDeps({ now: '2026-11-24T01:12:00Z' });
    await loadDemoCorpus(demo);
    await addTopic(demo, { ...demoCompanyTopic, actorId: 'USEED' });
  });
  afterAll(async () => {
    await demo.cleanup();
  });

  it('a story the message names, told by one item, leads the answer, with the competitor’s whole news offered', async () => {
    const message =
      'Did anyone see the Northwind case study Globex put out? Feels like they’re coming after our mid-market';
    const question = questionOfMessage(demo.db.sqlite, message, demo.clock.now());
    expect(question).toBe('globex northwind');
    const reply = await runCommand(demo, {
      userId: 'UBRIEFME2',
      channelId: 'C0SALES',
      text: `ask --message ${question}`,
    });
    expect(reply.text).toMatch(/^What people are saying about Globex northwind \(last 7 days\): 1 mention/);
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain('How Northwind cut first response time by 63% with Globex');
    expect(blocks).toContain(
      'Narrowed to the story the message tells (“northwind”). For everything on Globex: `/brief globex`.',
    );
    // Typed, the same words are a question of their own: nothing is said of a message.
    const typed = await runCommand(demo, {
      userId: 'UBRIEFME2',
      channelId: 'C0SALES',
      text: 'globex northwind',
    });
    expect(JSON.stringify(typed.blocks)).not.toContain('Narrowed to the story');
  });

  it('a competitor’s offer to our customers is the offer’s story, not all of the competitor in customers’ words', async () => {
    const message =
      'Heads up — Globex is offering 40% off to our customers who switch. Can someone tell me how bad this is?';
    const question = questionOfMessage(demo.db.sqlite, message, demo.clock.now());
    expect(question).toBe('globex switch');
    const answer = await answerQuestion(
      demo,
      parseAsk(question ?? '', demo.clock.now(), demo.config.DEFAULT_TIMEZONE),
      { userId: 'UBRIEFME1' },
    );
    const titles = answer.subjects[0]?.items.map((item) => item.title) ?? [];
    expect(titles).toEqual(
      expect.arrayContaining([
        'Price war? Globex offers 40% discount to teams switching from Acme',
        'Switching from Acme? Our migration program, and 40% off your first year',
      ]),
    );
    // A price cut told in words no topic has ("40% off") is the competitor's pricing.
    const cut = 'Heads up: Globex is giving 40% off to anyone leaving us. Should we worry?';
    expect(questionOfMessage(demo.db.sqlite, cut, demo.clock.now())).toBe('globex pricing');
    expect(
      questionOfMessage(demo.db.sqlite, 'Globex is giving half off to anyone leaving us', demo.clock.now()),
    ).toBe('globex pricing');
    expect(
      questionOfMessage(
        demo.db.sqlite,
        'Globex is giving 40 percent off to anyone leaving us',
        demo.clock.now(),
      ),
    ).toBe('globex pricing');
    // With no company named, a price cut is still pricing.
    for (const message of [
      'saw a vendor doing 40% off this week, are we exposed?',
      'A competitor is now doing 40% off. Are we exposed?',
    ])
      expect(questionOfMessage(demo.db.sqlite, message, demo.clock.now()), message).toBe('pricing');
    // A message about the competitor as a whole stays about it.
    expect(questionOfMessage(demo.db.sqlite, 'What is Globex up to these days?', demo.clock.now())).toBe(
      'globex',
    );
    expect(
      questionOfMessage(
        demo.db.sqlite,
        'Heads up: Globex is giving talks to anyone leaving us',
        demo.clock.now(),
      ),
    ).toBe('globex');
    // Customers who speak, or whose reaction is asked, still frame the question.
    expect(questionOfMessage(demo.db.sqlite, 'Customers are furious about Globex', demo.clock.now())).toBe(
      'what are customers saying about globex',
    );
    expect(
      questionOfMessage(
        demo.db.sqlite,
        'Board asks: how did the outage land with customers?',
        demo.clock.now(),
      ),
    ).toBe('what are customers saying about outages');
  });

  it('a message about nothing Briefbot follows has no subject, and the reply lists the topics', () => {
    const message = 'Great quarter everyone, thanks for the hard work!';
    // The feeds say "hard to predict": a stray word, not a subject.
    expect(questionOfMessage(demo.db.sqlite, message, demo.clock.now())).toBeNull();
    expect(noSubjectText(demo.db.sqlite)).toBe(
      'This message doesn’t mention acme, globex, outages or pricing (the topics Briefbot follows), nor a name the feeds know. Try `/brief what’s new`, or ask directly: `/brief what are customers saying about <subject>`.',
    );
    expect(questionOfMessage(demo.db.sqlite, 'Great quarter, and Globex is quiet', demo.clock.now())).toBe(
      'globex',
    );
  });

  it('a message that tells two things, each in its own clause, asks about both side by side', async () => {
    const message =
      'Heads up: Globex is telling our customers they’ll give them 40% off to switch, and the EU outage is coming up in renewal calls.';
    const question = questionOfMessage(demo.db.sqlite, message, demo.clock.now());
    // Customers told something are no question of what customers say; the offer and the outage are both asked.
    expect(question).toBe('globex and outages');
    const answer = await answerQuestion(
      demo,
      parseAsk(question ?? '', demo.clock.now(), demo.config.DEFAULT_TIMEZONE),
      { userId: 'UBRIEFME1' },
    );
    expect(answer.subjects.map((side) => side.subject)).toEqual(['globex', 'outages']);
    const titles = answer.subjects.map((side) => side.items.map((item) => item.title));
    expect(titles[0]).toContain('Price war? Globex offers 40% discount to teams switching from Acme');
    expect(titles[1]).toContain('Acme Desk suffers four-hour outage across EU region; status page lagged');
    // One thing named in one clause with another stays one subject ("Globex had another outage").
    expect(
      questionOfMessage(
        demo.db.sqlite,
        'Heads up: a prospect says Globex had another outage?',
        demo.clock.now(),
      ),
    ).toBe('globex');
  });

  it('an explicit "X vs Y … who is winning" on price is the side by side "is globex cheaper than us" gives', async () => {
    const message = 'Acme’s price rise vs Globex’s discount — who is winning?';
    const question = questionOfMessage(demo.db.sqlite, message, demo.clock.now());
    expect(question).toBe('who is cheaper between acme and globex');
    const ask = (text: string) =>
      answerQuestion(demo, parseAsk(text, demo.clock.now(), demo.config.DEFAULT_TIMEZONE), {
        userId: 'UBRIEFME1',
      });
    const answer = await ask(question ?? '');
    const cheaper = await ask('is globex cheaper than us');
    expect(answer.subjects.map((side) => side.subject)).toEqual(['acme pricing', 'globex pricing']);
    expect(answer.subjects.map((side) => side.subject)).toEqual(cheaper.subjects.map((side) => side.subject));
    expect(answer.priceFacts?.map((side) => side.subject)).toEqual(['acme pricing', 'globex pricing']);
    expect(JSON.stringify(answerMessage(answer, demo.clock.now()).blocks)).toContain(
      'On price, the sources say',
    );
    // Compared on another theme, or on nothing named, each side as a whole; "us" is the company.
    expect(
      questionOfMessage(demo.db.sqlite, 'Our outage vs Globex — who is winning?', demo.clock.now()),
    ).toBe('acme vs globex on outages');
    expect(questionOfMessage(demo.db.sqlite, 'Globex vs us, who’s ahead?', demo.clock.now())).toBe(
      'globex vs acme',
    );
    // One company named is no comparison.
    expect(questionOfMessage(demo.db.sqlite, 'Globex’s discount vs the market?', demo.clock.now())).toBe(
      'globex pricing',
    );
  });

  it('a competitor’s offer to the company’s customers is titled for both, as the items naming both', async () => {
    const message = 'Globex is offering 40% off for a year to anyone who leaves Acme - should we worry?';
    const question = questionOfMessage(demo.db.sqlite, message, demo.clock.now());
    expect(question).toBe('acme globex');
    const answer = await answerQuestion(
      demo,
      parseAsk(question ?? '', demo.clock.now(), demo.config.DEFAULT_TIMEZONE),
      { userId: 'UBRIEFME1' },
    );
    const reply = answerMessage(answer, demo.clock.now());
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain('What people are saying about Acme and Globex together');
    expect(blocks).not.toContain('about acme globex');
    expect(blocks).toMatch(/last 7 days · \d+ items name both/);
    expect(blocks).toContain('Each on its own, side by side: `/brief acme vs globex last 7 days`');
    expect(reply.text).toMatch(
      /^What people are saying about Acme and Globex together \(last 7 days\): \d+ items name both\./,
    );
  });
});
