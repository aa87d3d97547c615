import type { KnownBlock } from '@slack/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDueDigests } from '../../src/briefing/digest-runner.ts';
import { runCommand } from '../../src/commands/index.ts';
import { postPendingNudges } from '../../src/engage/nudges.ts';
import type { Running } from '../../src/index.ts';
import { Action, BlockId } from '../../src/slack/ids.ts';
import { createAppHomeOpenedHandler } from '../../src/slack/listeners/app-home-opened.ts';
import { loadDemoCorpus } from '../briefing/corpus.ts';
import { bigAdmin, bigExpert, bigMember, openBigWorkspace } from '../helpers/big-workspace.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed, createTopic, markFeedFailing, storeFeedItems } from '../helpers/digest.ts';
import { createBeat, nudgeAbout } from '../helpers/nudges.ts';
import { createRecorder, homeOpenedArgs } from '../helpers/slack.ts';
import {
  answerSlackApi,
  blockActionsBody,
  type HttpApp,
  homeOpenedBody,
  postToSlack,
  type SlackCall,
  startHttpApp,
} from '../helpers/slack-http.ts';
import { assertWithinSlackLimits } from '../helpers/slack-limits.ts';

const admin = 'UADMIN01';
const exec = 'UEXEC01';
let app: HttpApp;
let running: Running;
let deps: TestDeps;
let calls: SlackCall[];
/** Whether Slack refuses views.push, as past its two pushes on a modal. */
let refusePush = false;

beforeAll(async () => {
  app = await startHttpApp({ BRIEFBOT_ADMINS: admin });
  ({ running } = app);
  // The app runs on the system clock: the demo corpus is dated from it.
  deps = running.deps as TestDeps;
  await loadDemoCorpus(deps);
});

afterAll(async () => {
  await app.stop();
});

/** Slack's own calls settle after the HTTP response: wait until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let tries = 0; tries < 250 && !done(); tries++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(done(), JSON.stringify(calls.map((call) => call.method))).toBe(true);
}

type View = { type: string; blocks: KnownBlock[] };

/** The views Briefbot published to `userId`'s Home so far, oldest first. */
function published(userId: string): View[] {
  return calls
    .filter((call) => call.method === 'views.publish' && call.body.user_id === userId)
    .map((call) => JSON.parse(call.body.view ?? '{}') as View);
}

/** The texts a view shows, block by block (sections, contexts, headers, buttons). */
function texts(view: View): string[] {
  return view.blocks.map((block) => JSON.stringify(block));
}

async function openHome(userId: string): Promise<View> {
  const before = published(userId).length;
  const body = homeOpenedBody(userId, `Ev${Math.random().toString(36).slice(2)}`);
  expect((await postToSlack(app, body, undefined, 'application/json')).status).toBe(200);
  await until(() => published(userId).length > before);
  const view = published(userId).at(-1) as View;
  assertWithinSlackLimits(view, `${userId} Home`);
  return view;
}

/** A block action on App Home, as Slack posts it: a view, no channel, no response URL. */
function onHome(userId: string, action: Record<string, unknown>) {
  return postToSlack(
    app,
    blockActionsBody(userId, {
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home' },
      trigger_id: '8.8.8',
      actions: [{ action_ts: '1', ...action }],
    }),
  );
}

