import { z } from 'zod';
import { unwrapQuotedQuery } from '../analysis/query.ts';
import {
  addTopic,
  channelDigestsReading,
  digestsReadingText,
  editTopic,
  findTopic,
  followReadingText,
  InvalidQuery,
  listTopics,
  nameMisread,
  othersOnly,
  personalFollowsReading,
  removeTopic,
  reservedTopicNames,
  setTopicKind,
  TopicKind,
  type TopicRemoval,
  type TopicView,
  takeTestOptions,
  testPageSize,
  testQuery,
  topicKindOf,
  topicKinds,
  topicLabel,
  topicNameKey,
  topicRemovalImpact,
  topicsOfFeeds,
  topicsWithSameQuery,
} from '../analysis/topics.ts';
import {
  answerQuestion,
  followUpQuestion,
  isAnythingElse,
  isMoreRequest,
  lastAnsweredQuestion,
  type NumbersAsked,
  nextPageOfLastAnswer,
  numbersNote,
  type PremiseAsked,
  partyStoryNote,
  type TopAsked,
  topNote,
  voicesNote,
} from '../briefing/answer.ts';
import { parseAsk } from '../briefing/ask-parse.ts';
import {
  askedWords,
  conversationAbout,
  openItem,
  openSourceOfLastAnswer,
  sharedAnswerOwner,
  sourceAsked,
  typedAfter,
} from '../briefing/drill.ts';
import {
  feedbackByChannel,
  feedbackLost,
  feedbackOnFeeds,
  feedbackRemovedNote,
  type SourceFeedback,
} from '../briefing/feedback.ts';
import { listTopicNames, tellFollowsEnded } from '../briefing/schedules.ts';
import { addOneHint, emptySearchCause, gettingStartedText } from '../briefing/setup.ts';
import { topicChangesSince } from '../db/removals.ts';
import type { Deps } from '../deps.ts';
import { controversyScores, ownTimeZone } from '../engage/nudges.ts';
import {
  addSme,
  isAwayAt,
  listSmes,
  plannedAbsence,
  removeSme,
  type SmeView,
  setSmeAway,
  topicsWithoutExpert,
} from '../engage/smes.ts';
import { conversationsKeptNote, conversationsOnFeeds, conversationsStayText } from '../engage/story.ts';
import { FeedError, FeedErrorCode, notAFault, UserError, UserText } from '../errors.ts';
import { countOf, formatUntilDay, inWords, namesWithin, yearShownAfterMs } from '../format.ts';
import { typedFeedUrl } from '../monitor/canonical-url.ts';
import { checkCompetitorName, competitorLabel, competitorOf, sameCompetitor } from '../monitor/feed-kind.ts';
import {
  addFeed,
  applyToFeeds,
  type FeedChange,
  FeedKind,
  type FeedView,
  feedFilterIn,
  feedKindOf,
  feedKinds,
  feedsLosingItems,
  feedTargetsIn,
  findFeed,
  findFeeds,
  importOpml,
  importReport,
  kindChangeText,
  listFeeds,
  movedCompetitorText,
  movedItemsText,
  moveFeed,
  notTarget,
  pauseFeed,
  readdArguments,
  removeFeed,
  resumeFeed,
  setFeedKind,
  slackFeedSet,
  summarizeFeeds,
  unchangedFeedText,
} from '../monitor/feeds.ts';
import { fetchFeed } from '../monitor/fetch.ts';
import { answerMessage, lookingMessage, premiseNote } from '../slack/blocks/answer.ts';
import { type Continued, context as contextBlock, escapeText, type Message } from '../slack/blocks/common.ts';
import {
  askingHelp,
  errorMessage,
  feedAddedMessage,
  feedChangesMessage,
  feedsListMessage,
  groupHelpMessage,
  type HelpGroup,
  helpGroups,
  helpMessage,
  importMessage,
  infoMessage,
  languagesHelp,
  noticeMessage,
  smeListMessage,
  topicsListMessage,
  topicTestMessage,
} from '../slack/blocks/replies.ts';
import { sourceMessage } from '../slack/blocks/source.ts';
import { adminsToAsk, isAdmin, Role, requireAdmin, roleOf } from './access.ts';
import { changesCommand, topicRestoreText, undoCommand } from './changes.ts';
import { asksWhatWaitsForMe, myDigestCommand, myFollowsMessage, readSaying } from './chat.ts';
import { parseUntilDate, startOfLocalDay } from './dates.ts';
import { digestCommand, digestTarget, digestUsage, digestVerbs, followCommand } from './digest.ts';
import {
  awaySnoozesNote,
  claimsHelp,
  colleaguesOn,
  conversationsOnTopic,
  heldClaimsNote,
  myClaims,
  nudgeCommand,
  nudgeHelp,
  nudgeUsage,
  offDutyNote,
  refuseGroupLessNudgeVerb,
  setTopicNudges,
  statsCommand,
  statsHelp,
  statsPeriod,
  tellBeatRemoved,
  tellTakenOffBeats,
  topicConversationsNote,
  waitingForExpertNote,
} from './nudge.ts';
import { asksNudgePolicy, nudgePolicyPointer, nudgeSettings } from './nudge-settings.ts';
import { statusCommand } from './status.ts';
import {
  closest,
  didYouMean,
  firstWord,
  guessVerb,
  parseMention,
  parsePerson,
  pauseReasonNote,
  plainText,
  suggested,
  takePauseReason,
  unescapeSlack,
  unknownVerb,
  words,
} from './text.ts';
import { expertQueue, waitingOnUsAsk, waitingOnUsMessage } from './waiting.ts';

/**
 * Who asks, where, and what they typed after /brief. The same for Slack and the console.
 * `progress` shows an interim message while a slow command works (Slack: "Looking at N sources…").
 */
export type CommandContext = {
  userId: string;
  channelId: string | null;
  text: string;
  progress?: (message: Message) => Promise<void>;
};

/** A reply to the person who asked: ephemeral unless it is meant for the whole channel. */
export type Reply = Message & { visibility: 'ephemeral' | 'in_channel' };

type Handler = (deps: Deps, context: CommandContext, args: string) => Promise<Message | Reply>;

const usage = {
  feeds:
    'feeds add <url> [kind=news|blog|forum|review|competitor|community] [as <competitor>] · feeds list [failing|paused|<kind>|<number>|<words>] · feeds remove|pause|resume <id-or-url>... (several: 2 5, 1-3) · feeds move <id-or-url> <new-url> · feeds set <id-or-url> kind=<kind> [as <competitor>] · feeds import <opml-url> [confirm]',
  topics:
    'topics add <name> <query> [kind=company|competitor|theme|product] · topics edit <name> <query> [kind=…] · topics edit <name> kind=<kind> · topics list [<kind>|<words>] · topics remove <name> · topics test <query> [last 30 days|since monday|this month] [page 2] · topics set <name> channel=<#channel> threshold=<0-1>',
  sme: 'sme add <@user> <topic>[, <topic>...] · sme remove <@user> [<topic>, ...] · sme list [topic] · sme away <@user> until <date> | back',
} as const;

const routes: Record<string, Record<string, Handler>> = {
  feeds: {
    add: feedsAdd,
    list: feedsList,
    remove: (deps, context, args) => changeFeeds(deps, context, args, 'remove'),
    pause: (deps, context, args) => changeFeeds(deps, context, args, 'pause'),
    resume: (deps, context, args) => changeFeeds(deps, context, args, 'resume'),
    move: feedsMove,
    set: feedsSet,
    import: feedsImport,
  },
  topics: { add: topicsAdd, edit: topicsEdit, list: topicsList, remove: topicsRemove, test: topicsTest },
  sme: { add: smeAdd, remove: smeRemove, list: smeList, away: smeAway },
};
const aliases: Record<string, string> = {
  feed: 'feeds',
  topic: 'topics',
  smes: 'sme',
  experts: 'sme',
  expert: 'sme',
  nudges: 'nudge',
};

/**
 * Each person's list just shown that pages by a command of its own (see Continued), in each channel,
 * DM or App Home: what a bare "more" there continues, rather than their last answer. Kept in memory:
 * it is about the reply just read, and a restart forgets only that.
 */
const listsShown = new WeakMap<Deps, Map<string, string>>();
/** A list paged to its end: "more" says so, rather than paging an older answer. */
const endOfList = '';

/** One of these stores, by person, for this app (tests run several apps in one process). */
function perPerson(store: WeakMap<Deps, Map<string, string>>, deps: Deps): Map<string, string> {
  const byPerson = store.get(deps) ?? new Map<string, string>();
  store.set(deps, byPerson);
  return byPerson;
}

/** The digest each user's last command or reply was about ("Digest 2 for #exec is paused"), for "preview it now". */
const digestsTalkedAbout = new WeakMap<Deps, Map<string, string>>();

/** "preview it now", "preview that", "show me a preview of it": the digest just talked about, never a search. */
const previewIt =
  /^(?:(?:can|could)\s+you\s+|please\s+)?(?:preview|show(?:\s+me)?\s+(?:a\s+)?preview(?:\s+of)?)(?:\s+(?:it|that|this|that\s+one|this\s+one|the\s+digest)(?:\s+(?:now|again|please|for\s+me))*|(?:\s+(?:now|please))+)[.!?]*$/i;

/**
 * The digest a command names ("digest pause 2") or, failing that, the one digest its reply names
 * ("Digest 3 is scheduled for #exec"); undefined when none or several.
 */
function digestTalkedAbout(typed: string, replyText: string): string | undefined {
  const command = /^(?:digest|digests)\s+[a-z]+\s+#?(\d{1,9})\b/i.exec(typed.trim())?.[1];
  if (command) return command;
  const named = new Set([...replyText.matchAll(/\bdigest (\d{1,9})\b/gi)].map((match) => match[1]));
  return named.size === 1 ? [...named][0] : undefined;
}

/** `digest preview <n>` for "preview it now": the digest last talked about, if it is still there; else `digest preview`, which previews the only one or asks which. */
async function previewItCommand(deps: Deps, id: string | undefined): Promise<string> {
  const still = id && (await deps.db.prisma.digestSchedule.findUnique({ where: { id: Number(id) } }));
  return still ? `digest preview ${id}` : 'digest preview';
}

/** The confirmation each user's last reply asked for ("`/brief digest remove 1 confirm`"), for a bare "yes" after it. */
const confirmsAsked = new WeakMap<Deps, Map<string, string>>();

/** "yes", "confirm", "go ahead": an answer to a prompt, which only its command with `confirm` carries out. */
const bareYes =
  /^(?:y|yes|yep|yeah|confirm(?:ed)?|do it|go ahead)(?:[\s,]+(?:please|confirm|do it|go ahead))?[.!]*$/i;

/**
 * A bare "yes": it removes nothing, since a removal deletes for good and only the command that says what
 * goes may do it; the reply gives that command, the one the last prompt asked for.
 */
function answerBareYes(asked: string | undefined): Reply {
  return {
    ...noticeMessage(
      asked
        ? `Nothing was done yet: a "yes" on its own confirms nothing. To go ahead, send \`${asked}\`.`
        : 'Nothing is waiting for a "yes". A change that asks first is made by sending its command again with `confirm` at the end, as its reply gives it. Commands: `/brief help`.',
    ),
    visibility: 'ephemeral',
  };
}

