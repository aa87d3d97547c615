import { describe, expect, it } from 'vitest';
import { read, useCommandTests } from '../helpers/commands.ts';
import { createFeed, storeFeedItems } from '../helpers/digest.ts';

const { current, brief } = useCommandTests('UADMIN01');

describe('topics edit', () => {
  it('warns, as topics add does, when the new query matches nothing', async () => {
    const { deps } = current();
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    await storeFeedItems(deps, feed, [
      { guid: 'a', title: 'Acme ships a new release', publishedAt: deps.clock.now() },
    ]);
    await brief('topics add outages outage OR downtime');
    expect((await brief('topics edit outages zzzqqq')).text).toMatch(
      /now matches 0; 0 items from the last 30 days\. Nothing matches yet: check the query with `\/brief topics test zzzqqq`, and change it with `\/brief topics edit outages &lt;query&gt;`\./,
    );
  });
});

describe('topics add with a mistyped word', () => {
  it('names the word no item says, the one it is a slip from, and the edit that fixes it', async () => {
    const { deps } = current();
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    await storeFeedItems(deps, feed, [
      { guid: 'a', title: 'Acme pricing changes anger customers', publishedAt: deps.clock.now() },
    ]);
    expect((await brief('topics add pricing pricng OR "price increase"')).text).toContain(
      'It already matches 0 items from the last 30 days. Nothing matches yet: no item of the last 30 days says “pricng”. Did you mean “pricing”? `/brief topics edit pricing pricing OR "price increase"` changes it (`/brief topics test &lt;query&gt;` tries one first).',
    );
    // A word nothing is near gets the plain advice; so does a quoted phrase, left as typed.
    expect((await brief('topics edit pricing zzzqqq')).text).toContain(
      'Nothing matches yet: check the query with `/brief topics test zzzqqq`',
    );
    expect((await brief('topics edit pricing "pricng plan"')).text).toContain(
      'Nothing matches yet: check the query with',
    );
  });
});

describe('topics add and test with nothing to search', () => {
  it('say Briefbot reads no feeds yet, never that the query is at fault', async () => {
    const added = (await brief('topics add acme acme kind=company')).text;
    expect(added).toContain(
      'It already matches 0 items from the last 30 days. Briefbot reads no feeds yet, so there is nothing to search. Add one: `/brief feeds add https://example.com/feed.xml`',
    );
    expect(added).not.toContain('check the query');
    const tested = read(await brief('topics test pricing'));
    expect(tested).toContain('matched 0 items in the last 7 days. Briefbot reads no feeds yet');
    expect(tested).not.toContain('Try fewer words');
  });

  it('name the newest item when every feed has nothing from the period searched', async () => {
    const { deps } = current();
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    const daysAgo = (days: number) => new Date(deps.clock.now().getTime() - days * 24 * 3600 * 1000);
    await storeFeedItems(deps, feed, [{ guid: 'a', title: 'Biden visits', publishedAt: daysAgo(20) }]);
    const tested = read(await brief('topics test biden'));
    expect(tested).toContain(
      'matched 0 items in the last 7 days. Your 1 feed has nothing from this period (the newest item is from',
    );
    expect(tested).not.toContain('Try fewer words');
    // Something from the period, just not this: the query is what to change.
    await storeFeedItems(deps, feed, [{ guid: 'b', title: 'Markets rally', publishedAt: daysAgo(1) }]);
    expect(read(await brief('topics test biden'))).toContain('Try fewer words');
  });
});

