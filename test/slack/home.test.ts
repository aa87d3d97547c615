import { describe, expect, it } from 'vitest';
import { summarizeFeeds } from '../../src/monitor/feeds.ts';
import { buildHome, homeStoryReply } from '../../src/slack/home.ts';
import { useCommandTests } from '../helpers/commands.ts';
import {
  createFeed,
  createSchedule,
  createTopic,
  markFeedFailing,
  storeFeedItems,
} from '../helpers/digest.ts';
import { assertWithinSlackLimits } from '../helpers/slack-limits.ts';

const admin = 'UADMIN01';
const member = 'UMEMBER1';
const { current, brief } = useCommandTests(admin);

const home = async (userId: string) => JSON.stringify(await buildHome(current().deps, userId));
const help = async (userId: string) => JSON.stringify((await brief('help', userId)).blocks);

describe('a fresh install', () => {
  it('gives an admin the set-up order on Home and atop help, ticking each step as it is done', async () => {
    for (const text of [await home(admin), await help(admin)]) {
      expect(text).toContain('*Get started*\\n1. Add the feeds to read: `/brief feeds add');
      expect(text).toContain('\\n2. Add your company and topics: `/brief topics add acme');
      expect(text).toContain('\\n3. Schedule a digest: `/brief digest add');
      expect(text).toContain('\\n4. Name experts to nudge: `/brief sme add');
    }
    // Nothing to search yet: the question box is not where to start.
    expect(await home(admin)).not.toContain('ask in the box above');
    await createFeed(current().deps, { host: 'https://news.example.com' });
    const fed = await home(admin);
    expect(fed).toContain('*Get started*\\n1. :white_check_mark: ~Add the feeds to read');
    expect(fed).toContain('\\n2. Add your company and topics');
    // Feeds and topics there: set up, no list any more.
    await createTopic(current().deps, 'acme', 'acme');
    expect(await home(admin)).not.toContain('Get started');
    expect(await help(admin)).not.toContain('Get started');
  });

  it("names every part an admin runs in Home's greeting, digests included", async () => {
    expect(await home(admin)).toContain(
      'You are a *Briefbot admin*: you manage feeds, topics, experts and digests.',
    );
  });

  it('tells a member what to expect and whom to ask, with no admin commands', async () => {
    for (const text of [await home(member), await help(member)]) {
      expect(text).toContain(
        "*Briefbot isn't set up yet.* Once an admin adds feeds and topics, you can ask about your market here and follow topics in your DMs. Ask <@UADMIN01> or a workspace admin to set it up.",
      );
      expect(text).not.toContain('Get started');
    }
  });
});

