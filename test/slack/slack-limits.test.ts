import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigestNow } from '../../src/briefing/digest-runner.ts';
import { runCommand } from '../../src/commands/index.ts';
import { followThrough } from '../../src/engage/follow-through.ts';
import { loadNudgeView } from '../../src/engage/nudges.ts';
import { announceFailingFeeds } from '../../src/monitor/alerts.ts';
import { button, message, section } from '../../src/slack/blocks/common.ts';
import { digestAddModal } from '../../src/slack/blocks/digest-modal.ts';
import { failingFeedsMessage } from '../../src/slack/blocks/feed-alert.ts';
import {
  dismissModal,
  escalationMessage,
  nudgeMessage,
  reassignModal,
  replyUrlModal,
} from '../../src/slack/blocks/nudge.ts';
import { buildHome } from '../../src/slack/home.ts';
import {
  type BigWorkspace,
  bigAdmin,
  bigExpert,
  bigMember,
  openBigWorkspace,
} from '../helpers/big-workspace.ts';
import type { TestDeps } from '../helpers/deps.ts';
import { messageBreaches, viewBreaches } from '../helpers/slack-limits.ts';

let deps: TestDeps;
let big: BigWorkspace;

/** "label: breach | breach" for each payload that breaks a limit. */
function breachesOf(label: string, payload: object): string[] {
  const type = (payload as { type?: unknown }).type;
  const found =
    type === 'modal' || type === 'home'
      ? viewBreaches(payload)
      : messageBreaches(payload as { text: string; blocks: unknown[] });
  return found.length
    ? [`${label}: ${found.slice(0, 3).join(' | ')}${found.length > 3 ? ` (+${found.length - 3})` : ''}`]
    : [];
}

const commands = [
  'help',
  'help feeds',
  'help topics',
  'help digest',
  'help sme',
  'help nudge',
  'feeds list',
  'feeds list failing',
  'feeds list paused',
  'feeds list acme',
  'feeds list 1-400',
  'feeds list competitor',
  'topics list',
  'topics list competitor',
  'topics list acme',
  'topics test pricing',
  'topics test pricing page 2',
  'sme list',
  'sme list acme-0-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'digests list',
  'digest list',
  'nudge list',
  'nudge list closed',
  'nudge list replied',
  'nudge list dismissed',
  'nudge list expired',
  'nudge settings',
  'stats',
  'stats 30d',
  'claims',
  'changes',
  'changes more',
  'changes feeds',
  'changes topics',
  'changes experts',
  'changes nudges',
  'changes digests',
  'changes follows',
  'audit',
  'follows',
  'my follows',
  'following',
  'what are customers saying about pricing',
  'pricing',
  'acme-0-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'what are customers saying about acme and initech and hooli and pricing',
  'nudge 1',
  'nudge 3',
  'nudge 4',
  'nudge 5',
  'nudge 6',
  'tell me more about 1',
  'more',
  'sources',
  'list',
  'feeds',
  'topics',
  'digests',
  'sme',
  'undo',
  'home',
  'feeds remove 1-400',
  'feeds pause 1-400',
  'feeds resume 1-400',
  `feeds add https://example.com/${'a'.repeat(5000)}`,
  `topics add ${'z'.repeat(5000)} pricing`,
  `topics test ${'pricing OR '.repeat(400)}pricing`,
  `${'why '.repeat(2000)}`,
  'digest preview 1',
  'digest run 1',
  'digest 1',
];

describe('text cut to a Slack limit', () => {
  it('never cuts through an emoji, which would leave half of it (text Slack refuses)', () => {
    const text = `${'a'.repeat(2998)}🚀🚀🚀`;
    const block = section(text);
    expect(messageBreaches(message(text, [block]))).toEqual([]);
    expect(block.text?.text).toBe(`${'a'.repeat(2998)}…`);
    const cut = button(`${'b'.repeat(74)}🚀`, 'x', `${'v'.repeat(1999)}🚀`);
    expect(cut.value).toBe('v'.repeat(1999));
    expect(cut.text.text).toBe(`${'b'.repeat(74)}…`);
  });

  it('never cuts through a link or an escape: the cut goes before it', () => {
    const link = '<https://news.example.com/a-very-long-story|A story>';
    const cutInLink = section(`${'a'.repeat(2980)} ${link}`).text?.text ?? '';
    expect(cutInLink).toBe(`${'a'.repeat(2980)}…`);
    expect(section(`${'a'.repeat(2997)} &amp; more`).text?.text).toBe(`${'a'.repeat(2997)}…`);
    expect(messageBreaches(message('t', [section(`${'a'.repeat(2980)} ${link}`)]))).toEqual([]);
  });
});

