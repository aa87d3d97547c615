import { RespondError } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppHomeOpenedHandler } from '../../src/slack/listeners/app-home-opened.ts';
import { createBriefCommandHandler } from '../../src/slack/listeners/brief-command.ts';
import { createRunCommandActionHandler } from '../../src/slack/listeners/run-command-action.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed, createSchedule } from '../helpers/digest.ts';
import { createBeat, storeItem } from '../helpers/nudges.ts';
import { buttonArgs, commandArgs, createRecorder, homeOpenedArgs } from '../helpers/slack.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: 'UADMIN01' } });
});
afterEach(async () => {
  await deps.cleanup();
});

describe('the /brief listener', () => {
  it('acks first, exactly once, then replies ephemerally through respond', async () => {
    const recorder = createRecorder();
    await createBriefCommandHandler(deps)(commandArgs(recorder, { text: 'help' }));
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(recorder.calls[0]?.args).toEqual([]);
    const reply = recorder.first('respond');
    expect(reply?.response_type).toBe('ephemeral');
    expect(String(reply?.text)).toMatch(/^Briefbot help/);
  });

  it('acks first even when the command is wrong or refused', async () => {
    for (const text of ['feds', 'topics add x y', '"((((', '']) {
      const recorder = createRecorder();
      await createBriefCommandHandler(deps)(commandArgs(recorder, { text, userId: 'UNOBODY1' }));
      expect(recorder.names()[0]).toBe('ack');
      expect(recorder.names().filter((name) => name === 'ack')).toHaveLength(1);
      expect(recorder.names().at(-1)).toBe('respond');
    }
  });

  it('sends the reply as a DM when the response URL no longer works, without trying it again', async () => {
    const recorder = createRecorder();
    const args = commandArgs(recorder, { text: 'help' });
    let tries = 0;
    args.respond = async () => {
      tries++;
      // What Bolt's respond throws for an expired response URL (Slack keeps them 30 minutes).
      throw new RespondError('Failed to respond to the response_url: 404 Not Found', 404);
    };
    await expect(createBriefCommandHandler(deps)(args)).resolves.toBeUndefined();
    expect(recorder.names()).toEqual(['ack']);
    expect(tries).toBe(1);
    expect(deps.sent.map((sent) => sent.channel)).toEqual(['UADMIN01']);
    expect(deps.sent[0]?.message.text).toMatch(
      /^\/brief help: Slack could not show this answer when it was ready, so here it is\. Briefbot help/,
    );
  });
});

describe('the run-command button', () => {
  it('runs the button’s command as the presser, with the same permissions', async () => {
    await deps.db.prisma.feed.create({
      data: { url: 'https://x.example/feed', nextPollAt: new Date(), title: 'X' },
    });
    const refused = createRecorder();
    await createRunCommandActionHandler(deps)(
      buttonArgs(refused, { value: 'feeds pause 1', userId: 'UNOBODY1' }),
    );
    expect(refused.names()).toEqual(['ack', 'respond']);
    expect(String(refused.first('respond')?.text)).toMatch(/only Briefbot admins/);
    const allowed = createRecorder();
    await createRunCommandActionHandler(deps)(buttonArgs(allowed, { value: 'feeds pause 1' }));
    expect(String(allowed.first('respond')?.text)).toMatch(/Paused feed 1/);
    expect(allowed.first('respond')?.replace_original).toBe(false);
  });

  it('a Request a response button asks about its item, the old "nudge <n>" ones too', async () => {
    const feed = await createFeed(deps, { host: 'https://news.example.com' });
    await createBeat(deps, { channelId: 'C0TALK', experts: [{ userId: 'USME0001' }] });
    // Item 2, so that no item number can pass for a conversation number.
    await storeItem(deps, feed, 'a', 'Acme publishes its pricing guide for 2027');
    const itemId = await storeItem(deps, feed, 'b', 'Initech faces lawsuit over pricing');
    for (const value of [`nudge item #${itemId}`, `nudge item ${itemId}`, `nudge ${itemId}`]) {
      const recorder = createRecorder();
      await createRunCommandActionHandler(deps)(buttonArgs(recorder, { value, userId: 'UEXEC001' }));
      expect(recorder.names()).toEqual(['ack', 'respond']);
      expect(String(recorder.first('respond')?.text)).toMatch(/experts in <#C0TALK> .*\(conversation 1\)/);
    }
    expect(await deps.db.prisma.nudge.findMany({ select: { id: true, itemId: true } })).toEqual([
      { id: 1, itemId },
    ]);
    // Then the source's See conversation button shows conversation 1, never item 1's request.
    const seen = createRecorder();
    await createRunCommandActionHandler(deps)(buttonArgs(seen, { value: 'nudge #1', userId: 'UEXEC001' }));
    expect(JSON.stringify(seen.first('respond'))).toMatch(/[Cc]onversation 1/);
    expect(await deps.db.prisma.nudge.count()).toBe(1);
  });

  it('opens the reply in a modal when pressed in App Home', async () => {
    const recorder = createRecorder();
    await createRunCommandActionHandler(deps)(buttonArgs(recorder, { value: 'topics list', inHome: true }));
    expect(recorder.names()).toEqual(['ack', 'views.open']);
    const view = recorder.first('views.open')?.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('modal');
    expect(JSON.stringify(view.blocks)).toMatch(/No topics yet/);
  });
});

describe('App Home', () => {
  it('publishes the viewer’s home, with their role', async () => {
    const recorder = createRecorder();
    await createAppHomeOpenedHandler(deps)(homeOpenedArgs(recorder, 'UADMIN01') as never);
    const published = recorder.first('views.publish') as {
      user_id: string;
      view: { type: string; blocks: unknown[] };
    };
    expect(published.user_id).toBe('UADMIN01');
    expect(published.view.type).toBe('home');
    expect(JSON.stringify(published.view.blocks)).toMatch(/You are a \*Briefbot admin\*/);
  });

  it("shows a digest's last run as digest list does, with its time", async () => {
    const id = await createSchedule(deps, { channelId: 'C0NEWS' });
    await deps.db.prisma.digestRun.create({
      data: {
        scheduleId: id,
        slot: new Date('2026-11-02T08:00:00Z'),
        status: 'posted',
        itemCount: 3,
        startedAt: new Date('2026-11-02T08:00:00Z'),
        finishedAt: new Date('2026-11-02T08:00:05Z'),
      },
    });
    const recorder = createRecorder();
    await createAppHomeOpenedHandler(deps)(homeOpenedArgs(recorder, 'UADMIN01') as never);
    const published = recorder.first('views.publish') as { view: { blocks: unknown[] } };
    expect(JSON.stringify(published.view.blocks)).toContain(
      '· last: posted, 3 items, Mon 2 Nov 09:00 Europe/Berlin',
    );
  });

  it('ignores the Messages tab', async () => {
    const recorder = createRecorder();
    await createAppHomeOpenedHandler(deps)(homeOpenedArgs(recorder, 'UADMIN01', 'messages') as never);
    expect(recorder.calls).toEqual([]);
  });
});