describe('topics edit: how far the count moved', () => {
  it('gives the week before and after, as topics list counts, and warns who reads a topic that lost most of it', async () => {
    const { deps } = current();
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    const hoursAgo = (hours: number) => new Date(deps.clock.now().getTime() - hours * 3600 * 1000);
    await brief('topics add pricing pricing OR price*');
    await storeFeedItems(deps, feed, [
      ...['a', 'b', 'c', 'd', 'e'].map((guid, index) => ({
        guid,
        title: `Acme pricing note ${guid}`,
        publishedAt: hoursAgo(index + 1),
      })),
      { guid: 'r', title: 'Acme renewal quote surprises buyers', publishedAt: hoursAgo(8) },
      { guid: 'old', title: 'Acme pricing, a month back', publishedAt: hoursAgo(24 * 20) },
    ]);
    await brief('sme add <@U0MARIA1|maria> pricing');
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing');
    const narrowed = (await brief('topics edit pricing "renewal quote"')).text;
    expect(narrowed).toContain(
      'In the last 7 days (as `topics list` counts) it matched 5 items and now matches 1; 1 item from the last 30 days. That is far fewer: digest 1 (<#C0EXEC>) and the nudges to <@U0MARIA1> will see that much less. To undo: `/brief topics edit pricing pricing OR price*`.',
    );
    expect(read(await brief('topics list'))).toContain('1 item in 7 days');
    // A count that grows, or a small one, gets no warning.
    const widened = (await brief('topics edit pricing pricing OR price* OR renewal')).text;
    expect(widened).toContain('it matched 1 item and now matches 6;');
    expect(widened).not.toContain('far fewer');
  });
});

describe('topics edit: the personal follows it reaches', () => {
  it('names the follows of the topic and of every topic when a query now matches nothing, and so does changes', async () => {
    const { deps } = current();
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    await brief('topics add pricing pricing OR price*');
    await storeFeedItems(
      deps,
      feed,
      ['a', 'b'].map((guid, index) => ({
        guid,
        title: `Acme pricing note ${guid}`,
        publishedAt: new Date(deps.clock.now().getTime() - (index + 1) * 3600 * 1000),
      })),
    );
    await brief('follow everything', 'U0EXEC01');
    await brief('follow pricing daily 09:00', 'U0EXEC02');
    const emptied = (await brief('topics edit pricing zzzqqq')).text;
    expect(emptied).toContain(
      "It now matches nothing from the last 7 days, so <@U0EXEC01>'s follow of every topic (digest 1) and <@U0EXEC02>'s follow of pricing (digest 2) will get none of pricing. To undo: `/brief topics edit pricing pricing OR price*`.",
    );
    // The follower's preview says why it is empty, not "check again later".
    const preview = (await brief('digest preview 2', 'U0EXEC02')).text;
    expect(preview).toContain(
      "Topic pricing's query `zzzqqq` matches nothing from the last 7 days, so nothing new will come until it changes: ask <@UADMIN01> or a workspace admin to change it (`/brief topics edit`).",
    );
    expect(preview).not.toContain('Check again later');
    // A follow's empty preview is in DMs, never "for #U0EXEC02".
    expect(preview).toContain('(digest 2, daily at 09:00 UTC) in your DMs: nothing new');
    expect((await brief('digest preview 2')).text).toContain("in <@U0EXEC02>'s DMs: nothing new");
    expect(read(await brief('changes pricing'))).toContain(
      "<@U0EXEC01>'s follow of every topic (digest 1), <@U0EXEC02>'s follow of pricing (digest 2) post it",
    );
  });
});

describe('topics edit with key=value', () => {
  it('never saves a setting as the query: nudge settings point to topics set, name= to the rename answer', async () => {
    await brief('topics add pricing pricing OR price*');
    expect((await brief('topics edit pricing threshold=0.5')).text).toContain(
      'that is `/brief topics set pricing threshold=0.5`',
    );
    expect((await brief('topics edit pricing channel=<#C0MKT|mkt>')).text).toContain(
      'is a nudge setting, not a query',
    );
    for (const key of ['name', 'rename'])
      expect((await brief(`topics edit pricing ${key}=cost`)).text).toMatch(
        /^Topics are not renamed\..*`\/brief topics add cost &lt;query&gt;`/,
      );
    expect((await brief('topics edit pricing pricing OR sort=price')).text).toContain(
      'If the query really holds it, quote it',
    );
    expect(read(await brief('topics list'))).toContain('pricing OR price*');
    expect((await brief('topics edit pricing "a=b" OR pricing')).text).toContain('now searches');
  });
});

