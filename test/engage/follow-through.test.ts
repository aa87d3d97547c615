import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.ts';
import { nudgeCommand, recordReply, snoozeADay } from '../../src/commands/nudge.ts';
import { sendDueDeliveries } from '../../src/deliveries.ts';
import { claimNudge, markReplied, releaseNudge, reopenNudge, snoozeNudge } from '../../src/engage/claims.ts';
import { followThrough } from '../../src/engage/follow-through.ts';
import {
  nudgeNewItems,
  postPendingNudges,
  redrawStaleNudges,
  requestResponse,
  workingMsBetween,
} from '../../src/engage/nudges.ts';
import { removeSme, setSmeAway } from '../../src/engage/smes.ts';
import { silentLogger } from '../../src/logger.ts';
import { PostError } from '../../src/outbox.ts';
import { Action } from '../../src/slack/ids.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import {
  actionIdsOf,
  createBeat,
  createNewsBeat,
  nudgeAbout,
  nudgeAudit,
  nudgeRow,
  shown,
  storeItem,
} from '../helpers/nudges.ts';
import {
  answerDmOpens,
  answerHistory,
  createNockedOutbox,
  markedMessage,
  markerOf,
  slackApi,
  watchUnmatched,
} from '../helpers/slack-http.ts';

const baseEnv = {
  BRIEFBOT_ADMINS: 'UADMIN01,UADMIN02',
  NUDGE_QUIET_HOURS: 'none',
  BUSINESS_HOURS: '09:00-18:00',
  DEFAULT_TIMEZONE: 'UTC',
  NUDGE_REMIND_AFTER_HOURS: '4',
  NUDGE_ESCALATE_AFTER_HOURS: '9',
  NUDGE_REPLY_REMINDER_HOURS: '8',
  NUDGE_EXPIRE_DAYS: '7',
};
const titles = [
  'Customers slam Acme pricing in backlash over price increase',
  'Initech faces lawsuit over pricing',
  'Is per-seat pricing dead?',
];

let deps: TestDeps;
let feedId: number;
let stories = 0;

async function setup(env: Record<string, string> = {}) {
  deps = await createTestDeps({ env: { ...baseEnv, ...env } });
  ({ feedId } = await createNewsBeat(deps, {
    experts: [
      { userId: 'USME0001', timezone: 'America/New_York' },
      { userId: 'USME0002' },
      { userId: 'USME0003', awayUntil: new Date('2026-12-01T00:00:00Z') },
    ],
  }));
}
beforeEach(async () => {
  stories = 0;
  await setup();
});
afterEach(async () => {
  await deps.cleanup();
});

/** A nudge posted at `at` (UTC): its id and the ts of its channel message. */
async function postNudgeAt(at: string): Promise<{ id: number; ts: string }> {
  deps.clock.set(at);
  const itemId = await storeItem(deps, feedId, `s${stories}`, titles[stories++ % titles.length] as string);
  const [id] = await nudgeNewItems(deps, [itemId]);
  if (id === undefined) throw new Error('no nudge');
  const ts = nudgeRow(deps, id).messageTs;
  if (!ts) throw new Error('nudge not posted');
  return { id, ts };
}

/** The mrkdwn of a message's sections, in order. */
function sectionTexts(message: { blocks: Array<{ type: string }> } | undefined): string[] {
  return (message?.blocks ?? []).flatMap((block) =>
    block.type === 'section' && 'text' in block ? [String((block.text as { text: string }).text)] : [],
  );
}

async function runAt(at: string) {
  deps.clock.set(at);
  const before = deps.sent.length;
  const result = await followThrough(deps);
  return { result, sent: deps.sent.slice(before) };
}

const nothing = { reminded: 0, escalated: 0, nudgedClaimants: 0, expired: 0 };

/** From now, messages go to Slack's Web API (nock); returns the watch on requests nothing answers. */
function sendThroughNockedSlack(): ReturnType<typeof watchUnmatched> {
  deps.outbox = createNockedOutbox();
  return watchUnmatched();
}

/** As sendThroughNockedSlack, with Slack rate-limiting the DM to each of the two admins once. */
function rateLimitAdminDms(): ReturnType<typeof watchUnmatched> {
  const unmatched = sendThroughNockedSlack();
  answerDmOpens(2, (user) => (user === 'UADMIN01' ? 'D01' : 'D02'));
  nock(slackApi)
    .post('/api/chat.postMessage')
    .times(2)
    .reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '0' });
  return unmatched;
}

