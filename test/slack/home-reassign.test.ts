import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimNudge, markReplied, releaseNudge } from '../../src/engage/claims.ts';
import type { Running } from '../../src/index.ts';
import { buildHome } from '../../src/slack/home.ts';
import { Action, View } from '../../src/slack/ids.ts';
import type { TestDeps } from '../helpers/deps.ts';
import { createBeat, createNewsBeat, nudgeAbout } from '../helpers/nudges.ts';
import {
  answerSlackApi,
  type HttpApp,
  homeButtonBody,
  interactionFrom,
  postToSlack,
  type SlackCall,
  startHttpApp,
  watchUnmatched,
} from '../helpers/slack-http.ts';

const admin = 'UADMIN01';
const holder = 'USME0001';
const colleague = 'USME0002';
const away = 'USME0003';
const newcomer = 'UNEW0001';
let app: HttpApp;
let running: Running;
let deps: TestDeps;
let feedId: number;
let topicId: number;
let calls: SlackCall[];
let guid = 0;

beforeAll(async () => {
  app = await startHttpApp({ BRIEFBOT_ADMINS: admin, NUDGE_QUIET_HOURS: 'none' });
  ({ running } = app);
  // The helpers read and write through deps alone; the app runs on the system clock.
  deps = running.deps as TestDeps;
  ({ feedId, topicId } = await createNewsBeat(deps, {
    experts: [
      { userId: holder },
      { userId: colleague },
      // The end of a day, as `sme away` stores it (another hour reads as the time they are back).
      {
        userId: away,
        awayUntil: new Date(new Date(Date.now() + 30 * 24 * 3600_000).setUTCHours(23, 59, 0, 0)),
      },
    ],
  }));
});

beforeEach(() => {
  calls = [];
});

afterAll(async () => {
  await app.stop();
});

/**
 * Every Web API call the app makes from now, answered as Slack would and recorded in `calls`. Tests
 * where nothing may be called leave it out: any call then goes unanswered and shows in `watchUnmatched`.
 */
function answerSlack(): void {
  answerSlackApi(calls);
}

/** Submits the form expecting a refusal in it, and checks that no Web API call was made. */
async function refusedInForm(nudgeId: number, to: string | null): Promise<unknown> {
  const unmatched = watchUnmatched();
  const body = await (await submitForm(admin, nudgeId, to)).json();
  await new Promise((resolve) => setTimeout(resolve, 100));
  // The form's own post to the app is no Slack call.
  expect(unmatched.stop().filter((request) => !request.endsWith('/slack/events'))).toEqual([]);
  return body;
}

/** A conversation posted in #talk and claimed by `holder`, as on an admin's Home. */
async function heldConversation(): Promise<number> {
  const id = await postedConversation();
  await claimNudge(deps, id, holder);
  calls.length = 0;
  return id;
}

/** A conversation posted in #talk, waiting for a claim by the pricing experts. */
async function postedConversation(title?: string): Promise<number> {
  guid += 1;
  const id = await nudgeAbout(deps, {
    feedId,
    guid: `g${guid}`,
    title: title ?? `Acme pricing story ${guid}`,
    topicId,
  });
  deps.db.sqlite
    .prepare("UPDATE nudges SET posted_at = ?, message_ts = '1.1' WHERE id = ?")
    .run(Date.now(), id);
  return id;
}

function state(id: number) {
  return deps.db.sqlite.prepare('SELECT state, claimant_id AS claimantId FROM nudges WHERE id = ?').get(id);
}

/** An interactive payload from `userId`, posted signed to the app (or to `to`, another instance) as Slack posts it. */
function interaction(userId: string, payload: Record<string, unknown>, to: HttpApp = app) {
  return postToSlack(to, interactionFrom(userId, payload));
}

/** Reassign pressed on App Home: a view, so no channel and no response URL. */
function pressReassign(userId: string, nudgeId: number, to: HttpApp = app) {
  return pressOnHome(userId, Action.NudgeReassign, nudgeId, to);
}

