import type { Button, KnownBlock, ModalView } from '@slack/types';
import { formatDayTime, formatRelative, formatTheirTime, formatUntilDay } from '../../format.ts';
import { Action, BlockId, nudgeAssignBlockId, View } from '../ids.ts';
import {
  actions,
  button,
  context,
  escapeFeedText,
  escapePlaceholders,
  escapeText,
  howReplied,
  link,
  type Message,
  message,
  replyLink,
  section,
  toneLead,
  truncate,
} from './common.ts';

/**
 * Under a stats reply: Share to channel, which runs the same stats (`args`, as typed) and posts them
 * for everyone there; once shared, who shared them instead.
 */
export function statsShareBlocks(args: string, sharedBy: string | null): KnownBlock[] {
  if (sharedBy) return [context(`Shared by <@${sharedBy}>`)];
  return [
    actions(BlockId.StatsActions, [
      button('Share to channel', Action.RunCommand, truncate(`stats --post ${args.trim()}`.trim(), 2000)),
    ]),
  ];
}

/**
 * Release gives a claimed conversation back to the experts: it asks first, as it sits beside Mark
 * replied on a phone, and once another expert claims it, it is theirs.
 */
export function releaseButton(id: number, actionId: string, value: string): Button {
  return button('Release', actionId, value, undefined, {
    label: `Release conversation ${id}`,
    confirm: {
      title: `Give conversation ${id} back?`,
      text: 'The experts on its beat are asked again, and the first to claim it has it. You can claim it again while it is open.',
      yes: 'Release',
    },
  });
}

/** Another item on the same story or topic: what else is being said, for the expert replying. */
export type RelatedItem = {
  title: string;
  url: string | null;
  source: string;
  sentiment: string;
  publishedAt: Date;
  sameStory: boolean;
};

/** "@a until Fri 27 Nov, @b until Mon 30 Nov": the experts on a beat who are away, and until when. */
export function awayList(away: NudgeView['away'], zone: string | undefined, now?: Date): string {
  return away.map((sme) => `<@${sme.userId}> until ${formatUntilDay(sme.until, zone, now)}`).join(', ');
}

/** "the expert on pricing is away", "the experts on pricing are away". */
export function awayClause(count: number, topic: string): string {
  const one = count === 1;
  return `the ${one ? 'expert' : 'experts'} on ${escapeText(topic)} ${one ? 'is' : 'are'} away`;
}

/** "the expert on pricing, @maria, has left Slack (account deactivated)". */
export function leftClause(left: string[], topic: string): string {
  const one = left.length === 1;
  return `the ${one ? 'expert' : 'experts'} on ${escapeText(topic)}, ${left.map((id) => `<@${id}>`).join(', ')}, ${one ? 'has' : 'have'} left Slack (account deactivated)`;
}

export type NudgeView = {
  id: number;
  topic: string | null;
  title: string;
  url: string | null;
  source: string;
  excerpt: string;
  publishedAt: Date;
  reasons: string[];
  angle: string | null;
  smes: string[];
  /** Experts on the beat who are away now, and until when: named when nobody else covers it. */
  away: Array<{ userId: string; until: Date }>;
  /** Experts on the beat whose Slack account is deactivated (they left): never asked, named when nobody else is. */
  left?: string[];
  /**
   * At its first post: how many experts on the beat (beside `smes`) are outside their working hours,
   * left unmentioned (a mention wakes them), each to get a DM when their day starts.
   */
  resting?: number;
  /**
   * The experts named who were not pinged (outside their working hours), when their DM is due, and
   * their time zone (the DM comes at the start of their day; default `timeZone`).
   */
  mornings?: Array<{ userId: string; at: Date; timeZone?: string }>;
  requestedBy: string | null;
  /** Why whoever asked for a response wanted it, in their words (`nudge item 5 the CEO wants our take`). */
  requestReason?: string | null;
  policyUrl: string | null;
  state: string;
  claimantId: string | null;
  replyUrl: string | null;
  /** How they replied when there was no link ("by email"); null with a link. */
  replyNote: string | null;
  dismissReason: string | null;
  /** Who dismissed it, from the trail: an expert who disagrees knows whom to ask. */
  dismissedBy?: string | null;
  related: RelatedItem[];
  /** A conversation in progress snoozed: no reminders (a claimed one's, to reply) until then, asked by whom. */
  snooze?: { until: Date; by: string } | null;
  /** When its claimant claimed it (or was given it). */
  claimedAt?: Date | null;
  /** The only expert available, when their claim was just released: the admins are asked to find someone else. */
  gaveBack?: string | null;
  /** The admin who gave it to its claimant, when they did not claim it themselves. */
  givenBy?: string | null;
  /** The zone its dates are written in (DEFAULT_TIMEZONE); UTC without one. */
  timeZone?: string;
  /** The other conversations its claimant holds: a busy expert sees what else waits on them. */
  otherClaims?: number[];
  /**
   * What happens if nobody acts (a conversation in progress): the reminder and escalation delays,
   * in working hours, and when it expires; so whoever reads it on a phone knows by when.
   */
  followUp?: {
    remindAfterHours: number;
    escalateAfterHours: number;
    replyReminderHours: number;
    claimantReminded: boolean;
    expiresAt: Date;
  } | null;
};

