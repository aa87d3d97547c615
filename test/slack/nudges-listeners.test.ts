import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.ts';
import { DeliveryKind, deliverToEach } from '../../src/deliveries.ts';
import { claimNudge, expireNudge, markReplied, reassignNudge } from '../../src/engage/claims.ts';
import { followThrough } from '../../src/engage/follow-through.ts';
import { nudgeNewItems } from '../../src/engage/nudges.ts';
import { morningNudgeMessage } from '../../src/slack/blocks/nudge.ts';
import { Action, View } from '../../src/slack/ids.ts';
import {
  createNudgeAssignSmeHandler,
  createNudgeClaimHandler,
  createNudgeDismissViewHandler,
  createNudgeMarkRepliedHandler,
  createNudgeNotRelevantHandler,
  createNudgeReleaseHandler,
  createNudgeRepliedViewHandler,
  createNudgeSnoozeHandler,
} from '../../src/slack/listeners/nudge-actions.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed } from '../helpers/digest.ts';
import {
  actionIdsOf,
  createBeat,
  nudgeAudit,
  nudgeRow,
  nudgeViewArgs,
  shown,
  storeItem,
  usersSelectArgs,
} from '../helpers/nudges.ts';
import { blockActionArgs, createRecorder, digestButtonArgs } from '../helpers/slack.ts';

const admin = 'UADMIN01';
const expert = 'USME0001';
const colleague = 'USME0002';
const title = 'Customers slam Acme pricing in backlash over price increase';
let deps: TestDeps;
let nudgeId: number;
let ts: string;
let feedId: number;

beforeEach(async () => {
  deps = await createTestDeps({
    env: { BRIEFBOT_ADMINS: admin, SOCIAL_POLICY_URL: 'https://intranet.example.com/policy' },
  });
  feedId = await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
  await createBeat(deps, { experts: [{ userId: expert }, { userId: colleague }] });
  [nudgeId] = (await nudgeNewItems(deps, [await storeItem(deps, feedId, 'p1', title)])) as [number];
  ts = nudgeRow(deps, nudgeId).messageTs as string;
  deps.sent.length = 0;
});
afterEach(async () => {
  await deps.cleanup();
});

/** A nudge button pressed by `userId`: in the channel message, or in the claimant's DM. */
function press(
  recorder: ReturnType<typeof createRecorder>,
  actionId: string,
  userId: string,
  options: { value?: string; inDm?: boolean } = {},
) {
  return digestButtonArgs(recorder, {
    actionId,
    value: options.value ?? String(nudgeId),
    userId,
    channelId: options.inDm ? 'D0DM' : 'C0TALK',
    message: { text: 'A conversation to join', blocks: [], ts: options.inDm ? '1700000099.000100' : ts },
  });
}

/** Ack came first, exactly once, and with no payload (a plain acknowledgement). */
function expectAckedFirst(recorder: ReturnType<typeof createRecorder>, payload?: unknown) {
  expect(recorder.names()[0]).toBe('ack');
  expect(recorder.names().filter((name) => name === 'ack')).toHaveLength(1);
  expect(recorder.calls[0]?.args).toEqual(payload === undefined ? [] : [payload]);
}

/** Claim pressed on the channel message by `userId` (on a button carrying `value`, if given). */
async function pressClaim(userId: string, value?: string) {
  const recorder = createRecorder();
  await createNudgeClaimHandler(deps)(press(recorder, Action.NudgeClaim, userId, { value }));
  return recorder;
}