/** The last "`/brief … confirm`" a reply asks for, as typed (the reply's text escapes `<`, `>`, `&`). */
function confirmAskedIn(text: string): string | undefined {
  const asked = [...text.matchAll(/`(\/brief [^`]*\bconfirm)`/g)].at(-1)?.[1];
  return asked === undefined ? undefined : unescapeSlack(asked);
}

/** Runs one /brief command. Never throws: every mistake becomes a reply that says what to type. */
export async function runCommand(deps: Deps, context: CommandContext): Promise<Reply> {
  const lists = perPerson(listsShown, deps);
  const confirms = perPerson(confirmsAsked, deps);
  const asked = confirms.get(context.userId);
  confirms.delete(context.userId);
  try {
    // A line copied from a hint ("`/brief tell me more about 3`") into App Home's box or after /brief: the command, not words to search for.
    const typed = context.text.replace(/^\s*\/brief:?(?:\s+|$)/i, '');
    // "more" right after a list that pages by its own command: that list's next page.
    const where = `${context.userId}\u0000${context.channelId ?? 'home'}`;
    const listed = isMoreRequest(typed) ? lists.get(where) : undefined;
    if (listed === endOfList)
      return {
        ...noticeMessage(
          'That list has no more pages: its last one is above. Ask a question, e.g. `/brief what’s new`, and `more` pages its sources.',
        ),
        visibility: 'ephemeral',
      };
    if (bareYes.test(typed.trim())) {
      if (asked) confirms.set(context.userId, asked);
      return answerBareYes(asked);
    }
    const talked = perPerson(digestsTalkedAbout, deps);
    const previewing = previewIt.test(typed.trim())
      ? await previewItCommand(deps, talked.get(context.userId))
      : undefined;
    const { continues, ...reply } = (await route(deps, {
      ...context,
      text: previewing ?? listed ?? typed,
    })) as (Message | Reply) & Continued;
    // What "more" continues is the reply just given: a list's next page, the end of a list (all
    // shown, or paged through), or nothing (a question's answer pages by the ask log).
    if (continues) lists.set(where, continues);
    else if (continues === null || listed) lists.set(where, endOfList);
    else lists.delete(where);
    const talkedAbout = digestTalkedAbout(typed, reply.text);
    if (talkedAbout) talked.set(context.userId, talkedAbout);
    const confirm = confirmAskedIn(reply.text);
    if (confirm) confirms.set(context.userId, confirm);
    return 'visibility' in reply ? reply : { ...reply, visibility: 'ephemeral' };
  } catch (error) {
    // Nothing went wrong when Briefbot only says what it cannot tell: the information mark, not the warning.
    if (error instanceof UserError && error.code === notAFault)
      return { ...infoMessage(error.message), visibility: 'ephemeral' };
    if (error instanceof UserError || error instanceof FeedError) {
      return { ...errorMessage(error.message), visibility: 'ephemeral' };
    }
    deps.logger.error({ error, userId: context.userId }, 'command failed');
    return { ...errorMessage(UserText.internal), visibility: 'ephemeral' };
  }
}

async function route(deps: Deps, context: CommandContext): Promise<Message | Reply> {
  const [rawGroup, rest] = firstWord(context.text);
  const group = aliases[rawGroup.toLowerCase()] ?? rawGroup.toLowerCase();
  // "stats help", "help claims": pages of their own, not the nudges' page.
  const ownHelp =
    group === 'help' ? firstWord(rest)[0].toLowerCase() : /^(help|\?)$/i.test(rest.trim()) ? group : '';
  if (ownHelp === 'stats') return statsHelp();
  if (ownHelp === 'languages' || ownHelp === 'language') return languagesHelp();
  if (['asking', 'ask', 'questions', 'question'].includes(ownHelp)) return askingHelp();
  if (ownHelp === 'claims') return claimsHelp(deps);
  const helpGroup = helpGroupOf(group, rest);
  if (helpGroup === 'nudge') return nudgeHelp(deps, context.userId);
  if (helpGroup)
    return groupHelpMessage(helpGroup, { ...usage, digest: digestUsage, nudge: nudgeUsage }[helpGroup]);
  if (group === '' || group === 'help') {
    // "help xyz" names a part with no help of its own; "help me" is only asking for help.
    const asked = rest.trim();
    const all = /^(all|everything|full)$/i.test(asked);
    const unknownPart = !all && /^\S+$/.test(asked) && !['me', 'please', 'us'].includes(asked.toLowerCase());
    return helpMessage(
      await roleOf(deps, context.userId),
      unknownPart ? asked : undefined,
      all,
      await gettingStartedText(deps, context.userId),
    );
  }
  // "what can you do", "my follows", "sources", "thanks": what they mean, not a search.
  const said = readSaying(context.text);
  if (said && 'command' in said) return route(deps, { ...context, text: said.command });
  if (said && 'follows' in said) return myFollowsMessage(deps, context.userId);
  if (said && 'myDigest' in said) {
    const meant = await myDigestCommand(deps, context.userId, said.myDigest);
    return 'command' in meant ? route(deps, { ...context, text: meant.command }) : meant.message;
  }
  if (said) return noticeMessage(said.reply);
  // "/brief ask more" is a question, not the next page.
  if (group === 'ask') return ask(deps, context, rest, false, true);
  // "/brief list" is a command half typed, not a question about the word "list".
  if (group === 'list' && rest.trim() === '')
    return noticeMessage(
      'List what? `/brief feeds list` · `/brief topics list` · `/brief digest list` · `/brief sme list` · `/brief nudge list`',
    );
  if (group === 'digest' || group === 'digests') {
    const [verb, args] = firstWord(rest);
    // "/brief digests" on its own lists them, as "/brief feeds" and "/brief topics" do.
    return digestCommand(deps, context.userId, verb.toLowerCase() || 'list', args);
  }
  if (group === 'follow' || group === 'unfollow')
    return followCommand(deps, context.userId, rest, group === 'unfollow');
  if (group === 'claims') return myClaims(deps, context.userId, rest);
  // "/brief nudges" on its own lists them, as "/brief feeds" does; "/brief nudge" asks which item.
  if (group === 'nudge')
    return nudgeCommand(
      deps,
      context.userId,
      context.channelId,
      rawGroup.toLowerCase() === 'nudges' && rest.trim() === '' ? 'list' : rest,
    );
  if (group === 'stats') return statsCommand(deps, context.userId, rest, context.channelId);
  // "/brief status" alone: Briefbot's own health; with words ("status of pricing") it stays a question.
  if (group === 'status' && rest.trim() === '') return statusCommand(deps, context.userId, context.channelId);
  // "/brief changes": the audit log in words; "/brief audit" alone means it too (with words, a question).
  if (group === 'changes' || (group === 'audit' && rest.trim() === ''))
    return changesCommand(deps, context.userId, rest);
  // "undo", "undo last change", "revert": a request about Briefbot's settings, never a market question.
  if (['undo', 'revert', 'rollback'].includes(group)) return undoCommand(deps, context.userId);
  if (group === 'topics' && firstWord(rest)[0].toLowerCase() === 'set') {
    const args = firstWord(rest)[1];
    // "topics set churn kind=competitor": feeds change kind with feeds set, so this is what is tried; it is topics edit's.
    if (/(?:^|\s)(?:--)?kind[=\s]/i.test(args)) return topicsSetKind(deps, context, args);
    refuseQueryInSet(args);
    return setTopicNudges(deps, context.userId, args);
  }
  if (group === 'share') return shareCommand(deps, context, rest);
  // "post this to #exec", "can you send this to the team": the last answer's Share to channel, in other words.
  const [shareVerb, shareRest] = firstWord(context.text.replace(politeAsk, ''));
  if (
    shareVerbs.test(shareVerb) &&
    shareRest.trim() !== '' &&
    shareLast.test(shareRest.replace(shareAudience, '').trim())
  )
    return shareLastMessage(deps, context, shareAudience.exec(shareRest)?.groups?.named);
  const verbs = routes[group];
  // "away until friday", "away for a week", "away back": an expert's own time away typed without `sme`, never a news search.
  if (group === 'away' && /^(?:me\s+)?(?:until|till|for|back\b|\d)/i.test(rest.trim()))
    return smeAway(deps, context, rest);
  // "back", "I'm back": an expert ending their own time away, as "away until friday" began it; from anyone else, a question.
  if (
    /^(?:i['’]?m\s+|i\s+am\s+)?back(?:\s+now)?[.!]*$/i.test(plainText(context.text).trim()) &&
    (await listSmes(deps, context.userId)).length > 0
  )
    return smeAway(deps, context, 'back');
  if (!verbs) {
    refuseGroupLessNudgeVerb(deps, context.userId, context.text);
    const guess = closest(group, [
      ...Object.keys(routes),
      'help',
      'digest',
      'follow',
      'claims',
      'nudge',
      'stats',
    ]);
    const guessedVerbs = guess === 'digest' ? digestVerbs : Object.keys((guess && routes[guess]) || {});
    const nextWord = firstWord(rest)[0].toLowerCase();
    // "feds list" is a typo of a command; anything else is a question: "/brief pricing last 30 days".
    const single = ['help', 'follow', 'claims', 'nudge', 'stats'].includes(guess ?? '');
    if (guess && (single ? rest === '' : nextWord === '' || guessedVerbs.includes(nextWord))) {
      throw new UserError(
        'UNKNOWN_COMMAND',
        `I don't know "/brief ${rawGroup}". Did you mean \`/brief ${[guess, nextWord].filter(Boolean).join(' ')}\`? Type \`/brief help\` for what I can do.`,
      );
    }
    return ask(deps, context, context.text, false);
  }
  const [rawVerb, args] = firstWord(rest);
  // A group on its own ("/brief feeds") lists what it holds.
  const verb = rawVerb.toLowerCase() || 'list';
  const handler = verbs[verb];
  if (!handler) {
    // "topics set" is routed before the others (it lives with the nudges), but is one of the verbs.
    const groupVerbs = [...Object.keys(verbs), ...(group === 'topics' ? ['set'] : [])];
    if (group === 'feeds' && (verb === 'mute' || verb === 'unmute'))
      throw new UserError('UNKNOWN_COMMAND', await feedsMuteHint(deps, verb, args));
    const guess = verb ? guessVerb(verb, groupVerbs) : undefined;
    const hint =
      group === 'feeds' && verb === 'check'
        ? 'Checking a feed without adding it is a command-line tool: `npx briefbot feeds check <url>`; `/brief feeds add <url>` checks it as it adds it. '
        : group === 'feeds' && verb === 'export'
          ? 'Export is on the command line: `npx briefbot feeds export feeds.opml` writes every feed as OPML, for a feed reader or `feeds import`. '
          : group === 'topics' && verb === 'rename'
            ? topicRenameHint(args)
            : group === 'sme' && verb === 'back'
              ? `Did you mean ${suggested(`/brief sme away ${smeBackWho(args)} back`)}? It ends ${smeBackWho(args) === 'me' ? 'your' : "someone's"} time away. `
              : '';
    const what = verb ? `I don't know "/brief ${group} ${rawVerb}". ` : '';
    // The guess keeps what was typed after the verb, and leaves the whole usage out.
    if (guess && !hint) throw new UserError('UNKNOWN_COMMAND', `${what}${didYouMean(group, guess, args)}`);
    if (group === 'topics' && verb === 'rename')
      throw new UserError('UNKNOWN_COMMAND', `${what}${hint.trim()}`);
    if (!hint) throw new UserError('UNKNOWN_COMMAND', unknownVerb(group, rawVerb, groupVerbs));
    throw new UserError('UNKNOWN_COMMAND', `${what}${hint}Usage: ${usage[group as keyof typeof usage]}`);
  }
  return handler(deps, context, args);
}

/**
 * "feeds mute The Globex Blog": a source is muted in a channel's digests, not as a feed; the commands
 * that do it (and the pause that stops reading it everywhere), the feed and digest filled in when known.
 */
async function feedsMuteHint(deps: Deps, verb: 'mute' | 'unmute', args: string): Promise<string> {
  const typed = plainText(args).trim();
  const [byNumberOrAddress] = typed ? await findFeedsNamed(deps, [typed]) : [];
  const byName = typed && !byNumberOrAddress ? await findFeeds(deps, { text: typed }, 1) : undefined;
  const feed = byNumberOrAddress ?? (byName?.matched === 1 ? byName.feeds[0] : undefined);
  const number = feed ? String(feed.id) : '<feed number>';
  const target = await digestTarget(deps, '');
  const which = feed ? `feed ${feed.id} (${escapeText(feed.title ?? feed.url)})` : 'a feed';
  const schedule = /^\d+$/.test(target)
    ? await deps.db.prisma.digestSchedule.findUnique({ where: { id: Number(target) } })
    : null;
  const where = schedule ? `<#${schedule.channelId}>'s digests` : "a channel's digests";
  const numbers =
    feed && target !== '<number>' ? '' : ' (`/brief digest list` and `/brief feeds list` give the numbers)';
  return verb === 'mute'
    ? `I don't know "/brief feeds mute": a source is muted in a channel's digests. \`/brief digest mute ${target} ${number}\` keeps ${which} out of ${where}, and \`/brief digest unmute ${target} ${number}\` lets it back; to stop reading it everywhere: \`/brief feeds pause ${number}\`${numbers}.`
    : `I don't know "/brief feeds unmute": a source muted in a channel's digests is let back there, \`/brief digest unmute ${target} ${number}\`; a paused feed is read again with \`/brief feeds resume ${number}\`${numbers}.`;
}

/** "topics rename pricing prices": no rename; what to type instead, keeping what the topic has. */
function topicRenameHint(args: string): string {
  const [from = '<name>', to = '<new-name>'] = words(plainText(args));
  return `Topics are not renamed. To change what ${from} finds, keeping its experts and digests: \`/brief topics edit ${from} <query>\`. For a new name: \`/brief topics add ${to} <query>\`, put its experts and digests on it, then \`/brief topics remove ${from}\`.`;
}

/**
 * Who "/brief sme back <@U1>" names, as a mention Slack shows (never inside backticks, where it shows
 * raw); nobody named, or "me", is the sender, as `sme away` reads it.
 */
function smeBackWho(args: string): string {
  const [first] = firstWord(args);
  const mention = parseMention(first);
  if (mention?.kind === 'user') return `<@${mention.id}>`;
  return first === '' || /^@?(me|self|myself)$/i.test(first) ? 'me' : '<@user>';
}

/** The group "/brief digest help", "/brief help digests" or "/brief feeds ?" asks about, if any. */
function helpGroupOf(group: string, rest: string): HelpGroup | undefined {
  const [next, more] = firstWord(rest);
  const word = next.toLowerCase();
  const asked =
    group === 'help' ? word : ['help', '?'].includes(word) && more.trim() === '' ? group : undefined;
  // Follows are personal digests: documented with the digests.
  const named = ['digests', 'follow', 'follows', 'unfollow'].includes(asked ?? '')
    ? 'digest'
    : asked === undefined
      ? undefined
      : (aliases[asked] ?? asked);
  return named !== undefined && named in helpGroups ? (named as HelpGroup) : undefined;
}

/** "kind=review" or "--kind review" anywhere in the words: removed from them and returned (lower case unless `lower` is false). */
function takeOption(list: string[], name: string, lower = true): string | undefined {
  const cased = (value: string | undefined) => (lower ? value?.toLowerCase() : value);
  for (let index = 0; index < list.length; index++) {
    const word = list[index] as string;
    const inline = new RegExp(`^(?:--)?${name}=(.+)$`, 'i').exec(word);
    if (inline) {
      list.splice(index, 1);
      return cased(inline[1]);
    }
    if (word.toLowerCase() === `--${name}` && list[index + 1]) {
      const [, value] = list.splice(index, 2);
      return cased(value);
    }
  }
  return undefined;
}

function parseArgs<T>(schema: z.ZodType<T>, input: unknown, usageLine: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new UserError(
    'USAGE',
    `${parsed.error.issues[0]?.message ?? 'That is not quite right'}. Usage: /brief ${usageLine}`,
  );
}

/**
 * "feeds add https://… competitor", "feeds add competitor blog https://…": a kind said without kind=,
 * answered with the command as meant, to copy, rather than "not a feed address" and the usage.
 */
function refuseBareFeedKind(list: string[]): void {
  const address = list.find((word) => looksLikeAddress(word));
  const kind = list.map((word) => (word === address ? undefined : feedKindOf(word))).find(Boolean);
  if (!address || !kind) return;
  const as = kind === FeedKind.Competitor ? ' as &lt;their name&gt;' : '';
  throw new UserError(
    'USAGE',
    `The kind goes after the address, with kind=: \`/brief feeds add ${typedFeedUrl(address)} kind=${kind}${as}\`${as ? ' (the competitor it stands for, e.g. `as Initech`)' : ''}. Nothing was added.`,
  );
}

const FeedsAdd = z.object({
  url: z.string({ error: 'Give the feed address' }),
  kind: z.enum(feedKinds, { error: `kind must be one of ${feedKinds.join(', ')}` }).default(FeedKind.News),
});

async function feedsAdd(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  await requireAdmin(deps, context.userId, 'add feeds');
  // "confirm": added even when it looks like a watched feed under another address.
  const { confirmed, rest: list } = takeConfirm(words(typedAddresses(args)));
  const typedKind = takeOption(list, 'kind');
  // "as Hooli" or "competitor=Hooli": a competitor's feed, named as feeds set names it.
  const competitor = takeCompetitorName(
    list,
    (name) => `/brief feeds add ${typedFeedUrl(list[0] ?? '<url>')} kind=competitor as ${name}`,
  );
  // "kind=forums", as feeds list and OPML folders take plurals, is forum.
  const kind = typedKind ? (feedKindOf(typedKind) ?? typedKind) : competitor && FeedKind.Competitor;
  const input = parseArgs(FeedsAdd, { url: list[0], kind }, 'feeds add <url> [kind=review]');
  refuseBareFeedKind(list);
  // "feeds add not a url": words, no address; "feeds add <url> extra words": one address is added, never part of what was typed.
  if (list.length > 1 && !looksLikeAddress(list[0] ?? ''))
    throw new UserError(
      'USAGE',
      `"${list.join(' ')}" is not a feed address: give the feed's full address, like \`/brief feeds add https://example.com/feed.xml\`. Nothing was added.`,
    );
  if (list.length > 1)
    throw new UserError(
      'USAGE',
      `Unexpected "${list.slice(1).join(' ')}" after the address: give one feed address (and kind= if you like). Usage: /brief feeds add <url> [kind=review] (a competitor's feed: kind=competitor as initech)`,
    );
  refuseCompetitorOfKind(input.kind, competitor, `feeds add ${typedFeedUrl(input.url)}`);
  const added = await addFeed(deps, {
    url: input.url,
    // Only a kind typed out is compared with a watched feed's ("already watches … as review").
    ...(kind ? { kind: input.kind } : {}),
    ...(competitor ? { competitor } : {}),
    actorId: context.userId,
    anyway: confirmed,
  }).catch((error: unknown) => {
    throw feedNotAdded(error, `/brief feeds add ${typedFeedUrl(input.url)}`);
  });
  return feedAddedMessage(added);
}

/** "not", "news", "a": a word, where "example.com/feed", "localhost:8080" or "https://…" is an address. */
function looksLikeAddress(word: string): boolean {
  return /[.:/]/.test(word);
}

/**
 * A feed that could not be read: its reason, that nothing was added, and, when the site did not
 * answer (down, or a typo in the address), what to check before the same command again.
 */
function feedNotAdded(error: unknown, retry: string): unknown {
  if (!(error instanceof FeedError) || / Nothing was added\.$/.test(error.message)) return error;
  const unanswered = error.code === FeedErrorCode.Unreachable || error.code === FeedErrorCode.Timeout;
  // "neither https://… nor http://… answered. Check the address, …" says what to check already, and
  // a host that does not exist says "check the address for typos" (fetch.ts): the command is left.
  const next = !unanswered
    ? ''
    : /Check the address/.test(error.message)
      ? ''
      : error.detail.network === 'ENOTFOUND'
        ? ` Once the address is right, try again: \`${retry}\`.`
        : ` Check that the address opens in a browser (a typo, or a site that is down?), then try again: \`${retry}\`.`;
  return new FeedError(error.code, `${error.message} Nothing was added.${next}`, error.detail);
}

/**
 * The words typed, with addresses as typed: Slack links "example.com/feed.xml" as http://, but with
 * no scheme typed https:// is read first (see readWithoutScheme).
 */