/** ":hourglass: If nobody claims it, …": by when, and what happens if nobody does anything. */
function openDeadline(nudge: NudgeView): KnownBlock[] {
  const next = nudge.followUp;
  if (!next) return [];
  const expires = `it expires ${formatDayTime(next.expiresAt, nudge.timeZone)}`;
  return [
    context(
      nudge.smes.length || nudge.resting
        ? `:hourglass_flowing_sand: If nobody claims it, the experts are reminded here after ${workingHours(next.remindAfterHours)} and the admins are told after ${next.escalateAfterHours}; ${expires}.`
        : `:hourglass_flowing_sand: Unless someone takes it, ${expires}.`,
    ),
  ];
}

/** The claimant's by-when: their reminder, the admins after it, and the claim's expiry. */
function claimDeadline(nudge: NudgeView): string {
  const next = nudge.followUp;
  if (!next) return '';
  const expires = `the claim expires ${formatDayTime(next.expiresAt, nudge.timeZone)}, and the conversation with it`;
  return next.claimantReminded
    ? ` *By when:* with still no reply, the admins are told ${next.escalateAfterHours} of your working hours after this reminder; ${expires}.`
    : ` *By when:* with no reply recorded, you get a reminder after ${next.replyReminderHours} of your working hours, and the admins are told a working day later; ${expires}.`;
}

/** " You also hold conversations 4 and 9: `/brief claims` lists them." for a claimant with others; else ''. */
export function alsoHolding(ids: number[] | undefined): string {
  if (!ids?.length) return '';
  const list =
    ids.length === 1
      ? `conversation ${ids[0]}`
      : `conversations ${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
  return ` You also hold ${list}: \`/brief claims\` lists ${ids.length === 1 ? 'it' : 'them'}; give one back (\`/brief nudge release <number>\`) if you cannot answer them all.`;
}

/**
 * What a claimant is told where they claimed: one line, as their DM has the rest; the commands
 * instead only when that DM could not be sent.
 */
export function claimedNote(nudgeId: number, dmSent: boolean): string {
  return dmSent
    ? `You claimed conversation ${nudgeId}: your DM with Briefbot has what you need.`
    : `You claimed conversation ${nudgeId}, but I could not send you a DM about it. Once you have replied: \`/brief nudge replied ${nudgeId} <link to your reply | how you replied>\`; to give it back: \`/brief nudge release ${nudgeId}\`.`;
}

function workingHours(count: number): string {
  return `${count} working ${count === 1 ? 'hour' : 'hours'}`;
}

/** "Also being said": the same story elsewhere and the topic's other recent items, for context. */
function alsoSaid(nudge: NudgeView, now: Date): KnownBlock[] {
  if (nudge.related.length === 0) return [];
  const lines = nudge.related.map(
    (item) =>
      `${toneLead(item.sentiment)}${link(item.url, item.title)} — ${escapeFeedText(item.source)} · ${formatRelative(item.publishedAt, now)}${item.sameStory ? ' · _same story_' : ''}`,
  );
  return [section(`*Also being said*\n${lines.join('\n')}`)];
}

function what(nudge: NudgeView, now: Date): KnownBlock[] {
  const about = nudge.topic ? ` on *${escapeText(nudge.topic)}*` : '';
  const asked = nudge.requestedBy ? ` <@${nudge.requestedBy}> asked for a response.` : '';
  return [
    section(
      `:speech_balloon: *A conversation to join*${about}.${asked}\n*${link(nudge.url, nudge.title)}*\n_${escapeFeedText(nudge.source)} · ${formatRelative(nudge.publishedAt, now)}_`,
    ),
    ...(nudge.excerpt
      ? [section(`> ${escapeFeedText(truncate(nudge.excerpt, 400)).replace(/\n/g, ' ')}`)]
      : []),
    ...(whyItMatters(nudge).length ? [section(`*Why it matters*\n${whyItMatters(nudge).join('\n')}`)] : []),
    ...(nudge.angle ? [section(`*A possible angle*: ${escapeText(nudge.angle)}`)] : []),
  ];
}

/**
 * The lines under "Why it matters": the asker's own reason first, then the scored ones; a story
 * someone picked by hand with neither still says who picked it, so the expert knows whom to ask.
 */
function whyItMatters(nudge: NudgeView): string[] {
  const asked = nudge.requestedBy
    ? nudge.requestReason
      ? [`• <@${nudge.requestedBy}>: “${escapeText(truncate(nudge.requestReason, 300))}”`]
      : nudge.reasons.length
        ? []
        : [`• <@${nudge.requestedBy}> picked this story by hand; ask them in its thread why it matters.`]
    : [];
  return [...asked, ...nudge.reasons.slice(0, 5).map((reason) => `• ${escapeText(reason)}`)];
}

/**
 * The experts named on a redraw who were not pinged at the post (outside their working hours) and
 * when their DM comes: the post said so, and an edit notifies nobody.
 */
