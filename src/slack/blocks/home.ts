import type { Button, HomeView, KnownBlock } from '@slack/types';
import type { OthersOnlyTopic, TopicView } from '../../analysis/topics.ts';
import type { OpenedItemDetails } from '../../briefing/drill.ts';
import type { LastLook } from '../../briefing/last-look.ts';
import { inYourDms } from '../../briefing/slots.ts';
import type { Role } from '../../commands/access.ts';
import type { EvidenceCounts } from '../../db/search.ts';
import { countOf, formatClockTime, formatDay, formatRelative } from '../../format.ts';
import type { FeedView } from '../../monitor/feeds.ts';
import { Action, BlockId, homeNudgeBlockId } from '../ids.ts';
import { sentimentText, trendText } from './answer.ts';
import {
  actions,
  button,
  context,
  divider,
  escapeText,
  fields,
  header,
  limits,
  lineSections,
  type Message,
  section,
  truncate,
} from './common.ts';
import { releaseButton } from './nudge.ts';
import {
  type FeedSummary,
  feedCountsText,
  feedLine,
  noticeMessage,
  plainFeedLine,
  topicVolumeText,
} from './replies.ts';
import { sourceMessage } from './source.ts';

export type HomeInput = {
  userId: string;
  role: Role;
  feeds: FeedSummary;
  troubledFeeds: FeedView[];
  /**
   * A competitor's counts are what others said, as `acme vs globex` counts them: its own posts in the
   * 7 days (`ownPosts7d`) are left out of `items7d` and `itemsPrevious7d`.
   */
  topics: OthersOnlyTopic[];
  usage: { asks7d: number; askers7d: number };
  /** For anyone but an admin: whom to ask to fix the feeds that need attention (`adminsToAsk`). */
  feedsFixedBy?: string;
  /** Digest schedules with their last run, shown to admins. */
  digests: string[];
  /** On a fresh install: the set-up order, ticked as done (admins), or whom to ask (`gettingStartedText`). */
  gettingStarted?: string | null;
  /** Whether any feed is read: with none, the ask box has nothing to search. */
  readsFeeds?: boolean;
  /** The viewer's claimed conversations, one line each, with Mark replied, Draft a reply, Not mine and Release under it. */
  myClaims?: ConversationLine[];
  /** For an expert: how they responded over 30 days, in the team line's words. */
  myFigures?: string;
  /** For admins: how fast each expert responds (30 days). */
  team?: string[];
  /** The week's most important stories, one line each (see `topStories`), with the item each Open button opens. */
  topStories?: Array<{ line: string; itemId: number; title: string }>;
  /** The viewer's beats, and until when an admin marked them away (already formatted), if they are. */
  beats?: { topics: string[]; awayUntil: string | null; awayFrom?: string | null };
  /** The viewer's personal follows: digest number, topic and when each comes. */
  follows?: Array<{
    id: number;
    topic: string;
    when: string;
    /** The word commands take: the topic, or `everything`. */
    name?: string;
    /** Why it may bring nothing (its topic matched nothing lately), or '': mrkdwn from `emptyFollowNote`, whose mentions must stay mentions. */
    note?: string;
  }>;
  /** Those waiting for a claim on the viewer's beats, one line each (number, story, claim command). */
  waitingOnBeats?: ConversationLine[];
  /** For admins: the conversations waiting or held, one line each (who holds it), with Reassign under it. */
  teamConversations?: ConversationLine[];
  /** For admins: the last time Briefbot was without Slack, in the past day (`slackOutageText`); absent when all was fine. */
  slackOutage?: string;
  /** For experts and admins: conversations not finished, team-wide (`onBeat`: on the viewer's beats). */
  conversations?: { waiting: number; claimed: number; onBeat: number; stranded?: number };
  /** The last 7 days across every topic (null: no feed yet), and why the news may be missing or old (`missingFeedsText`). */
  week?: { counts: EvidenceCounts | null; problem: string | null; newest: Date | null };
  /** What came in since the viewer's last visit (null: their first). */
  lastLook?: LastLook | null;
  /** What the viewer just typed in the ask box: Home says under the box where its reply went. */
  asked?: AskedOnHome;
  /** The last digest posted that the viewer can open, where and when (`latestDigestText`). */
  latestDigest?: string;
  /**
   * When this view was built, in the viewer's zone (`ownZone`: their own; else Briefbot's
   * DEFAULT_TIMEZONE, named), and when a feed was last read (null: never).
   */
  updated?: { at: Date; timeZone: string; ownZone?: boolean; lastPoll: Date | null };
};