describe('topics add names', () => {
  it('refuses a two-word name whose words the query quotes, with the one-word name to type', async () => {
    expect((await brief('topics add price rise "price rise"')).text).toBe(
      'Topic names are one word. Did you mean `/brief topics add price-rise "price rise"`?',
    );
    expect((await brief('topics list')).text).toMatch(/^No topics yet/);
  });

  it('refuses a quoted name of several words, with the one-word name to type, kind kept', async () => {
    expect((await brief('topics add "Acme Desk" "acme desk" kind=product')).text).toBe(
      'Topic names are one word. Did you mean `/brief topics add acme-desk "acme desk" kind=product`? Nothing was added.',
    );
    expect((await brief('topics list')).text).toMatch(/^No topics yet/);
  });

  it('refuses a name that is the first word of a command (my follows, audit)', async () => {
    for (const name of ['my', 'audit', 'share', 'changes'])
      expect((await brief(`topics add ${name} topic acme`)).text).toMatch(
        new RegExp(`"${name}" is a /brief command word`),
      );
  });
});

describe('topics set with a kind', () => {
  it('changes the kind as topics edit does, and names both commands when nudge settings come with it', async () => {
    await brief('topics add churn churn OR cancel*');
    expect((await brief('topics set churn kind=competitor')).text).toMatch(
      /^Topic \*churn\* is now competitor \(was theme\); its query `churn OR cancel\*`/,
    );
    expect((await brief('topics set churn kind=theme threshold=0.5')).text).toMatch(
      /One at a time: a topic's kind changes with `\/brief topics edit churn kind=&lt;kind&gt;`, its nudges with `\/brief topics set churn channel=/,
    );
    expect(read(await brief('topics list competitor'))).toMatch(/churn/);
  });
});

describe('a topic that becomes or stops being a company or competitor', () => {
  it('says what the new kind changes, with the edit that undoes it; other kinds need no word', async () => {
    await brief('topics add pricing pricing');
    expect((await brief('topics edit pricing kind=competitor')).text).toBe(
      'Topic *pricing* is now competitor (was theme); its query `pricing`, experts, channel and digests stay. As a competitor it is read as a rival company: answers about pricing show its own posts and staff apart, digests file a story from its own feed, or whose headline names it first, under it, and its negative stories count more toward nudging experts. Not what you meant? `/brief topics edit pricing kind=theme`.',
    );
    expect((await brief('topics edit pricing kind=product')).text).toBe(
      'Topic *pricing* is now product (was competitor); its query `pricing`, experts, channel and digests stay. As a product it is no longer read as a company: answers no longer show its own posts and staff apart, and its negative stories no longer count more toward nudging experts. Not what you meant? `/brief topics edit pricing kind=competitor`.',
    );
    expect((await brief('topics edit pricing kind=theme')).text).toBe(
      'Topic *pricing* is now theme (was product); its query `pricing`, experts, channel and digests stay.',
    );
  });
});

describe('help examples', () => {
  it('name topics as they are named (globex), not a kind (competitors) no topic is called', async () => {
    // Set up (a feed and topics): the whole guide (`help all`), with no Get started list before it.
    await createFeed(current().deps, { host: 'https://news.example.com' });
    await brief('topics add pricing pricing');
    await brief('topics add globex globex kind=competitor');
    const help = read(await brief('help all'));
    expect(help).not.toMatch(/competitors/);
    const [sme] = /sme add @maria [a-z, ]+/.exec(help) ?? [''];
    expect(sme).toBe('sme add @maria pricing, globex');
    expect((await brief('sme add <@U0MARIA1|maria> pricing, globex')).text).toMatch(
      /now covers globex, pricing/,
    );
    const [digest] = /digest add #market-news [^`]+/.exec(help) ?? [''];
    expect((await brief(digest.replace('#market-news', '<#C0NEWS|news>'))).text).toMatch(
      /^Digest 1 for <#C0NEWS>/,
    );
  });
});