function notPinged(nudge: NudgeView): string {
  const owed = nudge.mornings ?? [];
  if (!owed.length) return '';
  const [only] = owed;
  // "at 09:00 their time (Mon 23 Nov 20:00 GMT-5)": the start of their day, and when that is here.
  const when = ({ at, timeZone }: { at: Date; timeZone?: string }) =>
    formatTheirTime(at, timeZone ?? nudge.timeZone ?? 'UTC', nudge.timeZone);
  if (only && owed.length === 1 && nudge.smes.length === 1)
    return ` _Outside working hours now, so not pinged: a DM comes ${when(only)} if nobody has claimed it by then._`;
  const each = owed.map((morning) => `<@${morning.userId}> gets a DM ${when(morning)}`);
  return ` _Not pinged, as outside working hours now: ${each.join(', ')}, if nobody has claimed it by then._`;
}

/** The nudge in its channel, in whatever state it is now; the same builder for every update. */
export function nudgeMessage(nudge: NudgeView, now: Date): Message {
  const blocks = what(nudge, now);
  const policy = nudge.policyUrl
    ? ` Before replying, read the <${nudge.policyUrl}|social media policy>.`
    : '';
  if (nudge.state === 'open') {
    if (nudge.resting && !nudge.smes.length) {
      const one = nudge.resting === 1;
      blocks.push(
        section(
          `*${one ? 'The expert on this beat is' : `The ${nudge.resting} experts on this beat are`} outside their working hours now*, so nobody is pinged: ${one ? 'they get' : 'each gets'} a DM when their own working day starts, if nobody has claimed it by then. Anyone on the beat can take it now with *Claim*.${policy}`,
        ),
      );
    } else if (nudge.smes.length) {
      const resting = !nudge.resting
        ? ''
        : ` (${nudge.resting === 1 ? 'One other expert on this beat is' : `${nudge.resting} other experts on this beat are`} outside their working hours: not pinged now, ${nudge.resting === 1 ? 'they get' : 'each gets'} a DM when their day starts if nobody has claimed it.)`;
      blocks.push(
        section(
          nudge.gaveBack
            ? `*<@${nudge.gaveBack}>, the only expert on ${escapeText(nudge.topic ?? 'this beat')}, no longer has it.* Admins, reassign it (\`/brief nudge reassign ${nudge.id} @someone\`) or add an expert (\`/brief sme add @someone ${escapeText(nudge.topic ?? '<topic>')}\`); <@${nudge.gaveBack}> can still take it back with *Claim*.${policy}`
            : nudge.smes.length === 1
              ? `*Expert on this beat*: <@${nudge.smes[0]}> — can you take it?${resting}${notPinged(nudge)}${policy}`
              : `*Experts on this beat*: ${nudge.smes.map((id) => `<@${id}>`).join(' ')} — can one of you take it?${resting}${notPinged(nudge)}${policy}`,
        ),
      );
    } else {
      blocks.push({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: !nudge.topic
            ? `*This story is on no expert's beat.* Admins, pick who should answer it:${policy}`
            : nudge.away.length
              ? `*${awayClause(nudge.away.length, nudge.topic).replace(/^the /, 'The ')}:* ${awayList(nudge.away, nudge.timeZone)}. Admins, pick someone for this one (they join the beat):${policy}`
              : nudge.left?.length
                ? `*${leftClause(nudge.left, nudge.topic).replace(/^the /, 'The ')}.* Admins, pick someone for this one (they join the beat):${policy}`
                : `*No expert covers ${escapeText(nudge.topic)} yet.* Admins, pick one (they join the beat):${policy}`,
        },
        accessory: {
          type: 'users_select',
          action_id: Action.NudgeAssignSme,
          placeholder: { type: 'plain_text', text: 'Choose an expert' },
        },
        block_id: nudgeAssignBlockId(nudge.id),
      });
    }
    if (nudge.snooze)
      blocks.push(
        context(
          `:zzz: Snoozed until ${formatDayTime(nudge.snooze.until, nudge.timeZone)} by <@${nudge.snooze.by}>: no reminders until then.`,
        ),
      );
    else blocks.push(...openDeadline(nudge));
    blocks.push(
      actions(`nudge_${nudge.id}`, [
        button('Claim', Action.NudgeClaim, String(nudge.id), 'primary', {
          label: `Claim conversation ${nudge.id}: ${nudge.title}`,
        }),
        button('Not relevant', Action.NudgeNotRelevant, String(nudge.id), undefined, {
          label: `Not relevant: conversation ${nudge.id}`,
        }),
        button('Snooze a day', Action.NudgeSnooze, String(nudge.id), undefined, {
          label: `Snooze conversation ${nudge.id} a day`,
        }),
        button('Not mine', Action.NudgeNotMine, String(nudge.id), undefined, {
          label: `Not mine: send conversation ${nudge.id} to another beat`,
        }),
      ]),
    );
  } else if (nudge.state === 'claimed') {
    const snoozed = nudge.snooze
      ? ` :zzz: Reminder to reply snoozed until ${formatDayTime(nudge.snooze.until, nudge.timeZone)} by <@${nudge.snooze.by}>.`
      : '';
    blocks.push(
      context(
        `:raising_hand: ${nudge.givenBy ? `Given to <@${nudge.claimantId}> (by <@${nudge.givenBy}>)` : `Claimed by <@${nudge.claimantId}>`}, who will reply.${snoozed}${policy}`,
      ),
    );
  } else if (nudge.state === 'replied') {
    blocks.push(
      context(
        `:white_check_mark: <@${nudge.claimantId}> replied${howReplied(nudge.replyUrl, nudge.replyNote, 'their reply')}`,
      ),
    );
  } else if (nudge.state === 'dismissed') {
    blocks.push(
      context(
        `Dismissed as not relevant${nudge.dismissedBy ? ` by <@${nudge.dismissedBy}>` : ''}${nudge.dismissReason ? `: ${escapeText(nudge.dismissReason)}` : ''}.`,
      ),
    );
  } else {
    blocks.push(context('Expired: nobody replied in time.'));
  }
  return message(escapeText(`${nudgeHeadline(nudge)}: ${nudge.title} (${nudge.source})`), blocks);
}