/** A line typed in Home's box: whether its reply reached the Messages tab, else whether it is still owed (sent once Slack takes it). */
export type AskedOnHome = { line: string; delivered: boolean; owed?: boolean };

/** A conversation on Home: its line, and its number for the buttons under it. */
type ConversationLine = { id: number; line: string };

/** How many conversations Home shows with their buttons; `/brief nudge list` and `/brief claims` have the rest. */
const homeConversations = 5;

/**
 * Each conversation's line with the buttons its message has, so an expert on a phone types nothing.
 * Home has no response URL: Claim, Snooze and Release run as commands (the reply opens in a modal),
 * Not relevant, Mark replied, Not mine and an admin's Reassign open their forms; Draft a reply's draft comes by DM.
 */
function conversationBlocks(
  conversations: ConversationLine[],
  buttons: (id: number) => Button[],
  more: string,
): KnownBlock[] {
  const shown = conversations.slice(0, homeConversations);
  const hidden = conversations.length - shown.length;
  return [
    ...shown.flatMap(({ id, line }) => [section(line), actions(homeNudgeBlockId(id), buttons(id))]),
    ...(hidden > 0 ? [context(`…and ${hidden} more: \`${more}\``)] : []),
  ];
}

// Several conversations' buttons in one view: each names its conversation to a screen reader.
const waitingButtons = (id: number) => [
  button(`Claim ${id}`, Action.RunCommand, `nudge claim ${id}`, 'primary', {
    label: `Claim conversation ${id}`,
  }),
  button('Not relevant', Action.NudgeNotRelevant, String(id), undefined, {
    label: `Not relevant: conversation ${id}`,
  }),
  button('Snooze a day', Action.RunCommand, `nudge snooze ${id}`, undefined, {
    label: `Snooze conversation ${id} a day`,
  }),
  // As on its message: the form of the other beats; submitted, it moves there and Home is redrawn.
  button('Not mine', Action.NudgeNotMine, String(id), undefined, {
    label: `Not mine: send conversation ${id} to another beat`,
  }),
];

const reassignButtons = (id: number) => [
  button(`Reassign ${id}`, Action.NudgeReassign, String(id), undefined, {
    label: `Reassign conversation ${id}`,
  }),
];

const heldButtons = (id: number) => [
  button(`Mark ${id} replied`, Action.NudgeMarkReplied, String(id), 'primary', {
    label: `Mark conversation ${id} replied`,
  }),
  // Home has no response URL: the draft comes by DM, as from the claim DM.
  button('Draft a reply', Action.NudgeDraft, String(id), undefined, {
    label: `Draft a reply to conversation ${id}`,
  }),
  // As on the claim DM: the form of the other beats; submitted, it is given back as it moves.
  button('Not mine', Action.NudgeNotMine, String(id), undefined, {
    label: `Not mine: give conversation ${id} back and send it to another beat`,
  }),
  releaseButton(id, Action.RunCommand, `nudge release ${id}`),
];