describe('Claim', () => {
  it('updates the channel message for everyone and DMs the claimant Mark replied / Release', async () => {
    const recorder = await pressClaim(expert);
    expectAckedFirst(recorder);
    expect(recorder.names()).toEqual(['ack']);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', claimantId: expert });
    expect(deps.sent.map((sent) => [sent.channel, sent.updates])).toEqual([
      ['C0TALK', ts],
      [expert, undefined],
    ]);
    const [update, dm] = deps.sent;
    if (!update || !dm) throw new Error('missing messages');
    expect(shown(update.message)).toContain(`Claimed by <@${expert}>, who will reply.`);
    expect(actionIdsOf(update.message)).toEqual([]);
    expect(actionIdsOf(dm.message)).toEqual([
      Action.NudgeMarkReplied,
      Action.NudgeDraft,
      Action.NudgeNotMine,
      Action.NudgeRelease,
    ]);
    expect(shown(dm.message)).toContain('<https://intranet.example.com/policy|social media policy>');
    expect(dm.message.text).toBe(
      `You claimed conversation ${nudgeId}: ${title}. Reply, then press Mark replied.`,
    );
    expect(shown(dm.message)).toContain(
      `You claimed conversation ${nudgeId} just now. Reply where the conversation is (<https://news.example.com/p1|the story on news.example.com>), then press *Mark replied* with the link to your reply (no link, e.g. by email? Say how you replied).`,
    );
    expect(shown(dm.message)).toContain(
      `Or send \`/brief nudge replied ${nudgeId} &lt;link to your reply | how you replied&gt;\`; to give it back: \`/brief nudge release ${nudgeId}\`.`,
    );
  });

  it('an expert marked away who presses Claim is told so, and how to come back, only them', async () => {
    await deps.db.prisma.sme.update({
      where: { userId: expert },
      data: { awayUntil: new Date('2026-11-06T23:59:59Z') },
    });
    const recorder = await pressClaim(expert);
    expectAckedFirst(recorder);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', claimantId: expert });
    expect(recorder.first('respond')).toMatchObject({
      response_type: 'ephemeral',
      text: 'You claimed it. You are marked away until Fri 6 Nov (end of day, UTC), so you get no other nudges until then. Back sooner? `/brief sme away me back`',
    });
  });

  it("the claimant's DM says what else is being said: the same story elsewhere, then the topic's other items", async () => {
    const other = await createFeed(deps, { host: 'https://wire.example.com', title: 'Example Wire' });
    const story = await deps.db.prisma.item.findFirstOrThrow({ where: { title } });
    await storeItem(deps, other, 'w1', title, story.text);
    await storeItem(deps, other, 'w2', 'Acme price increase: are you renegotiating or switching?');
    await storeItem(deps, other, 'w3', 'Globex ships a new mobile app');
    await pressClaim(expert);
    const dm = deps.sent.find((sent) => sent.channel === expert);
    if (!dm) throw new Error('no DM');
    const text = shown(dm.message);
    expect(text).toContain('*Also being said*');
    // The section alone: the line under it names the story's own link, where to reply.
    const start = text.indexOf('*Also being said*');
    const said = text.slice(start, text.indexOf('You claimed conversation', start));
    // The same story from the other source first, marked; then the topic's other item.
    expect(said).toMatch(
      /wire\.example\.com[^\n]*Customers slam Acme pricing[^\n]*Example Wire[^\n]*same story/,
    );
    expect(said.indexOf('same story')).toBeLessThan(said.indexOf('renegotiating or switching'));
    // Not the nudge's own item, and nothing off the topic.
    expect(said).not.toContain('news.example.com');
    expect(said).not.toContain('mobile app');
    // The channel message stays short: only the claimant's DM has it.
    expect(deps.sent.filter((sent) => shown(sent.message).includes('Also being said'))).toHaveLength(1);
  });

  it('tells a second presser, only them, who has it', async () => {
    await pressClaim(expert);
    const sentBefore = deps.sent.length;
    const recorder = await pressClaim(colleague);
    expectAckedFirst(recorder);
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(recorder.first('respond')).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(recorder.first('respond')?.text)).toMatch(
      new RegExp(`^Already claimed by <@${expert}>\\. They will reply`),
    );
    expect(deps.sent).toHaveLength(sentBefore);
    expect(nudgeRow(deps, nudgeId).claimantId).toBe(expert);
  });

  it('the DMs that invited other experts to claim it are redrawn: their Claim gives way to who has it', async () => {
    const newcomer = 'USME0003';
    await runCommand(deps, { userId: admin, channelId: 'D0ADMIN', text: `sme add <@${newcomer}> pricing` });
    // Claim on this conversation, beside its line or among its buttons.
    const offersClaim = (sent: (typeof deps.sent)[number]) =>
      JSON.stringify(sent.message.blocks).includes(`"action_id":"${Action.NudgeClaim}","value":"${nudgeId}"`);
    const invitation = deps.sent.find((sent) => sent.channel === newcomer && offersClaim(sent));
    if (!invitation) throw new Error('no invitation DM');
    const invitationTs = `${1_700_000_000 + deps.sent.indexOf(invitation) + 1}.000100`;
    // One kept for the start of the colleague's working day, sent by the background cycle.
    await deliverToEach(deps, {
      kind: DeliveryKind.MorningNudge,
      subject: String(nudgeId),
      episode: 1,
      recipients: [colleague],
      message: morningNudgeMessage(
        { id: nudgeId, title, url: 'https://news.example.com/p1', topic: 'pricing' },
        'C0TALK',
      ),
    });
    const morningTs = `${1_700_000_000 + deps.sent.length}.000100`;
    expect(deps.sent.at(-1)?.channel).toBe(colleague);
    expect(offersClaim(deps.sent.at(-1) as (typeof deps.sent)[number])).toBe(true);
    deps.sent.length = 0;

    const recorder = await pressClaim(expert);
    expectAckedFirst(recorder);
    const redrawn = deps.sent.filter((sent) => sent.updates && sent.channel !== 'C0TALK');
    expect(redrawn.map((sent) => [sent.channel, sent.updates])).toEqual([
      [newcomer, invitationTs],
      [colleague, morningTs],
    ]);
    for (const sent of redrawn) {
      expect(offersClaim(sent)).toBe(false);
      expect(shown(sent.message)).toContain(
        `<@${expert}> has conversation ${nudgeId} and will reply: nothing for you to do.`,
      );
      // The story stays, so they can still read what it was.
      expect(shown(sent.message)).toContain(title);
    }
    // Given back and claimed by another, the DM names who has it now.
    deps.sent.length = 0;
    await runCommand(deps, { userId: expert, channelId: 'D0DM', text: `nudge release ${nudgeId}` });
    // Given back: the invitations offer its Claim again, never still saying someone has it.
    const reopened = deps.sent.filter((sent) => sent.updates === invitationTs || sent.updates === morningTs);
    expect(reopened.map((sent) => sent.updates).sort()).toEqual([invitationTs, morningTs].sort());
    for (const sent of reopened) {
      expect(offersClaim(sent)).toBe(true);
      expect(shown(sent.message)).not.toContain('has conversation');
    }
    deps.sent.length = 0;
    await pressClaim(colleague);
    const again = deps.sent.filter((sent) => sent.updates && sent.channel === newcomer);
    expect(again.map((sent) => sent.updates)).toEqual([invitationTs]);
    expect(offersClaim(again[0] as (typeof deps.sent)[number])).toBe(false);
    expect(shown(again[0]?.message)).toContain(`<@${colleague}> has conversation ${nudgeId}`);
    // The colleague's own invitation says they have it.
    expect(shown(deps.sent.find((sent) => sent.updates === morningTs)?.message)).toContain(
      `You claimed conversation ${nudgeId}: your DM with *Mark replied* has the rest.`,
    );
  });

  it('dismissed, moved or expired, the invitation DMs say so instead of offering a Claim that can only refuse', async () => {
    const newcomer = 'USME0003';
    await runCommand(deps, { userId: admin, channelId: 'D0ADMIN', text: `sme add <@${newcomer}> pricing` });
    const offersClaim = (sent: (typeof deps.sent)[number] | undefined) =>
      JSON.stringify(sent?.message.blocks).includes(
        `"action_id":"${Action.NudgeClaim}","value":"${nudgeId}"`,
      );
    const invitationTs = `${1_700_000_000 + deps.sent.findIndex((sent) => sent.channel === newcomer) + 1}.000100`;
    const redrawn = () =>
      deps.sent.filter((sent) => sent.channel === newcomer && sent.updates === invitationTs);
    deps.sent.length = 0;

    await runCommand(deps, { userId: expert, channelId: 'D0DM', text: `nudge dismiss ${nudgeId} a rumour` });
    expect(redrawn()).toHaveLength(1);
    expect(offersClaim(redrawn()[0])).toBe(false);
    expect(shown(redrawn()[0]?.message)).toContain(`Conversation ${nudgeId} was dismissed: nothing to do.`);
    expect(shown(redrawn()[0]?.message)).toContain(title);

    // Reopened: Claim is back.
    deps.sent.length = 0;
    await runCommand(deps, {
      userId: admin,
      channelId: 'D0ADMIN',
      text: `nudge reopen ${nudgeId} not a rumour`,
    });
    expect(redrawn()).toHaveLength(1);
    expect(offersClaim(redrawn()[0])).toBe(true);
    expect(shown(redrawn()[0]?.message)).not.toContain('dismissed');

    // Moved to a beat the newcomer is not on: the DM says where it went.
    await createBeat(deps, { name: 'security', query: 'security', experts: [{ userId: 'USME0009' }] });
    deps.sent.length = 0;
    await runCommand(deps, {
      userId: expert,
      channelId: 'D0DM',
      text: `nudge move ${nudgeId} security a breach`,
    });
    expect(redrawn()).toHaveLength(1);
    expect(offersClaim(redrawn()[0])).toBe(false);
    expect(shown(redrawn()[0]?.message)).toContain(
      `Conversation ${nudgeId} was moved to security: its experts were asked, so nothing for you to do.`,
    );
    // The new beat's expert is asked, with a Claim that works.
    expect(offersClaim(deps.sent.find((sent) => sent.channel === 'USME0009' && !sent.updates))).toBe(true);

    // Expired unclaimed: nothing left to claim.
    deps.sent.length = 0;
    deps.clock.advance(30 * 24 * 3600_000);
    expect((await followThrough(deps)).expired).toBe(1);
    const expired = deps.sent.filter((sent) => sent.channel === 'USME0009' && sent.updates);
    expect(expired).toHaveLength(1);
    expect(offersClaim(expired[0])).toBe(false);
    expect(shown(expired[0]?.message)).toContain(`Conversation ${nudgeId} expired: nothing to do.`);
  });

  it('given to an expert by an admin, the invitation DMs are redrawn too', async () => {
    const newcomer = 'USME0003';
    await runCommand(deps, { userId: admin, channelId: 'D0ADMIN', text: `sme add <@${newcomer}> pricing` });
    const invitationTs = `${1_700_000_000 + deps.sent.findIndex((sent) => sent.channel === newcomer) + 1}.000100`;
    deps.sent.length = 0;
    await runCommand(deps, {
      userId: admin,
      channelId: 'D0ADMIN',
      text: `nudge reassign ${nudgeId} <@${expert}>`,
    });
    const redrawn = deps.sent.find((sent) => sent.channel === newcomer && sent.updates === invitationTs);
    expect(shown(redrawn?.message)).toContain(`<@${expert}> has conversation ${nudgeId} and will reply`);
    expect(JSON.stringify(redrawn?.message.blocks)).not.toContain(`"action_id":"${Action.NudgeClaim}"`);
  });

  it('a double click by the claimant: told it is theirs already, and nothing is posted again', async () => {
    await pressClaim(expert);
    const sentBefore = deps.sent.length;
    const recorder = await pressClaim(expert);
    expectAckedFirst(recorder);
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(recorder.first('respond')).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(recorder.first('respond')?.text)).toBe(
      'You already claimed this. Your DM from Briefbot has *Mark replied* and *Release*.',
    );
    expect(deps.sent).toHaveLength(sentBefore);
    expect(nudgeRow(deps, nudgeId).claimantId).toBe(expert);
  });

  it('a DM Slack refuses does not undo the claim; the presser is told, only them, the commands to reply or give it back', async () => {
    const post = deps.outbox.post;
    deps.outbox.post = async (channel, message, options) => {
      if (channel === expert) throw new Error('Slack said 500');
      return post(channel, message, options);
    };
    const recorder = await pressClaim(expert);
    expectAckedFirst(recorder);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', claimantId: expert });
    expect(shown(deps.sent[0]?.message)).toContain(`Claimed by <@${expert}>, who will reply.`);
    // Without the DM they have no Mark replied: the commands instead, where they pressed.
    expect(recorder.first('respond')).toMatchObject({
      response_type: 'ephemeral',
      text: `You claimed conversation ${nudgeId}, but I could not send you a DM about it. Once you have replied: \`/brief nudge replied ${nudgeId} &lt;link to your reply | how you replied&gt;\`; to give it back: \`/brief nudge release ${nudgeId}\`.`,
    });
  });

  it('says a button is out of date rather than failing', async () => {
    const recorder = await pressClaim(expert, 'nudge:abc');
    expectAckedFirst(recorder);
    expect(recorder.first('respond')?.text).toBe(
      'That button is out of date. `/brief nudge list` shows the conversations in progress.',
    );
    expect(nudgeRow(deps, nudgeId).state).toBe('open');
  });
});

