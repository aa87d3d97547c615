import type { ActionsBlock, KnownBlock } from '@slack/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.ts';
import { claimNudge, markReplied, reassignNudge, releaseNudge } from '../../src/engage/claims.ts';
import { postPendingNudges } from '../../src/engage/nudges.ts';
import { PostError } from '../../src/outbox.ts';
import { buildHome } from '../../src/slack/home.ts';
import { Action, BlockId } from '../../src/slack/ids.ts';
import { createHomeAskHandler } from '../../src/slack/listeners/home-ask.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed, createTopic } from '../helpers/digest.ts';
import { createBeat, nudgeAbout, storeItem } from '../helpers/nudges.ts';
import { createRecorder, homeAskArgs } from '../helpers/slack.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: 'UADMIN01' } });
});
afterEach(async () => {
  await deps.cleanup();
});

describe('asking from App Home', () => {
  /** Two reviews complaining about Acme's pricing. */
  async function storeTwoReviews(): Promise<void> {
    const feedId = await createFeed(deps, { host: 'https://reviews.example.com', kind: 'review' });
    await storeItem(deps, feedId, 'r1', 'Customers say Acme pricing is too high after the increase');
    await storeItem(deps, feedId, 'r2', 'Acme pricing change angers small teams');
  }

  /** A line typed in the Home question box by UEXEC001 (homeAskArgs' viewer): what they were sent. */
  async function type(line: string): Promise<string> {
    deps.sent.length = 0;
    await createHomeAskHandler(deps)(homeAskArgs(createRecorder(), line));
    return deps.sent.map((sent) => JSON.stringify(sent.message)).join('\n');
  }

  it('offers a question box to every viewer, sent with Enter', async () => {
    for (const userId of ['UADMIN01', 'UEXEC001']) {
      const home = await buildHome(deps, userId);
      const box = home.blocks.find((block) => block.block_id === BlockId.HomeAsk);
      expect(box).toMatchObject({
        type: 'input',
        dispatch_action: true,
        element: {
          type: 'plain_text_input',
          action_id: Action.HomeAsk,
          dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] },
        },
      });
    }
  });

  it('answers by DM to the asker: first the progress note, then the answer with its sources', async () => {
    await storeTwoReviews();
    const recorder = createRecorder();
    await createHomeAskHandler(deps)(
      homeAskArgs(recorder, '  what are customers saying about acme pricing '),
    );
    // Acknowledged first; Home is redrawn after the answer, saying where it went.
    expect(recorder.names()).toEqual(['ack', 'views.publish']);
    expect(JSON.stringify(recorder.first('views.publish'))).toContain(
      'The reply to “what are customers saying about acme pricing” is in this app’s *Messages* tab.',
    );
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['UEXEC001', 'UEXEC001']);
    expect(deps.sent[0]?.message.text).toMatch(
      /^Looking at 1 source for “what are customers saying about acme pricing”/,
    );
    const answer = JSON.stringify(deps.sent[1]?.message.blocks);
    expect(answer).toContain('https://reviews.example.com/r1');
    expect(answer).toContain('https://reviews.example.com/r2');
    // No channel to share a DM'd answer to: no Share button.
    expect(answer).not.toContain('Share to channel');
    expect(await deps.db.prisma.askLog.count({ where: { userId: 'UEXEC001' } })).toBe(1);
  });

  it('reads a number and share as /brief does, not as words to search for', async () => {
    await storeTwoReviews();
    await type('what are customers saying about acme pricing');
    const opened = await type('tell me more about 2');
    expect(opened).toContain('Source 2');
    expect(opened).not.toContain('only a number');
    expect(await type('2')).toContain('Source 2');
    expect(await type('share')).toContain('Answers here on App Home stay yours');
    // Opening sources and "share" are no questions: only the one asked is logged.
    expect(await deps.db.prisma.askLog.count({ where: { userId: 'UEXEC001' } })).toBe(1);
  });

  it('reads a line copied with its /brief as the command, so the last answer stays the one to open', async () => {
    await storeTwoReviews();
    await type('/brief what are customers saying about acme pricing');
    const opened = await type('/brief tell me more about 2');
    expect(opened).toContain('Source 2');
    expect(opened).not.toContain('found nothing');
    expect(await type('/BRIEF 1')).toContain('Source 1');
    const logged = await deps.db.prisma.askLog.findMany({ where: { userId: 'UEXEC001' } });
    expect(logged.map((log) => log.question)).toEqual(['what are customers saying about acme pricing']);
  });

  it('ignores an empty box, and still acknowledges it', async () => {
    const recorder = createRecorder();
    await createHomeAskHandler(deps)(homeAskArgs(recorder, '   '));
    expect(recorder.names()).toEqual(['ack']);
    expect(deps.sent).toEqual([]);
  });

  it('survives a DM that cannot be delivered, and says whether the reply is still on its way', async () => {
    const homeAfter = async (error: Error) => {
      deps.outbox.post = async () => {
        throw error;
      };
      const recorder = createRecorder();
      await expect(createHomeAskHandler(deps)(homeAskArgs(recorder, 'pricing'))).resolves.toBeUndefined();
      expect(recorder.names()).toEqual(['ack', 'views.publish']);
      deps.clock.advance(60_000);
      return JSON.stringify(recorder.first('views.publish'));
    };
    // Refused for now (a 500, a network error): owed, and sent once Slack takes it.
    const later = await homeAfter(new PostError('http_500', false));
    expect(later).toContain(
      ':hourglass_flowing_sand: Slack did not take the reply to “pricing” yet: Briefbot sends it to this app’s *Messages* tab as soon as Slack does.',
    );
    expect(later).not.toContain(':incoming_envelope:');
    // Refused for good: Home says so, with the question, rather than pointing to a reply that never comes.
    const never = await homeAfter(new PostError('channel_not_found', true));
    expect(never).toContain(
      ':warning: The reply to “pricing” could not be sent to this app’s *Messages* tab. Press Enter again in a minute, or type it after `/brief` in any channel.',
    );
    expect(never).not.toContain(':hourglass_flowing_sand:');
  });
});