/** "1 with nobody to ask, 3 waiting for a claim (2 on your beats), 1 claimed and awaiting a reply". */
function conversationsLine({
  waiting,
  claimed,
  onBeat,
  stranded = 0,
}: NonNullable<HomeInput['conversations']>): string {
  const beat = onBeat > 0 ? ` (${onBeat} on your beats)` : '';
  const parts = [
    ...(stranded > 0 ? [`${stranded} with nobody to ask`] : []),
    ...(waiting > 0 ? [`${waiting} waiting for a claim${beat}`] : []),
    ...(claimed > 0 ? [`${claimed} claimed and awaiting a reply`] : []),
  ];
  return `*Conversations in progress:* ${parts.join(', ')} · \`/brief nudge list\``;
}

const roleText: Record<Role, string> = {
  admin: 'You are a *Briefbot admin*: you manage feeds, topics, experts and digests.',
  sme: 'You are an *expert* on a beat: Briefbot will ask you to join conversations on your topics.',
  member: 'You can *ask and read*: topics, sources and what the market says.',
};

/**
 * Someone who is no expert (any more) but still holds conversations: said first, as the greeting
 * would otherwise read as if they had nothing to do.
 */
function heldLine(input: HomeInput): string {
  const held = input.myClaims?.length ?? 0;
  if (input.role !== 'member' || held === 0) return '';
  return `\nYou still hold ${held === 1 ? 'a conversation' : `${held} conversations`}: reply, or give ${held === 1 ? 'it' : 'them'} back, under *Your open conversations* below.`;
}

/**
 * An expert with conversations waiting on their beats: said in the greeting, as the list with its
 * Claim buttons is far down Home on a phone.
 */
function waitingForYouLine(input: HomeInput): string {
  const onBeat = input.conversations?.onBeat ?? 0;
  if (onBeat === 0) return '';
  return `\n:raising_hand: *${onBeat === 1 ? '1 conversation on your beats waits' : `${onBeat} conversations on your beats wait`} for a claim*: Claim ${onBeat === 1 ? 'it' : 'one'} under *Conversations in progress* below.`;
}

/** The commands a viewer is shown: a member holding conversations gets `/brief claims` first. */
function commandsFor(input: HomeInput): string[] {
  if (input.role !== 'member' || !input.myClaims?.length) return roleGuide[input.role];
  return ['`/brief claims` — the conversations you hold', ...roleGuide.member];
}

/** Where an expert checks their beats, and whether they are marked away. */
function beatsLine(beats: HomeInput['beats']): string {
  if (!beats || beats.topics.length === 0) return '';
  const away = !beats.awayUntil
    ? ''
    : beats.awayFrom
      ? ` You are marked *away from ${beats.awayFrom} until ${beats.awayUntil}*: nudges still come to you until then. Cancel it: \`/brief sme away me back\`.`
      : ` You are marked *away until ${beats.awayUntil}*: no nudges until then. Back sooner? \`/brief sme away me back\`.`;
  return `\nYour beats: *${beats.topics.map(escapeText).join(', ')}*.${away}`;
}

const roleGuide: Record<Role, string[]> = {
  member: [
    '`/brief what’s new` — the week across every topic',
    '`/brief what are customers saying about <topic>`',
    '`/brief <topic> vs <competitor> last 30 days`',
    '`/brief anything I should worry about` — the negative side first',
    '`/brief follow <topic> daily 07:00` — a topic’s digest in your DMs (`follow everything`: every topic’s)',
    '`/brief topics list`',
    '`/brief help`',
  ],
  sme: [
    '`/brief claims`',
    '`/brief stats me` — how you responded',
    '`/brief nudge list`',
    '`/brief sme list`',
    '`/brief topics list`',
    '`/brief help`',
  ],
  admin: [
    '`/brief feeds add <url> kind=review`',
    '`/brief topics add <name> <query>`',
    '`/brief sme add @someone <topic>`',
    '`/brief digest add` (a form) · `/brief digest list`',
    '`/brief nudge list` · `/brief stats 30d`',
    '`/brief help`',
  ],
};