describe('an unclaimed nudge', () => {
  it('gets a reminder in its thread after NUDGE_REMIND_AFTER_HOURS, naming the experts, once', async () => {
    const { ts } = await postNudgeAt('2026-11-02T09:00:00Z');
    expect(await runAt('2026-11-02T12:59:00Z')).toEqual({ result: nothing, sent: [] });
    const { result, sent } = await runAt('2026-11-02T13:00:00Z');
    expect(result).toEqual({ ...nothing, reminded: 1 });
    expect(sent.map((post) => [post.channel, post.threadTs])).toEqual([['C0TALK', ts]]);
    const text = shown(sent[0]?.message);
    // 13:00 UTC is 08:00 for USME0001 (New York), before their working hours: not pinged.
    expect(text).toContain('<@USME0002>: this conversation is still waiting');
    expect(text).toContain('The other expert on this beat is not pinged now: outside their working hours');
    expect(text).not.toContain('USME0001');
    expect(text).not.toContain('USME0003');
    expect(await runAt('2026-11-02T15:00:00Z')).toEqual({ result: nothing, sent: [] });
  });

  it('an expert DMed at the start of their day is not @-mentioned by the reminder two hours later, and the admins still hear on time', async () => {
    // 12:00 UTC is 07:00 in New York: USME0001 is not pinged at the post, and is owed a DM at 09:00 theirs.
    const { ts } = await postNudgeAt('2026-11-02T12:00:00Z');
    deps.clock.set('2026-11-02T14:00:00Z');
    const before = deps.sent.length;
    expect(await sendDueDeliveries(deps)).toBe(1);
    expect(deps.sent.slice(before).map((post) => post.channel)).toEqual(['USME0001']);
    // Four working hours after the post, two after that DM: one notification each, not a second for USME0001.
    const { result, sent } = await runAt('2026-11-02T16:00:00Z');
    expect(result).toEqual({ ...nothing, reminded: 1 });
    expect(sent.map((post) => [post.channel, post.threadTs])).toEqual([['C0TALK', ts]]);
    expect(shown(sent[0]?.message)).toContain(
      '<@USME0002>: this conversation is still waiting for someone to take it. Press *Claim* above. (One other expert on this beat was sent a DM about it at 09:00 their time (Mon 2 Nov 14:00 UTC), so is not pinged again.)',
    );
    expect(shown(sent[0]?.message)).not.toContain('<@USME0001>');
    // The escalation keeps its time: 9 working hours after the post (Tuesday 12:00 UTC).
    expect((await runAt('2026-11-03T11:59:00Z')).result).toEqual(nothing);
    expect((await runAt('2026-11-03T12:00:00Z')).result).toEqual({ ...nothing, escalated: 1 });
  });

  it('an expert whose DM is still owed as the reminder goes (due with it) is not @-mentioned either: the DM asks them', async () => {
    // 10:30 UTC: USME0001 (New York) is owed a DM at 14:00 UTC; the reminder falls due at 14:30, before it is sent.
    const { ts } = await postNudgeAt('2026-11-02T10:30:00Z');
    const { sent } = await runAt('2026-11-02T14:30:00Z');
    expect(sent.map((post) => [post.channel, post.threadTs])).toEqual([['C0TALK', ts]]);
    expect(shown(sent[0]?.message)).toContain(
      '(One other expert on this beat gets a DM about it at 09:00 their time (Mon 2 Nov 14:00 UTC) instead of a ping.)',
    );
    expect(shown(sent[0]?.message)).not.toContain('<@USME0001>');
  });

  it('an expert DMed about it as they come back from away, or join its beat, is not @-mentioned by the reminder two hours later', async () => {
    const { ts } = await postNudgeAt('2026-11-02T09:00:00Z');
    // 11:00: an admin marks USME0003 back and adds USME0004 to the beat; each gets a DM listing it.
    deps.clock.set('2026-11-02T11:00:00Z');
    const before = deps.sent.length;
    const brief = (text: string) => runCommand(deps, { userId: 'UADMIN01', channelId: 'C0CHANNEL', text });
    expect((await brief('sme away <@USME0003> back')).text).toContain('who got a DM');
    expect((await brief('sme add <@USME0004> pricing')).text).toContain('who got a DM');
    const dms = deps.sent.slice(before).filter((post) => post.channel.startsWith('U'));
    expect(dms.map((post) => post.channel)).toEqual(['USME0003', 'USME0004']);
    // 13:00, four working hours after the post: USME0002 is pinged; the two DMed two hours ago are not.
    const { result, sent } = await runAt('2026-11-02T13:00:00Z');
    expect(result).toEqual({ ...nothing, reminded: 1 });
    expect(sent.map((post) => [post.channel, post.threadTs])).toEqual([['C0TALK', ts]]);
    const text = shown(sent[0]?.message);
    expect(text).toContain(
      '<@USME0002>: this conversation is still waiting for someone to take it. Press *Claim* above. (2 other experts on this beat were sent a DM about it at 11:00 their time (Mon 2 Nov 11:00 UTC), so are not pinged again.)',
    );
    expect(text).not.toContain('<@USME0003>');
    expect(text).not.toContain('<@USME0004>');
  });

  it('on a topic no expert covers, or whose experts are away, the thread reminder asks the admins to pick someone', async () => {
    const globex = await createBeat(deps, { name: 'globex', query: 'globex' });
    const pricing = (await deps.db.prisma.topic.findUniqueOrThrow({ where: { name: 'pricing' } })).id;
    deps.clock.set('2026-11-02T09:00:00Z');
    await nudgeAbout(deps, { feedId, guid: 'g1', title: 'Globex lawsuit', topicId: globex });
    await nudgeAbout(deps, { feedId, guid: 'g2', title: 'Acme pricing row', topicId: pricing });
    await postPendingNudges(deps);
    await deps.db.prisma.sme.updateMany({ data: { awayUntil: new Date('2026-12-01T00:00:00Z') } });
    const { sent } = await runAt('2026-11-02T13:00:00Z');
    const texts = sent.map((post) => post.message.text);
    expect(texts).toContain(
      '<@UADMIN01> <@UADMIN02>: this conversation is still waiting, and no expert covers globex. Pick someone with the menu above.',
    );
    expect(texts).toContain(
      '<@UADMIN01> <@UADMIN02>: this conversation is still waiting, and the experts on pricing are away. Pick someone with the menu above.',
    );
  });

  it('goes to the admins after NUDGE_ESCALATE_AFTER_HOURS, once, in business hours', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    await runAt('2026-11-02T13:00:00Z');
    // Monday 09:00-18:00 makes the 9 working hours; the evening and night count for nothing, so the
    // escalation waits for 09:00 on Tuesday.
    expect((await runAt('2026-11-03T08:59:00Z')).result).toEqual(nothing);
    const { result, sent } = await runAt('2026-11-03T09:00:00Z');
    expect(result).toEqual({ ...nothing, escalated: 1 });
    expect(sent.map((post) => post.channel)).toEqual(['UADMIN01', 'UADMIN02']);
    expect(sent[0]?.message.text).toContain(`in <#C0TALK> for 9 working hours`);
    expect(sent[0]?.message.text).toContain(`/brief nudge reassign ${id} @someone`);
    expect((await runAt('2026-11-03T12:00:00Z')).result).toEqual(nothing);
  });

  it('the escalation names the story, its topic, the experts asked and who is away', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    await runAt('2026-11-02T13:00:00Z');
    const { sent } = await runAt('2026-11-03T09:00:00Z');
    expect(sectionTexts(sent[0]?.message)).toEqual([
      `:rotating_light: Nobody has claimed conversation ${id}, *<https://news.example.com/s0|Customers slam Acme pricing in backlash over price increase>* on *pricing*, in <#C0TALK> for 9 working hours.`,
      `Asked: <@USME0001>, <@USME0002>; away: <@USME0003> until Tue 1 Dec (end of day, UTC). Give it to one of them: \`/brief nudge reassign ${id} @someone\`.`,
    ]);
  });

  it('on a topic nobody covers, the escalation names it, offers the picker and the sme add command for it', async () => {
    const globex = await createBeat(deps, { name: 'globex', query: 'globex' });
    deps.clock.set('2026-11-02T09:00:00Z');
    const id = await nudgeAbout(deps, { feedId, guid: 'g1', title: 'Globex outage', topicId: globex });
    await postPendingNudges(deps);
    await runAt('2026-11-02T13:00:00Z');
    const { sent } = await runAt('2026-11-03T09:00:00Z');
    const escalation = sent.find((post) => post.channel === 'UADMIN01')?.message;
    expect(sectionTexts(escalation)).toEqual([
      `:rotating_light: Nobody has claimed conversation ${id}, *<https://news.example.com/g1|Globex outage>* on *globex*, in <#C0TALK> for 9 working hours.`,
      'No expert was asked: nobody covers globex. Pick someone (they join the beat and get it with *Claim*), or add an expert to globex: `/brief sme add @someone globex`.',
    ]);
    expect(JSON.stringify(escalation?.blocks)).toContain(`"action_id":"${Action.NudgeAssignSme}"`);
  });

  it('one admin cannot be DMed: the others are told once, and nobody again at the next pass', async () => {
    await postNudgeAt('2026-11-02T09:00:00Z');
    await runAt('2026-11-02T13:00:00Z');
    const unmatched = sendThroughNockedSlack();
    nock(slackApi)
      .post('/api/conversations.open', /UADMIN01/)
      .reply(200, { ok: false, error: 'user_disabled' })
      .post('/api/conversations.open', /UADMIN02/)
      .reply(200, { ok: true, channel: { id: 'D0ADMIN02' } })
      .post('/api/chat.postMessage', /D0ADMIN02/)
      .reply(200, { ok: true, ts: '2.000100' });
    expect((await runAt('2026-11-03T09:00:00Z')).result).toEqual({ ...nothing, escalated: 1 });
    expect(nock.isDone()).toBe(true);
    // No further call is mocked: one would be an unmatched request.
    expect((await runAt('2026-11-03T09:01:00Z')).result).toEqual(nothing);
    expect(unmatched.stop()).toEqual([]);
  });

  it("an escalation whose answer was lost (a 500 after Slack took it) is found in the admin's DM: not sent twice", async () => {
    await postNudgeAt('2026-11-02T09:00:00Z');
    await runAt('2026-11-02T13:00:00Z');
    deps.clock.set('2026-11-02T14:00:00Z');
    await sendDueDeliveries(deps);
    const unmatched = sendThroughNockedSlack();
    const forms: Array<Record<string, string>> = [];
    answerDmOpens(2, (user) => (user === 'UADMIN01' ? 'D0ADMIN01' : 'D0ADMIN02'));
    answerPost(forms, 500, 'upstream error');
    answerPost(forms, 200, { ok: true, ts: '2.000100' });
    expect((await runAt('2026-11-03T09:00:00Z')).result).toEqual({ ...nothing, escalated: 1 });
    const marker = markerOf(forms[0]);
    expect(marker).toMatch(/^delivery:\d+$/);
    expect(markerOf(forms[1])).not.toBe(marker);
    // A minute later the background cycle reads UADMIN01's DM first, finds it there, and posts nothing.
    deps.clock.set('2026-11-03T09:01:00Z');
    const reads: Array<Record<string, string>> = [];
    answerHistory('conversations.history', [markedMessage('1.000100', marker as string)], { reads });
    await sendDueDeliveries(deps);
    expect(reads).toEqual([expect.objectContaining({ channel: 'D0ADMIN01' })]);
    expect(Number(reads[0]?.oldest)).toBeLessThanOrEqual(Date.parse('2026-11-03T09:00:00Z') / 1000);
    expect(forms).toHaveLength(2);
    // Recorded as delivered: nothing is read or posted again (no call is mocked).
    deps.clock.set('2026-11-03T12:00:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(unmatched.stop()).toEqual([]);
  });

  it('one admin Slack refuses for now (a 500): only they are DMed again, by the background cycle', async () => {
    await postNudgeAt('2026-11-02T09:00:00Z');
    await runAt('2026-11-02T13:00:00Z');
    // 09:00 in New York: the expert there, not pinged at the post (04:00 their time), gets their DM.
    deps.clock.set('2026-11-02T14:00:00Z');
    expect(await sendDueDeliveries(deps)).toBe(1);
    expect(deps.sent.at(-1)?.channel).toBe('USME0001');
    const unmatched = sendThroughNockedSlack();
    nock(slackApi)
      .post('/api/conversations.open', /UADMIN01/)
      .reply(200, { ok: true, channel: { id: 'D0ADMIN01' } })
      .post('/api/chat.postMessage', /D0ADMIN01/)
      .reply(500, 'upstream error')
      .post('/api/conversations.open', /UADMIN02/)
      .reply(200, { ok: true, channel: { id: 'D0ADMIN02' } })
      .post('/api/chat.postMessage', /D0ADMIN02/)
      .reply(200, { ok: true, ts: '2.000100' });
    expect((await runAt('2026-11-03T09:00:00Z')).result).toEqual({ ...nothing, escalated: 1 });
    expect(nock.isDone()).toBe(true);
    // Escalated: the follow-through does not escalate it again; the delivery is due in a minute.
    expect((await runAt('2026-11-03T09:00:30Z')).result).toEqual(nothing);
    expect(await sendDueDeliveries(deps)).toBe(0);
    deps.clock.set('2026-11-03T09:01:00Z');
    // Its answer was lost, so their DM is read first: the escalation is not there, so it is sent.
    const reads: Array<Record<string, string>> = [];
    answerHistory('conversations.history', [markedMessage('2.000100', 'delivery:999')], { reads });
    let text = '';
    nock(slackApi)
      .post('/api/chat.postMessage', /D0ADMIN01/)
      .reply(200, (_uri, body) => {
        text = new URLSearchParams(String(body)).get('text') ?? '';
        return { ok: true, ts: '3.000100' };
      });
    expect(await sendDueDeliveries(deps)).toBe(1);
    expect(reads).toEqual([expect.objectContaining({ channel: 'D0ADMIN01', include_all_metadata: 'true' })]);
    expect(text).toMatch(/^Nobody has claimed conversation \d+, "Customers slam Acme pricing/);
    // Both have it now: nobody is DMed again.
    deps.clock.set('2026-11-03T12:00:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(unmatched.stop()).toEqual([]);
  });

  it('an escalation still owed is dropped once someone claims the conversation', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    await runAt('2026-11-02T13:00:00Z');
    const unmatched = rateLimitAdminDms();
    expect((await runAt('2026-11-03T09:00:00Z')).result).toEqual({ ...nothing, escalated: 1 });
    expect(nock.isDone()).toBe(true);
    await claimNudge(deps, id, 'USME0001');
    deps.clock.set('2026-11-03T10:00:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(unmatched.stop()).toEqual([]);
  });

  it('goes to BRIEFBOT_ALERT_CHANNEL instead of DMs when one is set', async () => {
    await deps.cleanup();
    await setup({ BRIEFBOT_ALERT_CHANNEL: 'C0ALERTS' });
    await postNudgeAt('2026-11-02T09:00:00Z');
    expect((await runAt('2026-11-02T13:00:00Z')).sent.map((post) => post.channel)).toEqual(['C0TALK']);
    const { sent } = await runAt('2026-11-03T10:00:00Z');
    expect(sent.map((post) => post.channel)).toEqual(['C0ALERTS']);
  });

  it('counts working hours only: evenings and weekends neither send nor count', async () => {
    await postNudgeAt('2026-11-06T15:00:00Z'); // a Friday: 3 working hours left that day
    for (const at of [
      '2026-11-06T19:00:00Z',
      '2026-11-07T12:00:00Z',
      '2026-11-08T12:00:00Z',
      '2026-11-09T08:59:00Z',
      '2026-11-09T09:00:00Z',
      '2026-11-09T09:59:00Z',
    ]) {
      expect(await runAt(at), at).toEqual({ result: nothing, sent: [] });
    }
    // 3 hours on Friday and 1 on Monday: the reminder; the escalation after 9, at 15:00 on Monday.
    const reminder = await runAt('2026-11-09T10:00:00Z');
    expect(reminder.result).toEqual({ ...nothing, reminded: 1 });
    expect(reminder.sent).toHaveLength(1);
    expect((await runAt('2026-11-09T14:59:00Z')).result).toEqual(nothing);
    expect((await runAt('2026-11-09T15:00:00Z')).result).toEqual({ ...nothing, escalated: 1 });
  });

  it('woken after days asleep, it is reminded at once and escalated only after the hours between the two delays', async () => {
    await postNudgeAt('2026-11-06T15:00:00Z'); // a Friday
    // Briefbot's machine slept from Friday evening to Wednesday 10:00: both delays passed long ago.
    const wake = await runAt('2026-11-11T10:00:00Z');
    expect(wake.result).toEqual({ ...nothing, reminded: 1 });
    expect(wake.sent.map((post) => post.channel)).toEqual(['C0TALK']);
    // The experts get the 5 working hours between the reminder (4) and the escalation (9) to take it.
    expect(await runAt('2026-11-11T14:59:00Z')).toEqual({ result: nothing, sent: [] });
    const escalation = await runAt('2026-11-11T15:00:00Z');
    expect(escalation.result).toEqual({ ...nothing, escalated: 1 });
    expect(escalation.sent.map((post) => post.channel)).toEqual(['UADMIN01', 'UADMIN02']);
    expect(await runAt('2026-11-12T10:00:00Z')).toEqual({ result: nothing, sent: [] });
  });

  it('snoozed, it is not reminded until the snooze ends, and the clock restarts then', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    deps.clock.set('2026-11-02T10:00:00Z');
    await snoozeNudge(deps, id, 'USME0002', new Date('2026-11-03T10:00:00Z'));
    for (const at of ['2026-11-02T13:00:00Z', '2026-11-03T10:00:00Z', '2026-11-03T13:59:00Z']) {
      expect(await runAt(at), at).toEqual({ result: nothing, sent: [] });
    }
    expect((await runAt('2026-11-03T14:00:00Z')).result).toEqual({ ...nothing, reminded: 1 });
    // Escalation also counts from the end of the snooze: 8 working hours on Tuesday, the ninth on Wednesday.
    expect((await runAt('2026-11-04T09:59:00Z')).result).toEqual(nothing);
    expect((await runAt('2026-11-04T10:00:00Z')).result).toEqual({ ...nothing, escalated: 1 });
  });
  it('released after its escalation, it starts over: reminded and escalated again, from the release', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    await runAt('2026-11-02T13:00:00Z');
    expect((await runAt('2026-11-03T09:00:00Z')).result).toEqual({ ...nothing, escalated: 1 });
    deps.clock.set('2026-11-03T10:00:00Z');
    await claimNudge(deps, id, 'USME0002');
    deps.clock.set('2026-11-04T10:00:00Z');
    await releaseNudge(deps, id, 'USME0002');
    expect(nudgeRow(deps, id)).toMatchObject({ state: 'open', claimantId: null });
    // Posted two days ago, yet nothing is due at the release: the clock counts from it.
    expect(await runAt('2026-11-04T10:01:00Z')).toEqual({ result: nothing, sent: [] });
    expect((await runAt('2026-11-04T13:59:00Z')).result).toEqual(nothing);
    expect((await runAt('2026-11-04T14:00:00Z')).result).toEqual({ ...nothing, reminded: 1 });
    // 8 working hours on Wednesday, the ninth on Thursday.
    expect((await runAt('2026-11-05T09:59:00Z')).result).toEqual(nothing);
    expect((await runAt('2026-11-05T10:00:00Z')).result).toEqual({ ...nothing, escalated: 1 });
  });
});