describe('an executive who only opens App Home (demo corpus, real receiver)', () => {
  beforeEach(() => {
    calls = [];
    // Slack's Web API as it answers, past its two pushes on a modal too.
    answerSlackApi(calls, ({ method }) =>
      method === 'views.push' && refusePush ? { ok: false, error: 'push_limit_reached' } : undefined,
    );
  });

  it('tells the week first: how much was said, how it moved, its tone, and when Home was updated', async () => {
    const view = await openHome(exec);
    const blocks = texts(view);
    const week = blocks.findIndex((text) => text.includes('*Last 7 days:*'));
    const box = view.blocks.findIndex((block) => block.block_id === BlockId.HomeAsk);
    // Above the ask box and the lists: seen without scrolling on a phone.
    expect(week).toBeGreaterThan(0);
    expect(week).toBeLessThan(box);
    expect(blocks[week]).toMatch(
      /\*Last 7 days:\* \d+ mentions, ▲ up from \d+ in the previous 7 days\\n:large_green_circle: positive \d+% \(\d+\) · :white_circle: neutral \d+% \(\d+\) · :red_circle: negative \d+% \(\d+\)/,
    );
    const updated = blocks.find((text) => text.includes('Updated '));
    expect(updated).toMatch(/Updated \d\d:\d\d UTC · feeds last read (just now|\d+ (s|min) ago)/);
  });

  it('follows a topic with one press: the reply in a modal, and Home redrawn with the follow and Unfollow', async () => {
    const home = await openHome(exec);
    const pricing = home.blocks.find((block) => JSON.stringify(block).includes('*pricing* _theme_'));
    expect(pricing).toMatchObject({
      accessory: {
        type: 'button',
        text: { text: 'Follow' },
        action_id: Action.RunCommand,
        value: 'follow pricing',
        accessibility_label: 'Follow pricing: its digest in your DMs',
      },
    });
    calls.length = 0;
    const before = published(exec).length;
    expect(
      (
        await onHome(exec, {
          type: 'button',
          action_id: Action.RunCommand,
          block_id: 'x',
          value: 'follow pricing',
        })
      ).status,
    ).toBe(200);
    await until(() => published(exec).length > before);
    // The reply first (Slack's trigger lasts 3 seconds), then Home behind it.
    expect(calls.map((call) => call.method).filter((method) => method.startsWith('views.'))).toEqual([
      'views.open',
      'views.publish',
    ]);
    const modal = JSON.parse(calls.find((call) => call.method === 'views.open')?.body.view ?? '{}');
    expect(JSON.stringify(modal.blocks)).toContain('You follow pricing');
    const redrawn = published(exec).at(-1) as View;
    assertWithinSlackLimits(redrawn, 'Home after Follow');
    const text = JSON.stringify(redrawn.blocks);
    expect(text).toContain('Your follows');
    expect(text).toMatch(/\*pricing\* \(digest \d+\): in your DMs daily at 07:00 UTC/);
    const button = redrawn.blocks.find((block) => JSON.stringify(block).includes('*pricing* _theme_'));
    expect(button).toMatchObject({ accessory: { text: { text: 'Unfollow' }, value: 'unfollow pricing' } });
    expect(await deps.db.prisma.digestSchedule.count({ where: { userId: exec } })).toBe(1);
  });

  it('opens a top story with every source telling it, in a modal over Home, whatever was asked since', async () => {
    const home = await openHome(exec);
    const stories = home.blocks.filter(
      (block) => (block as { accessory?: { action_id?: string } }).accessory?.action_id === Action.HomeStory,
    ) as Array<{ text: { text: string }; accessory: { value: string; accessibility_label: string } }>;
    expect(stories.length).toBe(3);
    const [first] = stories;
    const title = /<[^|]+\|([^>]+)>/.exec(first?.text.text ?? '')?.[1] ?? '';
    // Named for a screen reader, within Slack's 75 characters.
    expect(first?.accessory.accessibility_label).toContain(`Open story 1: ${title.slice(0, 30)}`);
    expect(first?.accessory.accessibility_label.length).toBeLessThanOrEqual(75);
    const press = async (value: string) => {
      calls.length = 0;
      expect(
        (await onHome(exec, { type: 'button', action_id: Action.HomeStory, block_id: 'y', value })).status,
      ).toBe(200);
      await until(() => calls.some((call) => call.method === 'views.open'));
      const opened = calls.find((call) => call.method === 'views.open');
      expect(opened?.body.trigger_id).toBe('8.8.8');
      const modal = JSON.parse(opened?.body.view ?? '{}');
      assertWithinSlackLimits(modal, 'story modal');
      return JSON.stringify(modal.blocks);
    };
    const story = await press(first?.accessory.value ?? '');
    expect(story).toContain(`*[1]* <`);
    expect(story).toContain(title);
    expect(story).toMatch(/The same story, also told by|Related coverage|No other source tells this story/);
    expect(story).toContain('Source 1 in App Home (“Last 7 days’ top stories”).');
    // A question asked since does not change which story the button opens.
    await deps.db.prisma.askLog.create({
      data: {
        userId: exec,
        question: 'outages',
        windowDays: 7,
        itemCount: 1,
        shown: '[[1, 1]]',
        at: new Date(),
      },
    });
    expect(await press(first?.accessory.value ?? '')).toContain(title);
    expect(await press('999999:1')).toContain('That story is no longer stored (its feed was removed).');
  });

  it('answers a button pressed in a modal over Home on its stack, or in its place past Slack’s pushes', async () => {
    const press = async () => {
      calls.length = 0;
      const body = blockActionsBody(exec, {
        container: { type: 'view', view_id: 'V0STORY' },
        view: { id: 'V0STORY', type: 'modal' },
        trigger_id: '9.9.9',
        actions: [
          {
            type: 'button',
            action_id: Action.RunCommand,
            block_id: 'z',
            value: 'topics list',
            action_ts: '1',
          },
        ],
      });
      expect((await postToSlack(app, body)).status).toBe(200);
      await until(() => calls.some((call) => ['views.update', 'views.push'].includes(call.method)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      return calls.map((call) => call.method).filter((method) => method.startsWith('views.'));
    };
    // No second modal over the first (Slack refuses it), and Home is not redrawn behind a modal.
    expect(await press()).toEqual(['views.push']);
    const pushed = JSON.parse(calls.find((call) => call.method === 'views.push')?.body.view ?? '{}');
    expect(JSON.stringify(pushed.blocks)).toContain('pricing');
    refusePush = true;
    try {
      expect(await press()).toEqual(['views.push', 'views.update']);
      expect(calls.find((call) => call.method === 'views.update')?.body.view_id).toBe('V0STORY');
    } finally {
      refusePush = false;
    }
  });

  it('answers a question typed on Home by DM, and Home then says where the answer is', async () => {
    await openHome(exec);
    calls.length = 0;
    const before = published(exec).length;
    const question = 'what are customers saying about pricing';
    expect(
      (
        await onHome(exec, {
          type: 'plain_text_input',
          action_id: Action.HomeAsk,
          block_id: BlockId.HomeAsk,
          value: question,
        })
      ).status,
    ).toBe(200);
    await until(() => published(exec).length > before);
    const posts = calls.filter((call) => call.method === 'chat.postMessage');
    expect(posts.map((call) => call.body.channel)).toEqual([`D${exec}`, `D${exec}`]);
    expect(posts[1]?.body.text).toMatch(/pricing/i);
    const redrawn = published(exec).at(-1) as View;
    assertWithinSlackLimits(redrawn, 'Home after a question');
    const box = redrawn.blocks.findIndex((block) => block.block_id === BlockId.HomeAsk);
    expect(JSON.stringify(redrawn.blocks[box + 1])).toContain(
      `:incoming_envelope: The reply to “${question}” is in this app’s *Messages* tab.`,
    );
    // Opened again later, the note has gone: it was about that question only.
    expect(JSON.stringify((await openHome(exec)).blocks)).not.toContain(':incoming_envelope:');
  });
});

/** Home as the real app_home_opened listener publishes it for `userId`, on `target`'s manual clock. */
async function homeOf(target: TestDeps, userId: string): Promise<View> {
  const recorder = createRecorder();
  await createAppHomeOpenedHandler(target)(
    homeOpenedArgs(recorder, userId) as unknown as Parameters<
      ReturnType<typeof createAppHomeOpenedHandler>
    >[0],
  );
  const view = (recorder.first('views.publish') as { view: View }).view;
  assertWithinSlackLimits(view, `${userId} Home`);
  return view;
}

const hourMs = 3600_000;

describe('what changed since the last look (manual clock)', () => {
  let local: TestDeps;
  beforeAll(async () => {
    local = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin } });
  });
  afterAll(async () => {
    await local.cleanup();
  });

  it('counts what came in since the visit before, by topic, and marks the new top stories', async () => {
    await createTopic(local, 'pricing', 'pricing');
    await createTopic(local, 'acme', 'acme');
    const feedId = await createFeed(local, { host: 'https://news.example.com', title: 'Example News' });
    await storeFeedItems(local, feedId, [{ guid: 'old', title: 'Acme opens an office in Lyon' }]);
    const first = JSON.stringify((await homeOf(local, exec)).blocks);
    // A first visit has nothing to compare with.
    expect(first).not.toContain('Since you last looked');

    local.clock.advance(2 * 24 * hourMs);
    await storeFeedItems(local, feedId, [
      { guid: 'p1', title: 'Acme pricing rise angers small teams' },
      { guid: 'p2', title: 'Pricing tiers explained by analysts' },
      { guid: 'a1', title: 'Acme hires a new support chief' },
    ]);
    // A new feed's archive, read on its first poll, is no news since then.
    const archive = await createFeed(local, { host: 'https://archive.example.com' });
    await storeFeedItems(
      local,
      archive,
      [{ guid: 'b1', title: 'Pricing history of Acme', publishedAt: new Date('2026-09-01T09:00:00Z') }],
      { backlog: true },
    );
    const back = await homeOf(local, exec);
    const text = JSON.stringify(back.blocks);
    expect(text).toContain('*Since you last looked* (2 days ago): 3 new items · acme 2, pricing 2');
    const stories = back.blocks
      .map((block) => JSON.stringify(block))
      .filter((block) => block.includes('news.example.com/'));
    expect(stories.length).toBe(3);
    for (const story of stories)
      expect(story.includes('*New* · ')).toBe(/news\.example\.com\/(p1|p2|a1)\|/.test(story));

    // Opened again ten minutes later: the same visit, the same comparison.
    local.clock.advance(10 * 60_000);
    expect(JSON.stringify((await homeOf(local, exec)).blocks)).toContain(
      '*Since you last looked* (2 days ago): 3 new items',
    );
    // Back two hours later: a new visit, compared with the last one.
    local.clock.advance(2 * hourMs);
    expect(JSON.stringify((await homeOf(local, exec)).blocks)).toContain(
      '*Since you last looked* (2 h ago): nothing new.',
    );
    // Each person's visits are their own.
    expect(JSON.stringify((await homeOf(local, 'UEXEC02')).blocks)).not.toContain('Since you last looked');
  });
});

