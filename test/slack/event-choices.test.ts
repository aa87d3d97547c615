import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTopic } from '../../src/analysis/topics.ts';
import { createFeed, storeFeedItems } from '../helpers/digest.ts';
import {
  blockActionsBody,
  type HttpApp,
  hookRepliesAt,
  hooks,
  postToSlack,
  slashCommandBody,
  startHttpApp,
  waitFor,
} from '../helpers/slack-http.ts';

type Button = { type: string; action_id: string; text: { text: string }; value: string };
type Posted = { text?: string; blocks?: Array<{ type: string; block_id?: string; elements?: Button[] }> };

let app: HttpApp;

beforeAll(async () => {
  app = await startHttpApp({});
  const { deps } = app.running;
  for (const name of ['initech', 'globex'])
    await addTopic(deps, { name, query: name, kind: 'competitor', actorId: 'USEED' });
  // Two companies' outages told the same morning, each by two sources: neither is the likelier.
  const morning = deps.clock.now().getTime() - 30 * 3600_000;
  const news = await createFeed(deps, { host: 'https://news.example', title: 'Trade News' });
  const forum = await createFeed(deps, { host: 'https://forum.example', title: 'Ops Forum', kind: 'forum' });
  await storeFeedItems(deps, news, [
    {
      guid: 'g1',
      title: 'Globex Assist goes down for three hours in the US',
      publishedAt: new Date(morning),
    },
    {
      guid: 'i1',
      title: 'Initech Helpdesk outage hits European customers',
      publishedAt: new Date(morning + 3 * 3600_000),
    },
  ]);
  await storeFeedItems(deps, forum, [
    { guid: 'g2', title: 'Globex outage: anyone else locked out?', publishedAt: new Date(morning) },
    {
      guid: 'i2',
      title: 'Initech outage this morning, status page silent',
      publishedAt: new Date(morning + 4 * 3600_000),
    },
  ]);
});

afterAll(async () => {
  await app.stop();
});

/** Every reply Briefbot sends to the response URL at `path`, in order. */
const hookReplies = (path: string) => hookRepliesAt<Posted>(path);

/** The answer among `replies` whose lines on top mention `words` (the "Looking at…" note is none). */
const answerSaying = (replies: Posted[], words: string) => () =>
  replies.find((reply) => JSON.stringify(reply.blocks ?? []).includes(words));

const choicesOf = (reply: Posted) =>
  reply.blocks?.find((block) => block.block_id === 'answer_choices')?.elements ?? [];

describe('an event two companies had the same day, offered as buttons', () => {
  it('gives a button per event under the note, and pressing one answers from that company’s event for whoever pressed it', async () => {
    const replies = hookReplies('/commands/T0TEAM/9/tied');
    const asked = await postToSlack(
      app,
      slashCommandBody('since the outage', 'UEXEC01', `${hooks}/commands/T0TEAM/9/tied`),
    );
    // Acked first, as Slack waits 3 s.
    expect(asked.status).toBe(200);
    const tied = await waitFor(answerSaying(replies, 'could be'), 'the answer to "since the outage"');
    // The note keeps the questions as text (the console, a screen reader); the buttons ask them.
    expect(JSON.stringify(tied.blocks)).toContain(
      'ask for one: `/brief what’s new since the Initech outage`',
    );
    const buttons = choicesOf(tied);
    expect(buttons.map((button) => button.text.text)).toEqual([
      expect.stringMatching(/^Since Initech's outage \(\d{1,2} [A-Z][a-z]{2}\)$/),
      expect.stringMatching(/^Since Globex's outage \(\d{1,2} [A-Z][a-z]{2}\)$/),
    ]);
    expect(buttons.map((button) => button.value)).toEqual([
      'ask what’s new since the Initech outage',
      'ask what’s new since the Globex outage',
    ]);
    // Within Slack's limits: unique action ids in the block, short labels.
    expect(new Set(buttons.map((button) => button.action_id)).size).toBe(2);
    expect(buttons.every((button) => button.text.text.length <= 75)).toBe(true);

    const [initech] = buttons as [Button];
    const pressed = hookReplies('/actions/initech');
    const press = await postToSlack(
      app,
      blockActionsBody('UEXEC02', {
        container: { type: 'message', message_ts: '1.0', channel_id: 'C0CHANNEL' },
        channel: { id: 'C0CHANNEL', name: 'general' },
        trigger_id: '1.2.initech',
        response_url: `${hooks}/actions/initech`,
        actions: [
          {
            type: 'button',
            action_id: initech.action_id,
            block_id: 'answer_choices',
            value: initech.value,
            action_ts: '1',
          },
        ],
      }),
    );
    expect(press.status).toBe(200);
    const answer = await waitFor(answerSaying(pressed, "read as Initech's outage"), 'the pressed question');
    expect(JSON.stringify(answer.blocks)).toMatch(/"text":"since \d{1,2} [A-Z][a-z]+ · \d+ mentions?/);
    expect(JSON.stringify(answer.blocks)).not.toContain('could be');
    // Answered for the one who pressed it: the log is theirs.
    const logged = await app.running.deps.db.prisma.askLog.findFirst({
      where: { userId: 'UEXEC02' },
      orderBy: { id: 'desc' },
    });
    expect(logged?.question).toBe('what’s new since the Initech outage');
  });
});