describe('given back as it moves (Not mine) to a beat whose only expert is its holder', () => {
  it('neither its thread nor the reply asks them to take what they gave back: the admins are asked', async () => {
    await createBeat(deps, { name: 'security', query: 'breach', experts: [{ userId: 'USME0002' }] });
    const { id, ts } = await postNudgeAt('2026-11-02T10:00:00Z');
    await claimNudge(deps, id, 'USME0002');
    const before = deps.sent.length;
    const reply = await nudgeCommand(deps, 'USME0002', null, `move ${id} security not pricing`);
    expect(reply.text).toContain(
      `You gave conversation ${id} back. Conversation ${id} is now on security (was pricing): you are the only expert available on security, so its message and thread ask the admins to give it to someone.`,
    );
    const thread = deps.sent.slice(before).filter((post) => post.threadTs === ts);
    expect(thread.map((post) => post.message.text)).toEqual([
      `<@USME0002> gave this conversation back and moved it from pricing to security (“not pricing”). <@UADMIN01> <@UADMIN02>: <@USME0002> is the only expert available on security, so reassign it (\`/brief nudge reassign ${id} @someone\`) or add an expert (\`/brief sme add @someone security\`).`,
    ]);
  });
});

describe('a claimed nudge without a reply', () => {
  it("DMs the claimant after NUDGE_REPLY_REMINDER_HOURS, in business hours of the claimant's time zone", async () => {
    // Claimed at 14:00 UTC: 09:00 in New York (USME0001), 14:00 for USME0002 (UTC, the default).
    const ny = await postNudgeAt('2026-11-02T14:00:00Z');
    const utc = await postNudgeAt('2026-11-02T14:00:00Z');
    await claimNudge(deps, ny.id, 'USME0001');
    await claimNudge(deps, utc.id, 'USME0002');
    expect((await runAt('2026-11-02T21:59:00Z')).result).toEqual(nothing);
    // 22:00 UTC is 17:00 in New York: working hours there, evening in UTC.
    const evening = await runAt('2026-11-02T22:00:00Z');
    expect(evening.result).toEqual({ ...nothing, nudgedClaimants: 1 });
    expect(evening.sent.map((post) => post.channel)).toEqual(['USME0001']);
    const dm = evening.sent[0]?.message;
    if (!dm) throw new Error('no DM');
    expect(dm.text).toMatch(
      new RegExp(
        `^A reminder: no reply is recorded yet on conversation ${ny.id}\\. You claimed conversation ${ny.id}: Customers slam Acme pricing`,
      ),
    );
    expect(shown(dm)).toContain(
      `:alarm_clock: A reminder: you claimed conversation ${ny.id} 8 h ago and no reply is recorded yet.`,
    );
    expect(shown(dm)).toContain(
      `\`/brief nudge replied ${ny.id} &lt;link to your reply | how you replied&gt;\``,
    );
    expect(actionIdsOf(dm)).toEqual([
      Action.NudgeMarkReplied,
      Action.NudgeDraft,
      Action.NudgeNotMine,
      Action.NudgeRelease,
    ]);
    expect(shown(dm)).toContain(`"value":"${ny.id}"`);
    // USME0002 (UTC) had 4 working hours on Monday afternoon: the other 4 end at 13:00 on Tuesday.
    expect((await runAt('2026-11-03T12:59:00Z')).result).toEqual(nothing);
    const afternoon = await runAt('2026-11-03T13:00:00Z');
    expect(afternoon.sent.map((post) => post.channel)).toEqual(['USME0002']);
    expect((await runAt('2026-11-03T15:00:00Z')).result).toEqual(nothing);
  });

  it("uses the profile's time zone of a claimant who is not on any beat", async () => {
    deps.userTimeZones.set('UOUTSIDE', 'Asia/Tokyo');
    // Monday 00:00 UTC is 09:00 in Tokyo: 8 working hours there end at 17:00, 08:00 UTC.
    const { id } = await postNudgeAt('2026-11-02T00:00:00Z');
    await claimNudge(deps, id, 'UOUTSIDE');
    expect((await runAt('2026-11-02T07:59:00Z')).result).toEqual(nothing);
    const { result, sent } = await runAt('2026-11-02T08:00:00Z');
    expect(result).toEqual({ ...nothing, nudgedClaimants: 1 });
    expect(sent.map((post) => post.channel)).toEqual(['UOUTSIDE']);
  });

  it('counts only working hours over a weekend: claimed on Friday at 15:00, reminded on Monday at 14:00', async () => {
    const { id } = await postNudgeAt('2026-11-06T15:00:00Z');
    await claimNudge(deps, id, 'USME0002');
    for (const at of [
      '2026-11-06T23:00:00Z',
      '2026-11-07T10:00:00Z',
      '2026-11-08T17:00:00Z',
      '2026-11-09T09:00:00Z',
      '2026-11-09T13:59:00Z',
    ]) {
      expect(await runAt(at), at).toEqual({ result: nothing, sent: [] });
    }
    const { result, sent } = await runAt('2026-11-09T14:00:00Z');
    expect(result).toEqual({ ...nothing, nudgedClaimants: 1 });
    expect(sent.map((post) => post.channel)).toEqual(['USME0002']);
  });
});

