import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeItems } from '../../src/db/items.ts';
import { scoreControversy } from '../../src/engage/nudges.ts';
import type { Running } from '../../src/index.ts';
import { analyzeFeedBody } from '../../src/monitor/analyze.ts';
import {
  blockActionsBody,
  expectHook,
  type HttpApp,
  homeOpenedBody,
  hooks,
  interactionBody,
  postToSlack,
  sign,
  slackApi,
  slashCommandBody,
  startHttpApp,
} from '../helpers/slack-http.ts';

let app: HttpApp;
let running: Running;
let base: string;

beforeAll(async () => {
  app = await startHttpApp({ BRIEFBOT_ADMINS: 'UADMIN01' });
  ({ running, base } = app);
});

afterAll(async () => {
  await app.stop();
});

function post(body: string, headers: Record<string, string>, contentType?: string) {
  return postToSlack(app, body, headers, contentType);
}

function slashCommand(text: string, userId = 'UADMIN01'): string {
  return slashCommandBody(text, userId, `${hooks}/commands/T0TEAM/1/abc`);
}

/** A button of the help message pressed by `userId`, as Slack posts it; its reply goes to /actions/<hook>. */
function pressButton(userId: string, actionId: string, value: string, hook: number) {
  const body = blockActionsBody(userId, {
    container: { type: 'message', message_ts: '1.0', channel_id: 'C0CHANNEL' },
    channel: { id: 'C0CHANNEL', name: 'general' },
    trigger_id: `1.2.${hook}`,
    response_url: `${hooks}/actions/${hook}`,
    actions: [{ type: 'button', action_id: actionId, block_id: 'help_actions', value, action_ts: '1' }],
  });
  return post(body, sign(body));
}

/**
 * A forum feed with items published an hour ago, as if polled: stored, then scored for controversy as
 * the minute job does right after a poll (a score that ranks answers: done here, not left to whether
 * the wall clock's minute tick falls between seeding and asking).
 */
async function seedForum(host: string, titles: string[]): Promise<void> {
  const { sqlite } = running.deps.db;
  const feedId = Number(
    sqlite
      .prepare(
        "INSERT INTO feeds (url, title, kind, next_poll_at, created_at, updated_at) VALUES (?, 'Example Forum', 'forum', ?, 0, 0)",
      )
      .run(`${host}/rss`, Date.now() + 86_400_000).lastInsertRowid,
  );
  const item = (title: string) =>
    `<item><guid>${title}</guid><title>${title}</title><link>${host}/${encodeURIComponent(title)}</link><pubDate>${new Date(Date.now() - 3_600_000).toUTCString()}</pubDate><description>${title}. Several customers discuss the renewal quote and the new pricing tiers in detail.</description></item>`;
  const feed = await analyzeFeedBody(
    `<rss version="2.0"><channel><title>Example Forum</title>${titles.map(item).join('')}</channel></rss>`,
    `${host}/rss`,
    [],
  );
  sqlite.transaction(() => storeItems(sqlite, feed.items, { feedId, backlog: false, now: new Date() }))();
  const ids = sqlite.prepare('SELECT id FROM items WHERE feed_id = ?').pluck().all(feedId) as number[];
  await scoreControversy(running.deps, ids);
}