describe('empty weeks and broken feeds', () => {
  let local: TestDeps;
  beforeEach(async () => {
    local = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin } });
  });
  afterEach(async () => {
    await local.cleanup();
  });

  it('says nothing came this week, from when the newest item is, and where to look further back', async () => {
    await createTopic(local, 'pricing', 'pricing');
    const feedId = await createFeed(local, { host: 'https://news.example.com' });
    await storeFeedItems(local, feedId, [
      { guid: 'a', title: 'Pricing news from October', publishedAt: new Date('2026-10-12T09:00:00Z') },
    ]);
    const text = JSON.stringify((await homeOf(local, exec)).blocks);
    expect(text).toContain(
      '*Last 7 days:* nothing new (the newest item is from 12 Oct 2026). Further back: `/brief what’s new last 30 days`',
    );
    expect(text).not.toContain('Last 7 days’ top stories');
  });

  it('warns when no feed is read: a member is told whom to ask, an admin what to do', async () => {
    await createTopic(local, 'pricing', 'pricing');
    const feedId = await createFeed(local, { host: 'https://news.example.com' });
    await storeFeedItems(local, feedId, [{ guid: 'a', title: 'Pricing news today' }]);
    await markFeedFailing(local, feedId);
    const member = JSON.stringify((await homeOf(local, exec)).blocks);
    // What came before the feeds failed is still told, and that nothing newer can come.
    expect(member).toContain('*Last 7 days:* 1 mention');
    expect(member).toContain(
      ':warning: Briefbot reads none of its 1 feed right now (1 failing). Ask <@UADMIN01> or a workspace admin to look at them.',
    );
    expect(JSON.stringify((await homeOf(local, admin)).blocks)).toContain(
      ':warning: Briefbot reads none of its 1 feed right now (1 failing). See `/brief feeds list` to resume or fix them',
    );
  });

  it('before any feed, shows the set-up, not an empty week', async () => {
    const text = JSON.stringify((await homeOf(local, exec)).blocks);
    expect(text).toContain("Briefbot isn't set up yet.");
    expect(text).not.toContain('Last 7 days');
    expect(text).toContain('no feed read yet');
  });
});