/** Where a conversation stands, after its topic: "claimed by an expert". */
const stateWords: Record<string, string> = {
  claimed: 'claimed by an expert',
  replied: 'answered by an expert',
  dismissed: 'dismissed as not relevant',
  expired: 'expired unanswered',
};

/**
 * "A conversation to join on pricing", "A conversation on pricing, claimed by an expert": the message
 * is updated in place, and a fallback text still asking to join one claimed or closed would say the
 * opposite of its blocks.
 */
function nudgeHeadline(nudge: NudgeView): string {
  const on = nudge.topic ? ` on ${nudge.topic}` : '';
  const state = stateWords[nudge.state];
  return state ? `A conversation${on}, ${state}` : `A conversation to join${on}`;
}

/**
 * The claimant's DM: the link, the excerpt, and how to finish or give it back. `givenBy`: the admin
 * who gave it to them (reassign, or the expert picker), which they did not claim; `joined`: the
 * topic whose beat that put them on, which they were not on before.
 */
export function claimantMessage(
  nudge: NudgeView,
  now: Date,
  givenBy?: string,
  joined?: string | null,
  /** A warning that comes first: the claim expires before they are back from away. */
  warning?: string,
): Message {
  const policy = nudge.policyUrl
    ? `\nRead the <${nudge.policyUrl}|social media policy> before you reply.`
    : '';
  const byWhen = claimDeadline(nudge).trim();
  // Where to reply, by name and one tap away, next to the instruction (the title above may be off screen on a phone).
  const where = nudge.url && /^https?:\/\//i.test(nudge.url) ? ` (${replyLink(nudge.url, 'the story')})` : '';
  const text = givenBy
    ? `Conversation ${nudge.id} was given to you: ${nudge.title}. Reply, then press Mark replied.`
    : `You claimed conversation ${nudge.id}: ${nudge.title}. Reply, then press Mark replied.`;
  return message(escapeText(text), [
    ...what(nudge, now),
    ...alsoSaid(nudge, now),
    ...(warning ? [section(`:warning: ${warning}`)] : []),
    // On a phone: what happened and what to do first; the commands and the by-when below, smaller.
    section(
      `${givenBy ? `<@${givenBy}> gave you conversation ${nudge.id}` : `You claimed conversation ${nudge.id}`}${nudge.claimedAt ? ` ${formatRelative(nudge.claimedAt, now)}` : ''}.${givenBy && joined ? ` It put you on the ${escapeText(joined)} beat too, so you are asked about its next stories (\`/brief sme list\` shows your beats).` : ''} Reply where the conversation is${where}, then press *Mark replied* with the link to your reply (no link, e.g. by email? Say how you replied).${policy}`,
    ),
    context(
      `Or send \`/brief nudge replied ${nudge.id} <link to your reply | how you replied>\`; to give it back: \`/brief nudge release ${nudge.id}\`. *Draft a reply*: a first draft to edit; *Not mine*: another beat's story? Say whose, and it goes to their experts.${byWhen ? `\n${byWhen}` : ''}${alsoHolding(nudge.otherClaims)}`,
    ),
    actions(`nudge_dm_${nudge.id}`, [
      button('Mark replied', Action.NudgeMarkReplied, String(nudge.id), 'primary', {
        label: `Mark conversation ${nudge.id} replied`,
      }),
      button('Draft a reply', Action.NudgeDraft, String(nudge.id), undefined, {
        label: `Draft a reply to conversation ${nudge.id}`,
      }),
      button('Not mine', Action.NudgeNotMine, String(nudge.id), undefined, {
        label: `Not mine: give conversation ${nudge.id} back and send it to another beat`,
      }),
      releaseButton(nudge.id, Action.NudgeRelease, String(nudge.id)),
    ]),
  ]);
}

/**
 * A former claimant's DM once the conversation is no longer theirs: the story stays, the
 * instructions and the buttons give way to `note` (mrkdwn).
 */
export function closedClaimantMessage(
  nudge: NudgeView,
  now: Date,
  note: string,
  headline = `No longer yours to reply to: ${nudge.title}`,
): Message {
  return message(escapeText(headline), [...what(nudge, now), ...alsoSaid(nudge, now), context(note)]);
}

/**
 * To the claimant when their claim expires: that it did, and how to still record a reply (the
 * link is taken after expiry, from them, while nobody else has the conversation).
 */