describe('Not relevant', () => {
  it('opens the reason modal for the nudge', async () => {
    const recorder = createRecorder();
    await createNudgeNotRelevantHandler(deps)(press(recorder, Action.NudgeNotRelevant, colleague));
    expectAckedFirst(recorder);
    expect(recorder.names()).toEqual(['ack', 'views.open']);
    const opened = recorder.first('views.open') as {
      trigger_id: string;
      view: { callback_id: string; private_metadata: string; blocks: Array<{ block_id?: string }> };
    };
    expect(opened.trigger_id).toBe('1.2.3');
    expect(opened.view.callback_id).toBe(View.NudgeDismiss);
    expect(opened.view.private_metadata).toBe(String(nudgeId));
    expect(opened.view.blocks.map((block) => block.block_id)).toContain('reason');
  });

  it('refuses, ephemerally, once the nudge is claimed', async () => {
    await claimNudge(deps, nudgeId, expert);
    const recorder = createRecorder();
    await createNudgeNotRelevantHandler(deps)(press(recorder, Action.NudgeNotRelevant, colleague));
    expectAckedFirst(recorder);
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(recorder.first('respond')?.text).toBe(
      `Only <@${expert}>, who claimed this conversation, or an admin can dismiss it. Ask them in its thread; <@UADMIN01> or a workspace admin can also reassign it.`,
    );
  });

  it('pressed on App Home (no response URL), the refusal comes by DM', async () => {
    await claimNudge(deps, nudgeId, expert);
    const recorder = createRecorder();
    await createNudgeNotRelevantHandler(deps)(
      blockActionArgs(
        recorder,
        { action_id: Action.NudgeNotRelevant, type: 'button', value: String(nudgeId) },
        { userId: colleague },
      ) as never,
    );
    expectAckedFirst(recorder);
    expect(recorder.names()).toEqual(['ack']);
    expect(deps.sent.filter((sent) => sent.channel === colleague).map((sent) => sent.message.text)).toEqual([
      `Only <@${expert}>, who claimed this conversation, or an admin can dismiss it. Ask them in its thread; <@UADMIN01> or a workspace admin can also reassign it.`,
    ]);
  });

  it.each([
    ['an empty reason', ''],
    ['a missing reason', null],
    ['only spaces', '   '],
  ])('the dismiss view rejects %s with a field error, and dismisses nothing', async (_label, value) => {
    const recorder = createRecorder();
    await createNudgeDismissViewHandler(deps)(
      nudgeViewArgs(recorder, { callbackId: View.NudgeDismiss, nudgeId, block: 'reason', value }),
    );
    expectAckedFirst(recorder, {
      response_action: 'errors',
      errors: { reason: 'Say why it is not relevant, in a word or a few (e.g. "old news", "duplicate").' },
    });
    expect(nudgeRow(deps, nudgeId).state).toBe('open');
    expect(deps.sent).toEqual([]);
  });

  it('the dismiss view, with a reason, dismisses and redraws the message (reason escaped)', async () => {
    const recorder = createRecorder();
    await createNudgeDismissViewHandler(deps)(
      nudgeViewArgs(recorder, {
        callbackId: View.NudgeDismiss,
        nudgeId,
        block: 'reason',
        value: '  About <Globex>, not us  ',
        userId: colleague,
      }),
    );
    expectAckedFirst(recorder);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({
      state: 'dismissed',
      dismissReason: 'About <Globex>, not us',
    });
    expect(deps.sent.map((sent) => sent.updates)).toEqual([ts]);
    expect(shown(deps.sent[0]?.message)).toContain(
      `Dismissed as not relevant by <@${colleague}>: About &lt;Globex&gt;, not us.`,
    );
    expect((await nudgeAudit(deps)).at(-1)).toMatchObject({ actorId: colleague, action: 'nudge.dismiss' });
  });
});