/** A conversation's button (`actionId`) pressed on App Home, by `userId`. */
function pressOnHome(userId: string, actionId: string, nudgeId: number, to: HttpApp = app) {
  return postToSlack(to, homeButtonBody(userId, actionId, nudgeId));
}

/**
 * The Reassign form submitted: whom, and whether the "even if away" box is ticked; `form`: what the
 * opened form carried, and the instance Slack sends it to.
 */
function submitForm(
  userId: string,
  nudgeId: number,
  to: string | null,
  evenIfAway = false,
  form: { metadata?: string; app?: HttpApp } = {},
) {
  return interaction(
    userId,
    {
      type: 'view_submission',
      trigger_id: '7.7.8',
      view: {
        id: 'V0FORM',
        type: 'modal',
        callback_id: View.NudgeReassign,
        private_metadata: form.metadata ?? String(nudgeId),
        state: {
          values: {
            person: { value: { type: 'users_select', selected_user: to } },
            away: {
              value: {
                type: 'checkboxes',
                selected_options: evenIfAway
                  ? [{ text: { type: 'plain_text', text: 'x' }, value: 'confirm' }]
                  : [],
              },
            },
          },
        },
        blocks: [],
      },
    },
    form.app,
  );
}

/** The texts posted to `userId`'s DM, in order. */
function dmsTo(userId: string): string[] {
  return calls
    .filter((call) => call.method === 'chat.postMessage' && call.body.channel === `D${userId}`)
    .map((call) => call.body.text ?? '');
}