export function claimExpiredMessage(nudge: NudgeView, days: number): Message {
  const text = `Your claim on "${nudge.title}" expired: no reply was recorded within ${days} days of claiming it, so nobody is reminded about it any more. If you did reply, record the link with Mark replied or \`/brief nudge replied ${nudge.id} <link to your reply>\` (no link, as by email? \`/brief nudge replied ${nudge.id} by email\`); otherwise there is nothing more to do.`;
  return message(escapeText(text), [
    section(
      `:hourglass: Your claim on *${link(nudge.url, nudge.title)}* expired: no reply was recorded within ${days} days of claiming it, so nobody is reminded about it any more.`,
    ),
    section(
      `If you did reply, press *Mark replied* or send \`/brief nudge replied ${nudge.id} &lt;link to your reply&gt;\`: the link is still taken. Replied with no link (by email, by phone)? Say so: \`/brief nudge replied ${nudge.id} by email\`. Otherwise there is nothing more to do.`,
    ),
    actions(`nudge_expired_${nudge.id}`, [
      button('Mark replied', Action.NudgeMarkReplied, String(nudge.id), 'primary'),
    ]),
  ]);
}

/**
 * To whoever asked for a response when the conversation expires unanswered: who had it (or that
 * nobody took it), and what they can do now (an admin: reopen it; anyone else: ask `ask`, the admins by name).
 */
export function requestExpiredMessage(
  nudge: NudgeView,
  days: number,
  claimantId: string | null,
  asAdmin: boolean,
  ask = 'a Briefbot admin',
): Message {
  const what = claimantId
    ? `<@${claimantId}> claimed it but recorded no reply within ${days} days`
    : `no expert claimed it within ${days} days`;
  const next = asAdmin
    ? `To ask the experts again: \`/brief nudge reopen ${nudge.id}\`; to give it to someone, reopen it, then \`/brief nudge reassign ${nudge.id} @someone\`.`
    : `To ask the experts again, ask ${ask} to reopen it.`;
  const text = `The conversation you asked for expired unanswered: "${escapeFeedText(nudge.title)}" (${nudge.id}): ${what}.`;
  return message(`${text} ${next}`, [
    section(
      `:hourglass: The conversation you asked for, *${link(nudge.url, nudge.title)}* (${nudge.id}), expired unanswered: ${what}.`,
    ),
    section(next),
  ]);
}

/**
 * To the expert who had answered (or held, until it expired) a conversation an admin reopened: who
 * did, why, and, as the thread post does, whether they are asked to take it.
 */
export function reopenedMessage(
  nudge: NudgeView,
  input: {
    adminId: string;
    reason: string | null;
    was: 'replied' | 'expired' | 'dismissed';
    replyUrl: string | null;
    /** How they had replied, without a link ("by email"). */
    replyNote?: string | null;
    /** Why it had been dismissed. */
    dismissReason?: string | null;
    /** Who dismissed it, when not they: an admin dismissed the claim they held. */
    dismissedBy?: string | null;
    /** The admin who had given them the conversation, when they had not claimed it themselves. */
    givenBy?: string | null;
    /** The thread post asks them to take it (they are on its beat and available): so does this DM. */
    asked?: boolean;
  },
): Message {
  const wasWords = {
    replied: 'which you had replied to',
    expired: 'whose claim of yours had expired',
    dismissed: input.dismissedBy
      ? input.givenBy === input.dismissedBy
        ? `which <@${input.givenBy}> had given you, then dismissed as not relevant`
        : `which ${input.givenBy ? `<@${input.givenBy}> had given you` : 'you had claimed'} before <@${input.dismissedBy}> dismissed it as not relevant`
      : 'which you had dismissed as not relevant',
  }[input.was];
  const had =
    input.was === 'dismissed' && input.dismissReason
      ? `${wasWords} (${escapeText(input.dismissReason)})`
      : wasWords;
  const yours =
    input.was === 'replied' && (input.replyUrl || input.replyNote)
      ? `${wasWords} (${input.replyUrl ? replyLink(input.replyUrl, 'your reply') : escapeText(input.replyNote ?? '')})`
      : had;
  // Their own reason comes first; the admin's is said apart, so neither reads as the other's.
  const why = input.reason
    ? `. <@${input.adminId}>'s reason for reopening: “${escapeText(input.reason)}”.`
    : `. <@${input.adminId}> gave no reason for reopening.`;
  const head = `:leftwards_arrow_with_hook: <@${input.adminId}> reopened *${link(nudge.url, nudge.title)}* (${nudge.id}), ${yours}${why}`;
  const take = input.asked
    ? `Can you take it? Press *Claim* on its message or send \`/brief nudge claim ${nudge.id}\``
    : `Nothing is needed from you; to take it again, press *Claim* on its message or send \`/brief nudge claim ${nudge.id}\``;
  const next = `It is open for the experts again${input.was === 'replied' ? '; your reply still counts in your figures, as a reply you made' : ''}. ${take}. Questions: ask <@${input.adminId}>.`;
  return message(
    `<@${input.adminId}> reopened "${escapeFeedText(nudge.title)}" (${nudge.id}), ${had}${why} ${next}`,
    [section(head), section(next)],
  );
}

/**
 * To the admins when nobody claimed a conversation in time: the story, its topic, whom it asked
 * (and who is away), and the next step: a command naming the experts, or, when nobody covers the
 * topic, the picker and the `sme add` command for it.
 */
