import type { ActionsBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { howReplied, limits } from '../../src/slack/blocks/common.ts';
import {
  claimantMessage,
  dismissModal,
  nudgeMessage,
  reassignModal,
  replyUrlModal,
  waitingForYouMessage,
} from '../../src/slack/blocks/nudge.ts';
import { Action, View } from '../../src/slack/ids.ts';
import { actionIdsOf, shown, sampleNudgeView as view } from '../helpers/nudges.ts';

const now = new Date('2026-11-02T09:00:00Z');

function mrkdwn(message: { blocks: unknown[] }): string {
  return (message.blocks as Array<SectionBlock & { elements?: Array<{ text?: string }> }>)
    .flatMap((block) => [
      block.text?.text ?? '',
      ...(block.elements ?? []).map((element) => element.text ?? ''),
    ])
    .join('\n');
}

describe('nudgeMessage', () => {
  it('escapes untrusted text everywhere: title, source, excerpt, reasons, angle, fallback', () => {
    const message = nudgeMessage(view, now);
    const text = mrkdwn(message);
    expect(text).toContain(
      '<https://news.example.com/p1|Acme &lt;b&gt;pricing&lt;/b&gt; &amp; the "backlash">',
    );
    expect(text).toContain('_Example &lt;News&gt; · 2 h ago_');
    expect(text).toContain('&lt;@U0EVIL&gt; &amp; &lt;!channel&gt;');
    expect(text).toContain('• Words like &lt;script&gt;');
    expect(text).toContain('*A possible angle*: Say what &lt;we&gt; changed');
    expect(text).not.toContain('<@U0EVIL>');
    expect(text).not.toContain('<!channel>');
    expect(message.text).toBe(
      'A conversation to join on pricing: Acme &lt;b&gt;pricing&lt;/b&gt; &amp; the "backlash" (Example &lt;News&gt;)',
    );
  });

  it('open: names the experts and carries Claim, Not relevant and Snooze with the nudge id', () => {
    const message = nudgeMessage(view, now);
    expect(mrkdwn(message)).toContain(
      '*Experts on this beat*: <@USME0001> <@USME0002> — can one of you take it?',
    );
    // One expert is asked as one.
    expect(mrkdwn(nudgeMessage({ ...view, smes: ['USME0001'] }, now))).toContain(
      '*Expert on this beat*: <@USME0001> — can you take it?',
    );
    const actions = message.blocks.find((block): block is ActionsBlock => block.type === 'actions');
    expect(actions?.block_id).toBe('nudge_7');
    expect(
      actions?.elements.map((element) => [element.action_id, (element as { value?: string }).value]),
    ).toEqual([
      [Action.NudgeClaim, '7'],
      [Action.NudgeNotRelevant, '7'],
      [Action.NudgeSnooze, '7'],
      [Action.NudgeNotMine, '7'],
    ]);
  });

  it('redrawn naming experts not pinged at the post: says so, and when their DM comes', () => {
    const morning = new Date('2026-11-03T09:00:00Z');
    expect(
      mrkdwn(
        nudgeMessage({ ...view, smes: ['USME0001'], mornings: [{ userId: 'USME0001', at: morning }] }, now),
      ),
    ).toContain(
      '*Expert on this beat*: <@USME0001> — can you take it? _Outside working hours now, so not pinged: a DM comes at 09:00 their time (Tue 3 Nov 09:00 UTC) if nobody has claimed it by then._',
    );
    // Of two named, one was pinged: the other is told apart, by name.
    expect(mrkdwn(nudgeMessage({ ...view, mornings: [{ userId: 'USME0002', at: morning }] }, now))).toContain(
      'can one of you take it? _Not pinged, as outside working hours now: <@USME0002> gets a DM at 09:00 their time (Tue 3 Nov 09:00 UTC), if nobody has claimed it by then._',
    );
    // An expert in another zone: 09:00 on their clock, and when that is in Briefbot's zone.
    const singapore = {
      userId: 'USME0001',
      at: new Date('2026-11-03T01:00:00Z'),
      timeZone: 'Asia/Singapore',
    };
    expect(
      mrkdwn(
        nudgeMessage(
          { ...view, smes: ['USME0001'], mornings: [singapore], timeZone: 'America/New_York' },
          now,
        ),
      ),
    ).toContain('a DM comes at 09:00 their time (Mon 2 Nov 20:00 GMT-5) if nobody has claimed it by then.');
    // Once the DMs are sent (or none was owed), nothing more is said.
    expect(mrkdwn(nudgeMessage({ ...view, mornings: [] }, now))).not.toContain('not pinged');
  });

  it('a link that is not http(s) is shown as text, not linked', () => {
    const text = mrkdwn(nudgeMessage({ ...view, url: 'javascript:alert(1)' }, now));
    expect(text).toContain('*Acme &lt;b&gt;pricing&lt;/b&gt; &amp; the "backlash"*');
    expect(text).not.toContain('javascript:');
  });

  it('a very long excerpt is cut with an ellipsis; every text stays within Slack limits', () => {
    const message = nudgeMessage(
      { ...view, excerpt: 'word '.repeat(2_000), reasons: Array(20).fill('r') },
      now,
    );
    expect(mrkdwn(message)).toMatch(/word…/);
    expect(message.blocks.length).toBeLessThanOrEqual(limits.blocks);
    expect(mrkdwn(message).split('\n• r')).toHaveLength(6); // at most five reasons
    for (const block of message.blocks as SectionBlock[])
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(limits.sectionText);
  });

  it('renders each later state without buttons', () => {
    const claimed = nudgeMessage({ ...view, state: 'claimed', claimantId: 'USME0001' }, now);
    expect(mrkdwn(claimed)).toContain(':raising_hand: Claimed by <@USME0001>, who will reply.');
    const replied = nudgeMessage(
      { ...view, state: 'replied', claimantId: 'USME0001', replyUrl: 'https://x.example/r' },
      now,
    );
    expect(mrkdwn(replied)).toContain('<@USME0001> replied: <https://x.example/r|their reply on x.example>');
    // With no link, how they replied, escaped: "by …" follows "replied"; other words, after a colon.
    for (const [replyNote, line] of [
      ['by email to <Globex>', '<@USME0001> replied by email to &lt;Globex&gt;'],
      ['called the customer', '<@USME0001> replied: called the customer'],
    ] as const)
      expect(
        mrkdwn(nudgeMessage({ ...view, state: 'replied', claimantId: 'USME0001', replyNote }, now)),
      ).toContain(line);
    expect(howReplied(null, 'in the private forum')).toBe(' in the private forum');
    expect(howReplied('https://x.example/r', null)).toBe(': <https://x.example/r|the reply on x.example>');
    const dismissed = nudgeMessage({ ...view, state: 'dismissed', dismissReason: 'About <Globex>' }, now);
    expect(mrkdwn(dismissed)).toContain('Dismissed as not relevant: About &lt;Globex&gt;.');
    const expired = nudgeMessage({ ...view, state: 'expired' }, now);
    expect(mrkdwn(expired)).toContain('Expired: nobody replied in time.');
    for (const message of [claimed, replied, dismissed, expired]) expect(actionIdsOf(message)).toEqual([]);
  });

  it('an expert away is named as away, with until when, not as "no expert covers"', () => {
    const text = shown(
      nudgeMessage(
        { ...view, smes: [], away: [{ userId: 'USME0001', until: new Date('2026-12-01T23:59:59Z') }] },
        now,
      ),
    );
    expect(text).toContain(
      '*The expert on pricing is away:* <@USME0001> until Tue 1 Dec (end of day, UTC). Admins, pick someone for this one',
    );
    expect(text).not.toContain('No expert covers');
  });

  it('says who asked for a response', () => {
    expect(mrkdwn(nudgeMessage({ ...view, requestedBy: 'UEXEC001' }, now))).toContain(
      '<@UEXEC001> asked for a response.',
    );
  });
});

describe('waitingForYouMessage', () => {
  const waiting = [
    { id: 1, title: 'Globex <outage>', url: 'https://news.example.com/g', topic: 'globex' },
    { id: 2, title: 'Acme down again', url: null, topic: 'outages' },
  ];

  it('lists each story, linked, with its topic and a Claim button carrying its number', () => {
    const message = waitingForYouMessage(waiting);
    const sections = message.blocks as SectionBlock[];
    expect(sections.map((block) => block.text?.text)).toEqual([
      '2 conversations on your beats wait for an expert. Press *Claim* to take one, or send `/brief nudge claim &lt;number&gt;`; `/brief nudge &lt;number&gt;` shows where one stands.',
      '*1* <https://news.example.com/g|Globex &lt;outage&gt;> · globex',
      '*2* Acme down again · outages',
    ]);
    expect(
      sections
        .slice(1)
        .map((block) => [
          block.accessory?.type,
          (block.accessory as { action_id?: string; value?: string }).action_id,
          (block.accessory as { value?: string }).value,
        ]),
    ).toEqual([
      ['button', Action.NudgeClaim, '1'],
      ['button', Action.NudgeClaim, '2'],
    ]);
    expect(message.text).toContain('1: Globex &lt;outage&gt;; 2: Acme down again');
  });

  it('past 10, the rest are counted and pointed to nudge list', () => {
    const many = Array.from(
      { length: 12 },
      (_, index) => ({ ...waiting[1], id: index + 1 }) as (typeof waiting)[number],
    );
    const message = waitingForYouMessage(many);
    expect(message.blocks).toHaveLength(12);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('…and 2 more: `/brief nudge list`');
  });
});

describe('claimantMessage and the modals', () => {
  it('the DM carries Mark replied and Release, and the policy', () => {
    const message = claimantMessage({ ...view, state: 'claimed', claimantId: 'USME0001' }, now);
    expect(actionIdsOf(message)).toEqual([
      Action.NudgeMarkReplied,
      Action.NudgeDraft,
      Action.NudgeNotMine,
      Action.NudgeRelease,
    ]);
    expect(shown(message)).toContain('<https://intranet.example.com/policy|social media policy>');
    expect(message.text).toBe(
      `You claimed conversation ${view.id}: Acme &lt;b&gt;pricing&lt;/b&gt; &amp; the "backlash". Reply, then press Mark replied.`,
    );
  });

  it('the DM gives the conversation number, since when it is held, and the commands typed from the desktop', () => {
    const claimedAt = new Date(now.getTime() - 3 * 3600_000);
    const text = mrkdwn(
      claimantMessage({ ...view, state: 'claimed', claimantId: 'USME0001', claimedAt }, now),
    );
    // On a phone: one line of what happened and what to do, then the commands in a smaller line.
    expect(text).toContain(
      `\nYou claimed conversation ${view.id} 3 h ago. Reply where the conversation is (<https://news.example.com/p1|the story on news.example.com>), then press *Mark replied* with the link to your reply (no link, e.g. by email? Say how you replied).\n`,
    );
    expect(text).toContain(
      `\nOr send \`/brief nudge replied ${view.id} &lt;link to your reply | how you replied&gt;\`; to give it back: \`/brief nudge release ${view.id}\`. *Draft a reply*: a first draft to edit; *Not mine*: another beat's story? Say whose, and it goes to their experts.`,
    );
    expect(mrkdwn(claimantMessage({ ...view, claimedAt }, now, 'UADMIN01'))).toContain(
      `<@UADMIN01> gave you conversation ${view.id} 3 h ago.`,
    );
  });

  it('the modals carry their callback ids, the nudge id and the field the views read', () => {
    const replied = replyUrlModal(7, 'A <title>');
    expect([replied.callback_id, replied.private_metadata]).toEqual([View.NudgeReplied, '7']);
    expect(replied.blocks.map((block) => block.block_id)).toContain('url');
    expect(JSON.stringify(replied.blocks)).toContain('A &lt;title&gt;');
    const dismiss = dismissModal(7, 'A title');
    expect([dismiss.callback_id, dismiss.private_metadata]).toEqual([View.NudgeDismiss, '7']);
    expect(dismiss.blocks.map((block) => block.block_id)).toContain('reason');
    // A story for another beat is moved, not dismissed: the form says how.
    expect(JSON.stringify(dismiss.blocks)).toContain('press *Not mine* on the channel');
    const reassign = reassignModal(7, 'A <title>', 'USME0001');
    expect([reassign.callback_id, reassign.private_metadata]).toEqual([View.NudgeReassign, '7']);
    expect(reassign.blocks.map((block) => block.block_id)).toEqual([undefined, undefined, 'person', 'away']);
    expect(JSON.stringify(reassign.blocks)).toContain('A &lt;title&gt;');
    expect(JSON.stringify(reassign.blocks)).toContain('Held by <@USME0001>');
    // The away box is optional: ticked, it confirms as `reassign … confirm` does.
    expect(reassign.blocks[3]).toMatchObject({
      optional: true,
      element: { options: [{ value: 'confirm' }] },
    });
    expect(JSON.stringify(reassignModal(7, 'A title', null).blocks)).toContain('Waiting for a claim.');
  });
});