function typedAddresses(args: string): string {
  return plainText(args.replace(/<https?:\/\/([^|>]+)\|\1>/gi, '$1'));
}

const listedFeeds = 60;
// Feeds added or skipped named one a line in an import's reply; the rest are counted.
const importLinesShown = 25;
// A Slack import reads its feeds while the command waits: a bigger list is for the command line.
const importFeedsMax = 500;

/** "failing page 2": the words, and the page asked for (1 when none is). */
function pageOf(args: string): { rest: string; page: number } {
  const asked = /^(.*?)\s*\bpage\s+(\d{1,4})$/i.exec(args.trim());
  return asked ? { rest: asked[1] ?? '', page: Math.max(1, Number(asked[2])) } : { rest: args, page: 1 };
}

/** The command that shows a list's next page, for a bare "more" after it; null when it is all shown. */
function nextPageCommand(command: string, page: number, shownTo: number, total: number): string | null {
  return shownTo < total ? `${command} page ${page + 1}`.replace(/\s+/g, ' ') : null;
}

/** /brief feeds list [failing|paused|ok|<kind>|<words in the title or address>] [page N] */
async function feedsList(deps: Deps, context: CommandContext, args: string): Promise<Message & Continued> {
  const summary = await summarizeFeeds(deps);
  if (summary.total === 0)
    return feedsListMessage(
      [],
      summary,
      undefined,
      await addOneHint(deps, context.userId, '/brief feeds add https://example.com/feed.xml'),
    );
  const { rest, page } = pageOf(plainText(args));
  const match = rest.toLowerCase();
  const offset = (page - 1) * listedFeeds;
  if (!match) {
    // Later pages in the order of the first: failing first, then the rest by number.
    const feeds = (await listFeeds(deps, { limit: offset + listedFeeds, failingFirst: true })).slice(offset);
    return {
      ...feedsListMessage(feeds, summary, undefined, undefined, offset),
      continues: nextPageCommand('feeds list', page, offset + feeds.length, summary.total),
    };
  }
  const filter = await feedFilterIn(deps, match);
  const { feeds, matched } = await findFeeds(deps, filter, listedFeeds, offset);
  if (matched === 0 && filter.status && summary.total > 0)
    return noticeMessage(`None of the ${countOf(summary.total, 'feed')} is ${match}.`);
  return {
    ...feedsListMessage(feeds, summary, { label: match, matched }, undefined, offset),
    continues: nextPageCommand(`feeds list ${match}`, page, offset + feeds.length, matched),
  };
}

const feedChanges = {
  remove: {
    run: removeFeed,
    did: 'Removed',
    line: (feed: FeedChange) =>
      `Removed feed ${feed.id} (${feed.title ?? feed.url}) and its ${countOf(feed.items, 'item')}${conversationsKeptNote(feed.conversationsKept ?? 0)}; to watch it again: \`/brief ${readdArguments(feed)}\`.`,
    next: (ids: number[]) =>
      ids.length === 1
        ? "If you add it again, it brings back only the items it still lists, and they won't be posted in digests."
        : "If you add them again, each brings back only the items it still lists, and they won't be posted in digests.",
  },
  pause: {
    run: pauseFeed,
    did: 'Paused',
    line: (feed: FeedChange) =>
      feed.unchanged
        ? `Feed ${feed.id} (${feed.title ?? feed.url}) ${unchangedFeedText(feed)}.`
        : `Paused feed ${feed.id} (${feed.title ?? feed.url}).`,
    next: (ids: number[]) => {
      const [its, them] = ids.length === 1 ? ['Its', 'it'] : ['Their', 'them'];
      return `${its} items stay out of digests while paused, but answers still use those already stored (\`/brief feeds remove ${ids.join(' ')}\` deletes them); to keep ${them} out of one channel's digest only: \`/brief digest mute #channel ${ids.length === 1 ? ids[0] : '<feed>'}\`. ${resumeText(ids)}`;
    },
  },
  resume: {
    run: resumeFeed,
    did: 'Resumed',
    line: (feed: FeedChange) =>
      feed.unchanged
        ? `Feed ${feed.id} (${feed.title ?? feed.url}) ${unchangedFeedText(feed)}.`
        : `Resumed feed ${feed.id} (${feed.title ?? feed.url}).`,
    next: (ids: number[]) =>
      `${ids.length === 1 ? 'It is' : 'They are'} checked within a minute; see how with \`/brief feeds list\`.`,
  },
} as const;

/** "Resume it with `/brief feeds resume 2`." */
function resumeText(ids: number[]): string {
  return `Resume ${ids.length === 1 ? 'it' : 'them'} with \`/brief feeds resume ${ids.join(' ')}\`.`;
}

const maxFeedsAtOnce = 50;

/** /brief feeds remove|pause|resume <id-or-url>...: each feed named, with a line for each. */
async function changeFeeds(
  deps: Deps,
  context: CommandContext,
  args: string,
  verb: keyof typeof feedChanges,
): Promise<Message> {
  await requireAdmin(deps, context.userId, `${verb} feeds`);
  const said = words(plainText(args));
  const { rest: typed, reason } =
    verb === 'pause' ? takePauseReason(said) : { rest: said, reason: undefined };
  const endless = pauseReasonNote(reason);
  if (typed.length === 1 && typed[0]?.toLowerCase() === 'all') throw await noAllFeeds(deps, verb);
  // "feeds remove 3 confirm" (or --yes, as on the command line): removing deletes the items, so a feed
  // with items is removed only when confirmed.
  const { confirmed: confirmWord, rest } = takeConfirm(typed);
  const confirmed = verb === 'remove' && confirmWord;
  const targets = await feedTargetsIn(deps, verb === 'remove' ? rest : typed);
  if (targets.length === 0)
    throw new UserError(
      'USAGE',
      `Which feed? Usage: /brief feeds ${verb} <id-or-url>... (several: \`2 5\`, \`1-3\`; numbers are in /brief feeds list)`,
    );
  if (targets.length > maxFeedsAtOnce)
    throw new UserError(
      'USAGE',
      `That names ${targets.length} feeds; ${verb} at most ${maxFeedsAtOnce} at a time, in several commands.`,
    );
  if (verb === 'remove' && !confirmed) {
    const losing = await feedsLosingItems(deps, targets);
    // The command to repeat names the feeds found, never a stray word typed with them.
    if (losing.length)
      return removeConfirmMessage(
        losing,
        await feedsNamed(deps, targets),
        feedbackOnFeeds(
          await feedbackByChannel(deps),
          losing.map((feed) => feed.id),
        ),
        conversationsStayText(
          conversationsOnFeeds(
            deps,
            losing.map((feed) => feed.id),
          ),
        ),
      );
  }
  const change = feedChanges[verb];
  // Read before: removing a feed deletes the channels' mutes and marks on it, which the reply names.
  const feedback = verb === 'remove' ? await feedbackByChannel(deps) : new Map();
  // Read before too: a removed feed's items, and so its topics, are gone after.
  const feedTopics = topicsOfFeeds(deps, await feedIdsOf(deps, targets));
  const outcomes = await applyToFeeds(deps, targets, change.run, context.userId);
  const done = outcomes.flatMap((outcome) => ('feed' in outcome ? [outcome.feed] : []));
  const mutesGone = feedbackRemovedNote(
    feedback,
    done.map((feed) => feed.id),
  );
  // A feed paused already (or resumed with nothing to resume) is reported, not counted as done.
  const changed = done.filter((feed) => !('unchanged' in feed && feed.unchanged));
  const reach = await feedReachNote(
    deps,
    verb,
    feedTopics,
    changed,
    verb === 'remove' ? feedback : await feedbackByChannel(deps),
  );
  const [only] = outcomes;
  if (outcomes.length === 1 && only) {
    if ('error' in only) throw only.error;
    // A feed already paused: what pausing does was said when it was paused.
    const next = changed.length
      ? ` ${change.next([only.feed.id])}`
      : verb === 'pause'
        ? ` ${resumeText([only.feed.id])}`
        : '';
    return noticeMessage(`${change.line(only.feed)}${next}${endless}${reach}${mutesGone}`);
  }
  const lines = outcomes.map((outcome) =>
    'feed' in outcome
      ? `• ${change.line(outcome.feed)}`
      : `• ${notTarget(outcome.target, outcome.error.message)}`,
  );
  const summary =
    changed.length === outcomes.length
      ? `${change.did} ${countOf(changed.length, 'feed')}`
      : `${change.did} ${changed.length} of ${countOf(outcomes.length, 'feed')}`;
  const next = changed.length
    ? change.next(changed.map((feed) => feed.id))
    : done.length
      ? 'Nothing changed.'
      : 'See the feeds and their numbers with `/brief feeds list`.';
  return feedChangesMessage(`${summary}:`, lines, `${next}${endless}${reach}${mutesGone}`);
}

/** The ids of the feeds named that exist (a stray word is answered by the change itself). */
async function feedIdsOf(deps: Deps, targets: string[]): Promise<number[]> {
  return (await findFeedsNamed(deps, targets)).flatMap((feed) => (feed ? [feed.id] : []));
}

/**
 * " Digests that posted its items this week lose them while it is paused: digest 1 (#news) and @ana's
 * follow (digest 2).": a feed's change reaches channels and DMs the admin may not think of.
 */
async function feedReachNote(
  deps: Deps,
  verb: keyof typeof feedChanges,
  feedTopics: Map<number, string[]>,
  changed: Array<{ id: number }>,
  feedback: Map<string, SourceFeedback[]>,
): Promise<string> {
  const topics = [...new Set(changed.flatMap((feed) => feedTopics.get(feed.id) ?? []))];
  // A channel that muted every one of these feeds never posted their items.
  const muted = new Set(
    [...feedback]
      .filter(([, given]) =>
        changed.every((feed) => given.some((entry) => entry.feedId === feed.id && entry.muted)),
      )
      .map(([channelId]) => channelId),
  );
  const reached = await digestsReadingText(deps, topics, muted);
  if (!reached) return '';
  const its = changed.length === 1 ? 'its' : 'their';
  const effect = {
    pause: `lose them while ${changed.length === 1 ? 'it is' : 'they are'} paused`,
    remove: 'lose them',
    resume: 'get them again',
  }[verb];
  return ` Digests that posted ${its} items in the last 7 days ${effect}: ${reached}.`;
}

/** "feeds resume all": feeds are named one by one; the reply gives the command for the ones it would be. */
async function noAllFeeds(deps: Deps, verb: keyof typeof feedChanges): Promise<UserError> {
  const feeds = await listFeeds(deps, { limit: maxFeedsAtOnce });
  const fitting = feeds.filter((feed) =>
    verb === 'resume' ? feed.status === 'paused' : verb === 'pause' ? feed.status !== 'paused' : true,
  );
  const which = verb === 'resume' ? 'paused ' : verb === 'pause' ? 'unpaused ' : '';
  const next = fitting.length
    ? `The ${which}ones now: \`/brief feeds ${verb} ${fitting.map((feed) => feed.id).join(' ')}\`.`
    : `No feed is ${verb === 'resume' ? 'paused' : verb === 'pause' ? 'unpaused' : 'watched'} now.`;
  return new UserError(
    'USAGE',
    `\`${verb} all\` is not taken: name the feeds, by number or address. ${next}`,
  );
}

/** The targets that name a feed, as typed. */
async function feedsNamed(deps: Deps, targets: string[]): Promise<string[]> {
  const found = await findFeedsNamed(deps, targets);
  return targets.filter((_, index) => found[index]);
}

/** Each target's feed, or undefined for a word that names none. */
async function findFeedsNamed(deps: Deps, targets: string[]) {
  return Promise.all(
    targets.map((target) =>
      findFeed(deps, target).catch((error: unknown) => {
        if (error instanceof UserError) return undefined;
        throw error;
      }),
    ),
  );
}

/** Removing deletes the items: what would go, how to keep them (pause), and how to go ahead. */
function removeConfirmMessage(
  losing: FeedView[],
  targets: string[],
  heard: string,
  conversations: string,
): Message {
  const items = losing.reduce((sum, feed) => sum + feed.items, 0);
  const named = losing.map(
    (feed) => `feed ${feed.id} (${feed.title ?? feed.url}, ${countOf(feed.items, 'item')})`,
  );
  const ids = losing.map((feed) => feed.id).join(' ');
  return noticeMessage(
    `Removing ${named.join(', ')} deletes ${losing.length === 1 ? 'its' : 'their'} ${countOf(items, 'item')} for good: answers and digests lose them, and adding the feed again brings back only what it still lists.${conversations}${feedbackLost(heard, losing.length)} To stop checking ${losing.length === 1 ? 'it' : 'them'} and keep the items: \`/brief feeds pause ${ids}\`. To remove anyway: \`/brief feeds remove ${targets.join(' ')} confirm\`.`,
  );
}

const FeedsSet = z.object({
  target: z.string({ error: 'Which feed?' }),
  kind: z.enum(feedKinds, { error: `Give kind=, one of ${feedKinds.join(', ')}` }),
});

/**
 * /brief feeds set <id-or-url> kind=<kind> [as <competitor>] (or competitor=<name>): what kind of
 * source it is and, for a competitor's feed, which competitor it stands for; its items stay.
 */
async function feedsSet(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  await requireAdmin(deps, context.userId, 'change feeds');
  const usage = "feeds set <id-or-url> kind=review (a competitor's feed: kind=competitor as initech)";
  const list = words(plainText(args));
  // "feeds set 5 review": a kind alone after the feed is the kind.
  const typedKind =
    takeOption(list, 'kind', false) ??
    (list.length >= 2 && feedKindOf(list[1] ?? '') ? list.splice(1, 1)[0] : undefined);
  const competitor = takeCompetitorName(
    list,
    (name) => `/brief feeds set ${list[0] ?? '<feed>'} kind=competitor as ${name}`,
  );
  const kind = typedKind
    ? (feedKindOf(typedKind) ?? typedKind.toLowerCase())
    : competitor && FeedKind.Competitor;
  const input = parseArgs(FeedsSet, { target: list[0], kind }, usage);
  // "feeds set 4 kind=competitor initech": every word is read, or the command is refused.
  if (list.length > 1)
    throw new UserError(
      'USAGE',
      `Unexpected "${list.slice(1).join(' ')}" after the feed; nothing was changed. Usage: /brief ${usage}`,
    );
  refuseCompetitorOfKind(input.kind, competitor, `feeds set ${input.target}`);
  const change = await setFeedKind(deps, input.target, input.kind, context.userId, competitor);
  return noticeMessage(`${kindChangeText(change)} \`/brief feeds list\` shows every feed.`);
}

/** "kind=blog as initech": only a competitor's feed stands for a competitor; `command` is the one typed, up to its options. */
function refuseCompetitorOfKind(
  kind: string | undefined,
  competitor: string | undefined,
  command: string,
): void {
  if (competitor && kind !== FeedKind.Competitor)
    throw new UserError(
      'USAGE',
      `Only a feed of kind competitor stands for a competitor: \`/brief ${command} kind=competitor as ${competitor}\`. Nothing was changed.`,
    );
}

/**
 * "as Help Scout" or "competitor=initech" in the words: removed from them and returned, checked.
 * `retry` is the command with a name, suggested when words after the name are no part of it.
 */
