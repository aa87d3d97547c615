import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTopic, TopicKind } from '../../src/analysis/topics.ts';
import { type Answer, answerQuestion } from '../../src/briefing/answer.ts';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import { expandSubject, recheckOf } from '../../src/briefing/synonyms.ts';
import { addFeed } from '../../src/monitor/feeds.ts';
import { answerMessage } from '../../src/slack/blocks/answer.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { sharedFeed, watchRssItems } from '../helpers/fixtures.ts';

const now = '2026-11-02T09:00:00Z';

function askOn(deps: TestDeps, text: string): Promise<Answer> {
  const request = parseAsk(text, deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
  return answerQuestion(deps, request, { userId: 'UEXEC01' });
}

/** A workspace reading one feed at `site`: an item per title (at `site`/slug, its text the title), and any items written out. */
async function wireOf(site: string, titles: Array<[slug: string, title: string]>, written: string[] = []) {
  const deps = await createTestDeps({ now, env: { DEFAULT_TIMEZONE: 'Europe/Berlin' } });
  const items = titles.map(
    ([slug, title]) =>
      `<item><title>${title}</title><link>${site}/${slug}</link><pubDate>Sun, 01 Nov 2026 10:00:00 GMT</pubDate><description>${title}.</description></item>`,
  );
  await watchRssItems(deps, site, [...items, ...written].join('\n'));
  return deps;
}

function subjectOf(answer: Answer) {
  const subject = answer.subjects[0];
  if (!subject) throw new Error('no subject');
  return subject;
}

/** Whether a text (real feed text below) says a phrasing of `subject`'s group: another, or the one typed in a listed form. */
function saysOtherPhrasing(subject: string, text: string): boolean {
  const expansion = expandSubject(subject);
  if (!expansion) throw new Error(`${subject} has no other phrasings`);
  return expansion.says(text);
}

describe('other phrasings of a free-text subject, on the demo corpus', () => {
  const demo = useDemoCorpus({ now, env: { DEFAULT_TIMEZONE: 'Europe/Berlin' } });
  const ask = (text: string) => askOn(demo.deps, text);

  it('`price rise` finds the posts that say "price increase", "raises … prices" or "went up", and says what it also searched', async () => {
    const answer = await ask('what are customers saying about the price rise');
    const subject = subjectOf(answer);
    const urls = subject.items.map((item) => item.url);
    // None of these says "price rise": they were missed, and Globex's "renewals never rise" was the answer.
    expect(urls).toEqual(
      expect.arrayContaining([
        'https://saasledger.example/2026/acme-desk-pricing-usage-tiers',
        'https://community.supportops.example/t/acme-price-increase-renegotiating-or-switching/8841',
        'https://www.stackrank.example/products/acme-desk/reviews/91231',
        'https://www.stackrank.example/products/acme-desk/reviews/91207',
      ]),
    );
    expect(urls.slice(0, 3)).not.toContain('https://blog.globex.example/transparent-pricing');
    expect(subject.alsoSearched).toEqual([
      'price increase',
      'price hike',
      'raised prices',
      'prices went up',
      'prices climb',
      'prices edge up',
      'prices tick up',
      'higher renewal quotes',
    ]);
    expect(JSON.stringify(answerMessage(answer, demo.deps.clock.now()).blocks)).toContain(
      'Also searched: price increase, price hike, raised prices, prices went up, prices climb, prices edge up, prices tick up, higher renewal quotes.',
    );
  });

  it('`price hike` is one subject with its phrasings, not "price" with "hike" left out', async () => {
    const hike = subjectOf(await ask('price hike'));
    expect(hike.dropped).toEqual([]);
    expect(hike.alsoSearched).toContain('price increase');
    expect(hike.items.map((item) => item.url)).toEqual(
      expect.arrayContaining([
        'https://community.supportops.example/t/acme-price-increase-renegotiating-or-switching/8841',
        'https://www.stackrank.example/products/acme-desk/reviews/91231',
      ]),
    );
    // A word no item says beside it is left out, the phrasing kept whole.
    const widgets = subjectOf(await ask('price hike widgets'));
    expect(widgets.dropped).toEqual(['widgets']);
    expect(widgets.alsoSearched).toContain('price increase');
    expect(widgets.counts.current).toBe(hike.counts.current);
  });

  it('`churn` finds the teams switching from Acme, and `acme downtime` the outage reports', async () => {
    const churn = subjectOf(await ask('churn'));
    expect(churn.items.map((item) => item.url)).toEqual(
      expect.arrayContaining([
        'https://saasledger.example/2026/globex-switching-discount',
        'https://blog.globex.example/switch-from-acme',
      ]),
    );
    expect(churn.alsoSearched).toContain('switching from');
    const downtime = subjectOf(await ask('acme downtime'));
    expect(downtime.items.map((item) => item.url)).toEqual(
      expect.arrayContaining([
        'https://saasledger.example/2026/acme-post-incident-report',
        'https://community.supportops.example/t/acme-desk-outage-this-morning/8826',
        'https://www.stackrank.example/products/acme-desk/reviews/91188',
      ]),
    );
  });

  it("a topic's name is its query as the marketer wrote it, never expanded", async () => {
    // "outages" is a phrasing of the outage group too, but it names the topic.
    const outages = subjectOf(await ask('outages'));
    expect(outages.topicName).toBe('outages');
    expect(outages.alsoSearched).toEqual([]);
    expect(JSON.stringify(answerMessage(await ask('pricing'), demo.deps.clock.now()).blocks)).not.toContain(
      'Also searched',
    );
  });

  it('a long question is answered about the words its items say in other words ("the price rise"), not about "pricing"', async () => {
    const answer = await ask(
      'I have a board meeting tomorrow and need to know what customers think about the price rise',
    );
    expect(subjectOf(answer)).toMatchObject({
      subject: 'price rise',
      alsoSearched: expect.arrayContaining(['price increase']),
    });
  });

  it('side by side, the note names the side searched in other words too', async () => {
    const blocks = JSON.stringify(
      answerMessage(await ask('price hike vs outage'), demo.deps.clock.now()).blocks,
    );
    expect(blocks).toContain('For price hike, also searched: price rise, price increase, raised prices');
    expect(blocks).not.toContain('For outages');
  });

  it('a phrasing left out because nothing says it names its other phrasings, which nothing says either', async () => {
    const answer = await ask('any layoffs at globex');
    expect(subjectOf(answer)).toMatchObject({ dropped: ['layoffs'], alsoSearched: [] });
    expect(JSON.stringify(answerMessage(answer, demo.deps.clock.now()).blocks)).toContain(
      'No item says “layoffs” (nor laid off, job cuts, cut roles, redundancies, workforce reduction, trims its workforce, sheds jobs, lets staff go), so this is what the other words find.',
    );
  });

  it('an answer that finds nothing says what it also searched', async () => {
    const answer = await ask('layoffs');
    expect(subjectOf(answer).counts.current).toBe(0);
    expect(JSON.stringify(answerMessage(answer, demo.deps.clock.now()).blocks)).toContain(
      'Also searched: laid off, job cuts, cut roles, redundancies, workforce reduction, trims its workforce, sheds jobs, lets staff go.',
    );
  });
});

describe('other phrasings in real feeds', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    // The Google News feed of 28 July 2022, as the feed-extractor package tests it.
    deps = await createTestDeps({ now: '2022-07-29T09:00:00Z', env: { DEFAULT_TIMEZONE: 'UTC' } });
    nock('https://news.example.org')
      .get('/feed')
      .reply(200, sharedFeed('feed-extractor/rss-feed-standard-realworld.xml'), {
        'content-type': 'application/rss+xml',
      });
    await addFeed(deps, { url: 'https://news.example.org/feed', kind: 'news', actorId: 'U1' });
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  it('`price rise` finds Meta’s price hike, not the Fed’s rate hike', async () => {
    const rise = subjectOf(await askOn(deps, 'price rise'));
    const titles = rise.items.map((item) => item.title);
    expect(titles.some((title) => title.includes("Meta Quest 2's Price Hike"))).toBe(true);
    expect(titles.some((title) => title.includes('rate hike'))).toBe(false);
  });

  it('`acquisition` finds the airlines’ merger, not a baseball trade', async () => {
    const acquisition = subjectOf(await askOn(deps, 'acquisition'));
    const titles = acquisition.items.map((item) => item.title);
    expect(
      titles.some((title) => title.includes('Spirit and Frontier Airlines throw out merger agreement')),
    ).toBe(true);
    expect(titles.some((title) => title.includes('Yankees Acquire'))).toBe(false);
  });

  it('words that look alike in other senses are no other phrasing', () => {
    expect(
      saysOtherPhrasing('price rise', 'Fed unleashes another big rate hike in bid to curb inflation'),
    ).toBe(false);
    expect(
      saysOtherPhrasing('merger', 'Yankees Acquire Andrew Benintendi From Royals - MLB Trade Rumors'),
    ).toBe(false);
    expect(
      saysOtherPhrasing(
        'outage',
        'Supplemental Vitamin D and Incident Fractures in Midlife and Older Adults',
      ),
    ).toBe(false);
    expect(saysOtherPhrasing('funding', '$25 Million Lawsuit Filed Over Sesame Place Accusations')).toBe(
      false,
    );
    // The demo's own traps: an SLA's breach, a vendor's promise that renewals never rise.
    expect(
      saysOtherPhrasing(
        'data leak',
        'Globex now predicts which tickets will breach their SLA two hours ahead',
      ),
    ).toBe(false);
    expect(
      saysOtherPhrasing(
        'price hike',
        'Every Globex plan, add-on and discount is on our pricing page, and renewals never rise more than 5% a year.',
      ),
    ).toBe(false);
    expect(
      saysOtherPhrasing(
        'layoffs',
        'Three smaller vendors cut their redundancy costs by moving to one data centre',
      ),
    ).toBe(false);
    // A help desk's and a marketer's everyday words.
    expect(
      saysOtherPhrasing('churn', 'Customers leaving feedback in the widget get a reply within minutes'),
    ).toBe(false);
    expect(saysOtherPhrasing('takeover', 'The acquisition of new customers got cheaper this quarter')).toBe(
      false,
    );
    expect(saysOtherPhrasing('downtime', 'The AI-led disruption of customer service is only starting')).toBe(
      false,
    );
    expect(saysOtherPhrasing('downtime', 'Generate incident reports automatically from every ticket')).toBe(
      false,
    );
    expect(saysOtherPhrasing('data breach', 'Top story on Hacker News this morning')).toBe(false);
    // And what they are there to find.
    expect(
      saysOtherPhrasing('price rise', "Reaction: Meta Quest 2's Price Hike Will Have PSVR2 Relieved"),
    ).toBe(true);
    expect(saysOtherPhrasing('price rise', 'Acme raises Acme Desk prices by up to 18%')).toBe(true);
    expect(
      saysOtherPhrasing('price rise', 'The account team sent a renewal quote 25% higher with no heads-up.'),
    ).toBe(true);
    expect(
      saysOtherPhrasing('downtime', 'Acme Desk review: "Down for four hours during our busiest morning"'),
    ).toBe(true);
    expect(saysOtherPhrasing('outage', 'Sales went down for the third quarter in a row')).toBe(false);
    expect(saysOtherPhrasing('takeover', 'Spirit and Frontier Airlines throw out merger agreement')).toBe(
      true,
    );
    expect(saysOtherPhrasing('layoffs', 'The company announced 200 job cuts across its support teams')).toBe(
      true,
    );
    expect(saysOtherPhrasing('layoffs', 'Initech will cut 200 jobs in Dublin')).toBe(true);
    // Phrasings executives read in the news: prices that climb, roles cut, teams leaving.
    expect(saysOtherPhrasing('price rise', 'Help desk prices climb again as vendors add AI tiers')).toBe(
      true,
    );
    expect(saysOtherPhrasing('price hike', 'Acme Desk prices soared 18% at renewal')).toBe(true);
    expect(saysOtherPhrasing('layoffs', 'Initech to cut 200 roles in Dublin')).toBe(true);
    expect(saysOtherPhrasing('layoffs', 'Globex slashes 80 positions in sales')).toBe(true);
    expect(saysOtherPhrasing('churn', 'Why support teams are leaving Acme')).toBe(true);
    // Their look-alikes: a time cut, customers leaving feedback.
    expect(saysOtherPhrasing('layoffs', 'Northwind cut first response time by 63% with Globex')).toBe(false);
    // Roles and a cut of something else: no layoff; roles cut after them still are.
    expect(saysOtherPhrasing('layoffs', 'Assign roles and cut the noise in busy queues')).toBe(false);
    expect(saysOtherPhrasing('layoffs', 'Assign roles, cut the noise in busy queues')).toBe(false);
    expect(saysOtherPhrasing('layoffs', 'Initech: 200 roles cut in Dublin')).toBe(true);
    expect(
      saysOtherPhrasing('churn', 'Customers leaving feedback in the widget get a reply within minutes'),
    ).toBe(false);
  });
});