describe('Snooze', () => {
  it('holds reminders for a day and says until when', async () => {
    const recorder = createRecorder();
    await createNudgeSnoozeHandler(deps)(press(recorder, Action.NudgeSnooze, colleague));
    expectAckedFirst(recorder);
    expect(nudgeRow(deps, nudgeId).snoozedUntil).toBe(deps.clock.now().getTime() + 24 * 3600_000);
    expect(String(recorder.first('respond')?.text)).toMatch(
      /^Snoozed: no reminders about it until Tue 3 Nov 09:00 UTC\./,
    );
    expect(deps.sent.map((sent) => sent.updates)).toEqual([ts]);
    expect(shown(deps.sent[0]?.message)).toContain(
      `:zzz: Snoozed until Tue 3 Nov 09:00 UTC by <@${colleague}>: no reminders until then.`,
    );
  });

  it('keeps a longer snooze running: the button never brings reminders forward', async () => {
    const longer = deps.clock.now().getTime() + 3 * 24 * 3600_000;
    await runCommand(deps, { userId: expert, channelId: 'D0SME', text: `nudge snooze ${nudgeId} 3d` });
    const recorder = createRecorder();
    await createNudgeSnoozeHandler(deps)(press(recorder, Action.NudgeSnooze, colleague));
    expectAckedFirst(recorder);
    expect(nudgeRow(deps, nudgeId).snoozedUntil).toBe(longer);
    expect(recorder.first('respond')?.text).toBe(
      `Already snoozed until Thu 5 Nov 09:00 UTC, by <@${expert}>: no reminders about it until then, so that snooze stays. A shorter one on purpose: \`/brief nudge snooze ${nudgeId} 1d\`.`,
    );
  });
});