describe('expert management wording', () => {
  it('speaks to an admin about themself, lists experts without a beat apart, and logs away days as replies say them', async () => {
    expect((await brief('sme away me until friday')).text).toMatch(
      /^You are not an expert yet, so there is nothing to mark away\. Put yourself on a beat first/,
    );
    await brief('topics add pricing pricing');
    await brief('topics add outages outage');
    await brief('sme add <@U0MARIA1|maria> outages');
    await brief('sme add <@U0EXPERT|expert> pricing');
    await brief('topics remove outages confirm');
    const list = read(await brief('sme list'));
    expect(list).toMatch(/1 expert on their beats/);
    expect(list).toMatch(/<@U0EXPERT> — pricing/);
    expect(list).toMatch(/1 expert without a beat:\* <@U0MARIA1>/);
    expect(list).not.toMatch(/no topics/);
    await brief('sme away <@U0EXPERT> until friday');
    expect(read(await brief('changes'))).toMatch(
      /marked <@U0EXPERT> away until \w{3} \d+ \w{3} \(end of day, UTC\)/,
    );
  });

  it('shows the year of an away over 6 months ahead, warns about it, and names the topics left uncovered in one line', async () => {
    await brief('topics add pricing pricing');
    await brief('topics add outages outage');
    await brief('sme add <@U0MARIA1|maria> pricing, outages');
    const reply = (await brief('sme away <@U0MARIA1> until 2027-12-01')).text;
    expect(reply).toMatch(/^<@U0MARIA1> is away until Wed 1 Dec 2027 \(end of day, UTC\);/);
    expect(reply).toMatch(/That is over 6 months away: if you meant a nearer day/);
    expect(reply).toMatch(
      /No expert is available on outages or pricing now: <@U0MARIA1> is away until then\.$/,
    );
    expect(read(await brief('sme list'))).toMatch(/away until Wed 1 Dec 2027/);
  });

  it('shows the year of an away in the next calendar year, however near', async () => {
    await brief('topics add outages outage');
    await brief('sme add <@U0MARIA1|maria> outages');
    const reply = (await brief('sme away <@U0MARIA1> until 2027-03-01')).text;
    expect(reply).toMatch(/^<@U0MARIA1> is away until Mon 1 Mar 2027 \(end of day, UTC\);/);
    expect(reply).not.toMatch(/over 6 months/);
    expect(read(await brief('sme list'))).toMatch(/away until Mon 1 Mar 2027/);
  });
});

describe('topics test over a window', () => {
  it('reads "last 30 days" as the window to look back, not as query words', async () => {
    const { deps } = current();
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    const daysAgo = (days: number) => new Date(deps.clock.now().getTime() - days * 24 * 3600 * 1000);
    await storeFeedItems(deps, feed, [
      { guid: 'a', title: 'Acme ships a new desk', publishedAt: daysAgo(2) },
      { guid: 'b', title: 'Acme raises prices', publishedAt: daysAgo(20) },
    ]);
    expect((await brief('topics test acme')).text).toBe('"acme" matched 1 item in the last 7 days');
    expect((await brief('topics test acme last 30 days')).text).toBe(
      '"acme" matched 2 items in the last 30 days',
    );
    expect((await brief('topics test acme in the past 2 weeks')).text).toBe(
      '"acme" matched 1 item in the last 14 days',
    );
    expect((await brief('topics test acme last month')).text).toBe(
      '"acme" matched 2 items in the last 30 days',
    );
  });
});

describe('topics test over a period', () => {
  it('reads "since monday", "this month", "since <date>" and "yesterday" as the period, not as query words', async () => {
    const { deps } = current();
    deps.clock.set('2026-11-25T12:00:00Z'); // a Wednesday
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    await storeFeedItems(deps, feed, [
      { guid: 'a', title: 'Acme ships a new desk', publishedAt: new Date('2026-11-24T09:00:00Z') },
      { guid: 'b', title: 'Acme raises prices this month', publishedAt: new Date('2026-11-20T09:00:00Z') },
      { guid: 'c', title: 'Acme hires', publishedAt: new Date('2026-11-02T09:00:00Z') },
      { guid: 'd', title: 'Acme in October', publishedAt: new Date('2026-10-20T09:00:00Z') },
    ]);
    expect((await brief('topics test acme since monday')).text).toBe('"acme" matched 1 item since Monday');
    expect((await brief('topics test acme this month')).text).toBe('"acme" matched 3 items this month');
    expect((await brief('topics test acme since 2026-11-20')).text).toBe(
      '"acme" matched 2 items since 2026-11-20',
    );
    expect((await brief('topics test acme yesterday')).text).toBe('"acme" matched 1 item yesterday');
    // A period that has ended counts only what it held.
    expect((await brief('topics test acme in october')).text).toBe('"acme" matched 1 item in October');
    expect(read(await brief('topics test acme since blah'))).toContain(
      'I can\'t read \\"since blah\\" as a period.',
    );
  });
});