export function escalationMessage(nudge: NudgeView, channelId: string, hours: number): Message {
  const about = nudge.topic ? ` on *${escapeText(nudge.topic)}*` : ' (on no topic)';
  const head = `:rotating_light: Nobody has claimed conversation ${nudge.id}, *${link(nudge.url, nudge.title)}*${about}, in <#${channelId}> for ${hours} working hours.`;
  const away = nudge.away.length ? `away: ${awayList(nudge.away, nudge.timeZone)}` : '';
  const reassign = `\`/brief nudge reassign ${nudge.id} @someone\``;
  const asked = nudge.smes.length
    ? `Asked: ${nudge.smes.map((id) => `<@${id}>`).join(', ')}${away ? `; ${away}` : ''}. Give it to one of them: ${reassign}.`
    : !nudge.topic
      ? `No expert was asked: the story is on no topic. Pick who should answer it (it becomes theirs), or ${reassign}.`
      : `No expert was asked: ${
          away
            ? `the ${nudge.away.length === 1 ? 'expert' : 'experts'} on ${escapeText(nudge.topic)} ${nudge.away.length === 1 ? 'is' : 'are'} ${away}`
            : `nobody covers ${escapeText(nudge.topic)}`
        }. Pick someone (they join the beat and get it with *Claim*), or add an expert to ${escapeText(nudge.topic)}: \`/brief sme add @someone ${escapeText(nudge.topic)}\`.`;
  const text = `Nobody has claimed conversation ${nudge.id}, "${escapeFeedText(nudge.title)}", in <#${channelId}> for ${hours} working hours. ${asked}`;
  if (nudge.smes.length) return message(text, [section(head), section(asked)]);
  return message(text, [
    section(head),
    {
      type: 'section',
      text: { type: 'mrkdwn', text: escapePlaceholders(asked) },
      accessory: {
        type: 'users_select',
        action_id: Action.NudgeAssignSme,
        placeholder: { type: 'plain_text', text: 'Choose an expert' },
      },
      block_id: nudgeAssignBlockId(nudge.id),
    },
  ]);
}

/** A conversation waiting for a claim, as a list of them shows it. */
export type WaitingConversation = { id: number; title: string; url: string | null; topic: string | null };

/** How many a DM lists with a Claim button each; the rest are counted, for `nudge list`. */
const waitingShown = 10;

/** One line: its number, the story's linked title, its topic. */
export function waitingLine(conversation: WaitingConversation): string {
  const topic = conversation.topic ? ` · ${escapeText(conversation.topic)}` : '';
  return `*${conversation.id}* ${link(conversation.url, conversation.title)}${topic}`;
}

/**
 * To an expert newly on duty (added to a beat, back from away): each conversation on their beats
 * waiting for a claim, its story linked, with Claim beside it.
 */
export function waitingForYouMessage(waiting: WaitingConversation[]): Message {
  const plural = waiting.length > 1;
  const intro = `${plural ? `${waiting.length} conversations` : 'A conversation'} on your beat${plural ? 's' : ''} ${plural ? 'wait' : 'waits'} for an expert. Press *Claim* to take one, or send \`/brief nudge claim <number>\`; \`/brief nudge <number>\` shows where one stands.`;
  const hidden = waiting.length - waitingShown;
  return message(
    `${intro} ${waiting.map((conversation) => `${conversation.id}: ${escapeFeedText(conversation.title)}`).join('; ')}`,
    [
      section(intro),
      ...waiting.slice(0, waitingShown).map((conversation) =>
        section(
          waitingLine(conversation),
          button('Claim', Action.NudgeClaim, String(conversation.id), 'primary', {
            label: `Claim conversation ${conversation.id}: ${conversation.title}`,
          }),
        ),
      ),
      ...(hidden > 0 ? [context(`…and ${hidden} more: \`/brief nudge list\``)] : []),
    ],
  );
}

/**
 * To an expert not pinged when a conversation was posted outside their working hours, as their day
 * starts and nobody has claimed it yet: where it is, and **Claim**.
 */
export function morningNudgeMessage(conversation: WaitingConversation, channelId: string): Message {
  const intro = `:sunrise: While you were off, a conversation on your beat was posted in <#${channelId}> (you were not pinged then), and nobody has claimed it yet. Can you take it?`;
  const waiting = waitingForYouMessage([conversation]);
  return message(`${intro} ${waiting.text}`, [section(intro), ...waiting.blocks.slice(1)]);
}

/** A form about one conversation: the story's title first, then its fields; Cancel closes it. */
function nudgeForm(
  callbackId: string,
  nudgeId: number,
  heading: string,
  submit: string,
  title: string,
  fields: KnownBlock[],
): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: String(nudgeId),
    title: { type: 'plain_text', text: heading },
    submit: { type: 'plain_text', text: submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [section(`*${escapeText(truncate(title, 200))}*`), ...fields],
  };
}