/** Slack's own calls settle after the HTTP response: wait until `done` holds (up to 10 s: a shared machine under load is slow). */
async function until(done: () => boolean): Promise<void> {
  for (let tries = 0; tries < 500 && !done(); tries++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(done(), JSON.stringify(calls.map((call) => call.method))).toBe(true);
}

describe('Reassign on App Home, through the real receiver', () => {
  it('opens the form for an admin: the story, who holds it, whom to give it to, and the away box', async () => {
    const id = await heldConversation();
    answerSlack();
    expect((await pressReassign(admin, id)).status).toBe(200);
    await until(() => calls.some((call) => call.method === 'views.open'));
    const opened = calls.find((call) => call.method === 'views.open');
    expect(opened?.body.trigger_id).toBe('7.7.7');
    const view = JSON.parse(opened?.body.view ?? '{}');
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: View.NudgeReassign,
      private_metadata: String(id),
    });
    expect(JSON.stringify(view.blocks)).toContain(`Held by <@${holder}>`);
    const inputs = view.blocks.filter((block: { type: string }) => block.type === 'input');
    expect(
      inputs.map((block: { block_id: string; element: { type: string } }) => [
        block.block_id,
        block.element.type,
      ]),
    ).toEqual([
      ['person', 'users_select'],
      ['away', 'checkboxes'],
    ]);
    // Nothing else is posted or opened (a look-up of someone's profile, e.g. for a Home redraw's
    // time zone, may settle meanwhile).
    expect(calls.map((call) => call.method).filter((method) => method !== 'users.info')).toEqual([
      'views.open',
    ]);
  });

  it('refuses a forged press by someone who is no admin, by DM, and opens nothing', async () => {
    const id = await heldConversation();
    answerSlack();
    expect((await pressReassign(colleague, id)).status).toBe(200);
    await until(() => dmsTo(colleague).length > 0);
    expect(dmsTo(colleague)).toEqual([
      `Sorry, only Briefbot admins can reassign conversations. Ask <@${admin}> or a workspace admin.`,
    ]);
    expect(calls.some((call) => call.method === 'views.open')).toBe(false);
    expect(state(id)).toEqual({ state: 'claimed', claimantId: holder });
  });

  it('a forged form submission by someone who is no admin changes nothing and is told why', async () => {
    const id = await heldConversation();
    answerSlack();
    const response = await submitForm(colleague, id, newcomer);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await until(() => dmsTo(colleague).length > 0);
    expect(dmsTo(colleague)[0]).toMatch(/^Sorry, only Briefbot admins can reassign conversations\./);
    expect(state(id)).toEqual({ state: 'claimed', claimantId: holder });
    expect(calls.some((call) => call.method === 'views.publish')).toBe(false);
  });

  it('gives it to the person picked: the assignee and the former holder are told, the admin too, and Home is redrawn', async () => {
    const id = await heldConversation();
    answerSlack();
    const response = await submitForm(admin, id, colleague);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await until(() => calls.some((call) => call.method === 'views.publish'));
    expect(state(id)).toEqual({ state: 'claimed', claimantId: colleague });
    // The usual DM of a conversation given to someone: Mark replied and Release, and who gave it.
    const given = calls.find(
      (call) => call.method === 'chat.postMessage' && call.body.channel === `D${colleague}`,
    );
    expect(given?.body.text).toBe(
      `Conversation ${id} was given to you: Acme pricing story ${guid}. Reply, then press Mark replied.`,
    );
    expect(given?.body.blocks).toContain(Action.NudgeMarkReplied);
    expect(dmsTo(holder)).toEqual([
      `<@${admin}> reassigned "Acme pricing story ${guid}" to <@${colleague}>: you no longer need to reply to it.`,
    ]);
    // The admin hears what the command says, by DM: Home has no response URL.
    expect(dmsTo(admin)).toEqual([
      `Conversation ${id} is now <@${colleague}>'s; <@${holder}>, who had it, was told. \`/brief nudge ${id}\` shows where it stands.`,
    ]);
    // The channel message names the new holder.
    const redrawn = calls.find((call) => call.method === 'chat.update' && call.body.channel === 'C0TALK');
    expect(redrawn?.body.blocks).toContain(`Given to <@${colleague}> (by <@${admin}>)`);
    // Home, redrawn for the admin, shows who holds it now, with Reassign still under it.
    const publish = calls.find((call) => call.method === 'views.publish');
    expect(publish?.body.user_id).toBe(admin);
    const home = String(publish?.body.view);
    expect(home).toContain(`<@${colleague}> was given it by <@${admin}>`);
    expect(home).toContain(`"action_id":"${Action.NudgeReassign}","value":"${id}"`);
  });

  it('someone off its beat joins it, as with the command, and the admin is told how to undo that', async () => {
    const id = await heldConversation();
    answerSlack();
    await submitForm(admin, id, newcomer);
    await until(() => calls.some((call) => call.method === 'views.publish'));
    expect(state(id)).toEqual({ state: 'claimed', claimantId: newcomer });
    expect(dmsTo(admin)[0]).toContain(
      'They become an expert on the pricing beat too, so they are asked about its next stories (`/brief sme remove @UNEW0001` makes them no expert again).',
    );
    await deps.db.prisma.sme.delete({ where: { userId: newcomer } });
  });

  it('refuses in the form, changing nothing, the person who holds it already', async () => {
    const id = await heldConversation();
    expect(await refusedInForm(id, holder)).toEqual({
      response_action: 'errors',
      errors: { person: 'It is already theirs: pick someone else, or Cancel.' },
    });
    expect(state(id)).toEqual({ state: 'claimed', claimantId: holder });
  });

  it('refuses in the form an admin off its beat giving it to themselves: they claim it instead', async () => {
    const id = await heldConversation();
    expect(await refusedInForm(id, admin)).toEqual({
      response_action: 'errors',
      errors: {
        person: `You are not on its beat: to take it yourself, claim it (/brief nudge claim ${id}); admins may claim any conversation.`,
      },
    });
    expect(state(id)).toEqual({ state: 'claimed', claimantId: holder });
  });

  it('an expert marked away: the form says until when; with the box ticked, it is theirs', async () => {
    const id = await heldConversation();
    const refused = (await refusedInForm(id, away)) as { errors: { person: string } };
    expect(refused.errors.person).toMatch(
      /^They are away until \w{3} \d+ \w{3} \(end of day, UTC\), so nothing was changed\. Their claim would expire .+, before they are back\. To give it to them anyway, tick “Even if they are away” below; or pick someone else\.$/,
    );
    expect(state(id)).toEqual({ state: 'claimed', claimantId: holder });
    answerSlack();
    const confirmed = await submitForm(admin, id, away, true);
    expect(await confirmed.text()).toBe('');
    await until(() => calls.some((call) => call.method === 'views.publish'));
    expect(state(id)).toEqual({ state: 'claimed', claimantId: away });
    // As after `reassign … confirm`: their claim lapses before they are back, and the admin hears it.
    expect(dmsTo(admin)[0]).toMatch(
      /They are away until .+, and the claim expires .+, before they are back; their DM says so\./,
    );
  });

  it('an expert marked away: the form gives their day in the admin’s own zone, known without asking Slack then', async () => {
    const abroad = 'UADMIN02';
    const id = await heldConversation();
    // A workspace admin in Singapore: Slack's profile is read when the form opens, not when it is sent.
    answerSlackApi(calls, (call) =>
      call.method === 'users.info' && call.body.user === abroad
        ? { ok: true, user: { id: abroad, tz: 'Asia/Singapore', is_admin: true } }
        : undefined,
    );
    await pressReassign(abroad, id);
    await until(() => calls.some((call) => call.method === 'views.open'));
    await until(() => calls.some((call) => call.method === 'users.info' && call.body.user === abroad));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = calls.length;
    const body = (await (await submitForm(abroad, id, away)).json()) as { errors: { person: string } };
    // The end of their day in UTC is 08:00 the next morning in Singapore.
    expect(body.errors.person).toMatch(
      /^They are away until \w{3} \d+ \w{3} 08:00 GMT\+8, so nothing was changed\. Their claim would expire .+ GMT\+8, before they are back\./,
    );
    expect(calls.length).toBe(before);
    expect(state(id)).toEqual({ state: 'claimed', claimantId: holder });
  });

  it('with several instances, the form carries the admin’s zone to whichever receives it, once read', async () => {
    const id = await heldConversation();
    // A second instance on the same database (HTTP mode), which has not yet read the admin's profile.
    const other = await startHttpApp({
      BRIEFBOT_ADMINS: admin,
      NUDGE_QUIET_HOURS: 'none',
      DATABASE_URL: running.deps.config.DATABASE_URL,
    });
    try {
      // Slack's profile puts the admin in New York.
      answerSlackApi(calls, (call) =>
        call.method === 'users.info' && call.body.user === admin
          ? { ok: true, user: { id: admin, tz: 'America/New_York', is_admin: false } }
          : call.method === 'views.open'
            ? { ok: true, view: { id: 'V0FORM', hash: '1700.abc' } }
            : undefined,
      );
      await pressReassign(admin, id, other);
      // Not known as it opened: the form is given the zone once read, with the same inputs (what was picked stays).
      await until(() => calls.some((call) => call.method === 'views.update'));
      const first = JSON.parse(calls.find((call) => call.method === 'views.open')?.body.view ?? '{}');
      expect(first.private_metadata).toBe(String(id));
      const updated = calls.find((call) => call.method === 'views.update');
      expect([updated?.body.view_id, updated?.body.hash]).toEqual(['V0FORM', '1700.abc']);
      const given = JSON.parse(updated?.body.view ?? '{}');
      expect(JSON.parse(given.private_metadata)).toEqual({ nudgeId: id, timeZone: 'America/New_York' });
      expect(given.blocks).toEqual(first.blocks);
      // Pressed again there: known now, so the form opens with it.
      calls.length = 0;
      await pressReassign(admin, id, other);
      await until(() => calls.some((call) => call.method === 'views.open'));
      const opened = JSON.parse(calls.find((call) => call.method === 'views.open')?.body.view ?? '{}');
      expect(opened.private_metadata).toBe(given.private_metadata);
      expect(calls.some((call) => call.method === 'views.update')).toBe(false);
      // Slack sends the submission to the first instance, which read the admin's profile as UTC before.
      const before = calls.length;
      const body = (await (
        await submitForm(admin, id, away, false, { metadata: opened.private_metadata })
      ).json()) as { errors: { person: string } };
      // The end of their day in UTC is 19:00 that day in New York.
      expect(body.errors.person).toMatch(
        /^They are away until \w{3} \d+ \w{3} 19:00 GMT-5, so nothing was changed\. Their claim would expire .+ GMT-5, before they are back\./,
      );
      // Answered at once: the admin's profile is not asked for (the other instance may look experts up meanwhile).
      expect(
        calls.slice(before).filter((call) => call.method === 'users.info' && call.body.user === admin),
      ).toEqual([]);
      expect(state(id)).toEqual({ state: 'claimed', claimantId: holder });
    } finally {
      await other.stop();
    }
  });

  it('a conversation answered meanwhile: the form says so, and nothing changes', async () => {
    const id = await heldConversation();
    await markReplied(deps, id, holder, 'https://www.linkedin.com/posts/reply-1');
    expect(await refusedInForm(id, colleague)).toEqual({
      response_action: 'errors',
      errors: {
        person: `Conversation ${id} was answered meanwhile, so nothing was changed. To ask again, reopen it: /brief nudge reopen ${id}`,
      },
    });
    expect(state(id)).toEqual({ state: 'replied', claimantId: holder });
  });

  it('a conversation answered before the button was pressed: told by DM, no form', async () => {
    const id = await heldConversation();
    answerSlack();
    await markReplied(deps, id, holder, 'https://www.linkedin.com/posts/reply-2');
    await pressReassign(admin, id);
    await until(() => dmsTo(admin).length > 0);
    expect(dmsTo(admin)[0]).toMatch(new RegExp(`^Conversation ${id} was already answered by <@${holder}>`));
    expect(calls.some((call) => call.method === 'views.open')).toBe(false);
  });

  it('no one picked: the form asks for someone', async () => {
    const id = await heldConversation();
    expect(await refusedInForm(id, null)).toEqual({
      response_action: 'errors',
      errors: { person: 'Choose who should answer it.' },
    });
    expect(state(id)).toEqual({ state: 'claimed', claimantId: holder });
  });
});