describe('a claim that stays quiet after its reminder (the expert audit)', () => {
  it('goes to the admins a working day after the reminder, once, with reassign and release, before it expires', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    await claimNudge(deps, id, 'USME0002');
    // The 8 working hours end at 17:00: the reminder; 9 more end at 17:00 on Tuesday.
    expect((await runAt('2026-11-02T17:00:00Z')).result).toEqual({ ...nothing, nudgedClaimants: 1 });
    expect((await runAt('2026-11-03T16:59:00Z')).result).toEqual(nothing);
    const { result, sent } = await runAt('2026-11-03T17:00:00Z');
    expect(result).toEqual({ ...nothing, escalated: 1 });
    expect(sent.map((post) => post.channel)).toEqual(['UADMIN01', 'UADMIN02']);
    const text = sent[0]?.message.text ?? '';
    expect(text).toContain(`<@USME0002> claimed "Customers slam Acme pricing`);
    expect(text).toContain(`(conversation ${id}) in <#C0TALK> 32 h ago and has recorded no reply`);
    expect(text).toContain('Their claim expires Mon 9 Nov 09:00 UTC, and the conversation with it.');
    expect(text).toContain(`\`/brief nudge reassign ${id} @someone\``);
    expect(text).toContain(`\`/brief nudge release ${id}\``);
    // Once only, until it expires.
    for (const at of ['2026-11-04T12:00:00Z', '2026-11-06T12:00:00Z'])
      expect((await runAt(at)).result, at).toEqual(nothing);
  });

  it('says when the quiet claimant is away, and until when, so the admins know to hand it on', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    await claimNudge(deps, id, 'USME0002');
    await runAt('2026-11-02T17:00:00Z');
    await setSmeAway(deps, 'USME0002', new Date('2026-11-10T23:59:00Z'), 'UADMIN01');
    const { sent } = await runAt('2026-11-03T17:00:00Z');
    expect(sent[0]?.message.text).toContain(
      `<@USME0002> (away until Tue 10 Nov) claimed "Customers slam Acme pricing`,
    );
  });

  it('a claimant away over a weekend is not reminded: the admins hear when the reminder would have come; back, they are reminded; then it expires', async () => {
    const { id } = await postNudgeAt('2026-11-06T15:00:00Z'); // a Friday
    await claimNudge(deps, id, 'USME0002');
    await setSmeAway(deps, 'USME0002', new Date('2026-11-11T23:59:59Z'), 'UADMIN01');
    // The weekend neither sends nor counts; 8 working hours end on Monday at 14:00.
    for (const at of [
      '2026-11-06T17:59:00Z',
      '2026-11-07T12:00:00Z',
      '2026-11-08T12:00:00Z',
      '2026-11-09T13:59:00Z',
    ])
      expect(await runAt(at), at).toEqual({ result: nothing, sent: [] });
    const monday = await runAt('2026-11-09T14:00:00Z');
    expect(monday.result).toEqual({ ...nothing, escalated: 1 });
    expect(monday.sent.map((post) => post.channel)).toEqual(['UADMIN01', 'UADMIN02']);
    expect(monday.sent[0]?.message.text).toContain(
      `<@USME0002> (away until Wed 11 Nov) claimed "Customers slam Acme pricing in backlash over price increase" (conversation ${id}) in <#C0TALK> 3 days ago and has recorded no reply, and, being away, was not reminded. Their claim expires Fri 13 Nov 15:00 UTC`,
    );
    // Once only while they are out.
    expect((await runAt('2026-11-10T14:00:00Z')).result).toEqual(nothing);
    // Back on Thursday, with the claim still theirs: reminded then, once.
    const back = await runAt('2026-11-12T09:00:00Z');
    expect(back.result).toEqual({ ...nothing, nudgedClaimants: 1 });
    expect(back.sent.map((post) => post.channel)).toEqual(['USME0002']);
    expect((await runAt('2026-11-13T14:59:00Z')).result).toEqual(nothing);
    // A week after the claim, weekend included, it expires.
    expect((await runAt('2026-11-13T15:00:00Z')).result).toEqual({ ...nothing, expired: 1 });
    expect(nudgeRow(deps, id).state).toBe('expired');
  });

  it('a claimant away and then taken off every beat is still not reminded: the admins hear instead', async () => {
    const { id } = await postNudgeAt('2026-11-06T15:00:00Z'); // a Friday
    await claimNudge(deps, id, 'USME0002');
    await setSmeAway(deps, 'USME0002', new Date('2026-11-11T23:59:59Z'), 'UADMIN01');
    await removeSme(deps, 'USME0002', 'UADMIN01');
    const monday = await runAt('2026-11-09T14:00:00Z');
    expect(monday.result).toEqual({ ...nothing, escalated: 1 });
    expect(monday.sent.map((post) => post.channel)).toEqual(['UADMIN01', 'UADMIN02']);
    expect(monday.sent[0]?.message.text).toContain(
      `<@USME0002> (no longer an expert; away until Wed 11 Nov) claimed "Customers slam Acme pricing`,
    );
    expect(monday.sent[0]?.message.text).toContain('and, being away, was not reminded');
    expect((await runAt('2026-11-10T14:00:00Z')).result).toEqual(nothing);
  });

  it('an escalation of the unclaimed nudge is not the claim’s: claimed after it, the claim is escalated too', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    await runAt('2026-11-02T13:00:00Z');
    expect((await runAt('2026-11-03T09:00:00Z')).result).toEqual({ ...nothing, escalated: 1 });
    deps.clock.set('2026-11-03T09:00:00Z');
    await claimNudge(deps, id, 'USME0002');
    expect((await runAt('2026-11-03T17:00:00Z')).result).toEqual({ ...nothing, nudgedClaimants: 1 });
    const { result, sent } = await runAt('2026-11-04T17:00:00Z');
    expect(result).toEqual({ ...nothing, escalated: 1 });
    expect(sent[0]?.message.text).toContain('<@USME0002> claimed');
  });

  it('a claim escalation still owed is dropped once the conversation is no longer claimed', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    await claimNudge(deps, id, 'USME0002');
    await runAt('2026-11-02T17:00:00Z');
    const unmatched = rateLimitAdminDms();
    expect((await runAt('2026-11-03T17:00:00Z')).result).toEqual({ ...nothing, escalated: 1 });
    expect(nock.isDone()).toBe(true);
    await markReplied(deps, id, 'USME0002', 'https://www.linkedin.com/posts/reply');
    deps.clock.set('2026-11-03T18:00:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(unmatched.stop()).toEqual([]);
  });

  it('the claimant can snooze their reminder: nothing until the snooze ends, and the clock restarts then', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    await claimNudge(deps, id, 'USME0002');
    deps.clock.set('2026-11-02T10:00:00Z');
    const snoozed = await snoozeADay(deps, id, 'USME0002', new Date('2026-11-04T09:00:00Z'));
    expect(snoozed).toEqual({ until: 'Wed 4 Nov 09:00 UTC', note: '', claimed: true });
    for (const at of ['2026-11-02T17:00:00Z', '2026-11-03T17:00:00Z', '2026-11-04T16:59:00Z'])
      expect(await runAt(at), at).toEqual({ result: nothing, sent: [] });
    const { result, sent } = await runAt('2026-11-04T17:00:00Z');
    expect(result).toEqual({ ...nothing, nudgedClaimants: 1 });
    expect(sent.map((post) => post.channel)).toEqual(['USME0002']);
  });
});