describe('Claim, Not relevant and Snooze by someone off the beat', () => {
  it.each([
    ['Claim', Action.NudgeClaim, createNudgeClaimHandler, 'claim'],
    ['Not relevant', Action.NudgeNotRelevant, createNudgeNotRelevantHandler, 'dismiss'],
    ['Snooze a day', Action.NudgeSnooze, createNudgeSnoozeHandler, 'snooze'],
  ] as const)(
    '%s: refused, ephemerally, naming the experts and the next step',
    async (_label, actionId, create, verb) => {
      const recorder = createRecorder();
      await create(deps)(press(recorder, actionId, 'UOTHER001'));
      expectAckedFirst(recorder);
      expect(recorder.names()).toEqual(['ack', 'respond']);
      expect(recorder.first('respond')).toMatchObject({
        response_type: 'ephemeral',
        replace_original: false,
      });
      expect(recorder.first('respond')?.text).toBe(
        `Sorry, only the experts on pricing (<@${expert}>, <@${colleague}>) or an admin can ${verb} conversation ${nudgeId}. Ask <@UADMIN01> or a workspace admin to put you on the beat: \`/brief sme add @UOTHER001 pricing\`; or ask <@${expert}>, <@${colleague}> in its thread.`,
      );
      expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'open', claimantId: null, snoozedUntil: null });
      expect(deps.sent).toEqual([]);
    },
  );

  it('an admin may claim it', async () => {
    await pressClaim(admin);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', claimantId: admin });
  });
});