describe('Not mine on App Home, under the holder’s own conversations, through the real receiver', () => {
  const security = 'USEC0001';
  const mover = 'USME0009';

  /** The Not mine form submitted with the topic picked, carrying what the opened form carried. */
  function submitMove(userId: string, metadata: string, topic: string) {
    return interaction(userId, {
      type: 'view_submission',
      trigger_id: '8.8.9',
      view: {
        id: 'V0MOVE',
        type: 'modal',
        callback_id: View.NudgeMove,
        private_metadata: metadata,
        state: {
          values: {
            topic: { value: { type: 'static_select', selected_option: { value: topic } } },
            reason: { value: { type: 'plain_text_input', value: 'a breach, not pricing' } },
          },
        },
        blocks: [],
      },
    });
  }

  it('opens the other beats’ form, as on the claim DM; submitted, it is given back and moved, and Home is redrawn without it', async () => {
    await createBeat(deps, { name: 'security', query: 'breach', experts: [{ userId: security }] });
    // A pricing expert holding this one alone, so their Home lists it among the five it shows.
    const sme = await deps.db.prisma.sme.create({ data: { userId: mover } });
    await deps.db.prisma.beat.create({ data: { smeId: sme.id, topicId } });
    const id = await heldConversation();
    await releaseNudge(deps, id, holder);
    await claimNudge(deps, id, mover);
    calls.length = 0;
    // The holder's Home has Not mine under the conversation, beside Draft a reply and Release.
    const home = JSON.stringify(await buildHome(deps, mover));
    expect(home).toContain(`"action_id":"${Action.NudgeNotMine}","value":"${id}"`);
    expect(home).toContain(`Not mine: give conversation ${id} back and send it to another beat`);
    answerSlack();
    expect((await pressOnHome(mover, Action.NudgeNotMine, id)).status).toBe(200);
    await until(() => calls.some((call) => call.method === 'views.open'));
    const form = JSON.parse(calls.find((call) => call.method === 'views.open')?.body.view ?? '{}');
    expect(form).toMatchObject({
      callback_id: View.NudgeMove,
      private_metadata: `${id}:home`,
      submit: { text: 'Give back, move' },
    });
    expect(JSON.stringify(form.blocks)).toContain('"value":"security"');
    calls.length = 0;
    expect((await submitMove(mover, form.private_metadata, 'security')).status).toBe(200);
    await until(() => calls.some((call) => call.method === 'views.publish'));
    expect(state(id)).toEqual({ state: 'open', claimantId: null });
    expect(dmsTo(mover).join('\n')).toContain(
      `You gave conversation ${id} back. Conversation ${id} is now on security (was pricing)`,
    );
    expect(dmsTo(security)).toHaveLength(1);
    // Home, redrawn for the holder, no longer lists it under their open conversations.
    const publish = calls.find((call) => call.method === 'views.publish');
    expect(publish?.body.user_id).toBe(mover);
    expect(String(publish?.body.view)).not.toContain(`"action_id":"${Action.NudgeNotMine}","value":"${id}"`);
  });

  it('is under each conversation waiting for a claim on the expert’s beats too, as on the message: it opens the form and moves it', async () => {
    await createBeat(deps, { name: 'legal', query: 'lawsuit', experts: [{ userId: 'ULEG0001' }] });
    const id = await postedConversation('Initech sues Acme over its renewal pricing clause');
    const home = await buildHome(deps, colleague);
    const under = home.blocks.find((block) => block.block_id === `home_nudge_${id}`);
    expect(JSON.stringify(under)).toContain(`"action_id":"${Action.RunCommand}","value":"nudge claim ${id}"`);
    expect(JSON.stringify(under)).toContain(`"action_id":"${Action.NudgeNotMine}","value":"${id}"`);
    expect(JSON.stringify(under)).toContain(`Not mine: send conversation ${id} to another beat`);
    answerSlack();
    expect((await pressOnHome(colleague, Action.NudgeNotMine, id)).status).toBe(200);
    await until(() => calls.some((call) => call.method === 'views.open'));
    const form = JSON.parse(calls.find((call) => call.method === 'views.open')?.body.view ?? '{}');
    // Not held by them: moved, not given back.
    expect(form).toMatchObject({
      callback_id: View.NudgeMove,
      private_metadata: `${id}:home`,
      submit: { text: 'Move it' },
    });
    calls.length = 0;
    expect((await submitMove(colleague, form.private_metadata, 'legal')).status).toBe(200);
    await until(() => calls.some((call) => call.method === 'views.publish'));
    expect(state(id)).toEqual({ state: 'open', claimantId: null });
    expect(
      deps.db.sqlite
        .prepare('SELECT t.name FROM nudges n JOIN topics t ON t.id = n.topic_id WHERE n.id = ?')
        .pluck()
        .get(id),
    ).toBe('legal');
    const publish = calls.find((call) => call.method === 'views.publish');
    expect(publish?.body.user_id).toBe(colleague);
    expect(String(publish?.body.view)).not.toContain(`"value":"nudge claim ${id}"`);
  });
});