/** Anyone may ask from App Home: Enter sends the question, the answer comes as a DM. */
const askBox: KnownBlock = {
  type: 'input',
  block_id: BlockId.HomeAsk,
  dispatch_action: true,
  label: { type: 'plain_text', text: 'Ask Briefbot' },
  element: {
    type: 'plain_text_input',
    action_id: Action.HomeAsk,
    placeholder: { type: 'plain_text', text: 'What are customers saying about pricing?' },
    dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] },
  },
  hint: {
    type: 'plain_text',
    text: 'Press Enter. The answer arrives in the Messages tab, for you only: a summary, sentiment, trend and sources.',
  },
};

/**
 * The week in one glance, for an executive on a phone: how much was said and how it moved, its
 * tone; with nothing this week, why (no feed read, or the newest item is old) and where to look.
 */
function weekText(week: NonNullable<HomeInput['week']>): string {
  const { counts, problem, newest } = week;
  const lines: string[] = [];
  if (counts && counts.current > 0) {
    lines.push(
      `*Last 7 days:* ${countOf(counts.current, 'mention')}, ${trendText(counts, 7)}`,
      sentimentText(counts),
    );
  } else if (counts && !problem) {
    lines.push(
      `*Last 7 days:* nothing new${newest ? ` (the newest item is from ${formatDay(newest)})` : ''}. Further back: \`/brief what’s new last 30 days\``,
    );
  }
  if (problem) lines.push(`:warning: ${problem}`);
  return lines.join('\n');
}

/** "Since you last looked (2 days ago): 14 new items · pricing 5, acme 4, globex 3". */
function lastLookText(look: LastLook, now: Date): string {
  const when = `*Since you last looked* (${formatRelative(look.at, now)})`;
  if (look.items === 0) return `${when}: nothing new.`;
  const topics = look.byTopic.map(({ label, count }) => `${escapeText(label)} ${count}`).join(', ');
  return `${when}: ${countOf(look.items, 'new item')}${topics ? ` · ${topics}` : ''}`;
}

/** "Updated 09:12 UTC · feeds last read 4 min ago": whether what Home shows is current, short enough for a phone. */
function updatedText({ at, timeZone, ownZone = true, lastPoll }: NonNullable<HomeInput['updated']>): string {
  const read = lastPoll ? `feeds last read ${formatRelative(lastPoll, at)}` : 'no feed read yet';
  // Slack told no zone for this viewer: the times are Briefbot's, and say so.
  return `Updated ${formatClockTime(at, timeZone)}${ownZone ? '' : ' (Briefbot’s time)'} · ${read}`;
}

/** A top story opened from Home: as an answer's source opens, said to be Home's. */
export function homeStoryMessage(
  opened: OpenedItemDetails & { number: number },
  now: Date,
  timeZone: string,
): Message {
  return sourceMessage(
    {
      ...opened,
      side: null,
      next: null,
      hasMore: false,
      afterMiss: null,
      question: 'Last 7 days’ top stories',
      shownIn: 'App Home',
      listedBy: null,
    },
    now,
    timeZone,
  );
}

/** A story whose feed was removed since Home was drawn. */
export const homeStoryGone: Message = noticeMessage(
  'That story is no longer stored (its feed was removed). Open Home again for this week’s top stories.',
);

/** How many topics Home shows with a Follow button; the rest are listed as lines. */
const homeFollowButtons = 6;

/** Follow (or Unfollow, once followed) one topic, run as the command it is; named for a screen reader. */
function followButton(topic: TopicView, followed: Set<string>): Button {
  return followed.has(topic.name)
    ? button('Unfollow', Action.RunCommand, `unfollow ${topic.name}`, undefined, {
        label: `Unfollow ${topic.label}`,
      })
    : button('Follow', Action.RunCommand, `follow ${topic.name}`, undefined, {
        label: `Follow ${topic.label}: its digest in your DMs`,
      });
}