describe('expiry', () => {
  it('after NUDGE_EXPIRE_DAYS, open and claimed nudges expire and their messages say so', async () => {
    const open = await postNudgeAt('2026-11-02T09:00:00Z');
    const claimed = await postNudgeAt('2026-11-02T09:00:00Z');
    await claimNudge(deps, claimed.id, 'USME0002');
    expect((await runAt('2026-11-09T08:59:00Z')).result).toEqual(nothing);
    const { result, sent } = await runAt('2026-11-09T09:00:00Z');
    expect(result).toEqual({ ...nothing, expired: 2 });
    expect(nudgeRow(deps, open.id).state).toBe('expired');
    expect(nudgeRow(deps, claimed.id).state).toBe('expired');
    const updates = sent.filter((post) => post.updates);
    expect(updates.map((post) => [post.channel, post.updates]).sort()).toEqual([
      ['C0TALK', open.ts],
      ['C0TALK', claimed.ts],
    ]);
    // The claimant is told; nobody is, for the open one.
    expect(sent.filter((post) => !post.updates).map((post) => post.channel)).toEqual(['USME0002']);
    for (const update of updates) {
      expect(shown(update.message)).toContain('Expired: nobody replied in time.');
      expect(actionIdsOf(update.message)).toEqual([]);
    }
    const expiries = (await nudgeAudit(deps)).filter((event) => event.action === 'nudge.expire');
    expect(expiries.map((event) => [event.actorId, event.nudgeId]).sort()).toEqual([
      ['briefbot', open.id],
      ['briefbot', claimed.id],
    ]);
    expect((await runAt('2026-11-10T09:00:00Z')).result).toEqual(nothing);
  });
});