export function replyUrlModal(nudgeId: number, title: string): ModalView {
  return nudgeForm(View.NudgeReplied, nudgeId, 'Mark replied', 'Done', title, [
    {
      type: 'input',
      block_id: 'url',
      label: { type: 'plain_text', text: 'Link to your reply' },
      // Optional: a reply by email or phone has no link, and is said in the note below instead.
      optional: true,
      element: {
        type: 'url_text_input',
        action_id: 'value',
        placeholder: { type: 'plain_text', text: 'https://…' },
      },
    },
    {
      type: 'input',
      block_id: 'note',
      label: { type: 'plain_text', text: 'No link? How you replied' },
      optional: true,
      hint: { type: 'plain_text', text: 'By email, by phone, in a private forum: leave the link empty.' },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: 200,
        placeholder: { type: 'plain_text', text: 'by email to the customer' },
      },
    },
  ]);
}

export function dismissModal(nudgeId: number, title: string): ModalView {
  return nudgeForm(View.NudgeDismiss, nudgeId, 'Not relevant', 'Dismiss', title, [
    {
      type: 'input',
      block_id: 'reason',
      label: { type: 'plain_text', text: 'Why is it not relevant?' },
      element: { type: 'plain_text_input', action_id: 'value', multiline: false, max_length: 300 },
    },
    // Dismissing closes it for everyone: a story for another beat is sent to its experts instead.
    context(
      escapePlaceholders(
        `Relevant, but for another beat? Cancel, and press *Not mine* on the channel's message, or send \`/brief nudge move ${nudgeId} <topic> [why]\`: that topic's experts are asked instead.`,
      ),
    ),
  ]);
}

/** Slack's static select holds 100 options at most. */
const maxTopicOptions = 100;

/**
 * "Not mine": which beat the story belongs to (a select of the other topics) and, optionally, why;
 * submitted, it does what `/brief nudge move` does.
 */
