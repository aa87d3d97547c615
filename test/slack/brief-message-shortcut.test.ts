import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.ts';
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

  it('its Share button posts the answer saying it was read from a message, never as words the asker typed', async () => {
    const feedId = await createFeed(deps, { host: 'https://forum.example.com', kind: 'forum' });
    await storeItem(deps, feedId, 'f1', 'Globex outage hits dashboards again');
    const recorder = createRecorder();
    await createBriefMessageShortcutHandler(deps)(messageShortcutArgs(recorder, 'Globex had another outage'));
    const reply = recorder.calls.at(-1)?.args[0] as { blocks: unknown[] };
    const share = JSON.stringify(reply.blocks).match(/"value":"(share --post [^"]*)"/)?.[1];
    expect(share).toBe('share --post --message globex');
    const posted = await runCommand(deps, { userId: 'UEXEC001', channelId: 'C0SALES', text: share ?? '' });
    expect(posted.visibility).toBe('in_channel');
    const json = JSON.stringify(posted.blocks);
    expect(json).toContain('<@UEXEC001> used *Brief me on this* on a message, read as “globex”');
    expect(json).not.toContain('Asked by');
    // Shared on by a colleague, it still says where the question came from.
    await storeItem(deps, feedId, 'f2', 'Globex outage: status page late again');
    await storeItem(deps, feedId, 'f3', 'Globex outage refunds');
    await storeItem(deps, feedId, 'f4', 'Globex outage in the EU');
    await storeItem(deps, feedId, 'f5', 'Globex outage postmortem');
    await storeItem(deps, feedId, 'f6', 'Globex outage, day two');
    const colleague = await runCommand(deps, {
      userId: 'UEXEC002',
      channelId: 'C0SALES',
      text: 'share --post --by UEXEC001 --message globex',
    });
    expect(JSON.stringify(colleague.blocks)).toContain(
      "Shared by <@UEXEC002> from <@UEXEC001>'s *Brief me on this* on a message, read as “globex”",
    );
    expect(JSON.stringify(colleague.blocks)).toContain(
      '"value":"ask --from 5 --shared-by UEXEC002 --by UEXEC001 --message globex"',
    );
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