describe('Mark replied (in the DM)', () => {
  /** Mark replied pressed in the claimant's DM by `userId`. Returns what the listener did. */
  async function pressMarkReplied(userId: string) {
    const recorder = createRecorder();
    await createNudgeMarkRepliedHandler(deps)(
      press(recorder, Action.NudgeMarkReplied, userId, { inDm: true }),
    );
    return recorder;
  }

  /** The Mark replied form submitted by `userId` with `value` as the link. Returns what the listener did. */
  async function submitReplied(value: string, userId = expert) {
    const recorder = createRecorder();
    await createNudgeRepliedViewHandler(deps)(
      nudgeViewArgs(recorder, { callbackId: View.NudgeReplied, nudgeId, block: 'url', value, userId }),
    );
    return recorder;
  }

  beforeEach(async () => {
    await claimNudge(deps, nudgeId, expert);
  });

  it('opens the URL modal', async () => {
    const recorder = await pressMarkReplied(expert);
    expectAckedFirst(recorder);
    expect(recorder.names()).toEqual(['ack', 'views.open']);
    const opened = recorder.first('views.open') as {
      view: {
        callback_id: string;
        private_metadata: string;
        blocks: Array<{ block_id?: string; element?: { type: string } }>;
      };
    };
    expect(opened.view.callback_id).toBe(View.NudgeReplied);
    expect(opened.view.private_metadata).toBe(String(nudgeId));
    expect(opened.view.blocks.find((block) => block.block_id === 'url')?.element?.type).toBe(
      'url_text_input',
    );
  });

  it('after the claim expired, opens the URL modal for the claimant only', async () => {
    await expireNudge(deps, nudgeId);
    const theirs = await pressMarkReplied(expert);
    expectAckedFirst(theirs);
    expect(theirs.names()).toEqual(['ack', 'views.open']);
    const other = await pressMarkReplied(colleague);
    expectAckedFirst(other);
    expect(other.names()).toEqual(['ack', 'respond']);
    expect((other.first('respond') as { text: string }).text).toBe(
      `Conversation ${nudgeId} expired without a recorded reply. To ask the experts again, ask <@UADMIN01> or a workspace admin to reopen it.`,
    );
  });

  it.each([
    ['not a url', 'not a url'],
    ['a javascript: link', 'javascript:alert(1)'],
    ['an ftp link', 'ftp://files.example.com/reply'],
  ])('the replied view rejects %s with a field error', async (_label, value) => {
    const recorder = await submitReplied(value);
    expectAckedFirst(recorder, {
      response_action: 'errors',
      errors: { url: 'Paste the link to your reply, starting with https://' },
    });
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', replyUrl: null });
    expect(deps.sent).toEqual([]);
  });

  it('the replied view with neither a link nor a note asks for one or the other', async () => {
    const recorder = await submitReplied('');
    expectAckedFirst(recorder, {
      response_action: 'errors',
      errors: {
        url: 'Paste the link to your reply, or, with no link (by email, by phone), say how you replied below.',
      },
    });
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', replyUrl: null });
    expect(deps.sent).toEqual([]);
  });

  it('the replied view takes how they replied when there is no link: replied by phone, shown so', async () => {
    const opened = await pressMarkReplied(expert);
    const form = opened.first('views.open') as {
      view: { blocks: Array<{ block_id?: string; optional?: boolean }> };
    };
    expect(form.view.blocks.filter((block) => block.optional).map((block) => block.block_id)).toEqual([
      'url',
      'note',
    ]);
    const recorder = createRecorder();
    await createNudgeRepliedViewHandler(deps)(
      nudgeViewArgs(recorder, {
        callbackId: View.NudgeReplied,
        nudgeId,
        block: 'note',
        value: ' by phone ',
        userId: expert,
      }),
    );
    expectAckedFirst(recorder);
    expect(
      deps.db.sqlite
        .prepare('SELECT state, reply_url AS url, reply_note AS note FROM nudges WHERE id = ?')
        .get(nudgeId),
    ).toEqual({ state: 'replied', url: null, note: 'by phone' });
    expect(shown(deps.sent[0]?.message)).toContain(`:white_check_mark: <@${expert}> replied by phone`);
    expect(deps.sent[1]?.message.text).toBe(
      `Thank you: your reply is recorded (by phone). Wrong? Send \`/brief nudge replied ${nudgeId} &lt;link to your reply | how you replied&gt;\`.`,
    );
  });

  it("the replied view refuses the story's own link, in the form", async () => {
    const recorder = await submitReplied('https://www.news.example.com/p1#comments');
    expectAckedFirst(recorder, {
      response_action: 'errors',
      errors: { url: "That is the story's link; give the link to your reply." },
    });
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', replyUrl: null });
    expect(deps.sent).toEqual([]);
  });

  it('the replied view refuses a link with no domain, and another story Briefbot follows, in the form', async () => {
    await storeItem(deps, feedId, 'p2', 'Globex cuts prices');
    for (const [value, error] of [
      [
        'https://x',
        'That link has no real address after https:// (a domain such as linkedin.com); paste the whole link to your reply, as your browser shows it',
      ],
      [
        'https://news.example.com/p2',
        `That link is a news story Briefbot follows (“Globex cuts prices”, Example News), not a reply, so nothing was recorded. Give the link to your reply; if that post is your reply, send /brief nudge replied ${nudgeId} <link> confirm.`,
      ],
    ]) {
      const recorder = await submitReplied(value as string);
      expectAckedFirst(recorder, { response_action: 'errors', errors: { url: error } });
    }
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', replyUrl: null });
    expect(deps.sent).toEqual([]);
  });

  it('the replied view accepts an https link: replied, the message redrawn, a thank-you DM', async () => {
    const url = 'https://www.linkedin.com/feed/update/urn:li:activity:1234/';
    const recorder = await submitReplied(` ${url} `);
    expectAckedFirst(recorder);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({
      state: 'replied',
      replyUrl: url,
      repliedAt: deps.clock.now().getTime(),
    });
    expect(deps.sent.map((sent) => [sent.channel, sent.updates])).toEqual([
      ['C0TALK', ts],
      [expert, undefined],
    ]);
    expect(shown(deps.sent[0]?.message)).toContain(
      `<@${expert}> replied: <${url}|their reply on linkedin.com>`,
    );
    expect(deps.sent[1]?.message.text).toBe(
      `Thank you: your reply is recorded (${url}). A wrong link? Send \`/brief nudge replied ${nudgeId} &lt;link to your reply | how you replied&gt;\`.`,
    );
  });

  it("Mark replied pressed by someone who never held the conversation gets the typed command's refusal", async () => {
    const recorder = await pressMarkReplied('UEXEC001');
    expectAckedFirst(recorder);
    expect(recorder.names()).toEqual(['ack', 'respond']);
    const refusal = `Only <@${expert}>, who claimed this conversation, or an admin can mark it as replied. Ask them in its thread; <@UADMIN01> or a workspace admin can also reassign it.`;
    expect(recorder.first('respond')?.text).toBe(refusal);
    expect(
      (
        await runCommand(deps, {
          userId: 'UEXEC001',
          channelId: 'C0TALK',
          text: `nudge replied ${nudgeId} https://social.example/r`,
        })
      ).text,
    ).toBe(refusal);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', claimantId: expert });
  });

  it('a claimant whose conversation was reassigned: Mark replied is refused before the form opens', async () => {
    await reassignNudge(deps, nudgeId, admin, colleague);
    const recorder = await pressMarkReplied(expert);
    expectAckedFirst(recorder);
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(recorder.first('respond')?.text).toBe(
      `This conversation is <@${colleague}>'s now, so it is no longer waiting for your reply: nothing more to do. \`/brief claims\` lists the ones that are.`,
    );
    // An admin may record it for the claimant: the form opens.
    const forAdmin = await pressMarkReplied(admin);
    expect(forAdmin.names()).toEqual(['ack', 'views.open']);
  });

  it.each([
    ['a bare www. address', 'www.social.example/reply,', 'https://www.social.example/reply'],
    ['an http link', 'http://social.example.com/reply', 'http://social.example.com/reply'],
  ])('the replied view takes %s', async (_label, value, stored) => {
    await submitReplied(value);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'replied', replyUrl: stored });
  });

  it('the replied view refuses words after the link, in the form', async () => {
    const recorder = await submitReplied('https://social.example/reply thanks all');
    expectAckedFirst(recorder, {
      response_action: 'errors',
      errors: { url: 'Paste only the link to your reply, without other words.' },
    });
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', replyUrl: null });
  });

  it('Mark replied again on a replied conversation corrects the link, for its claimant', async () => {
    await markReplied(deps, nudgeId, expert, 'https://social.example/wrong');
    const opened = await pressMarkReplied(expert);
    expect(opened.names()).toEqual(['ack', 'views.open']);
    const recorder = await submitReplied('https://social.example/right');
    expectAckedFirst(recorder);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({
      state: 'replied',
      replyUrl: 'https://social.example/right',
    });
    expect(deps.sent.at(-1)?.message.text).toBe(
      'Corrected: the reply now links to https://social.example/right. Nothing more to do.',
    );
    expect((await nudgeAudit(deps)).at(-1)).toMatchObject({
      action: 'nudge.reply_corrected',
      actorId: expert,
    });
  });

  it('the form submitted twice with the same link records it once, announcing nothing again', async () => {
    await markReplied(deps, nudgeId, expert, 'https://social.example/right');
    const sentBefore = deps.sent.length;
    const recorder = await submitReplied('https://social.example/right');
    expectAckedFirst(recorder);
    expect(deps.sent.slice(sentBefore).map((sent) => [sent.channel, sent.message.text])).toEqual([
      [expert, 'Already recorded: the reply links to https://social.example/right. Nothing changed.'],
    ]);
    expect((await nudgeAudit(deps)).some((entry) => entry.action === 'nudge.reply_corrected')).toBe(false);
  });

  it('someone else submitting is told why, and nothing changes', async () => {
    const recorder = await submitReplied('https://example.com/r', colleague);
    expectAckedFirst(recorder);
    expect(nudgeRow(deps, nudgeId).state).toBe('claimed');
    expect(deps.sent.map((sent) => sent.channel)).toEqual([colleague]);
    expect(deps.sent[0]?.message.text).toContain(`Only <@${expert}>, who claimed this conversation`);
  });

  it('Release puts it back to open, with the Claim button again', async () => {
    const recorder = createRecorder();
    await createNudgeReleaseHandler(deps)(press(recorder, Action.NudgeRelease, expert, { inDm: true }));
    expectAckedFirst(recorder);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'open', claimantId: null });
    expect(recorder.first('respond')).toMatchObject({
      replace_original: true,
      text: 'You released this conversation; the experts can claim it again.',
    });
    expect(deps.sent.map((sent) => [sent.channel, sent.updates, sent.threadTs])).toEqual([
      ['C0TALK', ts, undefined],
      ['C0TALK', undefined, ts],
    ]);
    expect(actionIdsOf(deps.sent[0]?.message ?? { text: '', blocks: [] })).toContain(Action.NudgeClaim);
    // Slack notifies nobody of an edit: the thread says it, to the other experts on the beat.
    expect(deps.sent[1]?.message.text).toBe(
      `<@${expert}> released this conversation; it is open again. <@${colleague}>, can you take it? Press *Claim* above.`,
    );
  });

  it('Release by an admin: the claimant is DMed who released it and how to take it back', async () => {
    const recorder = createRecorder();
    await createNudgeReleaseHandler(deps)(press(recorder, Action.NudgeRelease, admin));
    expectAckedFirst(recorder);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'open', claimantId: null });
    expect(deps.sent.map((sent) => [sent.channel, sent.updates])).toEqual([
      ['C0TALK', ts],
      ['C0TALK', undefined],
      [expert, undefined],
    ]);
    expect(deps.sent[1]?.message.text).toBe(
      `<@${admin}> released <@${expert}>'s claim on this conversation; it is open again. <@${colleague}>, can you take it? Press *Claim* above.`,
    );
    expect(deps.sent[2]?.message.text).toBe(
      `<@${admin}> released your claim on "${title}": it is open for the experts again, and you no longer need to reply. To take it back, press *Claim* on the nudge, or send \`/brief nudge claim ${nudgeId}\`.`,
    );
  });

  it('Release by someone else is refused, ephemerally', async () => {
    const recorder = createRecorder();
    await createNudgeReleaseHandler(deps)(press(recorder, Action.NudgeRelease, colleague));
    expectAckedFirst(recorder);
    expect(recorder.first('respond')).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(recorder.first('respond')?.text)).toContain(`Only <@${expert}>`);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', claimantId: expert });
    expect(deps.sent).toEqual([]);
  });
});