function takeCompetitorName(list: string[], retry: (name: string) => string): string | undefined {
  const option = takeOption(list, 'competitor', false);
  const at = list.findIndex((word, index) => index > 0 && word.toLowerCase() === 'as');
  const name = option ?? (at > 0 ? list.splice(at).slice(1).join(' ') : undefined);
  if (name === undefined) return undefined;
  const trimmed = name.replace(/^["“”']+|["“”']+$/g, '').trim();
  const checked = checkCompetitorName(trimmed);
  if (!checked)
    throw new UserError(
      'USAGE',
      `"${name}" is no competitor's name: give the name, e.g. \`as initech\` or \`competitor=HubSpot\` (letters, digits, spaces, up to 40). Nothing was changed.`,
    );
  // "as Initech please": a name saved with the tail would show in every answer and the changes log.
  if (checked.tail)
    throw new UserError(
      'USAGE',
      `Unexpected "${checked.tail}" after the competitor's name; nothing was changed. Did you mean \`${retry(checked.name)}\`?`,
    );
  return trimmed;
}

async function feedsMove(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  await requireAdmin(deps, context.userId, 'move feeds');
  // "confirm": moved even when the new address serves a feed of another name.
  const { confirmed, rest } = takeConfirm(words(typedAddresses(args)));
  const [target, address] = rest;
  if (!target || !address) {
    throw new UserError(
      'USAGE',
      'Which feed, and where to? Usage: /brief feeds move <id-or-url> <new-url> (numbers are in /brief feeds list)',
    );
  }
  const moved = await moveFeed(deps, target, address, context.userId, { anyway: confirmed });
  const found = moved.foundOnPage ? ` (${moved.foundOnPage} is a web page; this is its site's feed)` : '';
  const renamed = moved.renamedFrom
    ? ` It is now called ${moved.feed.title} (was ${moved.renamedFrom}); its kind stays ${moved.feed.kind} (\`/brief feeds set ${moved.feed.id} kind=…\` changes it).${moved.competitor ? ` ${movedCompetitorText(moved, slackFeedSet(moved.feed.id))}` : ''}`
    : '';
  // Another publication now: the channels' mutes on the feed stay with its number, so they mute it now.
  const feedback = moved.renamedFrom ? await feedbackByChannel(deps) : new Map();
  const heard = feedbackOnFeeds(feedback, [moved.feed.id]);
  const channel = [...feedback.keys()].find((id) => heard.includes(`<#${id}>`));
  // Not in backticks: Slack shows a channel there as its raw id.
  const mutes = heard
    ? ` The digests' feedback on ${moved.renamedFrom} stays with feed ${moved.feed.id}, so it now applies to ${moved.feed.title}: ${heard}. To clear it: /brief digest unmute <#${channel}> ${moved.feed.id}${heard.includes(',') ? ' (and likewise for each channel)' : ''}.`
    : '';
  return noticeMessage(
    `Feed ${moved.feed.id} (${moved.feed.title ?? moved.feed.url}) now reads ${moved.feed.url}${found}, no longer ${moved.from}. ${storedItems(moved.feed.items - moved.newItems)}; ${movedItemsText(moved)}.${renamed}${mutes}`,
  );
}

/** "Its 4 stored items stay": what a moved feed keeps. */
function storedItems(count: number): string {
  if (count === 0) return 'It had no items stored';
  return count === 1 ? 'Its 1 stored item stays' : `Its ${count} stored items stay`;
}

async function feedsImport(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  await requireAdmin(deps, context.userId, 'import feeds');
  const [url, ...extra] = words(plainText(args));
  // "confirm", as feeds add takes it: the feeds that look like watched ones are added too.
  const anyway = extra.some((word) => word.toLowerCase() === 'confirm');
  if (!url || !/^https?:\/\//i.test(url)) {
    // "lists.example.com/feeds.opml" is an address without its https://; "feeds.opml" a file on someone's
    // computer, where Briefbot cannot reach: the command line reads it.
    const site = url && /^[\w-]+(?:\.[\w-]+)+\//.test(url) ? `https://${url}` : '';
    const file = !site && url && /^[\w .()~/\\:-]+\.(?:opml|xml)$/i.test(url) ? url : 'feeds.opml';
    throw new UserError(
      'USAGE',
      `Give the address of an OPML file (what feed readers export), e.g. \`/brief feeds import ${escapeText(site || 'https://example.com/feeds.opml')}\`. A file on your computer: put it where a link opens the file itself and give that link, or import it on the server: \`npx briefbot feeds import ${escapeText(file)}\`. One feed: \`/brief feeds add <url>\`.`,
    );
  }
  const fetched = await fetchFeed(url, { ...deps.http });
  if (fetched.status !== 'ok') throw new UserError('OPML_UNREADABLE', `Could not read ${url}.`);
  // Typed on the command line, the import takes any number of feeds and lists every one it skips.
  const cli = `\`npx briefbot feeds import ${escapeText(url)}\``;
  const outcomes = await importOpml(deps, fetched.body, context.userId, {
    addCommand: `\`/brief feeds add ${url}\``,
    anyway,
    maxFeeds: {
      limit: importFeedsMax,
      instead: `Import it on the command line, which takes any number and lists every feed it skips: ${cli}; or split the file into lists of ${importFeedsMax} or fewer.`,
    },
  });
  return importMessage(
    importReport(
      outcomes,
      {
        resume: '`/brief feeds resume <id>`',
        setKind: '`/brief feeds set <id> kind=<kind>`',
        setCompetitor: '`/brief feeds set <id> kind=competitor as <name>`',
        remove: '`/brief feeds remove <ids>`',
        importAnyway: `\`/brief feeds import ${url} confirm\``,
        seeAll: `To see every one: ${cli} on the command line (the feeds added here count as already watched).`,
      },
      importLinesShown,
    ),
  );
}

/**
 * `kind=company` (or `--kind company`) anywhere outside a quoted phrase, as feeds add takes it; `kind
 * company` only at the end, where it cannot be two search words. The query keeps its own spacing.
 */
function takeTopicKind(text: string): { kind: string | undefined; rest: string; trailing?: string } {
  for (const match of text.matchAll(/(?:^|\s)(?:--kind\s+|(?:--)?kind=)(\S+)(?=\s|$)/gi)) {
    const before = text.slice(0, match.index);
    if ((before.match(/["\u201c\u201d]/g)?.length ?? 0) % 2 === 1) continue;
    const after = text.slice(match.index + match[0].length);
    // "confirm" after the kind is an answer, not a query word.
    const trailing = takeConfirm(words(after)).rest.join(' ');
    return {
      kind: typedTopicKind(match[1]),
      rest: `${before.trimEnd()} ${after.trimStart()}`.trim(),
      ...(trailing && before.trim().includes(' ') ? { trailing } : {}),
    };
  }
  const atEnd = /(?:^|\s)kind\s+([a-z]+)\s*$/i.exec(text);
  if (!atEnd) return { kind: undefined, rest: text };
  return { kind: typedTopicKind(atEnd[1]), rest: text.slice(0, atEnd.index).trim() };
}

/** "competitors" is competitor, as feed kinds take plurals; a word that is no kind stays, to be refused. */
function typedTopicKind(word: string | undefined): string | undefined {
  const typed = word?.toLowerCase();
  return typed && (topicKindOf(typed) ?? typed);
}

const TopicsAdd = z.object({
  name: z.string({ error: 'Give the topic a name and a query' }),
  query: z.string().min(1, { error: 'Give the query after the name' }),
  kind: z
    .enum(topicKinds, { error: `kind must be one of ${topicKinds.join(', ')}` })
    .default(TopicKind.Theme),
});

async function topicsAdd(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  await requireAdmin(deps, context.userId, 'add topics');
  const { kind, rest: typed, trailing } = takeTopicKind(plainText(args));
  const { confirmed } = takeConfirm(words(typed));
  // The confirm word goes, the query's quotes stay: `"widget pro" product confirm` is not `widget pro product`.
  const rest = confirmed
    ? typed.replace(/\s+(?:confirm|--yes|-y)(?=\s|$)|^(?:confirm|--yes|-y)\s+/gi, '').trim()
    : typed;
  const [name, query] = firstWord(rest);
  refuseTwoWordName(name, query, kind);
  refuseQuotedName(rest, kind);
  await refuseNameOnly(deps, name, query, kind);
  if (!confirmed && !kind) refuseBareKind(name, query);
  const input = parseArgs(
    TopicsAdd,
    { name: name || undefined, query, kind },
    'topics add <name> <query> [kind=theme]',
  );
  // A command word, a time window or a topic that exists gets its own, plainer answer from addTopic.
  const taken =
    reservedTopicNames.has(topicNameKey(name)) ||
    nameMisread(topicNameKey(name), deps.clock.now()) !== undefined ||
    (await deps.db.prisma.topic.count({ where: { name: topicNameKey(name) } })) > 0;
  if (!confirmed && !taken) refuseNameAndWord(name, query, kind);
  const { topic, linked } = await keepTypedQuery(`topics add ${plainText(args)}`, 'added', () =>
    addTopic(deps, {
      ...input,
      query: unwrapQuotedQuery(input.query),
      actorId: context.userId,
    }),
  );
  const note = commaNote(topic.query);
  const twin = await sameQueryNote(deps, topic);
  // Words typed after kind= went into the query, where they must all appear: said, as they rarely mean to.
  const afterKind = trailing
    ? ` Note: "${trailing}" came after kind=${topic.kind} and was read as part of the query.`
    : '';
  const none = await nothingMatchesNote(deps, context.userId, topic, linked);
  // "Économie": shown as typed, and found with or without its accents (the commands name its key).
  const folded =
    topicNameKey(name) !== name.trim().toLowerCase()
      ? ` Accents are optional: \`${topic.name}\` names it too.`
      : '';
  // Digests of all topics and follows of every topic take a new one at once.
  const joins = await digestsReadingText(deps, [topic.name]);
  const joined = joins ? ` It joins the digests of every topic: ${joins}.` : '';
  return noticeMessage(
    `Added topic *${escapeText(topic.label)}* (${topic.kind}): \`${topic.query}\`. It already matches ${countOf(linked, 'item')} from the last 30 days.${folded}${afterKind}${none}${joined} Ask about it: \`/brief ${topic.name}\`; give it an expert: \`/brief sme add @someone ${topic.name}\`.${note ? ` ${note} To change it: \`/brief topics edit ${topic.name} <query>\`.` : ''}${twin}`,
  );
}

/**
 * A query refused: the command comes back as typed, to fix and send again, since Slack clears what
 * was typed and nothing was saved.
 */
async function keepTypedQuery<T>(
  command: string,
  done: 'added' | 'changed' | undefined,
  save: () => Promise<T>,
): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (!(error instanceof UserError) || error.code !== 'INVALID_QUERY') throw error;
    const nothing = done ? ` Nothing was ${done}.` : '';
    // "acme or globex": the command with OR in capitals, ready to copy, rather than to fix by hand.
    const at = error instanceof InvalidQuery && error.fixed ? command.lastIndexOf(error.typed) : -1;
    if (error instanceof InvalidQuery && error.fixed && at >= 0) {
      const fixed = `${command.slice(0, at)}${error.fixed.query}${command.slice(at + error.typed.length)}`;
      throw new UserError(
        error.code,
        `${error.message}${nothing} With ${inWords(error.fixed.operators)} in capitals: \`/brief ${fixed}\``,
      );
    }
    // A test saved nothing, and its words are in the reply already.
    if (!done) throw error;
    throw new UserError(
      error.code,
      `${error.message}${nothing} Fix it and send again: \`/brief ${command}\``,
    );
  }
}

const TopicsEdit = TopicsAdd.extend({
  kind: z.enum(topicKinds, { error: `kind must be one of ${topicKinds.join(', ')}` }).optional(),
});

/** /brief topics edit <name> <query> [kind=…]: a new query in place, keeping experts, channel and digests. */
async function topicsEdit(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  await requireAdmin(deps, context.userId, 'edit topics');
  const { kind, rest } = takeTopicKind(plainText(args));
  const [name, query] = firstWord(rest);
  // "topics edit pricing kind=company": the kind alone, the query as it is.
  if (name && !query.trim() && kind) {
    const input = parseArgs(TopicsEdit, { name, query: '-', kind }, 'topics edit <name> kind=<kind>');
    const current = await findTopic(deps, input.name);
    if (current.kind === input.kind)
      return noticeMessage(
        `Topic *${topicLabel(current)}* is already ${current.kind}; nothing changed. Other kinds: ${topicKinds.join(', ')}.`,
      );
    const { topic, from } = await setTopicKind(
      deps,
      input.name,
      input.kind ?? TopicKind.Theme,
      context.userId,
    );
    return noticeMessage(
      `Topic *${topic.label}* is now ${topic.kind} (was ${from}); its query \`${topic.query}\`, experts, channel and digests stay.${topicKindNote(topic.name, topic.kind, from)}`,
    );
  }
  refuseSettingInQuery(name, query);
  const input = parseArgs(TopicsEdit, { name: name || undefined, query, kind }, 'topics edit <name> <query>');
  const current = await findTopic(deps, input.name);
  if (
    current.query === unwrapQuotedQuery(input.query).trim() &&
    (input.kind === undefined || input.kind === current.kind)
  )
    return noticeMessage(
      `Topic *${topicLabel(current)}* already searches \`${current.query}\`${input.kind ? ` as ${current.kind}` : ''}; nothing changed. \`/brief topics test <query>\` tries another query before saving it.`,
    );
  // Counted as `topics list` counts: a competitor's own posts are not what others said of it.
  const [before] = othersOnly(deps, await listTopics(deps, [current.id]));
  const { topic, linked, from } = await keepTypedQuery(`topics edit ${plainText(args)}`, 'changed', () =>
    editTopic(deps, {
      name: input.name,
      query: unwrapQuotedQuery(input.query),
      ...(input.kind ? { kind: input.kind } : {}),
      actorId: context.userId,
    }),
  );
  const was = before?.items7d ?? 0;
  const [after] = othersOnly(deps, await listTopics(deps, [topic.id]));
  const now = after?.items7d ?? topic.items7d;
  const byOthers = after && 'ownPosts7d' in after ? ' by others' : '';
  return noticeMessage(
    `Topic *${topic.label}* (${topic.kind}) now searches \`${topic.query}\` (was \`${from}\`); its experts, channel and digests stay. In the last 7 days (as \`topics list\` counts) it matched ${countOf(was, 'item')}${byOthers} and now matches ${now}; ${countOf(linked, 'item')} from the last 30 days.${await dropWarning(deps, { ...topic, items7d: now }, was, from)}${await nothingMatchesNote(deps, context.userId, topic, linked)}${await sameQueryNote(deps, topic)}${topicKindNote(topic.name, topic.kind, current.kind)}`,
  );
}

/**
 * " That is far fewer: digest 1 (#exec), @ana's follow (digest 2) and the nudges to @maria will see that
 * much less. To undo: …": said when a new query keeps less than half of a week's items, or none, naming
 * who reads the topic (channel digests, personal follows, experts), as a slip would go unseen.
 */
async function dropWarning(
  deps: Deps,
  topic: { id: number; name: string; label: string; items7d: number },
  was: number,
  from: string,
): Promise<string> {
  const none = topic.items7d === 0 && was > 0;
  if (!none && (was < 4 || topic.items7d * 2 > was)) return '';
  const digests = (await channelDigestsReading(deps, topic.name)).map(
    (digest) => `digest ${digest.id} (<#${digest.channelId}>)`,
  );
  const follows = (await personalFollowsReading(deps, topic.name)).map(followReadingText);
  const experts = (
    await deps.db.prisma.beat.findMany({ where: { topicId: topic.id }, include: { sme: true } })
  ).map((beat) => `<@${beat.sme.userId}>`);
  const readers = [
    ...digests,
    ...follows,
    ...(experts.length ? [`the nudges to ${experts.join(', ')}`] : []),
  ];
  const named = readers.length > 1 ? `${readers.slice(0, -1).join(', ')} and ${readers.at(-1)}` : readers[0];
  const undo = ` To undo: \`/brief topics edit ${topic.name} ${from}\`.`;
  if (none)
    return ` It now matches nothing from the last 7 days${named ? `, so ${named} will get none of ${escapeText(topic.label)}` : ''}.${undo}`;
  return ` That is far fewer${named ? `: ${named} will see that much less` : ''}.${undo}`;
}

/**
 * What a new kind changes, said when a topic becomes or stops being a company or competitor: those
 * kinds change answers, digests and nudges, and a slip (competitor for company) would go unseen.
 */
function topicKindNote(name: string, kind: string, from: string): string {
  if (kind === from) return '';
  const undo = ` Not what you meant? \`/brief topics edit ${name} kind=${from}\`.`;
  const nudges = 'its negative stories count more toward nudging experts';
  if (kind === TopicKind.Competitor)
    return ` As a competitor it is read as a rival company: answers about ${name} show its own posts and staff apart, digests file a story from its own feed, or whose headline names it first, under it, and ${nudges}.${undo}`;
  if (kind === TopicKind.Company)
    return ` As the company it stands for your own business in answers, and ${nudges}.${undo}`;
  if (from === TopicKind.Competitor || from === TopicKind.Company)
    return ` As a ${kind} it is no longer read as a company: ${from === TopicKind.Competitor ? 'answers no longer show its own posts and staff apart, and ' : ''}${nudges.replace('count more', 'no longer count more')}.${undo}`;
  return '';
}

/**
 * "topics edit pricing threshold=0.5": a setting, never saved as the query. Nudge settings are
 * `topics set`'s, name= and rename= get the rename answer, and any other key=value is refused too.
 */
function refuseSettingInQuery(name: string, query: string): void {
  // A quoted phrase may hold "=": only the words outside quotes are read as settings.
  const unquoted = query.replace(/"[^"]*"/g, ' ');
  const setting = /(?:^|\s)(?:--)?([a-z][\w-]*)=(\S*)/i.exec(unquoted);
  if (!setting) return;
  const [typed = '', key = '', value = ''] = [setting[0].trim(), setting[1]?.toLowerCase(), setting[2]];
  const topic = name || '<name>';
  if (key === 'name' || key === 'rename')
    throw new UserError(
      'USAGE',
      `${topicRenameHint(`${topic} ${value || '<new-name>'}`)} Nothing was changed.`,
    );
  const settings = [...unquoted.matchAll(/(?:^|\s)((?:--)?(?:channel|threshold)=\S*)/gi)].map(
    (match) => match[1],
  );
  if (settings.length)
    throw new UserError(
      'USAGE',
      `"${settings.join(' ')}" is a nudge setting, not a query: that is \`/brief topics set ${topic} ${settings.join(' ').replace(/--/g, '')}\`. \`topics edit ${topic}\` takes a new query (and kind=). Nothing was changed.`,
    );
  throw new UserError(
    'USAGE',
    `"${typed}" reads as a setting, and \`topics edit\` takes only a query and kind= (nudges: \`/brief topics set ${topic} channel=<#channel> threshold=<0-1>\`). If the query really holds it, quote it: \`/brief topics edit ${topic} "${typed}"\`. Nothing was changed.`,
  );
}

/**
 * "topics set pricing query=pricing OR price*": a query is topics edit's, so the reply gives that
 * command with what was typed, rather than the nudge settings' usage.
 */
function refuseQueryInSet(args: string): void {
  const [name, rest] = firstWord(plainText(args));
  const typed = /(?:^|\s)(?:--)?query=(.*)$/i.exec(rest);
  if (!typed) return;
  const query = unwrapQuotedQuery(typed[1] ?? '').trim() || '<query>';
  throw new UserError(
    'USAGE',
    `A topic's query changes with \`topics edit\`, which keeps its experts, channel and digests: \`/brief topics edit ${name || '<name>'} ${query}\`. \`topics set\` takes the nudge settings channel= and threshold=. Nothing was changed.`,
  );
}

/** "topics set churn kind=competitor": the kind is changed as `topics edit churn kind=competitor` does; with nudge settings too, each command is named. */
async function topicsSetKind(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  if (/(?:^|\s)(?:--)?(?:channel|threshold)=/i.test(args)) {
    const [name] = firstWord(plainText(args));
    throw new UserError(
      'USAGE',
      `One at a time: a topic's kind changes with \`/brief topics edit ${name || '<name>'} kind=<kind>\`, its nudges with \`/brief topics set ${name || '<name>'} channel=<#channel> threshold=<0-1>\`.`,
    );
  }
  return topicsEdit(deps, context, args);
}

/**
 * After an add or edit that matched no item: why, when the feeds are the cause ("Briefbot reads no
 * feeds yet…"), else " Nothing matches yet: check the query with topics test…"; "" when it matched.
 */
async function nothingMatchesNote(
  deps: Deps,
  userId: string,
  topic: TopicView,
  linked: number,
): Promise<string> {
  if (linked > 0) return '';
  const cause = await emptySearchCause(deps, userId, 30);
  if (cause) return ` ${cause}`;
  const typo = likelyTypo(deps, topic.query);
  if (typo)
    return ` Nothing matches yet: no item of the last 30 days says “${typo.typed}”. Did you mean “${typo.meant}”? \`/brief topics edit ${topic.name} ${typo.query}\` changes it (\`/brief topics test <query>\` tries one first).`;
  return ` Nothing matches yet: check the query with \`/brief topics test ${topic.query}\`, and change it with \`/brief topics edit ${topic.name} <query>\`.`;
}

/**
 * A word of a query that matches nothing, and the word of recent titles it is one slip away from
 * ("pricng" → "pricing"), with the query so corrected; undefined when no word looks mistyped.
 * Quoted phrases, prefixes (`pric*`) and operators are left as typed.
 */
function likelyTypo(deps: Deps, query: string): { typed: string; meant: string; query: string } | undefined {
  const titles = deps.db.sqlite
    .prepare('SELECT title FROM items WHERE published_at >= ? ORDER BY id DESC LIMIT 3000')
    .pluck()
    .all(deps.clock.now().getTime() - 30 * 24 * 3600_000) as string[];
  const known = new Set(titles.flatMap((title) => title.toLowerCase().match(/\p{L}{4,}/gu) ?? []));
  const candidates = [...known];
  // Bare words only: outside quotes, not an operator, an exclusion or a prefix.
  for (const match of query.matchAll(/"[^"]*"|(?<=^|[\s(])(\p{L}{4,})(?=$|[\s)])/gu)) {
    const typed = match[1];
    if (!typed || /^(?:OR|AND|NOT)$/.test(typed) || known.has(typed.toLowerCase())) continue;
    const meant = closest(typed, candidates);
    if (!meant) continue;
    const at = match.index ?? 0;
    return { typed, meant, query: `${query.slice(0, at)}${meant}${query.slice(at + typed.length)}` };
  }
  return undefined;
}

/** " Note: topic acme searches the same query…", when another topic does; else "". */
async function sameQueryNote(deps: Deps, topic: TopicView): Promise<string> {
  const twins = await topicsWithSameQuery(deps, topic);
  if (twins.length === 0) return '';
  const named = twins.map((name) => `*${name}*`).join(', ');
  return ` Note: ${twins.length === 1 ? `topic ${named} searches` : `topics ${named} search`} the same query, so ${twins.length === 1 ? 'the two' : 'they'} match the same items; to tell ${topic.name} apart: \`/brief topics edit ${topic.name} <query>\`.`;
}

/** /brief topics list [<words in a name or query>] */
async function topicsList(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  // A competitor's topic counts what others said, its own posts apart, as Home counts it.
  const topics = othersOnly(deps, await listTopics(deps));
  const label = plainText(args).trim().toLowerCase();
  // Members see what they can ask about; admins also the queries and nudge settings they manage.
  const forAdmin = await isAdmin(deps, context.userId);
  const addHint = await addOneHint(
    deps,
    context.userId,
    '/brief topics add pricing pricing OR "price increase" -job',
  );
  const ask = forAdmin ? undefined : await adminsToAsk(deps);
  if (!label)
    return topicsListMessage(topics, deps.config.NUDGE_THRESHOLD, undefined, forAdmin, addHint, ask);
  // "competitors", "kind=competitor" or "--kind competitor": the topics of that kind, as feeds list reads kinds.
  const kind = topicKindOf(label.replace(/^(?:--kind\s+|(?:--)?kind=)/, ''));
  const wanted = words(label);
  const matching = topics.filter((topic) =>
    kind
      ? topic.kind === kind
      : wanted.every((word) => `${topic.name} ${topic.query}`.toLowerCase().includes(word)),
  );
  return topicsListMessage(
    matching,
    deps.config.NUDGE_THRESHOLD,
    { label, total: topics.length },
    forAdmin,
    addHint,
    ask,
  );
}

async function topicsRemove(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  await requireAdmin(deps, context.userId, 'remove topics');
  const { confirmed, rest } = takeConfirm(words(plainText(args)));
  const [name] = rest;
  if (!name) throw new UserError('USAGE', 'Which topic? Usage: /brief topics remove <name>');
  const where = (digest: TopicRemoval['digests'][number]) =>
    digest.personal ? `${digest.id} (<@${digest.channelId}>'s DMs)` : `${digest.id} (<#${digest.channelId}>)`;
  // Beats and digests do not come back with the topic: asked first, as feeds remove asks before deleting items.
  if (!confirmed) {
    const impact = await topicRemovalImpact(deps, name);
    const open = (await conversationsOnTopic(deps, impact.topic.name)).length;
    if (
      impact.experts.length ||
      impact.digests.length ||
      impact.follows.length ||
      impact.twins.length ||
      open > 0
    )
      return topicRemoveConfirmMessage(
        impact,
        where,
        open,
        await competitorFeedsNote(deps, impact.topic.name, true),
      );
  }
  const conversations = await conversationsOnTopic(deps, (await findTopic(deps, name)).name);
  const { topic, experts, digests, follows, twins } = await removeTopic(deps, name, context.userId);
  await tellFollowsEnded(deps, topic.label, follows, context.userId);
  await tellBeatRemoved(deps, topic.label, experts, conversations, context.userId);
  const onTopic = await topicConversationsNote(deps, conversations);
  const paused = digests.filter((digest) => digest.paused);
  const changed = digests.filter((digest) => !digest.paused);
  const affected = [
    experts.length
      ? `${experts.map((id) => `<@${id}>`).join(', ')} no longer ${experts.length === 1 ? 'has' : 'have'} it as a beat, and ${experts.length === 1 ? 'was' : 'each was'} told in a DM.`
      : '',
    changed.length
      ? `Digest ${changed.map(where).join(', ')} no longer ${changed.length === 1 ? 'includes' : 'include'} it.`
      : '',
    paused.length
      ? `Digest ${paused.map(where).join(', ')} had no other topic and ${paused.length === 1 ? 'is' : 'are'} stopped with no topics (not turned into "all topics"): give ${paused.length === 1 ? 'it' : 'each'} topics with \`/brief digest edit ${paused[0]?.id} topics: …\`, then \`/brief digest resume ${paused[0]?.id}\`.`
      : '',
    follows.length
      ? `${followsText(follows)} ended; ${follows.length === 1 ? 'its follower was' : 'each follower was'} told in a DM.`
      : '',
    twinsText(twins, 'is now'),
  ].filter(Boolean);
  const keep =
    affected.length > 0
      ? ` To change a topic's query instead, \`/brief topics edit ${topic.name} <query>\` keeps its experts and digests.`
      : '';
  const ownFeeds = await competitorFeedsNote(deps, topic.name, false);
  return noticeMessage(
    `Removed topic *${escapeText(topic.label)}*.${affected.length ? ` ${affected.join(' ')}` : ''}${ownFeeds}${onTopic}${keep} ${topicRestoreText(
      {
        ...topic,
        experts,
        digests: digests
          .filter((digest) => !digest.personal)
          .map((digest) => ({ id: digest.id, stopped: digest.paused })),
        follows,
      },
      'To bring it back:',
      context.userId,
    )} \`/brief topics list\` shows those left.`,
  );
}

/** Removing a topic with experts or digests: what would go, the edit that keeps them, and how to go ahead. */
function topicRemoveConfirmMessage(
  impact: TopicRemoval,
  where: (digest: TopicRemoval['digests'][number]) => string,
  openConversations: number,
  ownFeeds: string,
): Message {
  const { topic, experts, digests, follows } = impact;
  const emptied = digests.filter((digest) => digest.paused);
  const losses = [
    experts.length
      ? `the beat of ${countOf(experts.length, 'expert')} (${experts.map((id) => `<@${id}>`).join(', ')})`
      : '',
    digests.length
      ? `the topic from ${digests.length === 1 ? 'digest' : 'digests'} ${digests.map(where).join(', ')}${emptied.length ? ` (${emptied.length === 1 ? `digest ${emptied[0]?.id} would be` : `digests ${emptied.map((digest) => digest.id).join(', ')} would be`} left with no topics and stop)` : ''}`
      : '',
    follows.length
      ? `${followsText(follows)}, which would end (${follows.length === 1 ? 'its follower is' : 'each follower is'} told in a DM)`
      : '',
    openConversations
      ? `the beat from ${countOf(openConversations, 'conversation')} in progress (${openConversations === 1 ? 'it goes' : 'they go'} to no topic, for the admins to give to someone)`
      : '',
  ].filter(Boolean);
  const twins = twinsText(impact.twins, 'would then be');
  return noticeMessage(
    `Removing topic *${escapeText(topic.label)}* takes ${losses.join(' and ')}; adding the topic again does not bring them back.${twins ? ` ${twins}` : ''}${ownFeeds} To change its query instead, keeping them: \`/brief topics edit ${topic.name} <query>\`. To remove anyway: \`/brief topics remove ${topic.name} confirm\`.`,
  );
}

/**
 * " Feed 2 (The Globex Blog) still stands for Globex: …": a competitor's own feeds outlive its topic,
 * and their posts keep coming into answers and digests unless paused or removed.
 */
async function competitorFeedsNote(deps: Deps, topicName: string, would: boolean): Promise<string> {
  const feeds = (
    await deps.db.prisma.feed.findMany({
      where: { kind: FeedKind.Competitor },
      select: { id: true, kind: true, title: true, competitor: true, url: true },
      orderBy: { id: 'asc' },
    })
  ).filter((feed) => sameCompetitor(competitorOf(feed), topicName));
  if (feeds.length === 0) return '';
  const ids = feeds.map((feed) => feed.id).join(' ');
  const named = feeds.map((feed) => `${feed.id} (${feed.title ?? feed.url})`).join(', ');
  const [one, its] = feeds.length === 1 ? ['Feed', 'its'] : ['Feeds', 'their'];
  const [stand, keep] = would
    ? ['would still stand', 'would keep']
    : [feeds.length === 1 ? 'still stands' : 'still stand', 'keep'];
  return ` ${one} ${named} ${stand} for ${competitorLabel(competitorOf(feeds[0] as (typeof feeds)[number]) ?? topicName)}, so ${its} posts ${keep} coming into answers and digests: \`/brief feeds pause ${ids}\` keeps them out of digests (answers still use those stored), \`/brief feeds remove ${ids}\` deletes them.`;
}

/** "Digest 1 would then be the same as digest 3 (#news, globex, daily at 08:00 UTC): …": twins a removal leaves. */
function twinsText(twins: TopicRemoval['twins'], verb: string): string {
  return twins
    .map(
      (twin) =>
        `Digest ${twin.id} ${verb} the same as digest ${twin.twinOf} (<#${twin.channelId}>, ${twin.topics.join(', ')}, ${twin.timing}): one of them can go, e.g. \`/brief digest remove ${twin.twinOf}\`.`,
    )
    .join(' ');
}

/** "2 personal follows (<@U1>'s, <@U2>'s)": the follows of a removed topic. */
function followsText(follows: TopicRemoval['follows']): string {
  return `${countOf(follows.length, 'personal follow')} (${follows.map((entry) => `<@${entry.userId}>'s`).join(', ')})`;
}

/** "confirm" (or "--yes", "-y", as on the command line) among the words: taken out, and whether it was there. */
function takeConfirm(list: string[]): { confirmed: boolean; rest: string[] } {
  const isConfirm = (word: string) => /^(?:confirm|--yes|-y)$/i.test(word);
  return { confirmed: list.some(isConfirm), rest: list.filter((word) => !isConfirm(word)) };
}

/**
 * "topics add Acme Desk "acme desk"": a name of two capitalised words would be "acme" with the query
 * `Desk "acme desk"` (and an existing acme would be pointed to topics edit). Names are one word.
 */
function refuseTwoWordName(name: string, query: string, kind: string | undefined): void {
  const [second, after] = firstWord(query);
  const capitalised = /^[A-Z][\w-]*$/.test(name) && /^[A-Z][a-z][\w-]*$/.test(second);
  // "topics add price rise "price rise"": the two words are the phrase the query quotes.
  const phrase = `${name} ${second}`.toLowerCase();
  const quoted = /^[a-z][\w-]*$/i.test(second) && after.toLowerCase().includes(`"${phrase}`);
  if (!(capitalised || quoted) || second.toLowerCase() === name.toLowerCase() || !after.trim()) return;
  throw new UserError(
    'USAGE',
    `Topic names are one word. Did you mean \`/brief topics add ${name.toLowerCase()}-${second.toLowerCase()} ${after}${kind ? ` kind=${kind}` : ''}\`?`,
  );
}

/** `topics add initech`: the query left out, given as the command that follows the name itself, ready to copy. */
async function refuseNameOnly(
  deps: Deps,
  name: string,
  query: string,
  kind: string | undefined,
): Promise<void> {
  if (!name || query.trim() || /[^\w-]/.test(name) || reservedTopicNames.has(topicNameKey(name))) return;
  const key = topicNameKey(name);
  const topic = await deps.db.prisma.topic.findUnique({ where: { name: key } });
  if (topic)
    throw new UserError(
      'USAGE',
      `${key} is a topic already (\`${topic.query}\`). To change what it finds: \`/brief topics edit ${key} <query>\`.`,
    );
  throw new UserError(
    'USAGE',
    `Give the query after the name: what an item must say to be about ${key}. To follow ${key} by its name: \`/brief topics add ${key} ${key}${kind ? ` kind=${kind}` : ''}\`${kind ? '' : ' (for a rival company, add `kind=competitor`)'}. To try a query first: \`/brief topics test ${key}\`.`,
  );
}

/** `topics add "Acme Desk" …`: a quoted name of several words, offered as one (acme-desk), ready to copy. */
function refuseQuotedName(text: string, kind: string | undefined): void {
  const quoted = /^["\u201c]([^"\u201c\u201d]*\s[^"\u201c\u201d]*)["\u201d]\s*(.*)$/s.exec(text.trim());
  if (!quoted) return;
  const [, name = '', query = ''] = quoted;
  const joined = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!joined) return;
  throw new UserError(
    'USAGE',
    `Topic names are one word. Did you mean \`/brief topics add ${joined} ${query.trim()}${kind ? ` kind=${kind}` : ''}\`? Nothing was added.`,
  );
}

/**
 * "topics add support ai": two plain words read as the name support and the query `ai`, rarely what
 * was meant when the words are unrelated. Asked, with both readings to type (confirm keeps the second).
 */
function refuseNameAndWord(name: string, query: string, kind: string | undefined): void {
  const word = query.trim();
  if (!/^[a-z]{2,}$/i.test(name) || !/^[a-z]{2,}$/i.test(word)) return;
  const [one, two] = [name.toLowerCase(), word.toLowerCase()];
  // "pricing price", "outages outage": the query is the name's own word.
  const stem = Math.min(4, one.length, two.length);
  if (one.slice(0, stem) === two.slice(0, stem)) return;
  const kindWord = kind ? ` kind=${kind}` : '';
  throw new UserError(
    'USAGE',
    `Topic names are one word, so this reads as topic ${one} searching for \`${word}\`. For one topic about "${one} ${two}": \`/brief topics add ${one}-${two} "${one} ${two}"${kindWord}\`. To add ${one} searching for \`${word}\` after all: \`/brief topics add ${one} ${word}${kindWord} confirm\`.`,
  );
}

/**
 * "topics add hooli hooli competitor": a kind said without kind= would be a query word every item must
 * say, so the topic would find almost nothing. Asked, with both readings to type (confirm keeps the query).
 */
function refuseBareKind(name: string, query: string): void {
  // "hooli as a competitor": the words leading to the kind go with it; "x OR product" is an alternative.
  const said = /^(.*?\S)((?:\s+(?:as|a|an|is))*)\s+([a-z]+)$/i.exec(query.trim());
  const [, search = '', , last = ''] = said ?? [];
  const kind = topicKindOf(last.toLowerCase());
  if (!kind || /(?:^|\s)(?:OR|AND|NOT)$/.test(search)) return;
  throw new UserError(
    'USAGE',
    `“${last}” would be part of the query, so ${name} would find only items that also say “${last}”. To make ${name} a ${kind} topic: \`/brief topics add ${name} ${search} kind=${kind}\`. To search for the word after all: \`/brief topics add ${name} ${query.trim()} confirm\`. Nothing was added.`,
  );
}

async function topicsTest(deps: Deps, context: CommandContext, args: string): Promise<Message & Continued> {
  // kind= and the like belong to topics add: a test takes the query alone.
  const option = /(?:^|\s)((?:--)?(?:kind|channel|threshold)=\S*)/i.exec(plainText(args))?.[1];
  if (option)
    throw new UserError(
      'USAGE',
      `\`topics test\` takes only a query; "${option}" is for \`topics add\` or \`topics set\`. Try: \`/brief topics test ${plainText(args).replace(option, '').replace(/\s+/g, ' ').trim()}\``,
    );
  // "acme last 30 days page 2": a window to look back, as topics add reports 30 days, and the page of matches; the query is the rest.
  const options = takeTestOptions(plainText(args));
  const { days, page } = options;
  // "acme since monday", "pricing this month": a period as answers and `changes` read one.
  const period = days === 7 ? takeTestPeriod(deps, options.query) : undefined;
  const typed = period ? period.query : options.query;
  // A topic's name alone (unquoted) tests that topic's query: what a marketer checking it means.
  const topic = /^[\p{L}\p{N}_-]+$/u.test(typed.trim())
    ? await deps.db.prisma.topic.findUnique({ where: { name: topicNameKey(typed) } })
    : null;
  const query = topic ? topic.query : unwrapQuotedQuery(typed);
  if (!query)
    throw new UserError('USAGE', 'Give a query to try: /brief topics test pricing OR "price increase"');
  const window = period ? ` ${period.words}` : days === 7 ? '' : ` last ${days} days`;
  const result = await keepTypedQuery(`topics test ${plainText(args)}`, undefined, async () =>
    testQuery(deps, query, period ?? days, page),
  );
  const command = (other: number) =>
    `topics test ${typed.trim()}${window}${other > 1 ? ` page ${other}` : ''}`;
  const scores = await controversyScores(
    deps,
    result.hits.map((hit) => hit.id),
  );
  // Nothing found because there is nothing to search: said, rather than blaming the query.
  const cause =
    result.total === 0 ? await emptySearchCause(deps, context.userId, period?.since ?? days) : null;
  const reply = topicTestMessage(
    query,
    result,
    deps.clock.now(),
    period?.label ?? days,
    topic?.name,
    { page, size: testPageSize, command },
    scores,
    cause,
  );
  const note = commaNote(query);
  // Matches after this page: "more" shows the next.
  const continues = page * testPageSize < result.total ? command(page + 1) : null;
  return { ...reply, blocks: note ? [...reply.blocks, contextBlock(note)] : reply.blocks, continues };
}

/**
 * "acme since monday" is the query `acme` since Monday: the period words a test may end with (`since`,
 * `this`, `today`, `yesterday`, `in`…), read as `changes` and `stats` read them; `since` that reads as
 * no period is refused rather than searched for.
 */
function takeTestPeriod(
  deps: Deps,
  text: string,
): { query: string; words: string; since: Date; until: Date; label: string } | undefined {
  const typed = words(text);
  for (let count = Math.min(4, typed.length - 1); count >= 1; count--) {
    const tail = typed.slice(-count);
    if (!/^(?:since|this|today|yesterday|last|past|in|during)$/i.test(tail[0] ?? '')) continue;
    const period = statsPeriod(deps, tail.join(' '));
    if (!period) continue;
    const { since, until } = period;
    const label = /^(?:last|past) /.test(period.label) ? `in the ${period.label}` : period.label;
    return { query: typed.slice(0, -count).join(' '), words: tail.join(' '), since, until, label };
  }
  const since = typed.findIndex((word, index) => index > 0 && word.toLowerCase() === 'since');
  if (since !== -1)
    throw new UserError(
      'USAGE',
      `I can't read "${typed.slice(since).join(' ')}" as a period. \`topics test\` ends with one like \`since monday\`, \`since 2026-11-01\`, \`this week\`, \`this month\`, \`yesterday\` or \`last 30 days\`: \`/brief topics test ${typed.slice(0, since).join(' ')} since monday\`.`,
    );
  return undefined;
}

/**
 * Commas separate lists elsewhere (`topics: a, b`), but in a query they are no operator: words
 * must all appear. Said when a query has one outside quotes, with the OR reading to type.
 */
function commaNote(query: string): string | null {
  const outsideQuotes = query.replace(/["\u201c\u201d][^"\u201c\u201d]*["\u201c\u201d]/g, '');
  if (!outsideQuotes.includes(',')) return null;
  const either = query.replace(/\s*,\s*/g, ' OR ');
  return `Note: a comma is no operator, so \`${query}\` needs every word. For any of them: \`${either}\`.`;
}

/** The person an sme command names first; `rest`: what follows, where a person typed second is found. */
function userOf(word: string | undefined, usageLine: string, rest = ''): string {
  const person = word ? parsePerson(word) : null;
  if (person) return person;
  const others = words(rest);
  const later = others.findIndex((other) => parseMention(other)?.kind === 'user');
  const command = usageLine.slice(0, usageLine.indexOf(' <@user>'));
  if (word && later !== -1) {
    const typed = [word, ...others.filter((_, index) => index !== later)].join(' ');
    throw new UserError(
      'USAGE',
      `Put the person first: ${suggested(`/brief ${command} @${parseMention(others[later] as string)?.id} ${typed}`)}`,
    );
  }
  if (word?.startsWith('@'))
    throw new UserError(
      'USAGE',
      `Slack did not recognise ${word} as a person: pick them from the list Slack shows as you type @ (in the console, type the user id, e.g. @U0123ABCD).`,
    );
  throw new UserError('USAGE', `Mention the person with @. Usage: /brief ${usageLine}`);
}

/** "sme add @bob pricng": when every topic not found is close to one, the whole add meant, to copy. */
async function refuseMistypedBeats(deps: Deps, userId: string, named: string[]): Promise<void> {
  const keys = await listTopicNames(deps);
  const unknown = named.filter((name) => !keys.includes(name));
  const meant = named.map((name) => (keys.includes(name) ? name : closest(name, keys)));
  if (unknown.length === 0 || !meant.every(Boolean)) return;
  throw new UserError(
    'TOPIC_NOT_FOUND',
    `No topic ${unknown.map((name) => `"${name}"`).join(', ')}. Did you mean ${suggested(`/brief sme add <@${userId}> ${meant.join(', ')}`)}? Nothing was added.`,
  );
}

async function smeAdd(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  await requireAdmin(deps, context.userId, 'assign experts');
  const [who, rest] = firstWord(args);
  const userId = userOf(who, 'sme add <@user> <topic>[, <topic>...]', rest);
  const topics = plainText(rest)
    .split(/[\s,]+/)
    .filter(Boolean);
  // A beat they have already is said so, not announced as new.
  const [previous] = await listSmes(deps, userId);
  const before = previous?.topics ?? [];
  // "Économie" or "economie": the key either names; the beats are shown as typed.
  const named = [...new Set(topics.map(topicNameKey))];
  await refuseMistypedBeats(deps, userId, named);
  for (const name of named) await findTopic(deps, name);
  const already = named.filter((name) => before.includes(name));
  if (named.length > 0 && already.length === named.length)
    return noticeMessage(
      `<@${userId}> already covers ${beatLabels(previous, already)}; nothing changed. \`/brief sme list\` shows every beat.`,
    );
  const sme = await addSme(deps, {
    userId,
    topics: named.filter((name) => !already.includes(name)),
    actorId: context.userId,
  });
  const added = sme.topics.filter((name) => !before.includes(name));
  // Put back while away (the undo of `sme remove`): still away, so said rather than nudged.
  const away =
    before.length === 0 && sme.awayUntil && isAwayAt(sme, deps.clock.now())
      ? ` They are still away until ${awayDayText(deps, sme.awayUntil, (await ownTimeZone(deps, userId)) ?? deps.config.DEFAULT_TIMEZONE, false)}, so no nudges until then (${suggested(`/brief sme away @${userId} back`)} ends it).`
      : '';
  const beats = before.length
    ? `${beatLabels(sme, added)} too (their beats: ${beatLabels(sme, sme.topics)}${already.length ? `; ${beatLabels(sme, already)} they covered already` : ''})`
    : beatLabels(sme, sme.topics);
  return noticeMessage(
    `<@${userId}> now covers ${beats}.${away} \`/brief sme list\` shows every beat.${await nudgeChannelsNote(deps, added)}${await waitingForExpertNote(deps, userId, context.userId, added)}`,
  );
}

/** An expert's beats named by key ("economie"), as typed ("Économie"), joined. */
function beatLabels(sme: SmeView | undefined, names: string[]): string {
  const labels = new Map(sme?.topics.map((name, index) => [name, sme.labels[index] ?? name]));
  // An expert put on 120 beats at once: the names that fit, the others counted (`sme list` has them all).
  return escapeText(
    namesWithin(
      names.map((name) => labels.get(name) ?? name),
      400,
    ),
  );
}

/** Where the nudges of newly covered topics go: the channel of each that has one, the command for each that has none. */
async function nudgeChannelsNote(deps: Deps, names: string[]): Promise<string> {
  const topics = await deps.db.prisma.topic.findMany({
    where: { name: { in: names } },
    select: { name: true, displayName: true, channelId: true },
    orderBy: { name: 'asc' },
  });
  const set = topics
    .filter((topic) => topic.channelId)
    .map((topic) => `${escapeText(topicLabel(topic))} in <#${topic.channelId}>`);
  const lacking = topics.filter((topic) => !topic.channelId);
  return [
    set.length ? ` Nudges go to: ${namesWithin(set, 600, ' (`/brief nudge settings` lists each)')}.` : '',
    lacking.length
      ? ` ${namesWithin(
          lacking.map((topic) => escapeText(topicLabel(topic))),
          400,
        )} ${lacking.length === 1 ? 'has' : 'have'} no channel for nudges yet: ${namesWithin(
          lacking.map((topic) => `\`/brief topics set ${topic.name} channel=#…\``),
          600,
        )}.`
      : '',
  ].join('');
}

async function smeRemove(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  await requireAdmin(deps, context.userId, 'remove experts');
  const [who, rest] = firstWord(args);
  const userId = userOf(who, 'sme remove <@user> [<topic>, ...]', rest);
  const topics = plainText(rest)
    .split(/[\s,]+/)
    .filter(Boolean);
  const beats = await deps.db.prisma.beat.findMany({
    where: { sme: { userId } },
    select: { topicId: true, topic: { select: { name: true } } },
  });
  const wasAvailable = !(await isAwayNow(deps, userId));
  const left = await removeSme(deps, userId, context.userId, topics);
  const taken = beats.filter((beat) => !left?.topics.includes(beat.topic.name));
  const off = taken.map((beat) => beat.topicId);
  const names = taken.map((beat) => beat.topic.name).sort();
  // One DM to the expert: with the claims they still hold when there are any, else on its own.
  const why =
    left === null
      ? `<@${context.userId}> took you off ${names.length > 1 ? `your beats (${names.join(', ')})` : `${names.join('')}, your beat`}, so you are no longer an expert and get no more nudges`
      : `<@${context.userId}> took you off ${names.join(', ')}${left.topics.length ? ` (you still cover ${left.topics.join(', ')})` : ''}`;
  const held = await heldClaimsNote(deps, userId, context.userId, { topicIds: off, why });
  // An expert without a beat left loses nothing they would notice: no DM.
  const told = !held && names.length > 0 && userId !== context.userId;
  if (told) await tellTakenOffBeats(deps, userId, why);
  const uncovered = await offDutyNote(deps, off, context.userId, wasAvailable);
  // Topics left with nobody on the beat (not merely everyone away): how to give them an expert.
  const none = (await topicsWithoutExpert(deps, off)).filter((topic) => topic.away.length === 0);
  const add = none.length
    ? ` Add one: ${suggested(`/brief sme add @someone ${none.map((topic) => topic.name).join(', ')}`)}.`
    : '';
  const undo = names.length ? ` To undo: ${suggested(`/brief sme add @${userId} ${names.join(', ')}`)}.` : '';
  const notes = `${told ? ' They were told by DM.' : ''}${held}${uncovered}${add}${undo}`;
  if (left === null) return noticeMessage(`<@${userId}> is no longer an expert on any beat.${notes}`);
  const still = left.topics.length
    ? `still covers ${left.topics.join(', ')}`
    : `covers no beat now (${suggested(`/brief sme remove @${userId}`)} stops them being an expert)`;
  return noticeMessage(`<@${userId}> no longer covers ${topics.join(', ')}; ${still}.${notes}`);
}

/** /brief sme list [topic]: every expert, or who covers one topic ("who answers for pricing?"). */
async function smeList(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  const name = plainText(args).toLowerCase();
  const smes = await listSmes(deps);
  // Days away in the reader's zone, as App Home shows them (an expert's own may end at another hour there).
  const zone = (await ownTimeZone(deps, context.userId)) ?? deps.config.DEFAULT_TIMEZONE;
  if (!name) {
    const hadExperts =
      smes.length === 0 && (await deps.db.prisma.auditEvent.count({ where: { action: 'sme.add' } })) > 0;
    return smeListMessage(
      smes,
      zone,
      deps.clock.now(),
      undefined,
      hadExperts,
      await addOneHint(deps, context.userId, '/brief sme add @maria pricing, globex'),
    );
  }
  const topic = await findTopic(deps, name);
  const covering = smes.filter((sme) => sme.topics.includes(topic.name));
  if (covering.length === 0)
    return noticeMessage(
      `Nobody covers ${escapeText(topicLabel(topic))} yet. ${await addOneHint(deps, context.userId, `/brief sme add @maria ${topic.name}`)}`,
    );
  return smeListMessage(covering, zone, deps.clock.now(), topicLabel(topic));
}

/** Whether an expert is marked away now (going off duty again leaves nobody newly without them). */
async function isAwayNow(deps: Deps, userId: string): Promise<boolean> {
  const [sme] = await listSmes(deps, userId);
  return Boolean(sme && isAwayAt(sme, deps.clock.now()));
}

async function smeAway(deps: Deps, context: CommandContext, args: string): Promise<Message> {
  const [first, afterFirst] = firstWord(args);
  // No person ("sme away until friday", "sme away for a week") means the sender, as "me" does.
  const noPerson =
    /^(until|back|for|from|next|starting|beginning)$/i.test(first) ||
    parseUntilDate(first, deps.clock.now(), deps.config.DEFAULT_TIMEZONE) !== undefined ||
    parseUntilDate(plainText(args), deps.clock.now(), deps.config.DEFAULT_TIMEZONE) !== undefined ||
    'from' in (readAbsenceAhead(plainText(args), deps.clock.now(), deps.config.DEFAULT_TIMEZONE) ?? {});
  const [typed, rest] = noPerson ? ['me', args] : [first, afterFirst];
  // "me", "@self" or their own mention: an expert marks their own time away.
  const who = /^@?(me|self|myself)$/i.test(typed) ? `<@${context.userId}>` : typed;
  const userId = userOf(
    who,
    'sme away <@user> until <date> (or `/brief sme away me until <date>`, `for a week`, `3 days`)',
    rest,
  );
  const self = userId === context.userId && (await listSmes(deps, userId)).length > 0;
  const whom = self ? 'me' : `<@${userId}>`;
  if (!self)
    await requireAdmin(
      deps,
      context.userId,
      userId === context.userId
        ? 'mark experts away'
        : 'mark other experts away (an expert can mark themselves: `/brief sme away me until friday`)',
    );
  const when = plainText(rest)
    .replace(/^until\s+/i, '')
    .trim();
  // The days are the expert's own: read and shown in their time zone (their record's, else Slack's).
  const zone = (await ownTimeZone(deps, userId)) ?? deps.config.DEFAULT_TIMEZONE;
  const dayOf = (at: Date) => awayDayText(deps, at, zone, self);
  if (!when)
    throw new UserError(
      'USAGE',
      `Until when? Type the last day away: ${suggested(`/brief sme away ${whom} until friday`)} (or \`until Dec 1\`, \`until 2026-12-01\`, \`until in 5 days\`); ${suggested(`/brief sme away ${whom} back`)} ends it.`,
    );
  if (/^(back|off|none|no)$/i.test(when)) {
    const [sme] = await listSmes(deps, userId);
    if (sme && !(sme.awayUntil && sme.awayUntil > deps.clock.now()))
      return noticeMessage(`${self ? 'You were' : `<@${userId}> was`} not marked away; nothing changed.`);
    await setSmeAway(deps, userId, null, context.userId);
    // An absence set ahead, cancelled before it began: nothing changes today.
    const planned = sme && plannedAbsence(sme, deps.clock.now());
    if (planned)
      return noticeMessage(
        `${self ? 'Your' : `<@${userId}>'s`} absence from ${absenceText(deps, planned, zone, self)} is cancelled: nudges keep coming to ${self ? 'you' : 'them'}.`,
      );
    const waiting = await waitingForExpertNote(deps, userId, context.userId);
    return noticeMessage(
      self
        ? `Welcome back: you get nudges again.${waiting}`
        : `<@${userId}> is back and gets nudges again.${waiting}`,
    );
  }
  // "from friday to next wednesday", "2026-12-24 to 2027-01-02", "next week": an absence set ahead.
  const ahead = readAbsenceAhead(when, deps.clock.now(), zone);
  if (ahead && 'ask' in ahead) throw new UserError('USAGE', ahead.ask.replaceAll('{whom}', whom));
  if (ahead && ahead.from > deps.clock.now())
    return smeAwayAhead(deps, context.userId, userId, self, ahead, zone);
  // "from today to friday": from now, as "until friday" is.
  const until = ahead?.until ?? parseUntilDate(when, deps.clock.now(), zone);
  if (!until) {
    throw new UserError(
      'USAGE',
      `I can't read "${when}" as a date. Try \`until 2026-12-01\`, \`until Dec 1\`, \`until friday\`, \`until next monday\`, \`until tomorrow\`, \`for a week\` or \`3 days\` (or \`back\`).`,
    );
  }
  if (until <= deps.clock.now())
    throw new UserError('USAGE', 'That date has passed; give a day from today on.');
  const dayTyped = dayOf(until);
  const [before] = await listSmes(deps, userId);
  // Already away: the absence set is said, so a new day is seen to replace it.
  const awayUntil = before?.awayUntil && isAwayAt(before, deps.clock.now()) ? before.awayUntil : null;
  const wasDay = awayUntil ? dayOf(awayUntil).replace(/ \(.*\)$/, '') : null;
  const youAre = self ? 'You are' : `<@${userId}> is`;
  if (awayUntil && wasDay === dayTyped.replace(/ \(.*\)$/, ''))
    return noticeMessage(
      `${youAre} already away until ${dayTyped}; nothing changed. ${suggested(`/brief sme away ${whom} back`)} ends it sooner.`,
    );
  // "away tomorrow", "away fri" often mean that day only, yet an absence starts now: asked, not guessed.
  const fromNow =
    ahead !== null ||
    /^(until|for|in)\b/i.test(plainText(rest).trim()) ||
    /^(\d{1,3}|an?|one) (day|week)s?$/i.test(when) ||
    until.getTime() - deps.clock.now().getTime() < 24 * 3600_000;
  if (!fromNow && awayUntil)
    return noticeMessage(
      `${youAre} already away until ${wasDay}. ${until < awayUntil ? 'Shorten' : 'Extend'} it to ${dayTyped}? ${suggested(`/brief sme away ${whom} until ${when}`)}; nothing was changed.`,
    );
  if (!fromNow)
    return noticeMessage(
      `Away from now until ${dayTyped}? An absence starts when you send it, so ${self ? 'you' : 'they'} would get no nudges from today; nothing was changed. From now: ${suggested(`/brief sme away ${whom} until ${when}`)}. On that day only: on its morning, send ${suggested(`/brief sme away ${whom} until today`)}.`,
    );
  const wasAvailable = awayUntil === null;
  await setSmeAway(deps, userId, until, context.userId);
  const day = dayOf(until);
  // "Fri 27 Nov (end of day, UTC; was until Tue 1 Dec)": one parenthesis, not two.
  const shown = !wasDay
    ? day
    : day.endsWith(')')
      ? day.replace(/\)$/, `; was until ${wasDay})`)
      : `${day} (was until ${wasDay})`;
  const beats = await deps.db.prisma.beat.findMany({ where: { sme: { userId } }, select: { topicId: true } });
  // "until 2027-06-01" for "until June 1": a slip that would silence an expert for a year, so said.
  const long =
    until.getTime() - deps.clock.now().getTime() > yearShownAfterMs
      ? ` That is over 6 months away: if you meant a nearer day, ${suggested(`/brief sme away ${whom} until &lt;date&gt;`)} again changes it.`
      : '';
  // The day is said once; a note that names it again says "until then".
  const notes =
    `${long}${await heldClaimsNote(deps, userId, context.userId, { awayUntil: until, newly: wasAvailable })}${await awaySnoozesNote(deps, userId, context.userId)}${await offDutyNote(
      deps,
      beats.map((beat) => beat.topicId),
      context.userId,
      wasAvailable,
    )}`
      // The note about uncovered beats gives the day in the admin's zone.
      .replaceAll(
        `<@${userId}> is away until ${formatUntilDay(until, (await ownTimeZone(deps, context.userId)) ?? deps.config.DEFAULT_TIMEZONE, deps.clock.now())}`,
        `<@${userId}> is away until then`,
      )
      .replaceAll(`<@${userId}> is away until ${day}`, `<@${userId}> is away until then`);
  return noticeMessage(
    self
      ? `You are away until ${shown}: no nudges until then. Back sooner? \`/brief sme away me back\`.${notes}`
      : `<@${userId}> is away until ${shown}; no nudges until then. ${suggested(`/brief sme away ${whom} back`)} ends it sooner.${notes}`,
  );
}

/** An absence with its first day: from the start of that day to the end of its last. */
type AbsenceAhead = { from: Date; until: Date };

const absenceSpan = /^(?:for\s+)?(?:\d{1,3}|an?|one)\s+(?:day|week)s?$/i;

/**
 * "from friday to next wednesday", "2026-12-24 to 2027-01-02", "starting monday for a week", "next
 * week": an absence with a first day (the last read from it: "next wednesday" after friday); `ask`
 * when half of it can't be read; null when no first day is named ("until friday", "for a week").
 */
function readAbsenceAhead(when: string, now: Date, timeZone: string): AbsenceAhead | { ask: string } | null {
  const text = when.trim().replace(/\s+/g, ' ');
  const forms =
    '`/brief sme away {whom} from friday to next wednesday` (or `2026-12-24 to 2027-01-02`, `from monday for a week`, `next week`)';
  const week = /^(?:(?:all|for)\s+)?(next week|the week after(?: next)?)$/i.exec(text);
  if (week) {
    const monday = startOfLocalDay(
      parseUntilDate('monday', now, timeZone) as Date,
      timeZone,
      /after/i.test(text) ? 7 : 0,
    );
    return { from: monday, until: parseUntilDate('sunday', monday, timeZone) as Date };
  }
  const lead = /^(?:from|starting(?:\s+(?:on|from))?|beginning|as\s+of)\s+/i.exec(text);
  const body = lead ? text.slice(lead[0].length) : text;
  const range = /^(.+?)\s+(?:to|until|till|til|through|thru|[-–])\s+(.+)$/i.exec(body);
  const span = range ? null : /^(.+?)\s+((?:for\s+)?(?:\d{1,3}|an?|one)\s+(?:day|week)s?)$/i.exec(body);
  if (!lead && !range && !span) return null;
  const startText = range?.[1] ?? span?.[1] ?? body;
  const startDay = parseUntilDate(startText, now, timeZone);
  // "friday to monday" with words that are no dates is the question it was before.
  if (!startDay)
    return lead || range
      ? { ask: `I can't read "${escapeText(startText)}" as the first day away. Try ${forms}.` }
      : null;
  const from = startOfLocalDay(startDay, timeZone);
  const endText = range?.[2] ?? span?.[2];
  if (!endText)
    return {
      ask: `Until when? Give the last day away too: \`/brief sme away {whom} from ${escapeText(startText)} to <last day>\` (or \`from ${escapeText(startText)} for a week\`); nothing was changed.`,
    };
  // The last day is read from the first: "next wednesday" after friday, "for a week" counting the first.
  const base = absenceSpan.test(endText) ? new Date(from.getTime() - 3600_000) : from;
  const until = parseUntilDate(endText, base, timeZone);
  if (!until) return { ask: `I can't read "${escapeText(endText)}" as the last day away. Try ${forms}.` };
  if (until < from)
    return {
      ask: `That absence ends (${formatUntilDay(until, timeZone, now).replace(/ \(.*\)$/, '')}) before it starts (${formatUntilDay(startDay, timeZone, now).replace(/ \(.*\)$/, '')}); nothing was changed. Try ${forms}.`,
    };
  return { from, until };
}

/** "Fri 27 Nov until Wed 2 Dec (end of day, UTC)": an absence set ahead, in words (in `zone`, the expert's). */
function absenceText(
  deps: Deps,
  absence: { from: Date; until: Date },
  zone = deps.config.DEFAULT_TIMEZONE,
  self = false,
): string {
  return `${formatUntilDay(absence.from, zone, deps.clock.now()).replace(/ \(.*\)$/, '')} until ${awayDayText(deps, absence.until, zone, self)}`;
}

/**
 * The last day of an absence as the expert reads it: "Mon 30 Nov (end of day, UTC)"; in a zone other
 * than DEFAULT_TIMEZONE, whose it is: "(end of day, your time, GMT+8)", "(end of day, their time, …)".
 */
function awayDayText(deps: Deps, until: Date, zone: string, self: boolean): string {
  const day = formatUntilDay(until, zone, deps.clock.now());
  return zone === deps.config.DEFAULT_TIMEZONE
    ? day
    : day.replace('(end of day, ', `(end of day, ${self ? 'your' : 'their'} time, `);
}

/**
 * An absence that starts on a later day: nudges reach the expert until then, and from then go to the
 * others on their beats; `sme list` and App Home show it, and `sme away … back` cancels it.
 */
async function smeAwayAhead(
  deps: Deps,
  actorId: string,
  userId: string,
  self: boolean,
  absence: AbsenceAhead,
  zone: string,
): Promise<Message> {
  await setSmeAway(deps, userId, absence.until, actorId, absence.from);
  const beats = await deps.db.prisma.beat.findMany({ where: { sme: { userId } }, select: { topicId: true } });
  const topicIds = beats.map((beat) => beat.topicId);
  const others = await colleaguesOn(deps, userId, topicIds, absence.from);
  const names = await deps.db.prisma.topic.findMany({
    where: { id: { in: topicIds } },
    select: { name: true },
  });
  const theirs = self ? 'your' : 'their';
  const then = others
    ? ` From then, nudges go to the others on ${theirs} beats (${others}).`
    : names.length
      ? ` Nobody else covers ${inWords(names.map((topic) => escapeText(topic.name)).sort())}: from then, an admin gives ${names.length === 1 ? 'its' : 'their'} conversations to someone, or puts another expert on ${names.length === 1 ? 'that beat' : 'those beats'}: \`/brief sme add @someone ${names
          .map((topic) => escapeText(topic.name))
          .sort()
          .join(', ')}\`.`
      : '';
  const back = `\`/brief sme away ${self ? 'me' : `@${userId}`} back\``;
  return noticeMessage(
    self
      ? `You are away from ${absenceText(deps, absence, zone, true)}. Nudges still come to you until then.${then} Cancel it: ${back}.`
      : `<@${userId}> is away from ${absenceText(deps, absence, zone)}. Nudges still go to them until then.${then} Cancel it: ${back}.`,
  );
}

const sharedOnlyToYou =
  'Typed questions are never posted: only you see this answer. Press *Share to channel* below to post it in the channel, for everyone there.';

/** "with the channel", "to the team": whom to share with, never part of the question. */
const shareAudience =
  /(?:^|\s+)(?:with|to|in|into|on|for)\s+(?:the\s+|my\s+|our\s+)?(?:channel|team|everyone|everybody|group|room|all|(?<named>#[\w.-]+|<#[^>]+>))[\s.!?]*$/i;

/** "post this to #exec", "forward my last answer to the team": a share of the last answer, in other words. */
const shareVerbs = /^(?:post|send|forward|publish|share)$/i;

/** "can you", "could you please", "please": asked politely, the same request. */
const politeAsk = /^\s*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|please\s+)/i;

/** "#exec-team", "<#C123|exec-team>": the channel named, as Slack shows it. */
function channelNamed(named: string): string {
  const id = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(named)?.[1];
  return id ? `<#${id}>` : escapeText(named);
}

/** "share", "share this", "share my last answer": the last answer, never a search for "share". */
const shareLast =
  /^(?:(?:this|that|it|them|these|those|(?:the|my|your)\s+(?:last\s+)?(?:answer|reply|results?|brief(?:ing)?)|(?:the\s+)?last\s+(?:one|answer|reply))(?:\s+please)?)?[\s.!?]*$/i;

/**
 * A typed "share" never posts: it points at the Share to channel button of the last answer. A
 * channel named ("share to #exec") is said to be where the answer must be asked, when it is not this one.
 */
async function shareLastMessage(
  deps: Deps,
  context: CommandContext,
  named: string | undefined,
): Promise<Message> {
  const { userId } = context;
  const inChannel = context.channelId !== null;
  const question = await lastAnsweredQuestion(deps, userId);
  // App Home has no channel to share to, so its answers carry no Share button.
  if (!inChannel)
    return noticeMessage(
      `Answers here on App Home stay yours: to share one, ask it in a channel${
        question ? ` (\`/brief ${escapeText(question)}\`)` : ''
      } and press *Share to channel* under the answer.`,
    );
  if (!question)
    throw new UserError(
      'USAGE',
      'There is no recent answer of yours to share. Ask a question first, e.g. `/brief what are customers saying about pricing`, then press *Share to channel* under the answer.',
    );
  return noticeMessage(
    `To share your last answer (${askedWords({ question, typed: await wordsAskedFor(deps, context.userId, question) })}), press *Share to channel* under it: a typed \`share\` never posts.${elsewhereNote(context, named, question)}`,
  );
}

/** "share to #exec" asked in another channel: Share to channel posts where the answer was asked, so ask there. */
function elsewhereNote(context: CommandContext, named: string | undefined, question: string): string {
  if (!named || new RegExp(`^<#${context.channelId}(?:\\|[^>]*)?>$`).test(named)) return '';
  return ` It posts in the channel where you asked; to post it in ${channelNamed(named)}, ask there (\`/brief ${escapeText(question)}\`) and press *Share to channel* under that answer.`;
}

/**
 * "share --post <question>", the Share to channel button, posts the answer in the channel. Typed,
 * "share" is a question: "share of voice" the measure, "share pricing" the answer to the asker only.
 */
async function shareCommand(deps: Deps, context: CommandContext, rest: string): Promise<Message | Reply> {
  const source =
    /^--post\s+--source\s+(\d+)\s+(\d+)\s+(?:--side\s+(\S+)\s+)?(?:--by\s+(\S+)\s+)?(.+)$/is.exec(rest);
  if (source)
    return shareSource(deps, context, Number(source[1]), Number(source[2]), source[5] ?? '', {
      side: source[3] ? decodeURIComponent(source[3]) : null,
      listedBy: source[4] ?? null,
    });
  const post = /^--post\s+/i.exec(rest);
  if (post) return ask(deps, context, rest.slice(post[0].length), true);
  const named = shareAudience.exec(rest)?.groups?.named;
  const question = rest.replace(shareAudience, '');
  if (shareLast.test(question.trim())) return shareLastMessage(deps, context, named);
  if (rest.trim() === '' || /^of\b/i.test(rest.trim())) return ask(deps, context, context.text, false);
  return ask(
    deps,
    context,
    question,
    false,
    false,
    `${sharedOnlyToYou}${elsewhereNote(context, named, question.trim())}`,
  );
}

/** An opened source's Share to channel button: that story, posted in the channel, saying who shared it. */
async function shareSource(
  deps: Deps,
  context: CommandContext,
  itemId: number,
  number: number,
  question: string,
  whose: { side: string | null; listedBy: string | null },
): Promise<Reply> {
  const opened = openItem(deps, itemId);
  if (!opened)
    throw new UserError(
      'USAGE',
      `Source [${number}] is no longer stored (its feed was removed), so there is nothing to share. Ask again for today's sources: \`/brief ${question}\`.`,
    );
  const shared = {
    ...opened,
    number,
    ...whose,
    next: null,
    hasMore: false,
    afterMiss: null,
    question,
    shownIn: null,
  };
  const reply = sourceMessage(shared, deps.clock.now(), deps.config.DEFAULT_TIMEZONE, {
    sharedBy: context.userId,
  });
  return { ...reply, visibility: 'in_channel' };
}

/**
 * The answer a Share or More button belongs to, read before one of its topics was removed or changed, would
 * now be another answer: refused, with the question to ask again, rather than posting or paging a different one.
 */
async function refuseChangedAnswer(
  deps: Deps,
  context: CommandContext,
  question: string,
  owners: Array<string | undefined>,
  share: boolean,
): Promise<void> {
  const read = await deps.db.prisma.askLog.findFirst({
    where: { userId: { in: answerReaders(context, owners) }, question: question.slice(0, 1000) },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  });
  if (!read) return;
  const changes = await topicChangesSince(deps, JSON.parse(read.subjects) as string[], read.at);
  if (changes.length === 0) return;
  const again = `\`/brief ${escapeText(question)}\``;
  throw new UserError(
    'ANSWER_CHANGED',
    share
      ? `Nothing was posted: ${changes.join('; ')}, so this answer would now differ from the one you read. Ask again (${again}) to see today's answer, then share that.`
      : `The list changed since you read it: ${changes.join('; ')}. Start again with ${again}.`,
  );
}

/**
 * Whose logs may hold an answer a button belongs to: the presser's, its asker's and the colleague's who
 * re-shared it (`owners`), and theirs shared in this channel.
 */
function answerReaders(context: CommandContext, owners: Array<string | undefined>): string[] {
  const readers = [...new Set([context.userId, ...owners].filter((id): id is string => Boolean(id)))];
  if (context.channelId)
    readers.push(...readers.map((id) => sharedAnswerOwner(context.channelId as string, id)));
  return readers;
}

/** The asker's latest question of the last 7 days (as far as a follow-up reaches), if any. */
function lastAskOf(deps: Deps, userId: string) {
  return deps.db.prisma.askLog.findFirst({
    where: { userId, at: { gte: new Date(deps.clock.now().getTime() - 7 * 24 * 3600_000) } },
    orderBy: { id: 'desc' },
    select: { question: true, typed: true },
  });
}

/** The words the asker typed for an answer to `question` (its first page), if kept. */
async function wordsAskedFor(deps: Deps, userId: string, question: string): Promise<string | null> {
  const row = await deps.db.prisma.askLog.findFirst({
    where: { userId, question, typed: { not: null } },
    orderBy: { id: 'desc' },
    select: { typed: true },
  });
  return row?.typed ?? null;
}

/** "/brief what are customers saying about pricing", "/brief ask …", and the Share and More buttons. */
async function ask(
  deps: Deps,
  context: CommandContext,
  text: string,
  share: boolean,
  asked = false,
  shareNote?: string,
): Promise<Message | Reply> {
  // `--message`: a question read from a message by Brief me on this, and its buttons, which say so.
  // `--shared-by`: More on a colleague's re-share of that answer, whose page it goes on from.
  const flags =
    /^(?:--from\s+(\d{1,3})\s+)?(?:--shared-by\s+([UW][A-Z0-9]+)\s+)?(?:--by\s+([UW][A-Z0-9]+)\s+)?(--message\s+)?/.exec(
      text,
    );
  const page = flags?.[1] ? flags : null;
  const fromMessage = Boolean(flags?.[4]);
  const resharedBy = page ? flags?.[2] : undefined;
  let offset = page ? Number(page[1]) : 0;
  // Whose question a button continues or shares: a colleague's answer shared here stays theirs.
  let askedBy = flags?.[3];
  let question = plainText(text.slice(flags?.[0].length ?? 0));
  if (!question)
    throw new UserError('USAGE', 'Ask a question, e.g. `/brief what are customers saying about pricing`.');
  // "who gets escalations", "what are the quiet hours": the nudge policy, never a news search.
  if (!page && !share && !asked && !fromMessage && asksNudgePolicy(question))
    return (await isAdmin(deps, context.userId)) ? nudgeSettings(deps) : nudgePolicyPointer();
  // "/brief more": a slash command has no thread; the asker's last answer is what continues.
  let voices = false;
  let numbers: NumbersAsked | undefined;
  let premise: PremiseAsked | undefined;
  let note: string | undefined;
  let top: TopAsked | undefined;
  let period: string | undefined;
  // "tell me more about 2", "globex 2": that source of the asker's last answer, opened.
  const source = !page && !share && !asked && !fromMessage ? sourceAsked(question) : null;
  const opened = source
    ? await openSourceOfLastAnswer(deps, context.userId, source, context.channelId)
    : null;
  if (opened)
    return sourceMessage(opened, deps.clock.now(), deps.config.DEFAULT_TIMEZONE, {
      shareable: context.channelId !== null,
    });
  // The asker's own words for the answer, kept for the replies that name it back to them.
  let typed: string | undefined = fromMessage ? undefined : typedAfter(question);
  const more = !page && !share && !asked && isMoreRequest(question);
  // "anything else?": the next sources of the last answer, or, with none to show, the week's overview.
  const orElse = !page && !share && !asked && !fromMessage && isAnythingElse(question);
  if (more)
    ({ question, offset, askedBy } = await nextPageOfLastAnswer(deps, context.userId, context.channelId));
  else if (orElse)
    ({ question, offset, askedBy } = await nextPageOfLastAnswer(
      deps,
      context.userId,
      context.channelId,
    ).catch((error: unknown) => {
      if (error instanceof UserError) return { question: 'what’s new', offset: 0, askedBy: undefined };
      throw error;
    }));
  // "and last month?", "same for outages", "just the negative ones": the asker's last question, changed.
  else if (!page && !share && !fromMessage) {
    const follow = await followUpQuestion(deps, context.userId, question);
    // A follow-up's words come after those of the question it changed.
    if (follow) typed = typedAfter(question, await lastAskOf(deps, context.userId));
    question = follow?.question ?? question;
    voices = follow?.voices ?? false;
    numbers = follow?.numbers;
    premise = follow?.premise;
    note = follow?.note;
    top = follow?.top;
    period = follow?.period;
  }
  // Share or More on an answer read before a topic it used was removed or changed: not silently another answer.
  if (share || page) await refuseChangedAnswer(deps, context, question, [askedBy, resharedBy], share);
  const parsed = parseAsk(question, deps.clock.now(), deps.config.DEFAULT_TIMEZONE);
  // "what's waiting for me", "what do I need to do": an expert's own queue; anyone else's is the team's.
  const forMe = !fromMessage && offset === 0 && asksWhatWaitsForMe(question, parsed.respond);
  if (forMe && !share && (await roleOf(deps, context.userId)) === Role.Sme)
    return expertQueue(deps, context.userId);
  const meant = forMe && !parsed.respond ? { ...waitingOnUsAsk(deps), question } : parsed;
  // "and last week?": the period named in words ("the 7 days before those (10–16 Nov)").
  const request = period ? { ...meant, window: { ...meant.window, label: period } } : meant;
  // "anything I need to respond to": the conversations and stories waiting on us, never a search.
  if (request.respond && offset === 0 && !fromMessage) {
    const waiting = await waitingOnUsMessage(deps, request, context.userId, {
      shareable: context.channelId !== null,
      ...(share ? { sharedBy: context.userId } : {}),
    });
    return share ? { ...waiting, visibility: 'in_channel' } : waiting;
  }
  if (context.progress && offset === 0 && !share) {
    const feeds = (await summarizeFeeds(deps)).active;
    await context.progress(lookingMessage(feeds, question));
  }
  // A shared answer is no new question of the sharer's: it is kept as the channel's, for anyone there to open.
  const logAs = share && context.channelId ? sharedAnswerOwner(context.channelId, context.userId) : undefined;
  // A page or a share of an answer keeps the words it was asked in.
  if (more || page || share) typed = (await wordsAskedFor(deps, context.userId, question)) ?? undefined;
  const answer = await answerQuestion(deps, request, {
    userId: context.userId,
    offset,
    logAs,
    readers: answerReaders(context, [askedBy, resharedBy]),
    ...(typed ? { typed } : {}),
  });
  // A story whose response was requested offers that conversation, not a second request.
  for (const subject of answer.subjects)
    for (const item of subject.items) item.conversation = conversationAbout(deps, item.id, item.clusterId);
  // "who is saying it", "who is talking about us": who, first, then the rest.
  if (voices || request.who) {
    answer.request.notes = [voicesNote(answer), ...(answer.request.notes ?? [])];
    // Its Top sources and Voices are then that line's, said again: the answer leaves them out.
    answer.request.who = true;
  }
  // "pricing, just the numbers": the counts on top, as "how many?" after it would give them.
  // Two sides over two periods: their cards are the numbers, in both periods.
  const counts = numbers ?? (request.shape === 'numbers' && !answer.sidesCompared ? 'all' : undefined);
  if (counts) answer.request.notes = [...(answer.request.notes ?? []), numbersNote(answer, counts)];
  // "why is sentiment down": the premise checked is the answer's first line.
  if (premise) answer.request.notes = [premiseNote(answer, premise), ...(answer.request.notes ?? [])];
  // Brief me on this, narrowed to the story a message tells ("globex northwind"): the party's whole news offered.
  const story = fromMessage && offset === 0 ? await partyStoryNote(deps, request) : null;
  // An answer that found nothing has no Share button to point at.
  const found = answer.subjects.some((subject) => subject.counts.current > 0);
  for (const said of [note, top && topNote(answer, top), found ? shareNote : undefined, story])
    if (said) answer.request.notes = [...(answer.request.notes ?? []), said];
  const reply = answerMessage(
    answer,
    deps.clock.now(),
    // Asked outside a channel (App Home): nowhere to share it to.
    share
      ? { sharedBy: context.userId, askedBy, fromMessage }
      : { shareable: context.channelId !== null, askedBy, fromMessage },
  );
  return share ? { ...reply, visibility: 'in_channel' } : reply;
}