describe('conversations in progress on App Home', () => {
  it('experts and admins see how many wait for a claim (and how many on their beats); members do not', async () => {
    const pricing = await createBeat(deps, {
      name: 'pricing',
      query: 'pricing',
      experts: [{ userId: 'USME0001' }],
    });
    const outages = await createBeat(deps, {
      name: 'outages',
      query: 'outage*',
      experts: [{ userId: 'USME0002' }],
    });
    const feedId = await createFeed(deps, { host: 'https://news.example.com' });
    const nudge = (guid: string, title: string, topicId: number) =>
      nudgeAbout(deps, { feedId, guid, title, topicId });
    const conversationsText = async (userId: string) =>
      JSON.stringify((await buildHome(deps, userId)).blocks).match(
        /\*Conversations in progress:\*[^"]*/,
      )?.[0] ?? null;
    expect(await conversationsText('USME0001')).toBeNull();
    await nudge('a', 'Acme pricing backlash', pricing);
    await nudge('b', 'Initech pricing lawsuit', pricing);
    const claimed = await nudge('c', 'Globex outage', outages);
    await postPendingNudges(deps);
    await claimNudge(deps, claimed, 'USME0002');
    expect(await conversationsText('USME0001')).toBe(
      '*Conversations in progress:* 2 waiting for a claim (2 on your beats), 1 claimed and awaiting a reply · `/brief nudge list`',
    );
    expect(await conversationsText('UADMIN01')).toBe(
      '*Conversations in progress:* 2 waiting for a claim, 1 claimed and awaiting a reply · `/brief nudge list`',
    );
    expect(await conversationsText('UEXEC001')).toBeNull();
    // The expert sees which wait on their beats, each with its number and story.
    const home = JSON.stringify((await buildHome(deps, 'USME0001')).blocks);
    expect(home).toContain(
      '• *1* <https://news.example.com/a|Acme pricing backlash> · pricing · `/brief nudge claim 1`',
    );
    expect(home).toContain(
      '• *2* <https://news.example.com/b|Initech pricing lawsuit> · pricing · `/brief nudge claim 2`',
    );
    // Each with the buttons of its message, for an expert on a phone.
    const buttons = async (userId: string) =>
      (await buildHome(deps, userId)).blocks
        .filter((block) => block.type === 'actions' && block.block_id?.startsWith('home_nudge_'))
        .map((block) =>
          (block as ActionsBlock).elements.map((element) => [
            element.action_id,
            'value' in element ? element.value : null,
          ]),
        );
    expect(await buttons('USME0001')).toEqual(
      [1, 2].map((id) => [
        [Action.RunCommand, `nudge claim ${id}`],
        [Action.NudgeNotRelevant, String(id)],
        [`${Action.RunCommand}:2`, `nudge snooze ${id}`],
        [Action.NudgeNotMine, String(id)],
      ]),
    );
    const admin = JSON.stringify((await buildHome(deps, 'UADMIN01')).blocks);
    expect(admin).not.toContain('/brief nudge claim 1');
    // The admin, who hands out the work, sees each one waiting or held, with who holds it.
    deps.clock.advance(2 * 3600_000);
    const adminHome = JSON.stringify((await buildHome(deps, 'UADMIN01')).blocks);
    for (const line of [
      '• *1* <https://news.example.com/a|Acme pricing backlash> · pricing · posted 2 h ago, waiting for a claim · `/brief nudge reassign 1 @someone`',
      '• *2* <https://news.example.com/b|Initech pricing lawsuit> · pricing · posted 2 h ago, waiting for a claim · `/brief nudge reassign 2 @someone`',
      `• *${claimed}* <https://news.example.com/c|Globex outage> · outages · <@USME0002> claimed it 2 h ago · \`/brief nudge reassign ${claimed} @someone\``,
    ])
      expect(adminHome).toContain(`"text":"${line}"`);
    // Each with Reassign under it, which only an admin's Home has: the form gives it to someone.
    expect(await buttons('UADMIN01')).toEqual(
      [1, 2, claimed].map((id) => [[Action.NudgeReassign, String(id)]]),
    );
    expect(JSON.stringify(await buttons('USME0001'))).not.toContain(Action.NudgeReassign);
    // A claimant marked away is said so, as `nudge list` says it: the reason to reassign.
    await runCommand(deps, {
      userId: 'UADMIN01',
      channelId: 'D0ADMIN',
      text: 'sme away @USME0002 until friday',
    });
    expect(JSON.stringify((await buildHome(deps, 'UADMIN01')).blocks)).toMatch(
      /<@USME0002> \(away until \w{3} \d+ \w{3}\) claimed it 2 h ago · `\/brief nudge reassign/,
    );
  });

  it('an expert’s open conversations show their numbers and how to record the reply', async () => {
    const outages = await createBeat(deps, {
      name: 'outages',
      query: 'outage*',
      experts: [{ userId: 'USME0002' }],
    });
    const feedId = await createFeed(deps, { host: 'https://news.example.com' });
    const claimed = await nudgeAbout(deps, { feedId, guid: 'c', title: 'Globex outage', topicId: outages });
    await postPendingNudges(deps);
    await claimNudge(deps, claimed, 'USME0002');
    const home = await buildHome(deps, 'USME0002');
    expect(JSON.stringify(home.blocks)).toContain(
      `• *${claimed}* <https://news.example.com/c|Globex outage> in <#C0TALK> · once replied: \`/brief nudge replied ${claimed} &lt;link&gt;\` · or give it back: \`/brief nudge release ${claimed}\``,
    );
    // Mark replied opens its form, Draft a reply drafts by DM, Not mine opens the other beats' form,
    // Release runs as a command: no typing on a phone.
    const held = home.blocks.find((block) => block.block_id === `home_nudge_${claimed}`);
    expect((held as ActionsBlock | undefined)?.elements.map((element) => element.action_id)).toEqual([
      Action.NudgeMarkReplied,
      Action.NudgeDraft,
      Action.NudgeNotMine,
      Action.RunCommand,
    ]);
    expect(JSON.stringify(held)).toContain(
      `"accessibility_label":"Draft a reply to conversation ${claimed}"`,
    );
    expect(JSON.stringify(held)).toContain(`"value":"nudge release ${claimed}"`);
  });

  it('an expert removed while holding a conversation is told so first, with how to give it back and /brief claims', async () => {
    const outages = await createBeat(deps, {
      name: 'outages',
      query: 'outage*',
      experts: [{ userId: 'USME0002' }],
    });
    const feedId = await createFeed(deps, { host: 'https://news.example.com' });
    const claimed = await nudgeAbout(deps, { feedId, guid: 'c', title: 'Globex outage', topicId: outages });
    await postPendingNudges(deps);
    await claimNudge(deps, claimed, 'USME0002');
    const asExpert = JSON.stringify((await buildHome(deps, 'USME0002')).blocks);
    expect(asExpert).not.toContain('You still hold');
    await runCommand(deps, { userId: 'UADMIN01', channelId: 'D0ADMIN', text: 'sme remove @USME0002' });
    const home = JSON.stringify((await buildHome(deps, 'USME0002')).blocks);
    expect(home).toContain(
      'You can *ask and read*: topics, sources and what the market says.\\nYou still hold a conversation: reply, or give it back, under *Your open conversations* below.',
    );
    expect(home).toContain(`or give it back: \`/brief nudge release ${claimed}\``);
    expect(home).toContain('`/brief claims` — the conversations you hold\\n`/brief what’s new`');
    // Given back, they are a member like any other.
    await releaseNudge(deps, claimed, 'USME0002');
    const after = JSON.stringify((await buildHome(deps, 'USME0002')).blocks);
    expect(after).not.toContain('You still hold');
    expect(after).not.toContain('/brief claims');
  });
});

describe("an expert's own figures on App Home", () => {
  it('show what they claimed and replied over 30 days, with /brief stats me; none before their first', async () => {
    const outages = await createBeat(deps, {
      name: 'outages',
      query: 'outage*',
      experts: [{ userId: 'USME0002' }],
    });
    const feedId = await createFeed(deps, { host: 'https://news.example.com' });
    const id = await nudgeAbout(deps, { feedId, guid: 'c', title: 'Globex outage', topicId: outages });
    await postPendingNudges(deps);
    const before = JSON.stringify((await buildHome(deps, 'USME0002')).blocks);
    expect(before).not.toContain('Your responses');
    expect(before).toContain('`/brief stats me` — how you responded');
    await claimNudge(deps, id, 'USME0002');
    deps.clock.advance(45 * 60_000);
    await markReplied(deps, id, 'USME0002', 'https://social.example/c');
    const home = JSON.stringify((await buildHome(deps, 'USME0002')).blocks);
    expect(home).toContain('Your responses, 30 days');
    expect(home).toContain('You: 1 claimed · 1 replied (100% of the 1 that needed one) · reply in 45 min');
  });
});

describe('team responses on App Home', () => {
  it('say a reassignment as stats does: reassigned to the one who has it, reassigned away from the one it was taken from', async () => {
    const pricing = await createBeat(deps, { experts: [{ userId: 'USME0001' }, { userId: 'USME0002' }] });
    const feedId = await createFeed(deps, { host: 'https://news.example.com' });
    const id = await nudgeAbout(deps, {
      feedId,
      guid: 'a',
      title: 'Acme pricing backlash',
      topicId: pricing,
    });
    await postPendingNudges(deps);
    await claimNudge(deps, id, 'USME0002');
    await reassignNudge(deps, id, 'UADMIN01', 'USME0001');
    const home = JSON.stringify((await buildHome(deps, 'UADMIN01')).blocks);
    expect(home).toContain(
      '<@USME0001>: 1 reassigned to them by an admin · 0 replied (none finished yet) · 1 in progress · no reply timed',
    );
    expect(home).toContain(
      '<@USME0002>: 1 claimed · 1 reassigned away by an admin · 0 replied · no reply timed',
    );
    // The expert's own Home says it to them: "to you", never "to them" after "You:".
    const own = JSON.stringify((await buildHome(deps, 'USME0001')).blocks);
    expect(own).toContain('You: 1 reassigned to you by an admin · 0 replied (none finished yet)');
    expect(own).not.toContain('to them');
  });
});

describe('top stories on App Home', () => {
  const texts = async (userId: string) =>
    ((await buildHome(deps, userId)).blocks as KnownBlock[]).flatMap((block) =>
      block.type === 'section' && block.text
        ? [block.text.text]
        : block.type === 'header'
          ? [block.text.text]
          : [],
    );

  it('shows every viewer the week’s three most important stories, a story told twice first, once', async () => {
    expect(await texts('UEXEC001')).not.toContain('Last 7 days’ top stories');
    const feeds = await Promise.all(
      ['https://a.example.com', 'https://b.example.com'].map((host) => createFeed(deps, { host })),
    );
    const [first, second] = feeds as [number, number];
    const story = 'Globex cuts its enterprise plan price by a third';
    await storeItem(deps, first, 's1', story);
    await storeItem(deps, second, 's2', story);
    for (const [guid, title] of [
      ['l1', 'Initech opens an office in Lisbon'],
      ['l2', 'Acme hires a new head of support'],
      ['l3', 'Umbrella ships a status page'],
    ])
      await storeItem(deps, first, guid as string, title as string);
    for (const userId of ['UEXEC001', 'UADMIN01']) {
      const lines = await texts(userId);
      const at = lines.indexOf('Last 7 days’ top stories');
      expect(at).toBeGreaterThan(0);
      const stories = lines.slice(at + 1, at + 4);
      expect(stories[0]).toContain(story);
      expect(stories[0]).toContain('+1 source');
      // One line per story, not per copy; no citation numbers where nothing cites them.
      expect(stories.filter((line) => line.includes(story))).toHaveLength(1);
      expect(stories.every((line) => !line.startsWith('*['))).toBe(true);
      expect(lines[at + 4]).toBe('What Briefbot watches');
    }
  });
});

describe('personal follows on App Home', () => {
  it('shows a member what they follow and how to stop or change it; nobody else sees it', async () => {
    await createTopic(deps, 'pricing', 'pricing');
    await runCommand(deps, { userId: 'UMEMBER9', channelId: 'C0CHANNEL', text: 'follow pricing daily 9am' });
    const mine = JSON.stringify((await buildHome(deps, 'UMEMBER9')).blocks);
    expect(mine).toContain('"text":"Your follows"');
    expect(mine).toMatch(
      /• \*pricing\* \(digest 1\): in your DMs daily at 09:00 UTC \(next: [^)]+\) · preview: `\/brief digest preview 1`/,
    );
    expect(mine).toContain(
      'Stop one: `/brief unfollow pricing` · another time: `/brief follow pricing weekly mon 08:00`',
    );
    expect(JSON.stringify((await buildHome(deps, 'UEXEC001')).blocks)).not.toContain('Your follows');
  });
});