describe('the summary of a subject said in other words', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps({ now, env: { DEFAULT_TIMEZONE: 'Europe/Berlin' } });
    await watchRssItems(
      deps,
      'https://wire.example.org',
      `<item><title>Initech reorganises its support teams</title><link>https://wire.example.org/initech-support</link>
        <pubDate>Sun, 01 Nov 2026 10:00:00 GMT</pubDate>
        <description>Initech opened a new customer office in Lisbon this week, its third in Europe. The company also announced 200 job cuts across its support organisation in North America. Its chief executive thanked customers for their patience during the move.</description></item>`,
    );
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  it('`layoffs` is summed up from the sentence that says "job cuts"', async () => {
    const layoffs = subjectOf(await askOn(deps, 'layoffs'));
    expect(layoffs.counts.current).toBe(1);
    expect(layoffs.summary.sentences.map((sentence) => sentence.text)).toEqual([
      'The company also announced 200 job cuts across its support organisation in North America.',
    ]);
  });
});

describe('phrasings executives read in the news: prices that climb, roles cut, teams leaving', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await wireOf(
      'https://trade.example.org',
      [
        ['prices', 'Help desk prices climb again as vendors add AI tiers'],
        ['roles', 'Initech to cut 200 roles in its Dublin support centre'],
        ['leaving', 'Why support teams are leaving Initech for smaller vendors'],
        ['time', 'Northwind cut first response time by 63% with a new triage flow'],
        ['noise', 'Acme Desk lets admins assign roles and cut the noise in busy queues'],
        ['comma', 'Zendo lets admins assign roles, cut the noise and route tickets'],
      ],
      [
        `<item><title>Support software roundup</title><link>https://trade.example.org/both</link><pubDate>Sun, 01 Nov 2026 09:00:00 GMT</pubDate><description>Acme Desk lets admins assign roles and cut the noise in busy queues. Zendo admins assign roles, cut the noise and route tickets. Separately, Initrode will cut 120 positions at its Leeds support centre.</description></item>`,
      ],
    );
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  it.each([
    ['price rise', ['https://trade.example.org/prices']],
    // "roles and cut the noise" in one sentence undoes nothing said in another; a comma is no layoff either.
    ['layoffs', ['https://trade.example.org/roles', 'https://trade.example.org/both']],
    ['churn', ['https://trade.example.org/leaving']],
  ])('`%s` finds %j, and nothing else of the seven', async (subject, urls) => {
    const found = subjectOf(await askOn(deps, subject));
    expect(found.items.map((each) => each.url).sort()).toEqual([...urls].sort());
    expect(found.counts.current).toBe(urls.length);
  });

  it('`layoffs` is summed up from the roles cut, not from roles and a cut of the noise', async () => {
    const found = subjectOf(await askOn(deps, 'layoffs'));
    const said = found.summary.sentences.map((sentence) => sentence.text).join(' ');
    expect(said).toContain('Initrode will cut 120 positions');
    expect(said).not.toContain('assign roles');
  });

  it('a cut of something else after roles is read clause by clause, whatever the punctuation', () => {
    const recheck = recheckOf(expandSubject('layoffs')?.fts ?? '');
    expect(recheck?.says('Admins assign roles, cut the noise and route tickets')).toBe(false);
    expect(recheck?.says('Admins assign roles and cut the noise. Initech will cut 1,200 roles.')).toBe(true);
    expect(recheck?.says('Initech: 200 roles cut in Dublin')).toBe(true);
    expect(recheckOf(expandSubject('price rise')?.fts ?? '')).toBeNull();
  });
});