describe('topics test, page by page', () => {
  /** `count` items titled "<title> 1", "<title> 2", …, one an hour back from now, newest first. */
  async function storeHourly(count: number, title: string): Promise<void> {
    const { deps } = current();
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    const hoursAgo = (hours: number) => new Date(deps.clock.now().getTime() - hours * 3600 * 1000);
    await storeFeedItems(
      deps,
      feed,
      Array.from({ length: count }, (_, index) => ({
        guid: `${title}-${index + 1}`,
        title: `${title} ${index + 1}`,
        publishedAt: hoursAgo(index + 1),
      })),
    );
  }

  it('names the command for the matches beyond the ten newest, and pages through them', async () => {
    await storeHourly(12, 'Acme pricing note');
    const first = await brief('topics test acme');
    expect(first.text).toBe('"acme" matched 12 items in the last 7 days');
    expect(read(first)).toContain('Acme pricing note 10');
    expect(read(first)).not.toContain('Acme pricing note 11');
    expect(read(first)).toContain('The other 2: `/brief topics test acme page 2`');

    const second = read(await brief('topics test acme page 2'));
    expect(second).toContain('`acme` matched 12 items in the last 7 days; 11–12, newest first:');
    expect(second).toMatch(/Acme pricing note 11.*Acme pricing note 12/);
    expect(second).not.toContain('Acme pricing note 10');
    expect(second).not.toContain('page 3');

    // The window is kept in the command for the next page, and read before or after the page.
    expect(read(await brief('topics test acme last 30 days'))).toContain(
      'The other 2: `/brief topics test acme last 30 days page 2`',
    );
    expect(read(await brief('topics test acme page 2 last 30 days'))).toContain('11–12, newest first');
    expect(read(await brief('topics test acme page 5'))).toContain(
      'matched 12 items in the last 7 days: 2 pages of 10, so there is no page 5. The last: `/brief topics test acme page 2`',
    );
  });

  it('says how many more there are when they fill more than a page', async () => {
    await storeHourly(25, 'Globex update');
    expect(read(await brief('topics test globex'))).toContain(
      'The next 10 of the other 15: `/brief topics test globex page 2`',
    );
    const second = read(await brief('topics test globex page 2'));
    expect(second).toContain('11–20, newest first');
    expect(second).toContain('The other 5: `/brief topics test globex page 3`');
    // A bare "more" right after a test shows its next page, to the last.
    const third = read(await brief('more'));
    expect(third).toContain('21–25, newest first');
    expect(third).toContain('Globex update 25');
    expect((await brief('more')).text).toMatch(/^That list has no more pages/);
  });
});

describe('topics test <topic name>', () => {
  it("tests the topic's query and says so; the word itself in quotes", async () => {
    const { deps } = current();
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    const daysAgo = (days: number) => new Date(deps.clock.now().getTime() - days * 24 * 3600 * 1000);
    await storeFeedItems(deps, feed, [
      { guid: 'a', title: 'Acme outage takes checkout down', publishedAt: daysAgo(1) },
      { guid: 'b', title: 'Downtime at Globex', publishedAt: daysAgo(2) },
    ]);
    await brief('topics add outages outage OR downtime');
    const reply = await brief('topics test outages');
    expect(reply.text).toBe('topic outages ("outage OR downtime") matched 2 items in the last 7 days');
    expect(read(reply)).toContain('To test the word itself: `/brief topics test \\"outages\\"`');
    expect((await brief('topics test outages last 30 days')).text).toMatch(
      /^topic outages .* matched 2 items/,
    );
    expect((await brief('topics test "outages"')).text).toBe(
      '""outages"" matched 0 items in the last 7 days',
    );
  });
});

