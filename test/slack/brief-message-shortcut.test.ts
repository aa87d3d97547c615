import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBriefMessageShortcutHandler } from '../../src/slack/listeners/brief-message-shortcut.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed } from '../helpers/digest.ts';
import { storeItem } from '../helpers/nudges.ts';
import { createRecorder, messageShortcutArgs } from '../helpers/slack.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps.cleanup();
});

describe('the "Brief me on this" shortcut listener', () => {
  it('acks first, then answers about the message’s subject in its channel, to the asker only', async () => {
    const feedId = await createFeed(deps, { host: 'https://forum.example.com', kind: 'forum' });
    await storeItem(deps, feedId, 'f1', 'Globex outage hits dashboards again');
    const recorder = createRecorder();
    await createBriefMessageShortcutHandler(deps)(
      messageShortcutArgs(
        recorder,
        'Did anyone see <https://forum.example.com/t|the thread>? Globex had another outage',
      ),
    );
    expect(recorder.names()[0]).toBe('ack');
    expect(recorder.names().filter((name) => name === 'ack')).toHaveLength(1);
    const answer = recorder.calls.at(-1);
    expect(answer?.name).toBe('respond');
    const reply = answer?.args[0] as { response_type: string; text: string };
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/^What people are saying about globex \(last 7 days\): 1 mention\./);
    expect(await deps.db.prisma.askLog.count({ where: { userId: 'UEXEC001' } })).toBe(1);
  });

  it('says so when the message is about nothing the feeds know, and survives a dead response URL', async () => {
    const recorder = createRecorder();
    await createBriefMessageShortcutHandler(deps)(messageShortcutArgs(recorder, 'lunch at noon? :pizza:'));
    expect(recorder.names()).toEqual(['ack', 'respond']);
    expect(String(recorder.first('respond')?.text)).toMatch(
      /no topics yet, and this message names nothing the feeds know/,
    );

    const failing = createRecorder();
    const args = messageShortcutArgs(failing, 'lunch?');
    args.respond = async () => {
      throw new Error('expired_url');
    };
    await expect(createBriefMessageShortcutHandler(deps)(args)).resolves.toBeUndefined();
    expect(failing.names()).toEqual(['ack']);
  });
});