describe('feeds that need attention', () => {
  it('counts and shows the stale feeds (nothing new for 90 days) as their yellow rows, with what to do', async () => {
    const { deps } = current();
    const now = deps.clock.now();
    const checked = { lastSuccessAt: now, lastFetchedAt: now };
    // Twelve feeds that are fine come first by number: a stale feed must not hide behind them.
    for (let index = 1; index <= 12; index++) {
      const id = await createFeed(deps, {
        host: `https://fresh${index}.example.com`,
        title: `Fresh ${index}`,
      });
      await deps.db.prisma.feed.update({ where: { id }, data: checked });
      await storeFeedItems(deps, id, [{ guid: `fresh-${index}`, title: `Fresh news ${index}` }]);
    }
    const stale = await createFeed(deps, { host: 'https://old.example.com', title: 'Old Blog' });
    await deps.db.prisma.feed.update({ where: { id: stale }, data: checked });
    await storeFeedItems(deps, stale, [
      { guid: 'old-1', title: 'A post from last spring', publishedAt: new Date('2026-03-01T09:00:00Z') },
    ]);
    const retrying = await createFeed(deps, { host: 'https://flaky.example.com', title: 'Flaky News' });
    await deps.db.prisma.feed.update({
      where: { id: retrying },
      data: { ...checked, consecutiveFailures: 1, lastError: 'The server answered HTTP 503.' },
    });
    const failing = await createFeed(deps, { host: 'https://down.example.com', title: 'Down News' });
    await markFeedFailing(deps, failing);

    const list = await brief('feeds list', member);
    expect(list.text).toBe('15 feeds: 12 ok, 1 stale, 1 retrying, 1 failing, 0 paused');
    const rows = JSON.stringify(list.blocks);
    expect(rows).toContain(
      `:large_yellow_circle: *${stale}* <https://old.example.com/feed.xml|Old Blog> _news_ · 1 item · no new items since 1 Mar 2026: this feed may no longer be updated`,
    );
    expect(rows).toContain(
      `Check its site for a newer feed: \`/brief feeds move ${stale} &lt;new-url&gt;\`; or remove it: \`/brief feeds remove ${stale}\``,
    );
    // Red, then the yellow ones, then the green.
    const order = [failing, retrying, stale, 1].map((id) => rows.indexOf(`*${id}* <`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order[0]).toBeGreaterThan(-1);

    const filtered = await brief('feeds list stale', member);
    expect(filtered.text).toBe('1 feed matching "stale" (of 15)');
    expect(JSON.stringify(filtered.blocks)).toContain('Old Blog');

    const view = await home(member);
    expect(view).toContain('*Feeds*\\n15 (12 ok, 1 stale, 1 retrying, 1 failing, 0 paused)');
    const attention = view.slice(view.indexOf('Feeds that need attention'));
    for (const title of ['Down News', 'Flaky News', 'Old Blog']) expect(attention).toContain(title);
    expect(attention).not.toContain('Fresh 1');
    // A member reads what is wrong and who can fix it, never a command only admins can run.
    expect(attention).toContain(
      `:large_yellow_circle: <https://old.example.com/feed.xml|Old Blog> _news_ · no new items since 1 Mar 2026: this feed may no longer be updated`,
    );
    expect(attention).toContain(
      'Only a Briefbot admin can fix a feed: ask <@UADMIN01> or a workspace admin.',
    );
    expect(attention).not.toMatch(/feeds (move|remove|resume)/);
    // An admin gets each fix as a command, and is asked to ask nobody.
    const adminView = await home(admin);
    const adminAttention = adminView.slice(adminView.indexOf('Feeds that need attention'));
    expect(adminAttention).toContain(`\`/brief feeds remove ${stale}\``);
    expect(adminAttention).not.toContain('Only a Briefbot admin');

    // A new item brings it back: green, counted ok, off Home's list.
    await storeFeedItems(deps, stale, [{ guid: 'old-2', title: 'We are back' }]);
    expect((await brief('feeds list', member)).text).toBe('15 feeds: 13 ok, 1 retrying, 1 failing, 0 paused');
    const after = await home(member);
    expect(after.slice(after.indexOf('Feeds that need attention'))).not.toContain('Old Blog');
  });
});

describe('the stale count', () => {
  it('follows items as they come, are redated, move to another feed or go', async () => {
    const { deps } = current();
    const now = deps.clock.now();
    const old = new Date('2026-03-01T09:00:00Z');
    const checked = { lastSuccessAt: now, lastFetchedAt: now };
    const a = await createFeed(deps, { host: 'https://a.example.com' });
    const b = await createFeed(deps, { host: 'https://b.example.com' });
    for (const id of [a, b]) await deps.db.prisma.feed.update({ where: { id }, data: checked });
    const { old: oldItem = 0 } = await storeFeedItems(deps, a, [
      { guid: 'old', title: 'Spring', publishedAt: old },
    ]);
    const { fresh = 0 } = await storeFeedItems(deps, b, [{ guid: 'fresh', title: 'Today' }]);
    const stale = async () => (await summarizeFeeds(deps)).stale;
    const { sqlite } = deps.db;
    expect(await stale()).toBe(1);
    sqlite.prepare('UPDATE items SET published_at = ? WHERE id = ?').run(now.getTime(), oldItem);
    expect(await stale()).toBe(0);
    // Redated back: the newest date is counted again from the items, never kept at its highest.
    sqlite.prepare('UPDATE items SET published_at = ? WHERE id = ?').run(old.getTime(), oldItem);
    expect(await stale()).toBe(1);
    // Moved to feed b: a holds nothing (not stale, only new), b its fresh item still.
    sqlite.prepare('UPDATE items SET feed_id = ? WHERE id = ?').run(b, oldItem);
    expect(await stale()).toBe(0);
    // b's fresh item gone: its newest is the old one.
    sqlite.prepare('DELETE FROM items WHERE id = ?').run(fresh);
    expect(await stale()).toBe(1);
  });
});

describe('the times Home shows', () => {
  it('are in the viewer’s Slack time zone, else in Briefbot’s, named', async () => {
    const { deps } = current();
    const failing = await createFeed(deps, { host: 'https://down.example.com', title: 'Down News' });
    await markFeedFailing(deps, failing);
    // The clock reads Mon 2 Nov 09:00 UTC: 10:00 in Berlin.
    deps.userTimeZones.set(member, 'Europe/Berlin');
    const berlin = await home(member);
    expect(berlin).toContain('"Updated 10:00 CET · no feed read yet"');
    expect(berlin).toContain('failing since 2 Nov 2026 10:00 CET');
    // Slack gives no zone for the admin: DEFAULT_TIMEZONE, said to be Briefbot's.
    const fallback = await home(admin);
    expect(fallback).toContain('"Updated 09:00 UTC (Briefbot’s time) · no feed read yet"');
    expect(fallback).toContain('failing since 2 Nov 2026 09:00 UTC');
    // A top story opened from Home tells its time in the reader's zone too.
    const { story = 0 } = await storeFeedItems(deps, failing, [
      { guid: 'story', title: 'Acme ships', publishedAt: new Date('2026-11-01T08:30:00Z') },
    ]);
    const opened = JSON.stringify((await homeStoryReply(deps, `${story}:1`, member)).blocks);
    expect(opened).toContain('09:30 CET');
    expect(JSON.stringify((await homeStoryReply(deps, `${story}:1`, admin)).blocks)).toContain('08:30 UTC');
  });
});

describe('a marketer’s Home (admin)', () => {
  it('after an import whose feeds all fail: says nothing is read, counts every dead feed, and does not invite questions', async () => {
    const { deps } = current();
    for (let index = 1; index <= 12; index++) {
      const id = await createFeed(deps, {
        host: `https://dead${index}.example.com`,
        title: `Imported ${index}`,
      });
      await markFeedFailing(deps, id, 'The server answered HTTP 404.');
    }
    const view = await home(admin);
    // Still setting up (no topic yet), yet why nothing is read is said at the top.
    expect(view).toContain('*Get started*');
    expect(view).toContain(
      ':warning: Briefbot reads none of its 12 feeds right now (12 failing). See `/brief feeds list` to resume or fix them',
    );
    // Home lists the first ten; the other two are counted, with where to see them.
    expect(view).toContain('…and 2 more: `/brief feeds list`');
    expect(view).toContain('*Questions this week*\\nNone yet"');
  });

  it('with 200 feeds, 30 topics and a paused digest: within Slack’s limits, every dead feed counted, the way to resume', async () => {
    const { deps } = current();
    const now = deps.clock.now();
    for (let index = 1; index <= 200; index++) {
      const id = await createFeed(deps, { host: `https://f${index}.example.com`, title: `Feed ${index}` });
      await deps.db.prisma.feed.update({
        where: { id },
        data:
          index % 5 === 0
            ? { status: 'failing', consecutiveFailures: 5, lastError: 'HTTP 404', failingSince: now }
            : { lastSuccessAt: now, lastFetchedAt: now },
      });
      if (index <= 3) await storeFeedItems(deps, id, [{ guid: `g${index}`, title: `Topic${index} news` }]);
    }
    for (let index = 1; index <= 30; index++) await createTopic(deps, `topic${index}`, `topic${index}`);
    const paused = await createSchedule(deps, {});
    await createSchedule(deps, { channelId: 'C0OTHER' });
    expect((await brief(`digest pause ${paused}`)).text).toContain('paused');
    const view = await buildHome(deps, admin);
    assertWithinSlackLimits(view, 'admin Home');
    const text = JSON.stringify(view);
    // 40 failing: 10 listed, 30 counted.
    expect(text).toContain('…and 30 more: `/brief feeds list`');
    expect(text).toContain(
      `*${paused}* <#C0NEWS> daily at 08:00 Europe/Berlin (paused) · not run yet · :double_vertical_bar: posts nothing until resumed: \`/brief digest resume ${paused}\``,
    );
    expect(text).not.toContain('digest resume 2');
    // Nothing cut off the end: the commands and their buttons are still there.
    expect(text).toContain('Your commands');
    expect(view.blocks.at(-1)).toMatchObject({ type: 'actions' });
  });
});