describe('an expired claim', () => {
  it('counts NUDGE_EXPIRE_DAYS from the claim, not from the nudge, and DMs the claimant what to do', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    deps.clock.set('2026-11-08T09:00:00Z');
    await claimNudge(deps, id, 'USME0002');
    // 7 days after the nudge, 1 after the claim: the claimant still has their time.
    await runAt('2026-11-09T09:00:00Z');
    expect(nudgeRow(deps, id).state).toBe('claimed');
    expect((await runAt('2026-11-15T08:59:00Z')).result.expired).toBe(0);
    const { result, sent } = await runAt('2026-11-15T09:00:00Z');
    expect(result.expired).toBe(1);
    expect(nudgeRow(deps, id).state).toBe('expired');
    const dm = sent.find((post) => post.channel === 'USME0002')?.message;
    if (!dm) throw new Error('no DM to the claimant');
    expect(dm.text).toMatch(
      /^Your claim on "Customers slam Acme pricing.*" expired: no reply was recorded within 7 days/,
    );
    expect(shown(dm)).toContain(`/brief nudge replied ${id} &lt;link to your reply&gt;`);
    expect(shown(dm)).toContain(
      `Replied with no link (by email, by phone)? Say so: \`/brief nudge replied ${id} by email\`.`,
    );
    expect(actionIdsOf(dm)).toEqual([Action.NudgeMarkReplied]);
    expect(shown(dm)).toContain(`"value":"${id}"`);
    // Said late, with no link, the reply is still taken.
    await markReplied(deps, id, 'USME0002', 'by email');
    expect(
      deps.db.sqlite
        .prepare('SELECT state, reply_url AS url, reply_note AS note FROM nudges WHERE id = ?')
        .get(id),
    ).toEqual({ state: 'replied', url: null, note: 'by email' });
  });

  /** A claim by USME0002 expiring at 09:00 on 15 November while Slack answers its DM with `status`. */
  async function expireWhileDmFails(status: number, response: Record<string, unknown> | string) {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    deps.clock.set('2026-11-08T09:00:00Z');
    await claimNudge(deps, id, 'USME0002');
    const unmatched = sendThroughNockedSlack();
    nock(slackApi)
      .post('/api/chat.update')
      .reply(200, { ok: true })
      .post('/api/conversations.open', /USME0002/)
      .reply(200, { ok: true, channel: { id: 'D0SME02' } })
      .post('/api/chat.postMessage', /D0SME02/)
      .reply(status, response);
    expect((await runAt('2026-11-15T09:00:00Z')).result.expired).toBe(1);
    expect(nock.isDone()).toBe(true);
    return { id, unmatched };
  }

  it('a claim-expiry DM Slack refuses for now (429, then 500) is sent again by the background cycle, once', async () => {
    const { unmatched } = await expireWhileDmFails(429, { ok: false, error: 'ratelimited' });
    // Due a minute after the failure, then 2 minutes after the next.
    deps.clock.set('2026-11-15T09:00:30Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    deps.clock.set('2026-11-15T09:01:00Z');
    nock(slackApi)
      .post('/api/chat.postMessage', /D0SME02/)
      .reply(500, 'upstream error');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(nock.isDone()).toBe(true);
    deps.clock.set('2026-11-15T09:03:00Z');
    // The 500's answer was lost: the DM is read first; the expiry is not there, so it is sent.
    answerHistory('conversations.history', [], { channel: /D0SME02/ });
    let dm = '';
    nock(slackApi)
      .post('/api/chat.postMessage', /D0SME02/)
      .reply(200, (_uri, body) => {
        dm = String(body);
        return { ok: true, ts: '3.000100' };
      });
    expect(await sendDueDeliveries(deps)).toBe(1);
    expect(decodeURIComponent(dm)).toContain('expired');
    // Sent: never again (no call is mocked), and the follow-through does not expire it twice.
    deps.clock.set('2026-11-16T09:00:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect((await runAt('2026-11-16T09:00:00Z')).result).toEqual(nothing);
    expect(unmatched.stop()).toEqual([]);
  });

  it("a claim-expiry DM whose answer was lost (a 500 after Slack took it) is found in the claimant's DM: not sent twice", async () => {
    const { unmatched } = await expireWhileDmFails(500, 'upstream error');
    const marker = deps.db.sqlite
      .prepare(
        "SELECT 'delivery:' || id FROM deliveries WHERE kind = 'claim-expired' AND recipient = 'USME0002'",
      )
      .pluck()
      .get() as string;
    deps.clock.set('2026-11-15T09:01:00Z');
    const reads: Array<Record<string, string>> = [];
    answerHistory('conversations.history', [markedMessage('3.000100', marker)], { reads });
    await sendDueDeliveries(deps);
    expect(reads).toEqual([expect.objectContaining({ channel: 'D0SME02' })]);
    // Found: recorded as sent, and never posted again (no chat.postMessage is mocked).
    expect(
      deps.db.sqlite
        .prepare("SELECT due_at IS NULL AND sent_at IS NOT NULL FROM deliveries WHERE kind = 'claim-expired'")
        .safeIntegers(false)
        .pluck()
        .get(),
    ).toBe(1);
    deps.clock.set('2026-11-16T09:00:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(unmatched.stop()).toEqual([]);
  });

  it('a claim-expiry DM Slack refuses for good (channel_not_found) is logged, not sent again', async () => {
    const { unmatched } = await expireWhileDmFails(200, { ok: false, error: 'channel_not_found' });
    deps.clock.set('2026-11-16T09:00:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(unmatched.stop()).toEqual([]);
  });

  it('a claim-expiry DM still owed is dropped once the claimant records the reply', async () => {
    const { id, unmatched } = await expireWhileDmFails(500, 'upstream error');
    nock(slackApi).post('/api/chat.update').reply(200, { ok: true });
    await recordReply(deps, id, 'USME0002', 'https://social.example/late');
    deps.clock.set('2026-11-15T10:00:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(unmatched.stop()).toEqual([]);
  });

  it("still takes the claimant's reply link, and only theirs; an unclaimed expired one takes none", async () => {
    const claimed = await postNudgeAt('2026-11-02T09:00:00Z');
    const open = await postNudgeAt('2026-11-02T09:00:00Z');
    await claimNudge(deps, claimed.id, 'USME0002');
    await runAt('2026-11-09T09:00:00Z');
    expect([nudgeRow(deps, claimed.id).state, nudgeRow(deps, open.id).state]).toEqual(['expired', 'expired']);
    await expect(markReplied(deps, claimed.id, 'USME0001', 'https://social.example/x')).rejects.toThrow(
      'Only <@USME0002>, who claimed this conversation',
    );
    await expect(markReplied(deps, open.id, 'UADMIN01', 'https://social.example/y', true)).rejects.toThrow(
      `Conversation ${open.id} expired without a recorded reply. To ask the experts again, reopen it: \`/brief nudge reopen ${open.id}\`.`,
    );
    await markReplied(deps, claimed.id, 'USME0002', 'https://social.example/late');
    expect(nudgeRow(deps, claimed.id)).toMatchObject({
      state: 'replied',
      replyUrl: 'https://social.example/late',
    });
  });
});

describe('a reopened conversation', () => {
  it('expires NUDGE_EXPIRE_DAYS after its reopening, and is reminded again from then', async () => {
    const { id, ts } = await postNudgeAt('2026-11-02T09:00:00Z');
    await runAt('2026-11-09T09:00:00Z');
    expect(nudgeRow(deps, id).state).toBe('expired');
    deps.clock.set('2026-11-10T09:00:00Z');
    await reopenNudge(deps, id, 'UADMIN01');
    expect((await runAt('2026-11-10T09:01:00Z')).result).toEqual(nothing);
    expect(nudgeRow(deps, id).state).toBe('open');
    const reminded = await runAt('2026-11-10T13:00:00Z');
    expect(reminded.result).toEqual({ ...nothing, reminded: 1 });
    expect(reminded.sent.map((post) => [post.channel, post.threadTs])).toEqual([['C0TALK', ts]]);
    expect((await runAt('2026-11-17T08:59:00Z')).result.expired).toBe(0);
    expect((await runAt('2026-11-17T09:00:00Z')).result.expired).toBe(1);
  });
});

describe('working hours between two instants', () => {
  const hours = (from: string, to: string, timeZone?: string) =>
    workingMsBetween(deps, new Date(from), new Date(to), timeZone) / 3600_000;

  it('counts weekday working hours only', () => {
    expect(hours('2026-11-02T09:00:00Z', '2026-11-02T13:30:00Z')).toBe(4.5);
    expect(hours('2026-11-02T07:00:00Z', '2026-11-02T20:00:00Z')).toBe(9);
    expect(hours('2026-11-06T17:00:00Z', '2026-11-09T10:00:00Z')).toBe(2); // Friday 17:00 to Monday 10:00
    expect(hours('2026-11-07T00:00:00Z', '2026-11-09T00:00:00Z')).toBe(0); // the weekend
    expect(hours('2026-11-02T00:00:00Z', '2026-11-09T00:00:00Z')).toBe(45); // a whole week
    expect(hours('2026-11-02T12:00:00Z', '2026-11-02T12:00:00Z')).toBe(0);
    expect(hours('2026-11-02T12:00:20Z', '2026-11-02T12:00:50Z')).toBeCloseTo(30 / 3600, 9);
  });

  it("in the person's time zone, across a daylight-saving change", () => {
    // 09:00-18:00 in New York is 14:00-23:00 UTC in November.
    expect(hours('2026-11-02T12:00:00Z', '2026-11-02T16:00:00Z', 'America/New_York')).toBe(2);
    // Berlin leaves summer time on Sunday 25 October 2026: Friday 17:00 CEST to Monday 10:00 CET.
    expect(hours('2026-10-23T15:00:00Z', '2026-10-26T09:00:00Z', 'Europe/Berlin')).toBe(2);
  });

  it('with working hours that cross midnight', async () => {
    await deps.cleanup();
    await setup({ BUSINESS_HOURS: '22:00-06:00' });
    // Monday 20:00 to Tuesday 08:00: 22:00-24:00 on Monday, 00:00-06:00 on Tuesday.
    expect(hours('2026-11-02T20:00:00Z', '2026-11-03T08:00:00Z')).toBe(8);
  });
});

/** Answers the next chat.postMessage with `status` and `body`, keeping the form it was sent. */
function answerPost(
  forms: Array<Record<string, string>>,
  status: number,
  body: Record<string, unknown> | string,
  headers: Record<string, string> = {},
) {
  nock(slackApi)
    .post('/api/chat.postMessage')
    .reply(
      status,
      (_uri, request) => {
        forms.push(Object.fromEntries(new URLSearchParams(String(request))));
        return body;
      },
      headers,
    );
}

describe('a reminder Slack refuses for now', () => {
  it("the experts' reminder waits out a 429's Retry-After, then backs off after a 500, and is posted once, in the thread", async () => {
    const { ts } = await postNudgeAt('2026-11-02T09:00:00Z');
    deps.outbox = createNockedOutbox({ rejectRateLimitedCalls: true });
    const unmatched = watchUnmatched();
    const forms: Array<Record<string, string>> = [];
    answerPost(forms, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '300' });
    expect((await runAt('2026-11-02T13:00:00Z')).result).toEqual({ ...nothing, reminded: 1 });
    expect(nock.isDone()).toBe(true);
    // Slack asked for 5 minutes: neither the follow-through nor the background cycle asks sooner.
    for (const at of ['2026-11-02T13:01:00Z', '2026-11-02T13:04:59Z']) {
      expect((await runAt(at)).result, at).toEqual(nothing);
      expect(await sendDueDeliveries(deps), at).toBe(0);
    }
    deps.clock.set('2026-11-02T13:05:00Z');
    answerPost(forms, 500, 'upstream error');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(nock.isDone()).toBe(true);
    // The second failure: 2 minutes, not 1.
    deps.clock.set('2026-11-02T13:06:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    deps.clock.set('2026-11-02T13:07:00Z');
    // After the 500 the thread is read first: the reminder is not in it, so it is posted.
    const reads: Array<Record<string, string>> = [];
    answerHistory('conversations.replies', [markedMessage(ts, 'nudge:1')], { reads });
    answerPost(forms, 200, { ok: true, ts: '5.000100' });
    expect(await sendDueDeliveries(deps)).toBe(1);
    expect(reads).toEqual([expect.objectContaining({ channel: 'C0TALK', ts })]);
    expect(forms.map((form) => [form.channel, form.thread_ts])).toEqual([
      ['C0TALK', ts],
      ['C0TALK', ts],
      ['C0TALK', ts],
    ]);
    expect(forms[2]?.text).toContain('<@USME0002>: this conversation is still waiting');
    // Posted: never again (no call is mocked).
    // (Before 14:00 UTC, when the New York expert, not pinged at 04:00 their time, is owed their morning DM.)
    deps.clock.set('2026-11-02T13:50:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect((await runAt('2026-11-02T13:50:00Z')).result).toEqual(nothing);
    expect(unmatched.stop()).toEqual([]);
  });

  it("the experts' reminder whose answer was lost (a 500 after Slack took it) is found in the thread: not posted twice", async () => {
    const { ts } = await postNudgeAt('2026-11-02T09:00:00Z');
    const unmatched = sendThroughNockedSlack();
    const forms: Array<Record<string, string>> = [];
    answerPost(forms, 500, 'upstream error');
    expect((await runAt('2026-11-02T13:00:00Z')).result).toEqual({ ...nothing, reminded: 1 });
    const marker = markerOf(forms[0]);
    expect(forms[0]).toMatchObject({ channel: 'C0TALK', thread_ts: ts });
    expect(marker).toMatch(/^delivery:\d+$/);
    deps.clock.set('2026-11-02T13:01:00Z');
    const reads: Array<Record<string, string>> = [];
    answerHistory(
      'conversations.replies',
      [markedMessage(ts, `nudge:1`), markedMessage('4.000100', marker as string)],
      {
        reads,
      },
    );
    await sendDueDeliveries(deps);
    expect(reads).toEqual([expect.objectContaining({ channel: 'C0TALK', ts, include_all_metadata: 'true' })]);
    expect(forms).toHaveLength(1);
    // Recorded as posted: neither the background cycle nor the follow-through posts it again.
    deps.clock.set('2026-11-02T13:50:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect((await runAt('2026-11-02T13:50:00Z')).result).toEqual(nothing);
    expect(unmatched.stop()).toEqual([]);
  });

  it("with Slack's client waiting out a 429 itself (as the app runs it), the 429 still ends the pass", async () => {
    await postNudgeAt('2026-11-02T09:00:00Z');
    await postNudgeAt('2026-11-02T09:00:00Z');
    const unmatched = sendThroughNockedSlack();
    const forms: Array<Record<string, string>> = [];
    answerPost(forms, 500, 'upstream error');
    answerPost(forms, 500, 'upstream error');
    expect((await runAt('2026-11-02T13:00:00Z')).result).toEqual({ ...nothing, reminded: 2 });
    deps.clock.set('2026-11-02T13:01:00Z');
    // Each answer lost: its thread is read before it is posted again (one reminder each pass here).
    answerHistory('conversations.replies', []);
    answerPost(forms, 429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '0' });
    // Both are due; after the 429 the other is left for a later pass (no call is mocked for it).
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(forms).toHaveLength(3);
    deps.clock.set('2026-11-02T13:03:00Z');
    answerHistory('conversations.replies', []);
    answerPost(forms, 200, { ok: true, ts: '6.000100' });
    answerPost(forms, 200, { ok: true, ts: '6.000200' });
    expect(await sendDueDeliveries(deps)).toBe(2);
    expect(unmatched.stop()).toEqual([]);
  });

  it('a reminder still owed is dropped once someone claims the conversation', async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    const unmatched = sendThroughNockedSlack();
    answerPost([], 500, 'upstream error');
    expect((await runAt('2026-11-02T13:00:00Z')).result).toEqual({ ...nothing, reminded: 1 });
    await claimNudge(deps, id, 'USME0001');
    deps.clock.set('2026-11-02T13:05:00Z');
    expect(await sendDueDeliveries(deps)).toBe(0);
    expect(unmatched.stop()).toEqual([]);
  });

  it("a claimant's reminder Slack keeps refusing is tried 12 times, ever further apart (at most an hour), then logged and dropped", async () => {
    const { id } = await postNudgeAt('2026-11-02T09:00:00Z');
    await claimNudge(deps, id, 'USME0002');
    const errors: Array<Record<string, unknown>> = [];
    deps.logger = { ...silentLogger, error: (meta, text) => errors.push({ ...meta, text }) };
    const unmatched = sendThroughNockedSlack();
    const tries: number[] = [];
    nock(slackApi)
      .post('/api/conversations.open', /USME0002/)
      .reply(200, { ok: true, channel: { id: 'D0SME02' } })
      .post('/api/chat.postMessage', /D0SME02/)
      .times(12)
      .reply(500, () => {
        tries.push(deps.clock.now().getTime());
        return 'upstream error';
      });
    // Each answer lost: the DM is read before each try after the first, and the reminder is not there.
    answerHistory('conversations.history', [], { times: 11 });
    // 8 working hours after the claim at 09:00.
    expect((await runAt('2026-11-02T17:00:00Z')).result).toEqual({ ...nothing, nudgedClaimants: 1 });
    // The background cycle, every minute for 9 hours.
    for (let minute = 1; minute <= 9 * 60; minute++) {
      deps.clock.set(new Date(Date.parse('2026-11-02T17:00:00Z') + minute * 60_000));
      await sendDueDeliveries(deps);
    }
    const gaps = tries.slice(1).map((at, index) => (at - (tries[index] as number)) / 60_000);
    expect(gaps).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60]);
    expect(errors).toEqual([
      expect.objectContaining({
        kind: 'claimant-reminder',
        recipient: 'USME0002',
        code: 'http_500',
        failures: 12,
        text: 'message not delivered; giving up',
      }),
    ]);
    // Given up: the follow-through does not start again either.
    expect((await runAt('2026-11-03T10:00:00Z')).result).toEqual(nothing);
    expect(unmatched.stop()).toEqual([]);
  });
});

describe('a requested response that expires', () => {
  it('who asked for it is told once, claimed (by whom) or not, with what they can do', async () => {
    const first = await storeItem(deps, feedId, 'r1', titles[0] as string);
    const second = await storeItem(deps, feedId, 'r2', titles[1] as string);
    // A marketer who is not an admin asks for one, an admin for the other.
    const claimed = (await requestResponse(deps, String(first), 'UMARKET1', null)).nudgeId;
    const open = (await requestResponse(deps, String(second), 'UADMIN01', null)).nudgeId;
    await claimNudge(deps, claimed, 'USME0002');
    // Both on their own would get the escalation and so on: only their expiry matters here.
    deps.db.sqlite
      .prepare('UPDATE nudges SET reminded_at = 1, escalated_at = 1, claimant_reminded_at = 1')
      .run();
    expect((await runAt('2026-11-09T08:59:00Z')).result).toEqual(nothing);
    const { result, sent } = await runAt('2026-11-09T09:00:00Z');
    expect(result).toEqual({ ...nothing, expired: 2 });
    const dms = sent.filter((post) => !post.updates);
    expect(dms.map((post) => post.channel).sort()).toEqual(['UADMIN01', 'UMARKET1', 'USME0002']);
    const marketer = dms.find((post) => post.channel === 'UMARKET1')?.message;
    expect(marketer?.text).toMatch(
      new RegExp(
        `^The conversation you asked for expired unanswered: "Customers slam Acme pricing.*" \\(${claimed}\\): <@USME0002> claimed it but recorded no reply within 7 days\\. To ask the experts again, ask <@UADMIN01>, <@UADMIN02> or a workspace admin to reopen it\\.$`,
      ),
    );
    const adminDm = shown(dms.find((post) => post.channel === 'UADMIN01')?.message);
    expect(adminDm).toContain('no expert claimed it within 7 days');
    expect(adminDm).toContain(`\`/brief nudge reopen ${open}\``);
    // Once.
    expect((await runAt('2026-11-10T09:00:00Z')).sent).toEqual([]);
    expect(await sendDueDeliveries(deps)).toBe(0);
  });

  it('everyone who asked for it is told, the second asker too', async () => {
    const item = await storeItem(deps, feedId, 'r1', titles[0] as string);
    const id = (await requestResponse(deps, String(item), 'UMARKET1', null)).nudgeId;
    // A second person asks about the same story: they join those who asked.
    await nudgeCommand(deps, 'UMARKET2', null, `item #${item}`);
    deps.db.sqlite.prepare('UPDATE nudges SET reminded_at = 1, escalated_at = 1').run();
    const { sent } = await runAt('2026-11-09T09:00:00Z');
    const dms = sent.filter((post) => !post.updates);
    expect(dms.map((post) => post.channel).sort()).toEqual(['UMARKET1', 'UMARKET2']);
    expect(dms[1]?.message.text).toMatch(
      new RegExp(`^The conversation you asked for expired unanswered: .*\\(${id}\\)`),
    );
  });

  it('a DM to who asked that Slack refuses for now is sent again by the background cycle; not to whoever claimed it as well', async () => {
    const item = await storeItem(deps, feedId, 'r1', titles[0] as string);
    const id = (await requestResponse(deps, String(item), 'USME0002', null)).nudgeId;
    const other = await storeItem(deps, feedId, 'r2', titles[1] as string);
    const asked = (await requestResponse(deps, String(other), 'UMARKET1', null)).nudgeId;
    // The one who asked claims it themselves: one DM, the claimant's.
    await claimNudge(deps, id, 'USME0002');
    deps.db.sqlite
      .prepare('UPDATE nudges SET reminded_at = 1, escalated_at = 1, claimant_reminded_at = 1')
      .run();
    const post = deps.outbox.post;
    let refused = 0;
    deps.outbox.post = async (channel, message, options) => {
      if (channel === 'UMARKET1' && refused++ === 0) throw new PostError('http_503', false);
      return post(channel, message, options);
    };
    const { sent } = await runAt('2026-11-09T09:00:00Z');
    expect(sent.filter((dm) => !dm.updates).map((dm) => dm.channel)).toEqual(['USME0002']);
    expect(shown(sent.find((dm) => dm.channel === 'USME0002')?.message)).toContain('Your claim on');
    deps.clock.set('2026-11-09T09:01:00Z');
    expect(await sendDueDeliveries(deps)).toBe(1);
    expect(deps.sent.at(-1)?.channel).toBe('UMARKET1');
    expect(deps.sent.at(-1)?.message.text).toContain(`(${asked}): no expert claimed it`);
  });
});

describe('a snoozed conversation', () => {
  it('its "Snoozed until" line goes when the snooze ends: the background cycle redraws the message then', async () => {
    const { id, ts } = await postNudgeAt('2026-11-02T09:00:00Z');
    deps.clock.set('2026-11-02T10:00:00Z');
    await snoozeADay(deps, id, 'USME0002');
    expect(deps.sent.at(-1)?.updates).toBe(ts);
    expect(shown(deps.sent.at(-1)?.message)).toContain('Snoozed until');
    const before = deps.sent.length;
    deps.clock.set('2026-11-03T09:59:00Z');
    expect(await redrawStaleNudges(deps)).toBe(0);
    // Slack refuses the redraw at the snooze's end for now: the redraw's own retry takes over.
    const update = deps.outbox.update;
    deps.outbox.update = async () => {
      throw new PostError('http_503', false);
    };
    deps.clock.set('2026-11-03T10:00:00Z');
    expect(await redrawStaleNudges(deps)).toBe(0);
    deps.outbox.update = update;
    deps.clock.set('2026-11-03T10:01:00Z');
    expect(await redrawStaleNudges(deps)).toBe(1);
    const redrawn = deps.sent.slice(before);
    expect(redrawn.map((post) => post.updates)).toEqual([ts]);
    expect(shown(redrawn[0]?.message)).not.toContain('Snoozed');
    expect(actionIdsOf(redrawn[0]?.message ?? { text: '', blocks: [] })).toContain(Action.NudgeClaim);
    deps.clock.set('2026-11-04T10:00:00Z');
    expect(await redrawStaleNudges(deps)).toBe(0);
  });

  it('snoozed before it was posted: posted with the line, redrawn without it when the snooze ends', async () => {
    deps.clock.set('2026-11-02T09:00:00Z');
    const id = await nudgeAbout(deps, { feedId, guid: 'early', title: titles[0] as string, topicId: null });
    await snoozeNudge(deps, id, 'USME0002', new Date('2026-11-02T12:00:00Z'));
    await postPendingNudges(deps);
    expect(shown(deps.sent.at(-1)?.message)).toContain('Snoozed until');
    deps.clock.set('2026-11-02T12:00:00Z');
    expect(await redrawStaleNudges(deps)).toBe(1);
    expect(deps.sent.at(-1)?.updates).toBe(nudgeRow(deps, id).messageTs);
    expect(shown(deps.sent.at(-1)?.message)).not.toContain('Snoozed');
  });
});