describe('the digest form', () => {
  it("offers Slack's 100 topics at most, and names the others with the command that takes them", () => {
    const topics = Array.from({ length: 120 }, (_, index) => `topic-${String(index).padStart(3, '0')}`);
    const form = digestAddModal(topics, { timezone: 'Europe/Berlin', channelId: null });
    expect(viewBreaches(form)).toEqual([]);
    const field = form.blocks.find((block) => block.block_id === 'topics') as {
      element: { options: unknown[] };
      hint?: { text: string };
    };
    expect(field.element.options).toHaveLength(100);
    expect(field.hint?.text).toBe(
      `The first 100 of 120 topics. For ${topics.slice(100, 119).join(', ')} and topic-119, type the digest as a command: /brief digest add #channel daily 08:00 topics: topic-100`,
    );
    expect(
      JSON.stringify(digestAddModal(topics.slice(0, 100), { timezone: 'UTC', channelId: null })),
    ).not.toContain('The first 100');
  });
});

describe('failing feeds announced at once', () => {
  it('fit one section however long their addresses, and count the others with where to see them', () => {
    const feeds = Array.from({ length: 50 }, (_, index) => ({
      id: index + 1,
      url: `https://news-${index}.example.com/${'section/'.repeat(60)}feed.xml`,
      title: `Feed ${index} 🚀 価格`,
      lastError: 'HTTP 500',
      failingSince: null,
      consecutiveFailures: 5,
    }));
    const alert = failingFeedsMessage(feeds);
    expect(messageBreaches(alert)).toEqual([]);
    const list = JSON.stringify(alert.blocks[1]);
    const shown = (list.match(/• \*/g) ?? []).length;
    const hidden = Number(/…and (\d+) more: `\/brief feeds list failing` shows them all\./.exec(list)?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThanOrEqual(10);
    expect(shown + hidden).toBe(50);
  });
});

describe('a large workspace (400 feeds, 120 topics, 60 experts, 300 conversations, 40 digests)', () => {
  beforeAll(async () => {
    ({ deps, big } = await openBigWorkspace());
  }, 600_000);
  afterAll(async () => {
    await deps?.cleanup();
  });

  it('answers every /brief command within Slack limits, for an admin, an expert and a member', async () => {
    const report: string[] = [];
    for (const userId of [bigAdmin, bigExpert, bigMember]) {
      for (const text of commands) {
        const reply = await runCommand(deps, { userId, channelId: 'C0CHANNEL', text });
        report.push(...breachesOf(`${userId} /brief ${text.slice(0, 60)}`, reply));
      }
    }
    expect(report).toEqual([]);
  }, 600_000);

  it('shows App Home and every modal within Slack limits', async () => {
    const report: string[] = [];
    for (const userId of [bigAdmin, bigExpert, bigMember])
      report.push(...breachesOf(`${userId} Home`, await buildHome(deps, userId)));
    report.push(
      ...breachesOf(
        'digest add form',
        digestAddModal(big.topicNames, { timezone: 'Europe/Berlin', channelId: 'C0NEWS' }),
      ),
    );
    for (const id of big.nudgeIds.slice(0, 12)) {
      const view = await loadNudgeView(deps, id);
      report.push(...breachesOf(`reply form ${id}`, replyUrlModal(id, view.title)));
      report.push(...breachesOf(`dismiss form ${id}`, dismissModal(id, view.title)));
      report.push(...breachesOf(`reassign form ${id}`, reassignModal(id, view.title, view.claimantId)));
    }
    expect(report).toEqual([]);
  }, 600_000);

  it('posts nudges, escalations, alerts, digests and reminders within Slack limits', async () => {
    const report: string[] = [];
    for (const id of big.nudgeIds.slice(0, 12)) {
      const view = await loadNudgeView(deps, id);
      report.push(...breachesOf(`nudge ${id}`, nudgeMessage(view, deps.clock.now())));
      report.push(...breachesOf(`escalation ${id}`, escalationMessage(view, 'C0ESC', 4)));
    }
    const before = deps.sent.length;
    await announceFailingFeeds(deps);
    for (let id = 1; id <= 5; id++) await runDigestNow(deps, id, `now:limits${id}`);
    deps.clock.advance(3 * 86_400_000);
    await followThrough(deps);
    expect(deps.sent.length).toBeGreaterThan(before + 10);
    for (const sent of deps.sent) report.push(...breachesOf(`posted to ${sent.channel}`, sent.message));
    expect(report).toEqual([]);
  }, 600_000);

  it('lists hundreds of conversations with every group counted to the end, and where to see the rest', async () => {
    const read = (reply: { blocks: unknown[] }) =>
      JSON.parse(JSON.stringify(reply.blocks)) as Array<{ text?: { text: string } }>;
    const reply = await runCommand(deps, { userId: bigMember, channelId: 'C0CHANNEL', text: 'nudge list' });
    const groups = read(reply)
      .map((block) => block.text?.text ?? '')
      .filter((text) => /^\*(Waiting|Claimed|Not posted|Nobody)/.test(text));
    expect(groups.length).toBeGreaterThan(1);
    for (const group of groups) {
      const total = Number(/^\*[^*]+\((\d+)\)\*/.exec(group)?.[1]);
      const shown = group.split('\n').filter((line) => line.startsWith('• ')).length;
      const hidden = Number(
        /…and (\d+) more: `\/brief more` shows the next; one topic's: `\/brief nudge list &lt;topic&gt;`$/.exec(
          group,
        )?.[1] ?? 0,
      );
      expect(shown).toBeGreaterThan(0);
      expect(shown + hidden).toBe(total);
    }
    // One topic's conversations, all of them.
    const topic = big.topicNames[1] as string;
    const onTopic = await runCommand(deps, {
      userId: bigMember,
      channelId: 'C0CHANNEL',
      text: `nudge list ${topic}`,
    });
    expect(onTopic.text).toMatch(new RegExp(`^Conversations in progress on ${topic}: `));
    expect(JSON.stringify(onTopic.blocks)).not.toContain("one topic's");
    expect(messageBreaches(onTopic)).toEqual([]);
    const closed = read(
      await runCommand(deps, { userId: bigMember, channelId: 'C0CHANNEL', text: 'nudge list closed' }),
    )
      .map((block) => block.text?.text ?? '')
      .join('\n');
    expect(closed).toMatch(
      /…and \d+ more; fewer at a time: `\/brief nudge list replied` \(or `dismissed`, `expired`\); every change to them: `\/brief changes nudges`/,
    );
  });

  it("lists every topic's nudge settings and every follow whole, in as many sections as they take", async () => {
    const texts = (reply: { blocks: unknown[] }) =>
      (reply.blocks as Array<{ text?: { text: string } }>).map((block) => block.text?.text ?? '');
    const settings = await runCommand(deps, {
      userId: bigMember,
      channelId: 'C0CHANNEL',
      text: 'nudge settings',
    });
    expect(messageBreaches(settings)).toEqual([]);
    const perTopic = texts(settings).join('\n');
    for (const name of big.topicNames) expect(perTopic).toContain(`• *${name}*:`);
    const follows = await runCommand(deps, { userId: bigMember, channelId: 'C0CHANNEL', text: 'follows' });
    expect(messageBreaches(follows)).toEqual([]);
    const listed = texts(follows).join('\n');
    expect(listed.match(/^• /gm)).toHaveLength(30);
    expect(listed).toContain('To change one, follow it again with another schedule');
    for (const text of [...texts(settings), ...texts(follows)]) expect(text).not.toMatch(/…$/);
  });

  it('opens a source counted for 120 topics: the topics that fit, the others counted, its other tellings whole', async () => {
    await runCommand(deps, {
      userId: bigMember,
      channelId: 'C0CHANNEL',
      text: 'what are customers saying about pricing',
    });
    const opened = await runCommand(deps, {
      userId: bigMember,
      channelId: 'C0CHANNEL',
      text: 'tell me more about 1',
    });
    expect(messageBreaches(opened)).toEqual([]);
    const texts = JSON.parse(JSON.stringify(opened.blocks))
      .flatMap((block: { text?: { text: string }; elements?: Array<{ text?: string }> }) => [
        block.text?.text ?? '',
        ...(block.elements ?? []).map((element) => element.text ?? ''),
      ])
      .filter(Boolean) as string[];
    const counts = texts.find((text) => text.startsWith('Counts for: ')) ?? '';
    const named = counts.replace(/ and \d+ more$/, '').split(', ').length;
    expect(named + Number(/ and (\d+) more$/.exec(counts)?.[1])).toBe(120);
    const same = texts.find((text) => text.startsWith('*The same story')) ?? '';
    expect(same).not.toMatch(/…$/);
    const shown = same.split('\n').filter((line) => line.startsWith('• ')).length;
    const hidden = Number(/\n…and (\d+) more stor(?:y|ies)\.$/.exec(same)?.[1] ?? 0);
    expect(shown).toBeGreaterThan(0);
    expect(shown + hidden).toBe(Number(/also told by (\d+) other/.exec(same)?.[1]));
  });

  it('names as many topics as fit when a topic is unknown, and where to see them all', async () => {
    for (const text of ['sme list zork', 'follow zork', 'digest add #C0ZORK daily 08:00 topics: zork']) {
      const reply = await runCommand(deps, { userId: bigAdmin, channelId: 'C0CHANNEL', text });
      expect(messageBreaches(reply)).toEqual([]);
      const said = (reply.blocks as Array<{ text?: { text: string } }>)
        .map((block) => block.text?.text ?? '')
        .join('\n');
      const listed = /The topics are: (.*) and (\d+) more \(`\/brief topics list` shows them all\)\./.exec(
        said,
      );
      expect(listed, text).not.toBeNull();
      expect((listed?.[1] ?? '').split(', ').length + Number(listed?.[2])).toBe(120);
    }
  });

  it('confirms changes that name many things at once within Slack limits', async () => {
    const topics = big.topicNames;
    const report: string[] = [];
    const replies = new Map<string, { blocks: unknown[] }>();
    for (const text of [
      `sme add @UEXPERT01 ${topics.join(', ')}`,
      'sme remove @UEXPERT00',
      `topics remove ${topics[0]}`,
      'follow all',
      `unfollow ${topics[2]}`,
      `digest edit 1 topics ${topics.slice(30, 50).join(' ')}`,
      'feeds pause 1-50',
      'feeds remove 51-100',
      'changes',
      'changes more',
    ]) {
      const reply = await runCommand(deps, { userId: bigAdmin, channelId: 'C0CHANNEL', text });
      report.push(...breachesOf(`/brief ${text.slice(0, 60)}`, reply));
      replies.set(text.split(' ').slice(0, 2).join(' '), reply);
    }
    // 120 beats or topics named at once: the names that fit, the others counted, nothing cut.
    const said = (key: string) =>
      ((replies.get(key)?.blocks ?? []) as Array<{ text?: { text: string } }>)
        .map((block) => block.text?.text ?? '')
        .join('\n');
    expect(said('sme add')).toMatch(
      /^<@UEXPERT01> now covers .* and \d+ more too \(their beats: .* and \d+ more[;)]/,
    );
    expect(said('follow all')).toMatch(
      /all the topics Briefbot follows \(.* and \d+ more \(`\/brief topics list` shows them all\)\)/,
    );
    for (const key of ['sme add', 'follow all']) expect(said(key)).not.toMatch(/…$/m);
    for (const sent of deps.sent) report.push(...breachesOf(`posted to ${sent.channel}`, sent.message));
    expect(report).toEqual([]);
  }, 600_000);
});