describe('Assign an expert (users_select, when nobody covers the topic)', () => {
  it('an admin puts the chosen person on the beat, and the message names them', async () => {
    await deps.db.prisma.beat.deleteMany({});
    const recorder = createRecorder();
    await createNudgeAssignSmeHandler(deps)(
      usersSelectArgs(recorder, { nudgeId, selectedUser: 'USME0009', userId: admin }),
    );
    expectAckedFirst(recorder);
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(recorder.first('respond')).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: '<@USME0009> joins the pricing beat and got this conversation in a DM, with *Claim*.',
    });
    const beats = await deps.db.prisma.beat.findMany({ include: { sme: true, topic: true } });
    expect(beats.map((beat) => [beat.sme.userId, beat.topic.name])).toEqual([['USME0009', 'pricing']]);
    expect(deps.sent.map((sent) => [sent.channel, sent.updates])).toEqual([
      ['C0TALK', ts],
      ['USME0009', undefined],
    ]);
    const text = shown(deps.sent[0]?.message);
    expect(text).toContain('*Expert on this beat*: <@USME0009>');
    expect(text).not.toContain('users_select');
    // The expert is told: the nudge itself, with its Claim button, in a DM.
    const dm = deps.sent[1]?.message ?? { text: '', blocks: [] };
    expect(shown(dm)).toContain(`<@${admin}> added you to the pricing beat for this conversation.`);
    expect(shown(dm)).toContain(title);
    expect(actionIdsOf(dm)).toContain(Action.NudgeClaim);
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'open', claimantId: null });
  });

  it('on a story no topic covers, the chosen person gets it as if they had claimed it', async () => {
    await deps.db.prisma.nudge.update({ where: { id: nudgeId }, data: { topicId: null } });
    const recorder = createRecorder();
    await createNudgeAssignSmeHandler(deps)(
      usersSelectArgs(recorder, { nudgeId, selectedUser: 'USME0009', userId: admin }),
    );
    expectAckedFirst(recorder);
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(recorder.first('respond')).toMatchObject({
      response_type: 'ephemeral',
      text: '<@USME0009> has this conversation now; they got a DM with *Mark replied* and *Release*.',
    });
    expect(nudgeRow(deps, nudgeId)).toMatchObject({ state: 'claimed', claimantId: 'USME0009' });
    expect(await deps.db.prisma.beat.count({ where: { sme: { userId: 'USME0009' } } })).toBe(0);
    // Its thread had nobody to ask: the other admins read there that nothing more is needed.
    expect(deps.sent.map((sent) => [sent.channel, sent.updates, sent.threadTs])).toEqual([
      ['C0TALK', ts, undefined],
      ['C0TALK', undefined, ts],
      ['USME0009', undefined, undefined],
    ]);
    expect(shown(deps.sent[0]?.message)).toContain('Given to <@USME0009> (by <@UADMIN01>), who will reply.');
    expect(deps.sent[1]?.message.text).toBe(
      '<@UADMIN01> gave this conversation to <@USME0009>; nothing more is needed from the admins.',
    );
    expect(actionIdsOf(deps.sent[2]?.message ?? { text: '', blocks: [] })).toEqual([
      Action.NudgeMarkReplied,
      Action.NudgeDraft,
      Action.NudgeNotMine,
      Action.NudgeRelease,
    ]);
    expect((await nudgeAudit(deps)).at(-1)).toMatchObject({ actorId: admin, action: 'nudge.reassign' });
  });

  it('anyone else is refused and nobody is added', async () => {
    await deps.db.prisma.beat.deleteMany({});
    const recorder = createRecorder();
    await createNudgeAssignSmeHandler(deps)(
      usersSelectArgs(recorder, { nudgeId, selectedUser: 'USME0009', userId: colleague }),
    );
    expectAckedFirst(recorder);
    expect(String(recorder.first('respond')?.text)).toBe(
      `Sorry, only Briefbot admins can assign experts. Ask <@${admin}> or a workspace admin.`,
    );
    expect(await deps.db.prisma.beat.count()).toBe(0);
    expect(deps.sent).toEqual([]);
  });
});