describe('topics remove of a competitor with its own feed', () => {
  it('names the feeds that still stand for it, with the pause and remove that keep their posts out', async () => {
    const { deps } = current();
    await brief('topics add globex globex kind=competitor');
    await brief('topics add hiring hiring');
    const own = await createFeed(deps, {
      host: 'https://globex.example',
      title: 'The Globex Blog',
      kind: 'competitor',
    });
    await deps.db.prisma.feed.update({ where: { id: own }, data: { competitor: 'Globex' } });
    await createFeed(deps, { host: 'https://initech.example', title: 'Initech News', kind: 'competitor' });
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: globex, hiring');
    const asked = (await brief('topics remove globex')).text;
    expect(asked).toContain(
      `Feed ${own} (The Globex Blog) would still stand for Globex, so its posts would keep coming into answers and digests: \`/brief feeds pause ${own}\``,
    );
    expect(asked).not.toContain('Initech');
    const removed = (await brief('topics remove globex confirm')).text;
    expect(removed).toContain(
      `Feed ${own} (The Globex Blog) still stands for Globex, so its posts keep coming into answers and digests: \`/brief feeds pause ${own}\` keeps them out of digests (answers still use those stored), \`/brief feeds remove ${own}\` deletes them.`,
    );
    // A topic no feed stands for says nothing of feeds.
    expect((await brief('topics remove hiring confirm')).text).not.toContain('feeds pause');
  });
});

describe('topics set with query=', () => {
  it('points to topics edit with the query typed, and changes nothing', async () => {
    await brief('topics add pricing pricing OR price*');
    const reply = (await brief('topics set pricing query=pricing OR discount*')).text;
    expect(reply).toContain('`/brief topics edit pricing pricing OR discount*`');
    expect(reply).toContain('Nothing was changed.');
    expect(read(await brief('topics list'))).toContain('pricing OR price*');
  });
});

describe('feed and topic changes: the digests they reach', () => {
  it('names the channel digests and personal follows a paused or removed feed, or a new topic, changes', async () => {
    const { deps } = current();
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    await brief('topics add pricing pricing OR price*');
    await brief('topics add outages outage');
    await storeFeedItems(deps, feed, [
      {
        guid: 'a',
        title: 'Acme pricing note',
        publishedAt: new Date(deps.clock.now().getTime() - 3600 * 1000),
      },
    ]);
    await brief('digest add <#C0EXEC|exec> daily 08:00 topics: pricing');
    await brief('digest add <#C0OPS|ops> daily 08:00 topics: outages');
    await brief('follow pricing daily 09:00', 'U0EXEC02');
    await brief('follow everything', 'U0EXEC01');
    const paused = (await brief(`feeds pause ${feed}`)).text;
    expect(paused).toContain(
      "Digests that posted its items in the last 7 days lose them while it is paused: digest 1 (<#C0EXEC>), <@U0EXEC02>'s follow of pricing (digest 3) and <@U0EXEC01>'s follow of every topic (digest 4).",
    );
    expect(paused).not.toContain('C0OPS');
    expect((await brief(`feeds remove ${feed} confirm`)).text).toContain(
      'Digests that posted its items in the last 7 days lose them: digest 1',
    );
    expect((await brief('topics add initech initech kind=competitor')).text).toContain(
      "It joins the digests of every topic: <@U0EXEC01>'s follow of every topic (digest 4).",
    );
  });
});

describe('a feed whose newest item is months old', () => {
  it('shows in feeds list as no longer updated, and answers that find nothing say so', async () => {
    const { deps } = current();
    const feed = await createFeed(deps, { host: 'https://old.example.com' });
    await deps.db.prisma.feed.update({ where: { id: feed }, data: { lastSuccessAt: deps.clock.now() } });
    await storeFeedItems(deps, feed, [
      { guid: 'a', title: 'Biden visits', publishedAt: new Date('2022-07-28T12:00:00Z') },
    ]);
    const list = read(await brief('feeds list'));
    expect(list).toContain('no new items since 28 Jul 2022: this feed may no longer be updated');
    expect(list).not.toContain('· ok;');
    expect(read(await brief("what's new"))).toContain(
      'Your 1 feed has 1 item, the newest from 28 Jul 2022. They may no longer be updated',
    );
  });
});