describe('phrasings executives type and the press writes: prices edge up, workforce trimmed, moving off, went down', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await wireOf('https://wire.example.net', [
      ['edge', 'Initech help desk prices edge up again at renewal'],
      ['hike', 'Initech announces a price hike for enterprise plans'],
      ['switching', 'Teams switching from Initech cite renewal costs'],
      ['trims', 'Initech trims its workforce by 8% after a slow quarter'],
      ['sheds', 'Globex sheds 300 jobs in its support division'],
      ['moving', 'Why three retailers are moving off Initech this winter'],
      // Said in another of the forms listed for what is typed: "moving off" is also "migrated off", "cut roles" "slashes … positions".
      ['migrated', 'Two retailers migrated off Initech last quarter'],
      ['slashes', 'Initech slashes 80 positions in sales'],
      ['tick', 'Initech help desk prices tick higher for 2027'],
      ['letgo', 'Initech lets 40 staff go in Leeds'],
      ['degraded', 'Initech customers report degraded performance for two hours'],
      // Their look-alikes: a tool that cuts staff workload, prices that went down.
      ['workload', 'Triage bots cut staff workload by a third at Initech'],
      ['cheaper', 'Initech prices went down for small teams'],
    ]);
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  it.each([
    ['initech prices edge up', ['edge', 'hike', 'tick']],
    ['price hike', ['edge', 'hike', 'tick']],
    ['initech prices tick higher', ['edge', 'hike', 'tick']],
    ['layoffs', ['trims', 'sheds', 'slashes', 'letgo']],
    ['initech sheds jobs', ['trims', 'slashes', 'letgo']],
    ['initech cut roles', ['trims', 'slashes', 'letgo']],
    ['initech lets staff go', ['trims', 'slashes', 'letgo']],
    ['moving off initech', ['moving', 'migrated', 'switching']],
    ['churn', ['moving', 'migrated', 'switching']],
    ['ditching initech', ['moving', 'migrated', 'switching']],
    ['initech outage', ['degraded']],
    // The words typed are still searched as typed: prices that went down too.
    ['initech went down', ['degraded', 'cheaper']],
  ])('`%s` finds %j, and nothing else of the thirteen', async (subject, slugs) => {
    const found = subjectOf(await askOn(deps, subject));
    const urls = slugs.map((slug) => `https://wire.example.net/${slug}`);
    expect(found.items.map((each) => each.url).sort()).toEqual(urls.sort());
  });

  it('says which phrasings it also searched, and never searches "ditch" or "went down" alone for another', () => {
    expect(expandSubject('prices edge up')?.also).toContain('price rise');
    expect(expandSubject('churn')?.also).toContain('moving off');
    expect(expandSubject('churn')?.also).not.toContain('ditching');
    expect(expandSubject('outage')?.also).not.toContain('went down');
    expect(expandSubject('outage')?.also).toEqual(
      expect.arrayContaining(['degraded performance', 'went down for hours']),
    );
  });
});

describe('a phrasing is one thing asked, kept whole when another word is left out', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await wireOf('https://wire.example.com', [
      ['switching', 'Teams switching from Initech cite renewal costs'],
      ['raise', 'Initech raises prices for enterprise plans'],
      ['release', 'Initech ships a new mobile app for agents'],
    ]);
    await addTopic(deps, { name: 'initech', query: 'initech', kind: TopicKind.Company, actorId: 'USEED' });
  });
  afterAll(async () => {
    await deps.cleanup();
  });

  it.each([
    // Once "widgets" is left out, "moving initech" found nothing and "moving" went too: the topic initech.
    ['moving off initech widgets', ['switching']],
    // Four words were a long question, answered about its key words: "price hike" is one thing asked.
    ['price hike initech widgets', ['raise']],
  ])('`%s` finds %j, with "widgets" left out, not the topic initech', async (question, slugs) => {
    const answer = await askOn(deps, question);
    expect(subjectOf(answer).items.map((each) => each.url)).toEqual(
      slugs.map((slug) => `https://wire.example.com/${slug}`),
    );
    expect(JSON.stringify(answerMessage(answer, deps.clock.now()).blocks)).toContain(
      'No item says “widgets”',
    );
  });
});