describe('the latest digest, and commands on a phone (manual clock)', () => {
  let local: TestDeps;
  beforeAll(async () => {
    local = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin } });
  });
  afterAll(async () => {
    await local.cleanup();
  });

  it('names the last digest posted that the viewer can open: a channel’s, or their own follow’s', async () => {
    await createTopic(local, 'pricing', 'pricing');
    const feedId = await createFeed(local, { host: 'https://news.example.com' });
    const brief = (text: string, userId = admin) => runCommand(local, { userId, channelId: null, text });
    await brief('digest add <#C0NEWS|news> daily 08:00 UTC topics: pricing');
    local.clock.advance(60_000);
    await storeFeedItems(local, feedId, [
      { guid: 'a', title: 'Acme pricing rise angers small teams' },
      { guid: 'b', title: 'Pricing tiers explained' },
    ]);
    expect(JSON.stringify((await homeOf(local, exec)).blocks)).not.toContain('Latest digest');
    local.clock.advance(10 * 60_000);
    expect((await brief('digest now 1')).text).toBe('Posted 2 items to <#C0NEWS>.');
    expect(JSON.stringify((await homeOf(local, exec)).blocks)).toContain(
      '*Latest digest:* <#C0NEWS> · Mon 2 Nov 09:11 UTC · 2 items',
    );
    // Someone else's follow is not theirs to open; their own is, in the Messages tab.
    for (const userId of ['UOTHER01', exec]) await brief('follow pricing', userId);
    local.clock.set('2026-11-03T06:30:00Z');
    await storeFeedItems(local, feedId, [{ guid: 'c', title: 'Pricing page changed again' }]);
    local.clock.set('2026-11-03T07:05:00Z');
    await runDueDigests(local, { owner: 'test', catchUpHours: 6 });
    expect(JSON.stringify((await homeOf(local, exec)).blocks)).toContain(
      '*Latest digest:* your follow of pricing, in this app’s *Messages* tab · Tue 3 Nov 07:00 UTC · 3 items',
    );
    expect(JSON.stringify((await homeOf(local, 'UEXEC02')).blocks)).toContain(
      '*Latest digest:* <#C0NEWS> · Mon 2 Nov 09:11 UTC · 2 items',
    );
  });

  it('says the commands listed can be typed in the box, as a phone has no slash command to tap', async () => {
    const view = await homeOf(local, exec);
    const commands = view.blocks.findIndex((block) => JSON.stringify(block).includes('Your commands'));
    expect(JSON.stringify(view.blocks[commands + 2])).toContain(
      'Type any of these in the *Ask Briefbot* box above, with or without `/brief`.',
    );
  });
});