export function notMineModal(
  nudgeId: number,
  title: string,
  topics: Array<{ name: string; label: string }>,
  /** Pressed on the claim DM by its holder: the form gives it back as it moves it. */
  held = false,
  /** Pressed on App Home: submitted, the presser's Home is redrawn (read by `moveMetadataOf`). */
  fromHome = false,
): ModalView {
  const form = nudgeForm(View.NudgeMove, nudgeId, 'Not mine', held ? 'Give back, move' : 'Move it', title, [
    {
      type: 'input',
      block_id: 'topic',
      label: { type: 'plain_text', text: 'Whose beat is it?' },
      element: {
        type: 'static_select',
        action_id: 'value',
        placeholder: { type: 'plain_text', text: 'Choose a topic' },
        options: topics.slice(0, maxTopicOptions).map((topic) => ({
          text: { type: 'plain_text', text: truncate(topic.label, 75) },
          value: topic.name,
        })),
      },
    },
    {
      type: 'input',
      block_id: 'reason',
      optional: true,
      label: { type: 'plain_text', text: 'Why (optional)' },
      element: { type: 'plain_text_input', action_id: 'value', multiline: false, max_length: 300 },
    },
    context(
      `${held ? 'You give it back as it moves, so you no longer need to reply. ' : ''}That topic's experts are asked instead: its message and thread name them, and each gets a DM with *Claim*. It stays in its channel.${topics.length > maxTopicOptions ? escapePlaceholders(` Not listed? \`/brief nudge move ${nudgeId} <topic> [why]\``) : ''}`,
    ),
  ]);
  return fromHome ? { ...form, private_metadata: `${nudgeId}${homeMark}` } : form;
}

/** What a Not mine form opened on App Home carries after its conversation's number. */
const homeMark = ':home';

/** The Not mine form's conversation, and whether it was opened on App Home (its Home is redrawn once it moves). */
export function moveMetadataOf(metadata: string): { nudgeId: number; fromHome: boolean } {
  const fromHome = metadata.endsWith(homeMark);
  return { nudgeId: Number(fromHome ? metadata.slice(0, -homeMark.length) : metadata), fromHome };
}

/** The Reassign form's box that confirms giving a conversation to someone marked away, as `confirm` does. */
export const evenIfAwayLabel = 'Even if they are away';

/**
 * An admin gives a conversation to someone: whom, and whether even while they are away. `timeZone`:
 * the admin's, when known as it opens, carried to the submission (read by `reassignMetadataOf`), which
 * another instance may receive (HTTP mode) and must answer at once, without asking Slack.
 */
export function reassignModal(
  nudgeId: number,
  title: string,
  claimantId: string | null,
  timeZone: string | null = null,
): ModalView {
  return {
    type: 'modal',
    callback_id: View.NudgeReassign,
    private_metadata: timeZone ? JSON.stringify({ nudgeId, timeZone }) : String(nudgeId),
    title: { type: 'plain_text', text: `Reassign ${nudgeId}` },
    submit: { type: 'plain_text', text: 'Reassign' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`*${escapeText(truncate(title, 200))}*`),
      context(
        claimantId ? `Held by <@${claimantId}>, who is told it is no longer theirs.` : 'Waiting for a claim.',
      ),
      {
        type: 'input',
        block_id: 'person',
        label: { type: 'plain_text', text: 'Give it to' },
        element: {
          type: 'users_select',
          action_id: 'value',
          placeholder: { type: 'plain_text', text: 'Choose an expert' },
        },
        hint: {
          type: 'plain_text',
          text: 'They get it as if they had claimed it, by DM. Someone off its beat joins the beat.',
        },
      },
      {
        type: 'input',
        block_id: 'away',
        optional: true,
        label: { type: 'plain_text', text: 'If they are marked away' },
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: [{ text: { type: 'plain_text', text: evenIfAwayLabel }, value: 'confirm' }],
        },
      },
    ],
  };
}

/**
 * To the admins, once: an expert's Slack account is deactivated, so new nudges leave them out; how
 * to take them off, or hand their beats (`topics`) to someone (`covers`: who else is on each beat).
 */
export function expertLeftMessage(
  userId: string,
  topics: Array<{ name: string; covers: string[] }>,
): Message {
  const names = topics.map((topic) => escapeText(topic.name));
  const others = topics
    .filter((topic) => topic.covers.length)
    .map(
      (topic) =>
        `${topic.covers.map((id) => `<@${id}>`).join(', ')} ${topic.covers.length === 1 ? 'covers' : 'cover'} ${escapeText(topic.name)}`,
    );
  const hand = names.length
    ? `, or hand their ${names.length === 1 ? 'beat' : 'beats'} to someone: \`/brief sme add @someone ${names.join(', ')}\`${others.length ? ` (${others.join('; ')})` : ''}`
    : '';
  const text = `<@${userId}>'s Slack account is deactivated (they may have left), so new nudges no longer name them. \`/brief sme remove @${userId}\` takes them off${hand}.`;
  return message(text, [section(`:bust_in_silhouette: ${text}`)]);
}

/** Whether a block offers Claim on conversation `id` (a Claim beside its line, or among its message's buttons); none: on any. */
function offersClaim(block: KnownBlock, id?: string): boolean {
  const claims = (element: unknown) =>
    typeof element === 'object' &&
    element !== null &&
    (element as { action_id?: string }).action_id === Action.NudgeClaim &&
    (id === undefined || (element as { value?: string }).value === id);
  if (block.type === 'section') return claims(block.accessory);
  if (block.type === 'actions') return block.elements.some(claims);
  return false;
}

/**
 * A DM that invited `recipient` to claim conversation `nudgeId`, redrawn once it is claimed (or given
 * to someone): its Claim (and the buttons beside it) gives way to who has it, so nobody presses a Claim that can only
 * say "Already claimed". Null when the DM offers no Claim on it (any more).
 */
export function claimedInvitation(
  invitation: Message,
  nudgeId: number,
  claimantId: string,
  recipient: string,
): Message | null {
  const id = String(nudgeId);
  return settledInvitation(
    invitation,
    nudgeId,
    claimantId === recipient
      ? `:white_check_mark: You claimed conversation ${id}: your DM with *Mark replied* has the rest.`
      : `:raising_hand: <@${claimantId}> has conversation ${id} and will reply: nothing for you to do. \`/brief nudge ${id}\` shows where it stands.`,
    claimantId === recipient ? 'You have it' : `<@${claimantId}> has it`,
  );
}

/** Why an invitation's Claim on a conversation no longer applies to its recipient, other than a claim. */
export type InvitationEnd =
  | { kind: 'dismissed' | 'expired' | 'replied' }
  | { kind: 'moved'; topic: string | null };

/**
 * A DM that invited its recipient to claim conversation `nudgeId`, redrawn once there is nothing for
 * them to claim: dismissed, expired, answered, or moved to a beat that is not theirs. Null when the
 * DM offers no Claim on it (any more).
 */
export function endedInvitation(invitation: Message, nudgeId: number, end: InvitationEnd): Message | null {
  const note =
    end.kind === 'moved'
      ? `:arrow_right: Conversation ${nudgeId} was moved to ${end.topic ? escapeText(end.topic) : 'another beat'}: its experts were asked, so nothing for you to do.`
      : `:heavy_minus_sign: Conversation ${nudgeId} ${{ dismissed: 'was dismissed', expired: 'expired', replied: 'was answered' }[end.kind]}: nothing to do.`;
  return settledInvitation(
    invitation,
    nudgeId,
    note,
    {
      dismissed: 'Dismissed',
      expired: 'Expired',
      replied: 'Answered',
      moved: 'Moved',
    }[end.kind],
  );
}

/** An invitation whose Claim on `nudgeId` gives way to `note`; its text led by `headline`. */
function settledInvitation(
  invitation: Message,
  nudgeId: number,
  note: string,
  headline: string,
): Message | null {
  const id = String(nudgeId);
  if (!invitation.blocks.some((block) => offersClaim(block, id))) return null;
  // A DM about this conversation alone: its opening line, which asks them to claim it, gives way to the note.
  const alone = !invitation.blocks.some((block) => offersClaim(block) && !offersClaim(block, id));
  const [opening] = invitation.blocks;
  const asks = alone && opening?.type === 'section' && !offersClaim(opening, id);
  const blocks = invitation.blocks.flatMap((block, index): KnownBlock[] => {
    if (asks && index === 0) return [context(note)];
    if (!offersClaim(block, id)) return [block];
    if (block.type === 'actions') return asks ? [] : [context(note)];
    const { accessory: _, ...line } = block as KnownBlock & { accessory?: unknown };
    return asks ? [line as KnownBlock] : [line as KnownBlock, context(note)];
  });
  return message(`${headline}: ${invitation.text}`, blocks);
}