/** App Home for one viewer: what Briefbot watches, their role, and the commands for it. */
export function buildHomeView(input: HomeInput): HomeView {
  const { feeds } = input;
  const blocks: KnownBlock[] = [
    header('Briefbot'),
    section(
      `Hi <@${input.userId}>. ${roleText[input.role]}${beatsLine(input.beats)}${heldLine(input)}${waitingForYouLine(input)}`,
    ),
    ...(input.gettingStarted ? [section(input.gettingStarted)] : []),
  ];
  // The week, what changed since the last visit and how fresh it is, before anything to do; while
  // setting up, only why nothing is read ("none of its 12 feeds right now (12 failing)").
  const week = !input.week
    ? ''
    : !input.gettingStarted
      ? weekText(input.week)
      : input.week.problem
        ? `:warning: ${input.week.problem}`
        : '';
  if (week) blocks.push(section(week));
  if (input.lastLook && input.updated && !input.gettingStarted)
    blocks.push(section(lastLookText(input.lastLook, input.updated.at)));
  if (input.updated) blocks.push(context(updatedText(input.updated)));
  blocks.push(askBox);
  if (input.asked) {
    const asked = `“${escapeText(truncate(input.asked.line, 120))}”`;
    blocks.push(
      context(
        input.asked.delivered
          ? `:incoming_envelope: The reply to ${asked} is in this app’s *Messages* tab.`
          : input.asked.owed
            ? `:hourglass_flowing_sand: Slack did not take the reply to ${asked} yet: Briefbot sends it to this app’s *Messages* tab as soon as Slack does.`
            : `:warning: The reply to ${asked} could not be sent to this app’s *Messages* tab. Press Enter again in a minute, or type it after \`/brief\` in any channel.`,
      ),
    );
  }
  if (input.topStories?.length) {
    blocks.push(
      divider(),
      header('Last 7 days’ top stories'),
      ...input.topStories.map(({ line, itemId, title }, index) =>
        section(
          line,
          button('Open', Action.HomeStory, `${itemId}:${index + 1}`, undefined, {
            label: `Open story ${index + 1}: ${title}`,
          }),
        ),
      ),
      context(
        'Ranked by how many sources tell each story and how much it is debated. Open: its words and every source telling it. `/brief what’s new` gives all 7 days: summary, sentiment, themes.',
      ),
    );
  }
  if (input.latestDigest) blocks.push(section(input.latestDigest));
  blocks.push(
    divider(),
    header('What Briefbot watches'),
    fields([
      `*Feeds*\n${feeds.total} (${feedCountsText(feeds)})`,
      `*Topics*\n${input.topics.length}`,
      `*Questions this week*\n${
        input.usage.asks7d === 0
          ? input.readsFeeds === false
            ? 'None yet'
            : 'None yet: ask in the box above'
          : `${input.usage.asks7d} from ${input.usage.askers7d} ${input.usage.askers7d === 1 ? 'person' : 'people'}`
      }`,
    ]),
  );
  if (input.role === 'admin' && input.slackOutage)
    blocks.push(context(`:warning: ${escapeText(input.slackOutage)} Now: \`/brief status\``));
  if (input.troubledFeeds.length > 0) {
    // Admins get each fix as a command; anyone else what is wrong, and who can fix it.
    const fixers = input.role === 'admin' ? undefined : input.feedsFixedBy;
    blocks.push(
      section('*Feeds that need attention*'),
      ...lineSections(
        input.troubledFeeds.map((feed) => (fixers ? plainFeedLine(feed) : feedLine(feed))),
        8,
        (more) => `…and ${more} more: \`/brief feeds list\``,
        // Home reads the first few; after an import of 40 dead feeds the rest are counted, not left unsaid.
        Math.max(0, feeds.failing + feeds.retrying + feeds.stale - input.troubledFeeds.length),
      ),
      ...(fixers ? [context(`Only a Briefbot admin can fix a feed: ask ${fixers}.`)] : []),
    );
  }
  if (input.topics.length > 0) {
    const lines = input.topics.map(topicVolumeText);
    // The first topics each with a Follow button (Unfollow once followed), so nobody has to type one.
    const followed = new Set((input.follows ?? []).map((follow) => follow.name ?? follow.topic));
    const buttoned = input.topics.slice(0, homeFollowButtons);
    blocks.push(
      section('*Topics*'),
      ...buttoned.map((topic, index) => section(lines[index] ?? '', followButton(topic, followed))),
      ...lineSections(lines.slice(buttoned.length), 3, (more) => `…and ${more} more: \`/brief topics list\``),
      context(
        'Follow sends that topic’s digest to your DMs daily at 07:00; another time: `/brief follow <topic> weekly mon 08:00`',
      ),
    );
  } else {
    blocks.push(context('No topics yet.'));
  }
  const conversations = input.conversations;
  if (conversations && conversations.waiting + conversations.claimed + (conversations.stranded ?? 0) > 0) {
    blocks.push(divider(), section(conversationsLine(conversations)));
    if (input.teamConversations?.length)
      blocks.push(...conversationBlocks(input.teamConversations, reassignButtons, '/brief nudge list'));
    else if (input.waitingOnBeats?.length)
      blocks.push(...conversationBlocks(input.waitingOnBeats, waitingButtons, '/brief nudge list'));
  }
  if (input.follows?.length) {
    const [first] = input.follows;
    blocks.push(
      divider(),
      header('Your follows'),
      ...lineSections(
        input.follows.map(
          ({ id, topic, when, note }) =>
            `• *${escapeText(topic)}* (digest ${id}): ${escapeText(inYourDms(when))} · preview: \`/brief digest preview ${id}\`${note ? ` · ${note}` : ''}`,
        ),
        8,
        (more) => `…and ${more} more: \`/brief my follows\``,
      ),
      context(
        `Stop one: \`/brief unfollow ${escapeText(first?.name ?? first?.topic ?? '')}\` · another time: \`/brief follow ${escapeText(first?.name ?? first?.topic ?? '')} weekly mon 08:00\``,
      ),
    );
  }
  if (input.myClaims?.length) {
    blocks.push(
      divider(),
      header('Your open conversations'),
      ...conversationBlocks(input.myClaims, heldButtons, '/brief claims'),
    );
  }
  if (input.myFigures) {
    blocks.push(
      divider(),
      header('Your responses, 30 days'),
      section(`You: ${input.myFigures}`),
      context('`/brief stats me` splits them by topic; `/brief stats me 7d` another period.'),
    );
  }
  if (input.role === 'admin' && input.team?.length) {
    blocks.push(
      divider(),
      header('Team responses, 30 days'),
      ...lineSections(input.team, 5, (more) => `…and ${more} more: \`/brief stats 30d\``),
    );
  }
  if (input.role === 'admin') {
    blocks.push(divider(), header('Digests'));
    if (input.digests.length) {
      blocks.push(...lineSections(input.digests, 6, (more) => `…and ${more} more: \`/brief digest list\``));
    } else {
      blocks.push(context('No digests yet: `/brief digest add` opens the form.'));
    }
  }
  blocks.push(
    divider(),
    header('Your commands'),
    section(commandsFor(input).join('\n')),
    // On a phone there is no slash command to tap: the box above runs them all.
    context('Type any of these in the *Ask Briefbot* box above, with or without `/brief`.'),
    actions(BlockId.HomeActions, [
      button('Feeds', Action.RunCommand, 'feeds list'),
      button('Topics', Action.RunCommand, 'topics list'),
      button('Help', Action.RunCommand, 'help'),
    ]),
  );
  return { type: 'home', blocks: blocks.slice(0, limits.homeBlocks) };
}