describe('topics list for a competitor', () => {
  it('counts what others said, its own posts apart, as App Home counts them', async () => {
    const { deps } = current();
    const news = await createFeed(deps, { host: 'https://news.example.com' });
    const own = await createFeed(deps, {
      host: 'https://globex.example.com',
      title: 'Globex Blog',
      kind: 'competitor',
    });
    await storeFeedItems(deps, news, [
      { guid: 'n1', title: 'Globex raises prices for small teams', publishedAt: deps.clock.now() },
    ]);
    await storeFeedItems(deps, own, [
      { guid: 'o1', title: 'Globex ships faster sync', publishedAt: deps.clock.now() },
      { guid: 'o2', title: 'Globex opens a Berlin office', publishedAt: deps.clock.now() },
    ]);
    await brief('topics add globex globex kind=competitor');
    const listed = read(await brief('topics list'));
    expect(listed).toContain('*globex* _competitor_ · 1 item by others in 7 days');
    expect(listed).toContain('· its own posts: 2');
    expect(listed).not.toContain('3 items in 7 days');
    // An edit's before and after are counted as the list counts them.
    expect(read(await brief('topics edit globex globex OR berlin'))).toContain(
      'In the last 7 days (as `topics list` counts) it matched 1 item by others and now matches 1;',
    );
  });
});

describe('topics add with no query', () => {
  it('gives the command that follows the name itself, ready to copy, and the edit for a topic that exists', async () => {
    const alone = read(await brief('topics add Initech'));
    expect(alone).toContain(
      'Give the query after the name: what an item must say to be about initech. To follow initech by its name: `/brief topics add initech initech` (for a rival company, add `kind=competitor`). To try a query first: `/brief topics test initech`.',
    );
    // The kind typed is kept in the command offered.
    expect(read(await brief('topics add initech kind=competitor'))).toContain(
      'To follow initech by its name: `/brief topics add initech initech kind=competitor`. To try',
    );
    // The command offered works as given.
    expect(read(await brief('topics add initech initech kind=competitor'))).toContain(
      'Added topic *initech* (competitor): `initech`.',
    );
    expect(read(await brief('topics add initech'))).toContain(
      'initech is a topic already (`initech`). To change what it finds: `/brief topics edit initech &lt;query&gt;`.',
    );
  });
});

describe('topics add with a kind said without kind=', () => {
  it('asks rather than search for the kind word, with both commands to type; confirm keeps the query', async () => {
    const reply = (await brief('topics add hooli hooli competitor')).text;
    expect(reply).toBe(
      '“competitor” would be part of the query, so hooli would find only items that also say “competitor”. To make hooli a competitor topic: `/brief topics add hooli hooli kind=competitor`. To search for the word after all: `/brief topics add hooli hooli competitor confirm`. Nothing was added.',
    );
    // "as a", and a quoted query, go with the kind; the topic made from the first command is the one meant.
    expect((await brief('topics add widget "widget pro" as a product')).text).toContain(
      '`/brief topics add widget "widget pro" kind=product`',
    );
    expect(await current().deps.db.prisma.topic.count()).toBe(0);
    await brief('topics add hooli hooli kind=competitor');
    await brief('topics add widget "widget pro" product confirm');
    // An alternative after OR is a query word as typed.
    await brief('topics add plans pricing OR product');
    const topics = await current().deps.db.prisma.topic.findMany({ orderBy: { name: 'asc' } });
    expect(topics.map(({ name, query, kind }) => ({ name, query, kind }))).toEqual([
      { name: 'hooli', query: 'hooli', kind: 'competitor' },
      { name: 'plans', query: 'pricing OR product', kind: 'theme' },
      { name: 'widget', query: '"widget pro" product', kind: 'theme' },
    ]);
  });
});