describe('HTTP mode, as Slack calls it', () => {
  it('answers GET /healthz once the database is ready', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('acks a signed slash command and replies through the response URL', async () => {
    const reply = expectHook('/commands/T0TEAM/1/abc');
    const body = slashCommand('help');
    const response = await post(body, sign(body));
    expect(response.status).toBe(200);
    const posted = await reply;
    expect(posted.response_type).toBe('ephemeral');
    expect(String(posted.text)).toMatch(/^Briefbot help/);
    expect(JSON.stringify(posted.blocks)).toMatch(/`\/brief status` — at a glance/);
  });

  it('runs a management command end to end: the change lands, and is recorded', async () => {
    const reply = expectHook('/commands/T0TEAM/1/abc');
    const body = slashCommand('topics add pricing pricing OR "price increase" -job kind=theme');
    expect((await post(body, sign(body))).status).toBe(200);
    expect(String((await reply).text)).toMatch(/Added topic \*pricing\* \(theme\)/);
    const topic = await running.deps.db.prisma.topic.findUniqueOrThrow({ where: { name: 'pricing' } });
    expect(topic.query).toBe('pricing OR "price increase" -job');
    expect(
      await running.deps.db.prisma.auditEvent.count({ where: { action: 'topic.add', actorId: 'UADMIN01' } }),
    ).toBe(1);
  });

  it('handles a button press (interactivity) as the presser, through users.info for non-listed admins', async () => {
    nock(slackApi)
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: 'UOWNER01', is_admin: false, is_owner: true } });
    const reply = expectHook('/actions/1');
    expect((await pressButton('UOWNER01', 'run_command', 'topics remove pricing', 1)).status).toBe(200);
    expect(String((await reply).text)).toMatch(/Removed topic \*pricing\*/);
  });

  it('routes a block\'s second and third buttons, numbered so Slack takes the block ("run_command:2")', async () => {
    const reply = expectHook('/actions/2');
    expect((await pressButton('UADMIN01', 'run_command:2', 'topics list', 2)).status).toBe(200);
    expect(String((await reply).text)).toMatch(/topic/i);
  });

  it("runs the option picked in an answer's Request a response… menu, as its button would", async () => {
    const reply = expectHook('/actions/3');
    const body = blockActionsBody('UADMIN01', {
      container: { type: 'message', message_ts: '1.0', channel_id: 'C0CHANNEL' },
      channel: { id: 'C0CHANNEL', name: 'general' },
      trigger_id: '1.2.3',
      response_url: `${hooks}/actions/3`,
      actions: [
        {
          type: 'static_select',
          action_id: 'run_command',
          block_id: 'answer_actions',
          selected_option: { text: { type: 'plain_text', text: '[1] Topics' }, value: 'topics list' },
          placeholder: { type: 'plain_text', text: 'Request a response…' },
          action_ts: '1',
        },
      ],
    });
    expect((await post(body, sign(body))).status).toBe(200);
    expect(String((await reply).text)).toMatch(/topic/i);
  });

  /** Opens App Home as Slack does (Events API), and returns the view Briefbot publishes. */
  async function openHome(userId: string, eventId: string): Promise<{ type: string; blocks: unknown[] }> {
    nock(slackApi)
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: userId, is_admin: false } });
    const published = new Promise<Record<string, unknown>>((resolve) => {
      nock(slackApi)
        .post('/api/views.publish')
        .reply(200, (_uri, body) => {
          resolve(
            typeof body === 'string'
              ? Object.fromEntries(new URLSearchParams(body))
              : (body as Record<string, unknown>),
          );
          return { ok: true };
        });
    });
    const body = homeOpenedBody(userId, eventId);
    expect((await post(body, sign(body), 'application/json')).status).toBe(200);
    const request = await published;
    return (typeof request.view === 'string' ? JSON.parse(request.view) : request.view) as {
      type: string;
      blocks: unknown[];
    };
  }

  it('publishes App Home when it is opened (Events API)', async () => {
    const view = await openHome('UMEMBER1', 'Ev1');
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toMatch(/You can \*ask and read\*/);
  });

  it('answers the URL verification challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });
    const response = await post(body, sign(body), 'application/json');
    expect(await response.json()).toEqual({ challenge: 'abc123' });
  });

  it('answers a question: "Looking at N sources…" at once, then the answer in its place', async () => {
    await seedForum('https://forum.example.com', ['Pricing went up again', 'Is the new pricing worth it?']);

    // nock answers in the order the interceptors were made: the first reply, then the second.
    const looking = expectHook('/commands/T0TEAM/1/abc');
    const answered = expectHook('/commands/T0TEAM/1/abc');
    const body1 = slashCommand('what are customers saying about pricing');
    expect((await post(body1, sign(body1))).status).toBe(200);
    expect(String((await looking).text)).toMatch(
      /^Looking at \d+ sources? for “what are customers saying about pricing”…$/,
    );
    const answer = await answered;
    expect(answer.replace_original).toBe(true);
    expect(answer.response_type).toBe('ephemeral');
    expect(String(answer.text)).toMatch(
      /^What customers are saying about pricing \(last 7 days\): 2 mentions/,
    );
    // The two posts say the same thing, so they are one story (2 mentions, one listed), led by the
    // question: it asks for debate, so it scores higher for controversy, which ranks it first.
    expect(JSON.stringify(answer.blocks)).toMatch(/\*\[1\]\* <[^|]+\|Is the new pricing worth it\?>/);
    expect(await running.deps.db.prisma.askLog.count({ where: { userId: 'UADMIN01', itemCount: 2 } })).toBe(
      1,
    );
  });

  it('App Home’s top stories are read on the evidence workers', async () => {
    await seedForum('https://talk.example.com', ['Acme renewal quotes rise for small teams']);
    const blocks = JSON.stringify((await openHome('UMEMBER2', 'Ev2')).blocks);
    expect(blocks).toContain('Last 7 days’ top stories');
    expect(blocks).toContain('Acme renewal quotes rise for small teams');
  });

  it('briefs on the subject of a message through the "Brief me on this" shortcut', async () => {
    await seedForum('https://community.example.com', ['Globex outage hits dashboards again']);
    const shortcut = (text: string, responsePath: string) => {
      const payload = {
        type: 'message_action',
        callback_id: 'brief_message',
        trigger_id: '1.2.3',
        message_ts: '1700000000.000100',
        response_url: `${hooks}${responsePath}`,
        user: { id: 'UEXEC001', name: 'exec' },
        channel: { id: 'C0SALES', name: 'sales' },
        team: { id: 'T0TEAM', domain: 'example' },
        message: { type: 'message', user: 'U0REP', ts: '1700000000.000100', text },
        token: 'deprecated',
      };
      return interactionBody(payload);
    };
    const looking = expectHook('/actions/shortcut');
    const answered = expectHook('/actions/shortcut');
    const body = shortcut(
      'Heads up <@U0REP2>: a prospect says Globex had another outage, see <https://community.example.com/t|this thread> :eyes:',
      '/actions/shortcut',
    );
    expect((await post(body, sign(body))).status).toBe(200);
    expect(String((await looking).text)).toMatch(/^Looking at \d+ sources? for “globex”…$/);
    const answer = await answered;
    expect(answer.response_type).toBe('ephemeral');
    expect(String(answer.text)).toMatch(/^What people are saying about globex \(last 7 days\): 1 mention\./);
    expect(JSON.stringify(answer.blocks)).toMatch(/Globex outage hits dashboards again/);

    const unknown = expectHook('/actions/unknown');
    const lunch = shortcut('lunch at noon? :pizza:', '/actions/unknown');
    expect((await post(lunch, sign(lunch))).status).toBe(200);
    expect(String((await unknown).text)).toMatch(
      /no topics yet, and this message names nothing the feeds know/,
    );
  });

  it('rejects a request with a bad signature (401) and runs nothing', async () => {
    const body = slashCommand('topics add evil evil');
    const response = await post(body, sign(body, undefined, 'wrong-secret'));
    expect(response.status).toBe(401);
    expect(await running.deps.db.prisma.topic.count({ where: { name: 'evil' } })).toBe(0);
  });

  it('rejects a stale timestamp (a replayed request)', async () => {
    const body = slashCommand('topics add replay replay');
    const response = await post(body, sign(body, Math.floor(Date.now() / 1000) - 60 * 10));
    expect(response.status).toBe(401);
    expect(await running.deps.db.prisma.topic.count({ where: { name: 'replay' } })).toBe(0);
  });

  it('rejects a request without signature headers, or signed in an unknown version', async () => {
    const body = slashCommand('topics add unsigned unsigned');
    expect((await post(body, {})).status).toBe(401);
    const { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature } = sign(body);
    expect(
      (
        await post(body, {
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': signature.replace('v0=', 'v1='),
        })
      ).status,
    ).toBe(401);
    expect(await running.deps.db.prisma.topic.count({ where: { name: 'unsigned' } })).toBe(0);
  });

  it("answers Slack's certificate probe (ssl_check) with 200 without running anything it carries", async () => {
    const body = `ssl_check=1&token=x&${slashCommand('topics add smuggled smuggled')}`;
    const response = await post(body, {});
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(await running.deps.db.prisma.topic.count({ where: { name: 'smuggled' } })).toBe(0);
  });

  it('refuses a body over 4 MB (413)', async () => {
    const body = `${slashCommand('help')}&padding=${'x'.repeat(4 * 1024 * 1024)}`;
    expect((await post(body, sign(body))).status).toBe(413);
  });

  it('still hands other paths to Bolt: an unknown path is a 404', async () => {
    expect((await fetch(`${base}/elsewhere`, { method: 'POST', body: 'x' })).status).toBe(404);
  });
});