describe('a real-sized workspace', () => {
  let big: TestDeps;
  beforeAll(async () => {
    ({ deps: big } = await openBigWorkspace());
  }, 600_000);
  afterAll(async () => {
    await big?.cleanup();
  });

  it('keeps Home whole for a member, an expert and an admin: the week first, the commands last, nothing cut', async () => {
    for (const userId of [bigMember, bigExpert, bigAdmin]) {
      const view = await homeOf(big, userId);
      const blocks = view.blocks.map((block) => JSON.stringify(block));
      expect(blocks.findIndex((text) => text.includes('*Last 7 days:*'))).toBeLessThan(
        view.blocks.findIndex((block) => block.block_id === BlockId.HomeAsk),
      );
      // Slack's 100 blocks hold it all: Home ends with its commands' buttons, not cut before them.
      expect(view.blocks.at(-1)?.block_id, userId).toBe(BlockId.HomeActions);
      // Six Follow buttons, the other topics as lines with where to see them all.
      expect(blocks.filter((text) => /"value":"(un)?follow /.test(text)).length).toBe(6);
      expect(blocks.join('\n')).toContain('more: `/brief topics list`');
    }
  }, 120_000);
});

describe('an expert with conversations waiting on their beats', () => {
  let local: TestDeps;
  beforeAll(async () => {
    local = await createTestDeps({ env: { BRIEFBOT_ADMINS: admin, NUDGE_QUIET_HOURS: 'none' } });
  });
  afterAll(async () => {
    await local.cleanup();
  });

  it('is told so in the greeting, above the week, as the Claim buttons are far down Home', async () => {
    const topicId = await createBeat(local, { experts: [{ userId: 'USME0001' }] });
    const feedId = await createFeed(local, { host: 'https://news.example.com' });
    const greeting = async () => JSON.stringify((await homeOf(local, 'USME0001')).blocks[1]);
    expect(await greeting()).not.toContain('waits for a claim');
    await nudgeAbout(local, { feedId, guid: 'a', title: 'Acme pricing backlash', topicId });
    await postPendingNudges(local);
    expect(await greeting()).toContain(
      ':raising_hand: *1 conversation on your beats waits for a claim*: Claim it under *Conversations in progress* below.',
    );
    await nudgeAbout(local, { feedId, guid: 'b', title: 'Initech pricing lawsuit', topicId });
    await postPendingNudges(local);
    expect(await greeting()).toContain('*2 conversations on your beats wait for a claim*: Claim one under');
    // Someone off the beat is not told to claim it.
    expect(JSON.stringify((await homeOf(local, exec)).blocks)).not.toContain(':raising_hand:');
  });
});
