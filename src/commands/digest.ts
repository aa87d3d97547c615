import { listTopics, topicLabelsOf, topicNameKey } from '../analysis/topics.ts';
import {
  countBacklog,
  inThreadOrder,
  loadCandidates,
  publishedSince,
  selectDigest,
  topicIdsByName,
} from '../briefing/digest.ts';
import {
  digestGist,
  lastDigestOut,
  leftOutHeading,
  minuteOf,
  nextDigestWindow,
  RunStatus,
  raisedMax,
  refreshBeforeDigest,
  runDigestNow,
} from '../briefing/digest-runner.ts';
import { conversationsAbout, keepDigestShown } from '../briefing/drill.ts';
import {
  carryFeedback,
  clearFeedback,
  FeedbackKind,
  feedbackByChannel,
  recordFeedback,
  type SourceFeedback,
} from '../briefing/feedback.ts';
import {
  addSchedule,
  DigestSpec,
  editSchedule,
  type FollowTiming,
  findFollow,
  findScheduleFor,
  follow,
  followAgainCommand,
  followHint,
  followLabel,
  followName,
  followScheduleWords,
  followsEverything,
  isFollowNamed,
  joinMeridiem,
  listSchedules,
  listTopicNames,
  overlappingDigests,
  parseTimeOfDay,
  parseWeekday,
  pauseEnd,
  pauseEndedAsRunning,
  pauseEndText,
  QuietDay,
  refuseNoTopics,
  ScheduleStatus,
  type ScheduleView,
  setScheduleStatus,
  specOf,
  tellFollowEndedByAdmin,
  timeAdvice,
  topicsText,
  unfollow,
} from '../briefing/schedules.ts';
import { addOneHint, nothingToPostText } from '../briefing/setup.ts';
import {
  Cadence,
  describeTiming,
  formatSlot,
  inYourDms,
  weekdayNames,
  weeklyDays,
} from '../briefing/slots.ts';
import { recordAudit } from '../db/audit.ts';
import { endedFollowsText, noDigestHereText } from '../db/removals.ts';
import type { Deps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { countOf, formatRelative, inWords, topicNamesWithin } from '../format.ts';
import { findFeed, findFeeds } from '../monitor/feeds.ts';
import {
  capBlocks,
  context,
  divider,
  escapeText,
  lineSections,
  type Message,
  message,
  section,
} from '../slack/blocks/common.ts';
import { digestParentMessage, digestThreadMessages, windowStartText } from '../slack/blocks/digest.ts';
import { noticeMessage } from '../slack/blocks/replies.ts';
import { adminsToAsk, isAdmin, requireAdmin } from './access.ts';
import {
  closestTimeZone,
  joinZoneWords,
  parseTimeZone,
  parseUntilDate,
  startOfLocalDay,
  timeZoneExamples,
  timeZoneName,
} from './dates.ts';
import {
  closest,
  didYouMean,
  firstWord,
  guessVerb,
  parseChannel,
  parseMention,
  plainText,
  suggested,
  takePauseReason,
  unknownVerb,
  words,
} from './text.ts';

const addUsage =
  'digest add <#channel> daily 08:00 [Europe/Berlin] [topics: pricing, globex] [max 8] [quiet: note|skip] — also `weekdays 07:30`, `weekly mon 09:00`, `weekly mon,thu 8am CET`, `every monday 9am`, `9am daily` and `daily 9am pacific time`';

const editUsage =
  'digest edit <id or #channel> [<#channel>] [daily|weekdays|weekly mon] [08:00] [Europe/Berlin] [topics: pricing | topics: all] [max 8] [quiet: note|skip] — only what you give changes';

/** What a digest text says, each part only when it is given. */
type DigestWords = {
  channelId?: string;
  cadence?: string;
  weekday?: number;
  days?: number[];
  timeWord?: string;
  timezone?: string;
  zoneWord?: string;
  zoneNote?: string;
  maxWord?: string;
  quietDay?: string;
  topics?: string[];
};

const cadenceWords: readonly string[] = [Cadence.Daily, Cadence.Weekdays, Cadence.Weekly];

/** "max 5", "max=5", "quiet: skip": the setting words taken out of a digest command's words, in order. */
function takeSettingWords(list: string[]): string[] {
  const taken: string[] = [];
  for (let index = 0; index < list.length; ) {
    const word = list[index] ?? '';
    const count = /^(?:max|quiet)[:=]?$/i.test(word) ? 2 : /^(?:max|quiet)[:=]\w+$/i.test(word) ? 1 : 0;
    if (count) taken.push(...list.splice(index, count));
    else index++;
  }
  return taken;
}

/**
 * "acme, outages weekly mon 09:00" → ["acme, outages", "weekly mon 09:00"]: a topic list ends where
 * a cadence ("daily", "every") or a time of day begins, no topic being named so.
 */
function splitScheduleOff(list: string): [string, string] {
  const parts = list.split(/(\s+)/);
  const start = parts.findIndex((part) => {
    const word = part.replace(/^,+|,+$/g, '');
    return (
      /\S/.test(word) &&
      (cadenceWords.includes(word.toLowerCase()) ||
        /^every$/i.test(word) ||
        parseTimeOfDay(word) !== undefined)
    );
  });
  if (start === -1) return [list, ''];
  return [parts.slice(0, start).join(''), parts.slice(start).join('')];
}

/** Whether a word starts a schedule or names a channel: "10:00", "9am", "daily", "every", "#exec". */
function leadsSchedule(word: string): boolean {
  return (
    parseTimeOfDay(word) !== undefined ||
    cadenceWords.includes(word.toLowerCase()) ||
    /^every$/i.test(word) ||
    word.startsWith('#') ||
    parseMention(word)?.kind === 'channel'
  );
}

/**
 * Reads "<#C1|news> weekly mon 09:00 Europe/Berlin topics: pricing max 8 quiet: skip". For `add`
 * the channel, cadence and time come first, in that order; for `edit` each may be left out.
 */
function readDigestWords(text: string, mode: 'add' | 'edit', target = '<id>'): DigestWords {
  const usage = `Usage: /brief ${mode === 'add' ? addUsage : editUsage}`;
  // A word of its own: "<#C1|market-topics>" is a channel, and a topic may be called quiet-hours.
  // "topics: a, b", and "topics=a,b" as other commands take key=value; likewise max= and quiet=.
  const topicsMatch = /(?:^|\s)topics?\s*[:=]?\s*([\s\S]*?)(?=(?:\s+|(?<=\s))(?:max|quiet)[\s:=]|$)/i.exec(
    text,
  );
  // "topics: acme, outages weekly mon 09:00": the schedule after the list is read as the schedule, as max is.
  const [topicList, scheduleAfter] = splitScheduleOff(topicsMatch?.[1] ?? '');
  const rest = topicsMatch ? text.replace(topicsMatch[0], ` ${scheduleAfter} `) : text;
  // "daily at 8 pm": "at" is filler, and "8 pm" one time.
  // "9am pacific time": the zone in words is one word.
  // "daily at 08:00 in Europe/London": "in" before a time zone is filler too.
  // "at 5" is a time, so the bare hour is written out; elsewhere in an edit a bare "5" is asked about.
  // "edit 2 to 10am", "to weekdays", "to #exec": "to" before a time, cadence or channel is filler as "at" is.
  const list = joinZoneWords(joinMeridiem(words(rest)))
    .map((word, index, all) =>
      /^(?:at|to)$/i.test(all[index - 1] ?? '') && /^\d{1,2}$/.test(word) ? `${word}:00` : word,
    )
    .filter(
      (word, index, all) =>
        !/^at$/i.test(word) &&
        !(/^to$/i.test(word) && leadsSchedule(all[index + 1] ?? '')) &&
        !(/^in$/i.test(word) && parseTimeZone(all[index + 1] ?? '') !== undefined),
    );
  refuseQuietHoursAndWeekends(text, mode, target);
  // "max 5 daily 8am": a size or quiet setting may come before the schedule; read after it.
  list.push(...takeSettingWords(list));
  const read: DigestWords = {};
  refuseUnsupportedInterval(list);
  if (topicsMatch) {
    // "pricing and globex" is a list, as "pricing, globex".
    const topics = topicList
      .split(/[\s,]+/)
      .map((topic) => topic.trim())
      .filter((topic) => topic && !/^(?:and|&)$/i.test(topic));
    // "topics:" with nothing after it is a slip, never "all topics" unasked.
    if (topics.length === 0)
      throw new UserError(
        'USAGE',
        `Nothing after "${topicsMatch[0].trim()}": name the topics (\`topics: pricing, globex\`; \`/brief topics list\` shows them), or write \`topics: all\` for every topic. Nothing was changed.`,
      );
    // "topics: all" in an edit goes back to every topic.
    read.topics = topics.length === 1 && /^(?:all|any)$/i.test(topics[0] ?? '') ? [] : topics;
  }
  // "digest add every weekday at 9 in #exec": the channel said last, as people say it, is the channel.
  const channelAt = list.findIndex((word) => word.startsWith('#') || parseMention(word)?.kind === 'channel');
  if (mode === 'add' && channelAt > 0) {
    const [channel] = list.splice(channelAt, 1);
    if (/^(?:in|to|for|into)$/i.test(list[channelAt - 1] ?? '')) list.splice(channelAt - 1, 1);
    list.unshift(channel as string);
  }
  // A "#name" Slack did not link is a channel given first, as asked: its own message says it all.
  const first = list[0] ?? '';
  const person = parseMention(first);
  // "digest add @maria daily 07:00": a digest in someone's DMs is a follow, theirs alone to start.
  if (person?.kind === 'user')
    throw new UserError(
      'USAGE',
      `A digest goes to a channel. One in <@${person.id}>'s DMs is a personal follow, which only they start (\`/brief follow <topic> daily 07:00\`), so an admin cannot add one for them. Give them a channel digest they are in instead: \`/brief digest ${mode} #channel …\`.`,
    );
  const channelUsage = first.startsWith('#') ? '' : usage;
  if (mode === 'add')
    read.channelId = parseChannel(list.shift() ?? '', channelUsage && `Start with the channel. ${usage}`);
  else if (list[0] && (parseMention(list[0]) || list[0].startsWith('#')))
    read.channelId = parseChannel(list.shift() ?? '', channelUsage);
  list.splice(0, list.length, ...everydayScheduleWords(list));
  refuseTwoTimes(text, list, mode);
  // "9am daily": the time may come before the cadence, as people say it.
  const bareInEdit = mode === 'edit' && /^\d{1,2}$/.test(list[0] ?? '');
  if (!bareInEdit && parseTimeOfDay(list[0] ?? '') && cadenceWords.includes(list[1]?.toLowerCase() ?? ''))
    read.timeWord = list.shift();
  if (mode === 'add' || cadenceWords.includes(list[0]?.toLowerCase() ?? ''))
    read.cadence = (list.shift() ?? '').toLowerCase();
  if (read.cadence === Cadence.Weekly) {
    // "mon", "monday,thursday", "mon/wed/fri", "monday and thursday", "tue & thu".
    const dayWords = (list.shift() ?? '').split(/[,/&+]+/).filter(Boolean);
    while (list[0] && /^(?:and|&|\+|,)$/i.test(list[0]) && parseWeekday(list[1] ?? '') !== undefined)
      dayWords.push(...list.splice(0, 2).slice(1));
    while (list[0] && parseWeekday(list[0].replace(/^[,&+]|[,&+]$/g, '')) !== undefined)
      dayWords.push(...(list.shift() as string).split(/[,/&+]+/).filter(Boolean));
    const days = dayWords.map((word) => parseWeekday(word));
    if (days.length === 0 || days.some((day) => day === undefined))
      throw new UserError(
        'USAGE',
        'Say which day for a weekly digest, e.g. `weekly mon 09:00`, or several: `weekly mon,thu 09:00`.',
      );
    read.weekday = days[0];
    read.days = days as number[];
  }
  // "daily max 5" has no time: "max" is a setting, not a time that does not read.
  if (mode === 'add' && read.timeWord === undefined && !/^(?:max|quiet)\b/i.test(list[0] ?? ''))
    read.timeWord = list.shift() ?? '';
  // One value each: "max 8 max 3" or two time zones is asked about, never settled by the last word.
  const once = (what: string, before: string | undefined, now: string) => {
    if (before !== undefined && before.toLowerCase() !== now.toLowerCase())
      throw new UserError('USAGE', `Two ${what} given (${before}, ${now}): which one? ${usage}`);
    return now;
  };
  const sizeGiven = list.some((word) => /^max\b/i.test(word));
  while (list.length) {
    const word = list.shift() as string;
    if (mode === 'edit' && /^#?\d{1,9}$/.test(word)) refuseBareNumber(word, sizeGiven, target, text);
    if (/^max[:=]?$/i.test(word)) read.maxWord = once('sizes', read.maxWord, list.shift() ?? '');
    else if (/^max[:=]\d+$/i.test(word)) read.maxWord = once('sizes', read.maxWord, word.slice(4));
    else if (/^quiet[:=]?$/i.test(word))
      read.quietDay = once('quiet-day settings', read.quietDay, (list.shift() ?? '').toLowerCase());
    else if (/^quiet[:=]\w+$/i.test(word))
      read.quietDay = once('quiet-day settings', read.quietDay, word.slice(6).toLowerCase());
    else if (read.timeWord === undefined && parseTimeOfDay(word)) read.timeWord = word;
    else if (read.timeWord === undefined && badTime.test(word)) refuseBadTime(word);
    else if (parseTimeZone(word) || looksLikeTimeZone(word)) {
      const reading = parseTimeZone(word);
      const zone = reading ? undefined : closestTimeZone(word);
      // The command again with the zone meant, ready to copy.
      const again = zone
        ? ` Did you mean ${copyable(`/brief digest ${mode === 'add' ? 'add' : `edit ${target}`} ${text.trim().replace(word, zone)}`)}? Nothing was changed.`
        : '';
      if (!reading)
        throw new UserError(
          'USAGE',
          zone
            ? `“${word}” is not a time zone I know.${again}`
            : `“${word}” is not a time zone I know: give ${timeZoneExamples}. Nothing was ${mode === 'add' ? 'added' : 'changed'}.`,
        );
      read.zoneWord = once('time zones', read.zoneWord, word);
      read.timezone = reading.zone;
      read.zoneNote = reading.note;
    } else {
      // A day after another cadence: the days of a digest are its weekly ones.
      if (parseWeekday(word) !== undefined)
        throw new UserError(
          'USAGE',
          `“${word}” is a day: a digest on chosen days is weekly (\`weekly ${weekdayNames[parseWeekday(word) ?? 1]} 09:00\`). Nothing was changed.`,
        );
      // A bare word after the schedule is most often a topic without its "topics:"; never a word of a schedule.
      const topicLike = (typed: string) =>
        /^[a-z][\w-]*,?$/i.test(typed) &&
        !intervalUnit.test(typed) &&
        !/^(?:every|each|other|once|times|max|quiet)\b/i.test(typed) &&
        !parseTimeZone(typed);
      // With no topics: typed, the command as meant, to copy, instead of the whole usage; "pricing globex" are two.
      // "mars time" reads as a time zone in words, not topics.
      if (topicLike(word) && !topicsMatch && !list.some((typed) => /^(?:time|zone)$/i.test(typed))) {
        const named = [word];
        while (list[0] && (topicLike(list[0]) || /^(?:and|&)$/i.test(list[0])))
          named.push(list.shift() as string);
        throw new UserError(
          'USAGE',
          `I don't understand "${named.join(' ')}". If ${named.length > 1 ? 'these are topics' : 'it is a topic'}, write \`topics: ${topicNames(named)}\`: ${copyable(topicsCommand(text, named, mode, target))}. Nothing was ${mode === 'add' ? 'added' : 'changed'}.`,
        );
      }
      const topicHint = topicLike(word) ? ` If it is a topic, write \`topics: ${word}\`.` : '';
      throw new UserError('USAGE', `I don't understand "${word}".${topicHint} ${usage}`);
    }
  }
  return read;
}

/**
 * "quiet hours 22:00-07:00" and "skip weekends" are what nudges and people say, not digest words: a
 * digest comes at one time, and weekdays is the cadence without weekends. Each gets what to type.
 */
function refuseQuietHoursAndWeekends(text: string, mode: 'add' | 'edit', target: string): void {
  if (/(?:^|\s)quiet[\s:=]*(?:hours?\b|from\b|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?\s*[-–])/i.test(text))
    throw new UserError(
      'USAGE',
      'Digests come at one time, so they have no quiet hours; `quiet:` is what a day with nothing new posts: `quiet: note` (a line saying so) or `quiet: skip` (nothing). For no weekend posts, use `weekdays 08:00`. Nothing was changed.',
    );
  const weekends =
    /(?:^|\s)(?:skip|skipping|no|not on|except|excluding|without)\s+(?:the\s+)?weekends?(?=\s|$)/i.exec(text);
  if (!weekends) return;
  const rest = text.replace(weekends[0], ' ').replace(/\s+/g, ' ').trim();
  const weekdays = /(?:^|\s)(?:daily|every day|everyday)(?=\s|$)/i.test(rest)
    ? rest.replace(/(^|\s)(?:daily|every day|everyday)(?=\s|$)/i, '$1weekdays')
    : /(?:^|\s)weekdays(?=\s|$)/i.test(rest)
      ? rest
      : mode === 'edit'
        ? `weekdays ${rest}`.trim()
        : undefined;
  const command = weekdays
    ? copyable(`/brief digest ${mode === 'add' ? 'add' : `edit ${target}`} ${weekdays}`)
    : '`weekdays 08:00`';
  throw new UserError(
    'USAGE',
    `For no weekend posts, a digest comes on weekdays: ${command}. Nothing was changed.`,
  );
}

/**
 * A bare number in an edit is never taken for an hour: "digest edit 1 5" is asked about (size or
 * time?), and "digest edit 1 2 max 3", with a size given, names a second digest, which is refused.
 */
function refuseBareNumber(word: string, sizeGiven: boolean, target: string, text: string): never {
  const number = word.replace(/^#/, '');
  const others = text
    .replace(new RegExp(`(?:^|\\s)${escapeRegExp(word)}(?=\\s|$)`), ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const hour = Number(number) <= 23 ? parseTimeOfDay(number) : undefined;
  if (sizeGiven || word.startsWith('#') || !hour)
    throw new UserError(
      'USAGE',
      `\`digest edit\` takes one digest; "${word}" reads as a second one. Edit each on its own: \`/brief digest edit ${target} ${others || '…'}\`, then \`/brief digest edit ${number} ${others || '…'}\`. Nothing was changed.`,
    );
  throw new UserError(
    'USAGE',
    `"${word}" alone is not a time or a size: did you mean \`max ${number}\` (up to ${number} items), or ${hour} (write \`${hour}\` or \`at ${number}\`)? Nothing was changed.`,
  );
}

/** Repeat words no schedule has: a digest comes daily, on weekdays or weekly. */
const intervalWord =
  /^(?:hourly|bi-?hourly|bi-?daily|bi-?weekly|semi-?weekly|fortnightly|bi-?monthly|semi-?monthly|monthly|quarterly|yearly|annually)$/i;
/** The units of "every 2 hours", "every other week", "every blue moon": where such a phrase ends. */
const intervalUnit =
  /^(?:minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|moons?)$/i;

/** What may follow "every": a day, a week, weekdays, a weekend, a day's name or several ("mon,thu", "mon-fri"). */
function everyTakes(word: string): boolean {
  return (
    /^(?:day|week|weekdays?|weekends?|morning)$/i.test(word) ||
    dayRange(word.toLowerCase()) !== undefined ||
    word.split(/[,/&+]+/).every((part) => part !== '' && parseWeekday(part) !== undefined)
  );
}

/**
 * "every 2 hours", "every other week", "biweekly", "twice a week", "every blue moon": one refusal, the
 * phrase quoted whole, for a digest and a follow alike; none of its words is blamed or offered as a topic.
 */
export function refuseUnsupportedInterval(list: string[], follow?: string): void {
  let phrase: string | undefined;
  for (const [index, word] of list.entries()) {
    const next = list.slice(index + 1);
    if (intervalWord.test(word)) phrase = word;
    else if (/^(?:every|each)$/i.test(word) && next[0] && !everyTakes(next[0])) {
      const unit = next.findIndex((each) => intervalUnit.test(each));
      const plain = next.findIndex((each) => !/^[a-z\d]+$/i.test(each) || parseTimeOfDay(each) !== undefined);
      const end = unit !== -1 && unit < 3 ? unit + 1 : Math.min(plain === -1 ? next.length : plain, 3);
      phrase = [word, ...next.slice(0, Math.max(end, 1))].join(' ');
    } else if (
      /^(?:once|twice|thrice|\d+x?)$/i.test(word) &&
      /^(?:a|an|per|every|each)$/i.test(next[0] ?? '') &&
      intervalUnit.test(next[1] ?? '') &&
      !/^days?$/i.test(next[1] ?? '')
    )
      phrase = [word, ...next.slice(0, 2)].join(' ');
    if (phrase) break;
  }
  if (!phrase) return;
  throw new UserError('USAGE', `“${phrase}”: ${scheduleKinds(follow)} Nothing was changed.`);
}

/** The schedules there are, with one to type: a digest's (two a day are two digests), or a follow's (`follow`: its topic). */
function scheduleKinds(follow?: string): string {
  return follow === undefined
    ? 'a digest comes daily, on weekdays, or weekly on the days you choose (`weekly mon 09:00`, or `weekly mon,thu 09:00`); for two a day, add two digests.'
    : `a follow comes daily, on weekdays, or weekly on the day you choose: \`/brief follow ${follow} weekly mon 08:00\`.`;
}

/** "25:00", "7:75pm", "13pm": a time, wrongly (a right one is read before this is asked). */
const badTime = /^\d{1,2}[:.h]\d{2}(?:am|pm)?$|^\d{1,2}(?:am|pm)$/i;

/** A wrong time is named as such, in a digest and a follow alike, never taken for an unknown word. */
function refuseBadTime(word: string): never {
  throw new UserError('USAGE', `“${word}”: ${timeAdvice}. Nothing was changed.`);
}

/**
 * A digest comes at one time: "daily 08:00 and 17:00" and "twice a day" are two digests, each added
 * on its own (for add, the second command is given, as typed with the other time).
 */
function refuseTwoTimes(text: string, list: string[], mode: 'add' | 'edit', follow?: string): void {
  // A follow is one per topic: its one time is asked for.
  const oneFollow = `A follow comes once at its time (daily, weekdays or weekly), one per topic: pick its time, e.g. \`/brief follow ${follow} daily 08:00\`. Nothing was changed.`;
  if (list.some((word) => /^(?:twice|thrice)$/i.test(word)))
    throw new UserError(
      'USAGE',
      follow !== undefined
        ? oneFollow
        : 'A digest comes once at its time (daily, weekdays or weekly). For two a day, add two digests: `/brief digest add #market-news daily 08:00 …` and `/brief digest add #market-news daily 17:00 …`.',
    );
  const index = list.findIndex(
    (word, at) =>
      /^(?:and|&|\+)$/i.test(word) &&
      parseTimeOfDay(list[at - 1] ?? '') !== undefined &&
      parseTimeOfDay(list[at + 1] ?? '') !== undefined,
  );
  if (index === -1) return;
  if (follow !== undefined) throw new UserError('USAGE', oneFollow);
  const [first, second] = [list[index - 1] as string, list[index + 1] as string];
  // The second digest as typed, with the other time: "…daily 08:00 and 17:00 topics: x" → "…daily 17:00 topics: x".
  const pair = new RegExp(`${escapeRegExp(first)}\\s+(?:and|&|\\+)\\s+${escapeRegExp(second)}`, 'i');
  const command = `/brief digest add ${text.replace(pair, second).trim()}`;
  const again =
    mode === 'add' && pair.test(text) ? copyable(command) : `\`/brief digest add …\` with ${second}`;
  throw new UserError(
    'USAGE',
    `A digest comes at one time: give ${first} here, and add a second digest for ${second}: ${again}. Nothing was changed.`,
  );
}

/**
 * Everyday schedule words in the ones the digest form and `follow` read: "every day", "each day" and
 * "everyday" are daily, "every week" weekly, "every weekday" weekdays, "every monday" and "on monday" weekly on monday.
 */
function everydayScheduleWords(list: string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < list.length; index++) {
    const word = list[index] as string;
    const lower = word.toLowerCase();
    const next = list[index + 1]?.toLowerCase() ?? '';
    const nextIsDay = parseWeekday(next.replace(/[,&+/].*$/, '')) !== undefined;
    const isDayList =
      /^[a-z]/i.test(word) && word.split(/[,/&+]+/).every((part) => part && parseWeekday(part) !== undefined);
    const afterWeekly = ['every', 'on', Cadence.Weekly].includes(out.at(-1)?.toLowerCase() ?? '');
    const range = dayRange(lower);
    if (lower === 'everyday') out.push(Cadence.Daily);
    // "mon-fri" is weekdays; "tue-thu" each day from one to the other.
    else if (range && range.join() === '1,2,3,4,5') out.push(Cadence.Weekdays);
    else if (range)
      out.push(...(afterWeekly ? [] : [Cadence.Weekly]), range.map((day) => weekdayNames[day]).join(','));
    // "weekends 10:00", "every weekend": Saturday and Sunday.
    else if (/^weekends?$/.test(lower) && !afterWeekly) out.push(Cadence.Weekly, 'sat,sun');
    else if (lower === 'every' && /^weekends?$/.test(next)) {
      out.push(Cadence.Weekly, 'sat,sun');
      index++;
    }
    // "mon,wed,fri 09:00", "monday 9am": days alone say weekly.
    else if (isDayList && !afterWeekly && out.length <= 1) out.push(Cadence.Weekly, word);
    else if (/^(?:every|each)$/.test(lower) && next === 'day') {
      out.push(Cadence.Daily);
      index++;
    } else if (/^(?:every|each)$/.test(lower) && next === 'week') {
      out.push(Cadence.Weekly);
      index++;
    } else if (lower === 'every' && /^weekdays?$/.test(next)) {
      out.push(Cadence.Weekdays);
      index++;
    } else if ((lower === 'every' || lower === 'on') && nextIsDay) {
      if (out.at(-1)?.toLowerCase() !== Cadence.Weekly) out.push(Cadence.Weekly);
    } else out.push(word);
  }
  return out;
}

/** "digest add #news daily 08:00 pricing" as meant: `/brief digest add #news daily 08:00 topics: pricing`. */
function topicsCommand(text: string, named: string[], mode: 'add' | 'edit', target: string): string {
  const typed = words(text).filter((typedWord) => !named.includes(typedWord));
  return `/brief digest ${mode}${mode === 'edit' ? ` ${target}` : ''} ${[...typed, `topics: ${topicNames(named)}`].join(' ')}`;
}

/** "pricing globex", "pricing, and globex": "pricing, globex". */
function topicNames(named: string[]): string {
  return named
    .map((typed) => typed.replace(/,$/, ''))
    .filter((typed) => !/^(?:and|&)$/i.test(typed))
    .join(', ');
}

/** A command to copy, in backticks unless it names a channel (Slack shows one raw inside them). */
function copyable(command: string): string {
  return command.includes('<') ? command : `\`${command}\``;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "mon-fri", "tuesday–thursday": the days from one to the other, in order; undefined for any other word. */
function dayRange(word: string): number[] | undefined {
  const [from, to, ...more] = word.split(/[-–]/);
  if (more.length || !from || !to || !/^[a-z]/.test(from) || !/^[a-z]/.test(to)) return undefined;
  const [first, last] = [parseWeekday(from), parseWeekday(to)];
  if (first === undefined || last === undefined || first === last) return undefined;
  return Array.from({ length: ((last - first + 7) % 7) + 1 }, (_, step) => (first + step) % 7);
}

/** What "topics: +x -y" is read over: the digest's number, for the command to copy, and every topic. */
type TopicsBase = { target: string; allTopics: string[] };

/**
 * "topics: +outages -pricing" adds and drops over the digest's topics; plain names replace them.
 * An all-topics digest already has every topic added, and a dropped one leaves the others by name;
 * dropping the last topic is refused, never read as "all topics".
 */
function changedTopics(typed: string[], current: string[], base?: TopicsBase): string[] {
  if (!typed.length || !typed.every((topic) => /^[+-]/.test(topic))) return typed;
  const dropped = new Set(
    typed.filter((topic) => topic.startsWith('-')).map((topic) => topic.slice(1).toLowerCase()),
  );
  if (current.length === 0 && dropped.size === 0) return current;
  const added =
    current.length === 0 ? [] : typed.filter((topic) => topic.startsWith('+')).map((topic) => topic.slice(1));
  const from = current.length === 0 ? (base?.allTopics ?? []) : current;
  const kept = [...new Set([...from, ...added])].filter((topic) => !dropped.has(topic.toLowerCase()));
  if (kept.length === 0 && base) {
    const target = base.target;
    throw new UserError(
      'USAGE',
      `That would leave digest ${target} with no topics. Name the ones it should get (\`/brief digest edit ${target} topics: …\`; \`/brief topics list\` shows them), write \`topics: all\` for every topic, or stop it: \`/brief digest pause ${target}\` or \`/brief digest remove ${target}\`. Nothing was changed.`,
    );
  }
  return kept;
}

/** The words over a starting point (an existing digest, or add's defaults), validated. */
function toDigestSpec(
  read: DigestWords,
  base: Partial<DigestSpec>,
  usage: string,
  topicsBase?: TopicsBase,
): DigestSpec {
  const cadence = read.cadence ?? base.cadence ?? '';
  const timeOfDay = read.timeWord === undefined ? base.timeOfDay : (parseTimeOfDay(read.timeWord) ?? '');
  const parsed = DigestSpec.safeParse({
    ...base,
    ...(read.channelId ? { channelId: read.channelId } : {}),
    cadence,
    weekday: cadence === Cadence.Weekly ? (read.weekday ?? base.weekday ?? null) : null,
    days: cadence === Cadence.Weekly ? (read.days ?? base.days) : undefined,
    timeOfDay: timeOfDay ?? '',
    ...(read.timezone ? { timezone: read.timezone } : {}),
    ...(read.topics ? { topics: changedTopics(read.topics, base.topics ?? [], topicsBase) } : {}),
    ...(read.maxWord !== undefined ? { maxItems: Number(read.maxWord) } : {}),
    ...(read.quietDay !== undefined ? { quietDay: read.quietDay } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // What was typed, by the field it went to: "25:00" for timeOfDay, "Mars/Olympus" for timezone.
    const typed: Record<string, string | undefined> = {
      cadence: read.cadence,
      timeOfDay: read.timeWord,
      timezone: read.zoneWord,
      maxItems: read.maxWord,
      quietDay: read.quietDay,
    };
    const field = String(issue?.path[0] ?? '');
    const shown = typed[field] ? `“${typed[field]}”: ` : '';
    if (usage === addUsage && read.channelId)
      throw new UserError('USAGE', addAdvice(read, read.channelId, field, `${shown}${issue?.message}`));
    // An edit changes only what is given: the part named is enough, without the whole usage.
    if (usage === editUsage)
      throw new UserError(
        'USAGE',
        `${shown}${issue?.message}. Nothing was changed; every form: \`/brief digest help\`.`,
      );
    throw new UserError('USAGE', `${shown}${issue?.message}. Usage: /brief ${usage}`);
  }
  return parsed.data;
}

/**
 * "digest add #news" with no schedule, or a part that does not read: the command to send, with what
 * was typed kept and a default where it was missing or wrong, instead of the whole usage.
 */
function addAdvice(read: DigestWords, channelId: string, field: string, problem: string): string {
  const days = read.days ?? [read.weekday ?? 1];
  const cadence =
    read.cadence === Cadence.Weekly
      ? `weekly ${days.map((day) => weekdayNames[day]).join(',')}`
      : read.cadence && cadenceWords.includes(read.cadence)
        ? read.cadence
        : Cadence.Daily;
  // "digest add #news 08:00": the time typed where the cadence goes is kept as the time.
  const time = [read.timeWord, read.cadence].find((word) => word && parseTimeOfDay(word)) ?? '08:00';
  const command = [
    `/brief digest add <#${channelId}> ${cadence} ${time}`,
    read.zoneWord,
    read.topics && `topics: ${read.topics.join(', ') || 'all'}`,
    field !== 'maxItems' && read.maxWord && `max ${read.maxWord}`,
    field !== 'quietDay' && read.quietDay && `quiet: ${read.quietDay}`,
  ]
    .filter(Boolean)
    .join(' ');
  const schedule = field === 'cadence' || field === 'timeOfDay';
  const lead =
    field === 'cadence' && !read.cadence
      ? `When should <#${channelId}> get its digest? Say how often and at what time`
      : problem.charAt(0).toUpperCase() + problem.slice(1);
  const others = schedule
    ? ' (or `weekdays 07:30`, `weekly mon 09:00`; every form: `/brief digest help`)'
    : '';
  return `${lead}: ${copyable(command)}${others}. Nothing was added.`;
}

/** A digest text read, with what was assumed about its time zone ("PST is read as …"), if anything. */
type DigestReading = { spec: DigestSpec; zoneNote?: string; topicsGiven?: boolean; typedTopics?: string[] };

function readDigestAdd(text: string, defaultTimeZone: string): DigestReading & { hourNote: string } {
  const read = readDigestWords(text, 'add');
  const spec = toDigestSpec(
    read,
    { timezone: defaultTimeZone, topics: [], maxItems: 8, quietDay: QuietDay.Note },
    addUsage,
  );
  return {
    spec,
    zoneNote: read.zoneNote,
    hourNote: bareHourNote(read.timeWord, spec.timeOfDay, read.maxWord !== undefined),
  };
}

/**
 * ` "7" is read as 07:00 (for 7 items: \`max 7\`).`: a bare number taken for an hour is said, as
 * `digest edit` asks about one; nothing for a time written as one.
 */
function bareHourNote(typed: string | undefined, timeOfDay: string, sizeGiven: boolean): string {
  if (!typed || !/^\d{1,2}$/.test(typed)) return '';
  // With "max 3" typed too, the number is plainly the hour: no size to suggest.
  return sizeGiven
    ? ` "${typed}" is read as ${timeOfDay}.`
    : ` "${typed}" is read as ${timeOfDay} (for ${typed} items: \`max ${typed}\`).`;
}

/** "<#C1|news> weekly mon 09:00 Europe/Berlin topics: pricing, competitors max 8 quiet: skip" */
export function parseDigestSpec(text: string, defaultTimeZone: string): DigestSpec {
  return readDigestAdd(text, defaultTimeZone).spec;
}

/** The changes of "digest edit 3 weekly thu 09:00 max 5" over the digest as it is. */
function readDigestEdit(
  text: string,
  current: DigestSpec,
  target: string,
  topicsBase: TopicsBase,
): DigestReading {
  const read = readDigestWords(text, 'edit', target);
  if (Object.keys(read).length === 0)
    throw new UserError(
      'USAGE',
      `Say what to change in digest ${target} (the rest stays): its time (${copyable(`/brief digest edit ${target} 07:30`)}), days (\`weekly mon,thu\`), topics (\`topics: pricing\`) or size (\`max 5\`). Every form: \`/brief digest help\`.`,
    );
  return {
    spec: toDigestSpec(read, current, editUsage, topicsBase),
    zoneNote: read.zoneNote,
    topicsGiven: read.topics !== undefined,
    typedTopics: read.topics,
  };
}

/** Two readings of a digest that post the same thing at the same times (topics in any order or case). */
function sameDigest(one: DigestSpec, other: DigestSpec): boolean {
  const key = (spec: DigestSpec) =>
    JSON.stringify([
      spec.channelId,
      spec.cadence,
      spec.cadence === Cadence.Weekly ? [...(spec.days ?? [spec.weekday])].sort() : null,
      spec.timeOfDay,
      spec.timezone,
      spec.topics.map((topic) => topic.toLowerCase()).sort(),
      spec.maxItems,
      spec.quietDay,
    ]);
  return key(one) === key(other);
}

/** A word meant as a time zone, known or not: "Mars/Olympus", "UTC+25", "XYZT". */
function looksLikeTimeZone(word: string): boolean {
  return word.includes('/') || /^(?:utc|gmt)?[+−-]\d/i.test(word) || /^[A-Z]{2,5}$/.test(word);
}

/** " Time zone: PST is read as …." after a confirmation, when an abbreviation was interpreted. */
function zoneRemark(note: string | undefined): string {
  return note ? ` Time zone: ${note}.` : '';
}

/** "Support Ops Community (feed 4) muted" or "… (feed 3) 2× not relevant". */
function feedbackText(source: SourceFeedback): string {
  const marks = [
    source.muted ? 'muted' : '',
    source.notRelevant ? `${source.notRelevant}× not relevant` : '',
  ].filter(Boolean);
  return `${escapeText(source.source)} (feed ${source.feedId}) ${marks.join(', ')}`;
}

/** How others' follows of every topic are counted. */
const allTopics = 'all topics';

/**
 * "Also 3 personal follows, in their followers' DMs: pricing 2, acme 1": others' follows (of the
 * topics a `digest list <words>` names, when it names one), counted, never listed.
 */
export function followsSummary(follows: ScheduleView[], label: string): string {
  const counts = new Map<string, number>();
  // A follow of every topic counts under "all topics", shown whatever topic is asked about.
  for (const schedule of follows)
    for (const topic of followsEverything(schedule) ? [allTopics] : schedule.topics)
      counts.set(topic, (counts.get(topic) ?? 0) + 1);
  const wanted = words(label.toLowerCase());
  const shown = [...counts]
    .filter(([topic]) => wanted.length === 0 || wanted.includes(topic) || topic === allTopics)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = shown.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return '';
  return `Also ${countOf(total, 'personal follow')}, in their followers' DMs (each changed only by its follower): ${shown.map(([topic, count]) => `${escapeText(topic)} ${count}`).join(', ')}.`;
}

/** "`/brief digest unmute 1 3`", or each source's and "`… all`": undo commands that work as given. */
function unmuteCommands(target: number | string, sources: SourceFeedback[]): string {
  const each = sources.map((source) => `\`/brief digest unmute ${target} ${source.feedId}\``);
  return sources.length === 1
    ? (each[0] as string)
    : `${each.join(', ')} or \`/brief digest unmute ${target} all\``;
}

/**
 * "last: posted, 8 items, Tue 24 Nov 04:08 UTC; quiet since Wed 25 Nov 08:00 UTC", or "not run
 * yet": a digest's last run that posted, and its quiet runs since, in the list and on App Home alike.
 */
export function lastRunText(schedule: Pick<ScheduleView, 'lastRun' | 'quietSince' | 'timeZone'>): string {
  const run = schedule.lastRun;
  const at = (when: Date) => `${formatSlot(when, schedule.timeZone)} ${timeZoneName(schedule.timeZone)}`;
  const quiet = schedule.quietSince ? `quiet since ${at(schedule.quietSince)}` : '';
  if (!run) return quiet ? `nothing posted yet: ${quiet}` : 'not run yet';
  return `last: ${run.status}${run.error ? ` (${run.error})` : ''}, ${countOf(run.items, 'item')}, ${at(run.at)}${quiet ? `; ${quiet}` : ''}`;
}

function scheduleLine(schedule: ScheduleView, feedback: SourceFeedback[] = []): string {
  // Only its owner sees a follow in the list.
  const where = schedule.personal ? 'your follow (DMs)' : `<#${schedule.channelId}>`;
  const topics = topicsText(schedule);
  const last = ` · ${lastRunText(schedule)}`;
  // Feedback is the channel's: every digest there leaves out a muted source (undone with digest unmute).
  const heard = feedback.length
    ? ` · feedback: ${feedback.map(feedbackText).join('; ')} (undo: ${unmuteCommands(schedule.id, feedback)}${feedback.some((source) => source.notRelevant) ? '; unmute clears "not relevant" marks too' : ''})`
    : '';
  // A channel digest's quiet days post a note unless set to skip; a follow's skip unless set to note.
  const quiet =
    schedule.quietDay !== (schedule.personal ? QuietDay.Skip : QuietDay.Note)
      ? ` · quiet: ${schedule.quietDay}`
      : '';
  return `*${schedule.id}* ${where} ${schedule.when} · ${topics} · max ${schedule.maxItems}${quiet}${last}${heard}`;
}

/** The digests, within Slack's limits; `filtered`: only those a `/brief digest list <words>` kept, of `total`. */
export function schedulesMessage(
  schedules: ScheduleView[],
  filtered?: { label: string; total: number },
  feedback: Map<string, SourceFeedback[]> = new Map(),
  follows = '',
  /** What to do about no digests, for the reader (`addOneHint`). */
  addHint = 'An admin can add one: `/brief digest add #market-news daily 08:00 topics: pricing`',
): Message {
  const also = follows ? ` ${follows}` : '';
  if (schedules.length === 0 && filtered && filtered.total > 0) {
    return noticeMessage(
      `No digest matches "${escapeText(filtered.label)}" among ${countOf(filtered.total, 'digest')}. \`/brief digest list\` shows them all.${also}`,
    );
  }
  if (schedules.length === 0) {
    return noticeMessage(`No digests yet. ${addHint}${also}`);
  }
  const count = filtered
    ? `${countOf(schedules.length, 'digest')} matching "${filtered.label}" (of ${filtered.total})`
    : countOf(schedules.length, 'digest');
  return message(count, [
    section(`*${escapeText(count)}*`),
    ...lineSections(
      schedules.map((schedule) => scheduleLine(schedule, feedback.get(schedule.channelId))),
      47,
      (more) => `…and ${more} more; narrow with \`/brief digest list <#channel or words>\`.`,
    ),
    ...(follows ? [context(follows)] : []),
  ]);
}

/** The digests whose channel, topics or timing hold every word: "#market-news", "pricing", "weekly". */
function matchSchedules(schedules: ScheduleView[], label: string, topicNames: Set<string>): ScheduleView[] {
  const wanted = words(label).map((word) => {
    const mention = parseMention(word);
    return (mention ? mention.id : word).toLowerCase();
  });
  return schedules.filter((schedule) => {
    const text =
      `${schedule.channelId} ${topicsText(schedule)} ${schedule.cadence} ${schedule.when}`.toLowerCase();
    // An all-topics digest posts every topic's items: a topic's name finds it too (its line says "all topics").
    const everyTopic = schedule.topics.length === 0 && schedule.status !== ScheduleStatus.NoTopics;
    return wanted.every((word) => text.includes(word) || (everyTopic && topicNames.has(word)));
  });
}

/** Every /brief digest command, for its help and for a verb it does not know. */
export const digestUsage = `${addUsage} · ${editUsage} · digest list [<#channel or words>] · digest pause|resume|remove|now|preview <id or #channel> (pause … until jan 4 or for 2 weeks: back by itself then) · digest mute|unmute <id or #channel> <feed number> (unmute also all; it clears "not relevant" marks too) · follow <topic or everything> daily 07:00 [max 8] [quiet: skip|note] · unfollow [<topic> or everything]`;

export const digestVerbs = [
  'add',
  'edit',
  'list',
  'pause',
  'resume',
  'remove',
  'preview',
  'now',
  'mute',
  'unmute',
];

/** The `digest add` that makes a removed digest again, as it was (a removal's undo). */
export function recreateCommand(schedule: {
  channelId: string;
  cadence: string;
  weekday: number | null;
  days: string | null;
  timeOfDay: string;
  timezone: string;
  topics: string;
  maxItems: number;
  quietDay: string;
}): string {
  const topics = JSON.parse(schedule.topics) as string[];
  return [
    `digest add <#${schedule.channelId}> ${timingWords(schedule)}`,
    ...(topics.length > 0 ? [`topics: ${topics.join(', ')}`] : []),
    `max ${schedule.maxItems}`,
    `quiet: ${schedule.quietDay}`,
  ].join(' ');
}

/** A digest's settings as an edit reads them (`days`: a weekly digest's days, as stored or as a list). */
export type DigestSettings = {
  channelId: string;
  cadence: string;
  weekday: number | null;
  days?: string | number[] | null;
  timeOfDay: string;
  timezone: string;
  topics: string[];
  maxItems: number;
  quietDay: string;
};

/** "weekly mon,thu 08:00 Europe/Berlin": a digest's timing as `digest add` and `digest edit` take it. */
function timingWords(
  settings: Pick<DigestSettings, 'cadence' | 'weekday' | 'days' | 'timeOfDay' | 'timezone'>,
) {
  const days = Array.isArray(settings.days)
    ? settings.days
    : weeklyDays({ weekday: settings.weekday, days: settings.days ?? null });
  const timing =
    settings.cadence === Cadence.Weekly
      ? `weekly ${days.map((day) => weekdayNames[day]).join(',')}`
      : settings.cadence;
  return `${timing} ${settings.timeOfDay} ${settings.timezone}`;
}

/** "digest edit 2 max 8": the edit that puts back what an edit changed, each setting only when it changed. */
export function editBackCommand(id: number | string, before: DigestSettings, after: DigestSettings): string {
  const topics = (settings: DigestSettings) => settings.topics.join(', ') || 'all';
  const parts = [
    before.channelId !== after.channelId ? `<#${before.channelId}>` : '',
    timingWords(before) !== timingWords(after) ? timingWords(before) : '',
    topics(before) !== topics(after) ? `topics: ${topics(before)}` : '',
    before.maxItems !== after.maxItems ? `max ${before.maxItems}` : '',
    before.quietDay !== after.quietDay ? `quiet: ${before.quietDay}` : '',
  ].filter(Boolean);
  return `digest edit ${id} ${parts.join(' ')}`;
}

/** /brief digest …: add, edit, list, pause, resume, remove, preview, now. */
export async function digestCommand(
  deps: Deps,
  userId: string,
  verb: string,
  args: string,
): Promise<Message> {
  const timeZone = deps.config.DEFAULT_TIMEZONE;
  switch (verb) {
    case 'add': {
      await requireAdmin(deps, userId, 'schedule digests');
      if (!args.trim()) {
        throw new UserError(
          'USAGE',
          `In Slack, \`/brief digest add\` alone opens a form. Here, type it out: /brief ${addUsage}`,
        );
      }
      const reading = readDigestAdd(args, timeZone);
      const schedule = await addSchedule(deps, reading.spec, userId);
      const overlap = overlapNote(schedule, await overlappingDigests(deps, reading.spec, schedule.id));
      return noticeMessage(
        `Digest ${schedule.id} for <#${schedule.channelId}>: ${schedule.when}, ${schedule.labels.join(', ') || 'all topics'}, up to ${schedule.maxItems} items.${await nothingToPostText(deps, userId, 'this digest')}${reading.hourNote} Make sure I am in the channel (\`/invite @Briefbot\`).${zoneRemark(reading.zoneNote)}${overlap}`,
      );
    }
    case 'edit': {
      await requireAdmin(deps, userId, 'change digests');
      const [target, changes] = firstWord(args);
      if (!target) throw new UserError('USAGE', `Which digest? Usage: /brief ${editUsage}`);
      const current = await findScheduleFor(deps, target, 'edit', userId, changes);
      const was = describeTiming(current);
      const wasChannel = current.channelId;
      const reading = readDigestEdit(changes, specOf(current), target, {
        target: String(current.id),
        allTopics: await listTopicNames(deps),
      });
      // Topics given to a digest left with none change its state, even "topics: all" over its empty list.
      const givesTopicsBack = reading.topicsGiven && current.status === ScheduleStatus.NoTopics;
      if (!givesTopicsBack && sameDigest(reading.spec, specOf(current))) {
        const added = (reading.typedTopics ?? []).filter((topic) => topic.startsWith('+'));
        const includes =
          topicsText(current) === 'all topics' && added.length
            ? `All topics already includes ${added.map((topic) => topic.slice(1)).join(', ')}. `
            : '';
        return noticeMessage(
          `${includes}Digest ${current.id} for <#${current.channelId}> is already ${was}, ${topicsText(current)}, up to ${current.maxItems} items, quiet days: ${current.quietDay}: nothing changed. See all with /brief digest list.`,
        );
      }
      const schedule = await editSchedule(deps, current, reading.spec, userId, reading.topicsGiven);
      const timing = schedule.timing === was ? schedule.when : `${schedule.when}, was ${was}`;
      // What each change replaced, as the log says it: "pricing (was pricing, globex)".
      const wasTopics = topicsText(current);
      const topicsNow = topicsText(schedule);
      const topics = topicsNow === wasTopics ? topicsNow : `${topicsNow} (was ${wasTopics})`;
      const size =
        schedule.maxItems === current.maxItems
          ? `up to ${schedule.maxItems} items`
          : `up to ${schedule.maxItems} items (was ${current.maxItems})`;
      const quiet =
        schedule.quietDay === current.quietDay
          ? schedule.quietDay
          : `${schedule.quietDay} (was ${current.quietDay})`;
      const next =
        schedule.status === ScheduleStatus.NoTopics
          ? ` Give it topics (\`/brief digest edit ${schedule.id} topics: …\`) before resuming it.`
          : schedule.nextRun
            ? ''
            : ` Resume it with /brief digest resume ${schedule.id}.`;
      const movedChannel = schedule.channelId !== wasChannel;
      const moved = movedChannel
        ? ` (was <#${wasChannel}>; make sure I am in <#${schedule.channelId}>: \`/invite @Briefbot\`)`
        : '';
      const carried = movedChannel ? await carryFeedback(deps, wasChannel, schedule.channelId, userId) : [];
      const feedbackNote = carried.length
        ? ` <#${wasChannel}>'s feedback came along: ${carried.map(feedbackText).join('; ')} (undo: ${unmuteCommands(schedule.id, carried)}).${await sharedFeedbackNote(deps, schedule)}`
        : '';
      // Moved, retimed or given other topics: the same note as add when it now shares a channel's time.
      const overlaps =
        !schedule.personal && (movedChannel || schedule.timing !== was || topicsNow !== wasTopics)
          ? overlapNote(schedule, await overlappingDigests(deps, reading.spec, schedule.id))
          : '';
      // A digest that had no topics left cannot be given none again: no undo for giving them back.
      const undo =
        current.status === ScheduleStatus.NoTopics
          ? ''
          : ` To undo${carried.length ? ' the edit' : ''}: ${suggested(`/brief ${editBackCommand(schedule.id, specOf(current), reading.spec)}`)}.`;
      return noticeMessage(
        `Digest ${schedule.id} for <#${schedule.channelId}>${moved} now: ${timing}, ${topics}, ${size}, quiet days: ${quiet}.${next}${feedbackNote}${undo} See all with /brief digest list.${zoneRemark(reading.zoneNote)}${overlaps}`,
      );
    }
    case 'list': {
      // Personal digests are their owner's business: others see the channels' schedules only.
      const all = await listSchedules(deps);
      // A follow left with no topic (before follows ended with their topic) never runs: not listed.
      const visible = all.filter(
        (schedule) =>
          !schedule.personal ||
          (schedule.channelId === userId && schedule.status !== ScheduleStatus.NoTopics),
      );
      // Admins see how many follows the others have, by topic, as App Home lists them; never whose.
      const others = (await isAdmin(deps, userId))
        ? all.filter((schedule) => schedule.personal && schedule.channelId !== userId)
        : [];
      const label = plainText(args).trim();
      const feedback = await feedbackByChannel(deps);
      // Numbers are shared with follows: the gaps they leave in the list are said to be follows.
      const top = Math.max(0, ...visible.map((schedule) => schedule.id));
      const gaps = all
        .filter((schedule) => !visible.includes(schedule) && schedule.id < top)
        .map((schedule) => schedule.id);
      const gapNote = gaps.length
        ? ` Digest ${gaps.length === 1 ? 'number' : 'numbers'} ${gaps.join(', ')} ${gaps.length === 1 ? 'is a' : 'are'} personal ${gaps.length === 1 ? 'follow' : 'follows'}, not listed.`
        : '';
      const follows = `${followsSummary(others, label)}${gapNote}`.trim();
      const addHint = await addOneHint(
        deps,
        userId,
        '/brief digest add #market-news daily 08:00 topics: pricing',
      );
      if (!label) return schedulesMessage(visible, undefined, feedback, follows, addHint);
      return schedulesMessage(
        matchSchedules(visible, label, new Set(await listTopicNames(deps))),
        { label, total: visible.length },
        feedback,
        follows,
        addHint,
      );
    }
    case 'pause':
    case 'resume':
    case 'remove':
      return changeStatus(deps, userId, verb, args);
    case 'preview':
      return previewDigest(deps, userId, args);
    case 'unmute':
      return unmuteSource(deps, userId, args);
    case 'mute':
      return muteSource(deps, userId, args);
    case 'now': {
      await requireAdmin(deps, userId, 'post digests');
      const [target] = words(args);
      // A pause whose day has come is over, resumed by the tick or not.
      const schedule = pauseEndedAsRunning(
        target ? await findScheduleFor(deps, target, 'now', userId) : await onlyDigest(deps, userId, 'now'),
        deps.clock.now(),
      );
      await refuseNoTopics(deps, schedule, 'post');
      const window = nextDigestWindow(deps.db.sqlite, schedule.id, deps.clock.now());
      const result = await runDigestNow(deps, schedule.id, `now:${userId}`);
      // Every post to a channel on request is logged.
      if (result.status === RunStatus.Posted && !result.repeated)
        await recordAudit(deps.db, deps.clock.now(), {
          actorId: userId,
          action: 'digest.now',
          subjectType: 'digest',
          subjectId: schedule.id,
          detail: { channelId: schedule.channelId, userId: schedule.userId, items: result.items },
        });
      return noticeMessage(await digestNowReply(deps, schedule, result, new Date(window.since), userId));
    }
  }
  // "digest skip tomorrow": no skip of one run; the pause and resume that do it.
  if (verb === 'skip') {
    const target = await digestTarget(deps, args);
    throw new UserError(
      'UNKNOWN_COMMAND',
      `A digest has no skip of one run: pause it, and resume it once that day is past: \`/brief digest pause ${target}\`, then \`/brief digest resume ${target}\`. It keeps its schedule, topics and size, and the first digest after the pause brings what came in meanwhile${target === '<number>' ? ' (`/brief digest list` gives the numbers)' : ''}.`,
    );
  }
  const guess = guessVerb(verb, digestVerbs);
  if (guess)
    throw new UserError(
      'UNKNOWN_COMMAND',
      `I don't know "/brief digest ${verb}". ${didYouMean('digest', guess, args)}`,
    );
  throw new UserError('UNKNOWN_COMMAND', unknownVerb('digest', verb, digestVerbs));
}

/**
 * digest pause|resume|remove <id or #channel>…: each digest named, a line each, as feeds take
 * several. Removal is asked about first, and done with `confirm`.
 */
async function changeStatus(
  deps: Deps,
  userId: string,
  verb: 'pause' | 'resume' | 'remove',
  args: string,
): Promise<Message> {
  const said = words(args);
  const { rest: typed, reason } =
    verb === 'pause' ? takePauseReason(said) : { rest: said, reason: undefined };
  // Someone's own follow pauses and resumes as a channel digest does (a holiday), keeping its schedule.
  const own = verb === 'remove' ? undefined : await ownFollowNamed(deps, userId, typed);
  const retry = `/brief digest pause ${typed.join(' ') || '<number>'}`;
  if (own) {
    const until = readPauseEnd(reason, deps.clock.now(), own.timezone, retry);
    return noticeMessage(
      `${await pauseOwnFollow(deps, userId, own, verb === 'pause', until)}${until ? '' : noEndNote(reason, retry)}`,
    );
  }
  if (verb !== 'remove') await refuseNoOwnFollow(deps, userId, verb, typed);
  await requireAdmin(deps, userId, `${verb} digests`);
  const confirmed = typed.some((word) => /^(?:confirm|--yes|-y)$/i.test(word));
  const targets = [...new Set(typed.filter((word) => !/^(?:confirm|--yes|-y|and|&|,)$/i.test(word)))];
  // A day unreadable or past is refused before anything is paused; each digest's end is on its own clock.
  const ends =
    targets.length > 0 && readPauseEnd(reason, deps.clock.now(), deps.config.DEFAULT_TIMEZONE, retry);
  if (targets.length === 0)
    throw new UserError(
      'USAGE',
      `Which digest? Usage: /brief digest ${verb} <id or #channel> (several: \`/brief digest ${verb} 1 2\`; numbers in /brief digest list)`,
    );
  if (verb === 'remove' && !confirmed) {
    const found = await Promise.all(targets.map((target) => findScheduleFor(deps, target, verb, userId)));
    const named = found.map((schedule) =>
      schedule.userId
        ? `digest ${schedule.id} (<@${schedule.userId}>'s personal follow of ${topicsText(schedule)}, ${describeTiming(schedule)}; they are told in a DM)`
        : `digest ${schedule.id} (<#${schedule.channelId}>, ${describeTiming(schedule)}, ${topicsText(schedule)})`,
    );
    const them = found.length === 1 ? 'it' : 'them';
    const channelIds = found.filter((schedule) => schedule.userId === null).map((schedule) => schedule.id);
    const follows = found.length - channelIds.length;
    // What undoes each: the reply gives a channel digest's add; a follow's owner is sent their follow.
    const undo = [
      channelIds.length
        ? `the reply gives the command that makes ${channelIds.length === 1 ? (follows ? 'the channel digest' : 'it') : 'the channel digests'} again`
        : '',
      follows
        ? `${follows === 1 ? 'its follower is' : 'their followers are'} sent the command to follow ${follows === 1 ? 'it' : 'them'} again`
        : '',
    ]
      .filter(Boolean)
      .join('; ');
    // Pausing is offered only for what still runs: one paused or left with no topics is stopped already.
    const running = found
      .filter((schedule) => schedule.userId === null && schedule.status === ScheduleStatus.Active)
      .map((schedule) => schedule.id);
    const pause = running.length
      ? ` To stop ${running.length === 1 ? 'a channel digest' : 'the channel digests'} for now instead: \`/brief digest pause ${running.join(' ')}\`.`
      : '';
    return noticeMessage(
      `Removing ${named.join(', ')} stops ${them} for good; ${undo}.${await stillActiveNote(deps, found)}${pause} To remove: \`/brief digest remove ${found.map((schedule) => schedule.id).join(' ')} confirm\`.`,
    );
  }
  const lines: string[] = [];
  for (const target of targets) {
    try {
      lines.push(await changeOneStatus(deps, userId, verb, target, ends ? reason : undefined));
    } catch (error) {
      // One digest that cannot be changed is said on its line; the others are still changed.
      if (!(error instanceof UserError) || targets.length === 1) throw error;
      lines.push(`${target}: ${error.message}`);
    }
  }
  return noticeMessage(`${lines.join('\n')}${ends ? '' : noEndNote(reason, retry)}`);
}

/** "until", "till", "through": the words before a pause's last day. */
const pauseEndWords = /^(?:until|till|til|through|thru)$/i;

/**
 * When a pause ends, as typed after the digest: "until jan 4" (it runs again from the start of Jan 4),
 * "through jan 3" (the same), "for 2 weeks", "for the holidays until january 4". Undefined when the
 * words name no day ("for the holidays"); a day that cannot be read, or has begun, is refused.
 */
export function readPauseEnd(
  reason: string | undefined,
  now: Date,
  timeZone: string,
  retry: string,
): Date | undefined {
  if (!reason) return undefined;
  const list = reason.split(/\s+/);
  const at = list.findIndex((word) => pauseEndWords.test(word));
  const tail = list.slice(at + 1);
  const stop = tail.findIndex((word) => /^(?:for|over|during|while)$/i.test(word));
  const dayText =
    at >= 0
      ? (stop === -1 ? tail : tail.slice(0, stop)).join(' ')
      : /^for\b.*\d|^for (?:a|an|one) (?:day|week)s?$/i.test(reason)
        ? reason
        : undefined;
  if (dayText === undefined) return undefined;
  const examples = `Give the day it comes back: ${suggested(`${retry} until jan 4`)}, \`until 2027-01-04\`, \`until monday\` or \`for 2 weeks\`; or pause it with no end: ${suggested(retry)}.`;
  const day = dayText ? parseUntilDate(dayText, now, timeZone) : undefined;
  if (!day)
    throw new UserError(
      'PAUSE_END_UNREADABLE',
      `“${escapeText(at >= 0 ? list.slice(at).join(' ') : reason)}” is not a day I can read, so nothing was paused. ${examples}`,
    );
  // "through jan 3": Jan 3 is still paused; "until jan 4": it is back on Jan 4.
  const until = startOfLocalDay(day, timeZone, /^thr/i.test(list[at] ?? '') ? 1 : 0);
  if (until.getTime() <= now.getTime())
    throw new UserError(
      'PAUSE_END_PAST',
      `${formatSlot(until, timeZone).replace(/ 00:00$/, '')} has begun already, so a pause until then would end at once; nothing was paused. ${examples}`,
    );
  return until;
}

/** " “for the holidays” names no day…": a pause given a reason but no end lasts until resumed; how to give it one. */
function noEndNote(reason: string | undefined, retry: string): string {
  return reason
    ? ` “${escapeText(reason)}” names no day, so it stays paused until someone resumes it, with the resume command above. To have it come back by itself: ${suggested(`${retry} until jan 4`)} or ${suggested(`${retry} for 2 weeks`)}.`
    : '';
}

/** How recently someone used Briefbot counts as still active: a follow is ended for one who has left. */
const activeWithinMs = 30 * 24 * 3600_000;

/**
 * " @ana used Briefbot 2 h ago: a follow is its owner's, so end it only when they have left.": the
 * followers among these who asked a question or changed something lately, said before the removal.
 */
async function stillActiveNote(deps: Deps, schedules: Array<{ userId: string | null }>): Promise<string> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - activeWithinMs);
  const active: string[] = [];
  for (const userId of new Set(schedules.flatMap((schedule) => (schedule.userId ? [schedule.userId] : [])))) {
    const [asked, changed] = await Promise.all([
      deps.db.prisma.askLog.findFirst({ where: { userId, at: { gte: since } }, orderBy: { at: 'desc' } }),
      deps.db.prisma.auditEvent.findFirst({
        where: { actorId: userId, at: { gte: since } },
        orderBy: { at: 'desc' },
      }),
    ]);
    const last = [asked?.at, changed?.at].filter((at): at is Date => !!at).sort((a, b) => +b - +a)[0];
    if (last) active.push(`<@${userId}> used Briefbot ${formatRelative(last, now)}`);
  }
  if (active.length === 0) return '';
  return ` ${active.join('; ')}: a follow is its owner's, so end it only when they have left (otherwise ask them to \`/brief unfollow\` it).`;
}

/**
 * "digest pause 2" where digest 2 is the person's own follow, or "digest pause my digest", "my
 * pricing follow", "everything": that follow (words naming no single one of theirs: none).
 */
async function ownFollowNamed(deps: Deps, userId: string, typed: string[]) {
  const [target, ...more] = typed;
  if (target && !more.length && /^#?\d{1,9}$/.test(target)) {
    const schedule = await deps.db.prisma.digestSchedule.findUnique({
      where: { id: Number(target.replace('#', '')) },
    });
    return schedule?.userId === userId ? schedule : undefined;
  }
  const said = typed.map((word) => word.toLowerCase().replace(/[^a-z0-9-]/g, ''));
  // An admin's "digest pause pricing" names a channel digest; "my" or "follow" says it is their own.
  if (!said.some((word) => /^(?:my|follows?)$/.test(word)) && (await isAdmin(deps, userId))) return undefined;
  const name = said.filter((word) => word && !/^(?:my|the|digests?|follows?|of|dms?)$/.test(word));
  if (name.length > 1) return undefined;
  const mine = await myFollows(deps, userId);
  const [word] = name;
  // No name: their one follow, when they have one.
  const found =
    word === undefined
      ? mine.length === 1
        ? mine[0]
        : undefined
      : mine.find((follow) => isFollowNamed(follow, word));
  return found ? deps.db.prisma.digestSchedule.findUnique({ where: { id: found.id } }) : undefined;
}

/**
 * A member's "digest pause my digest" that names none of their follows: their follows with the
 * command for each, never the admins-only refusal meant for channel digests.
 */
async function refuseNoOwnFollow(deps: Deps, userId: string, verb: string, typed: string[]): Promise<void> {
  const own = typed.some((word) => /^(?:my|follows?)$/i.test(word));
  if (!own && (await isAdmin(deps, userId))) return;
  if (!own && typed.length && typed.every((word) => /^#?\d{1,9}$/.test(word))) return;
  const mine = await myFollows(deps, userId);
  const each = mine.map(
    (follow) => `\`/brief digest ${verb} ${follow.id}\` (${followLabel(follow)}, ${follow.timing})`,
  );
  throw new UserError(
    'NOT_FOLLOWING',
    mine.length
      ? `${typed.length ? `“${typed.join(' ')}” names none of your follows.` : 'Which follow?'} Yours: ${each.join(' · ')}.`
      : `You follow nothing, so there is nothing to ${verb}. ${await followHint(deps)}`,
  );
}

/** Pauses or resumes one's own follow: nothing comes to their DMs until resumed; its schedule and size stay. */
async function pauseOwnFollow(
  deps: Deps,
  userId: string,
  follow: Parameters<typeof setScheduleStatus>[1],
  pause: boolean,
  until?: Date,
): Promise<string> {
  const what = `Your follow of ${topicsText(follow)} (digest ${follow.id})`;
  const wanted = pause ? 'paused' : 'active';
  if (pause && until) {
    await setScheduleStatus(deps, follow, wanted, userId, until);
    return `${what} is paused until ${pauseEndText(follow, until)}: nothing comes to your DMs until then, and it comes back by itself, on its schedule (${describeTiming(follow)}). Sooner: \`/brief digest resume ${follow.id}\`.`;
  }
  if (pause && follow.status === ScheduleStatus.Paused && follow.pausedUntil) {
    await setScheduleStatus(deps, follow, wanted, userId);
    return `${what} stays paused, now with no end (it was to come back by itself on ${pauseEnd(follow, follow.pausedUntil).day}): nothing comes to your DMs until \`/brief digest resume ${follow.id}\`.`;
  }
  if (follow.status === wanted)
    return pause
      ? `${what} was already paused; nothing changed. Resume it with \`/brief digest resume ${follow.id}\`.`
      : `${what} is not paused, so there was nothing to resume; it comes ${describeTiming(follow)}.`;
  await setScheduleStatus(deps, follow, wanted, userId);
  return pause
    ? `${what} is paused: nothing comes to your DMs until \`/brief digest resume ${follow.id}\`, which keeps its schedule (${describeTiming(follow)}) and size.`
    : `${what} is back: it comes ${describeTiming(follow)}, starting with the next one (what it would send now: \`/brief digest preview ${follow.id}\`). Pause it again with \`/brief digest pause ${follow.id}\`.`;
}

/** One digest paused, resumed or removed: its line, with the command that undoes it. */
async function changeOneStatus(
  deps: Deps,
  userId: string,
  verb: 'pause' | 'resume' | 'remove',
  target: string,
  endText?: string,
): Promise<string> {
  const status = verb === 'pause' ? 'paused' : verb === 'resume' ? 'active' : 'removed';
  const found = await findScheduleFor(deps, target, verb, userId);
  const until = readPauseEnd(endText, deps.clock.now(), found.timezone, `/brief digest pause ${found.id}`);
  // Only an admin's removal reaches a follow: it ends, and its owner is told by whom.
  if (found.userId) {
    await setScheduleStatus(deps, found, 'removed', userId);
    await tellFollowEndedByAdmin(deps, found, userId);
    return `Ended <@${found.userId}>'s follow of ${topicsText(found)} (digest ${found.id}); they were told in a DM, with the command to follow it again.`;
  }
  if (status === 'active') await refuseNoTopics(deps, found, 'resume');
  if (status === 'paused' && found.status === ScheduleStatus.NoTopics)
    return `Digest ${found.id} for <#${found.channelId}> is already stopped: it has no topics left. Give it some with \`/brief digest edit ${found.id} topics: …\`, or remove it with \`/brief digest remove ${found.id}\`.`;
  if (until && found.status !== ScheduleStatus.NoTopics) {
    await setScheduleStatus(deps, found, 'paused', userId, until);
    const was = found.status === ScheduleStatus.Paused ? 'was paused already; now it' : 'is paused: it';
    return `Digest ${found.id} for <#${found.channelId}> ${was} comes back by itself on ${pauseEndText(found, until)}. Resume it sooner with /brief digest resume ${found.id}.`;
  }
  // A pause with no day for one paused until a day: no end any more, said with the day it had.
  if (status === 'paused' && found.status === ScheduleStatus.Paused && found.pausedUntil) {
    await setScheduleStatus(deps, found, 'paused', userId);
    return `Digest ${found.id} for <#${found.channelId}> stays paused, now with no end (it was to come back by itself on ${pauseEnd(found, found.pausedUntil).day}). Resume it with /brief digest resume ${found.id}.`;
  }
  if (found.status === status)
    return status === 'paused'
      ? `Digest ${found.id} for <#${found.channelId}> was already paused; nothing changed. Resume it with /brief digest resume ${found.id}.`
      : `Digest ${found.id} for <#${found.channelId}> is not paused, so there was nothing to resume; it comes ${describeTiming(found)}.`;
  const schedule = await setScheduleStatus(deps, found, status, userId);
  const next =
    status === 'paused'
      ? `Resume it with /brief digest resume ${schedule.id}.`
      : status === 'active'
        ? `Pause it again with /brief digest pause ${schedule.id}.`
        : removedNote(found);
  return `Digest ${schedule.id} for <#${schedule.channelId}> is ${status}. ${next}`;
}

/**
 * " Note: <#C1> already gets all topics at this time (digest 2)…": two digests of a channel at one
 * time share its items (each goes out once, in whichever posts first), so one is usually meant.
 */
function overlapNote(schedule: ScheduleView, others: Awaited<ReturnType<typeof overlappingDigests>>): string {
  const [other] = others;
  if (!other) return '';
  const theirs = others.map((each) => `${topicsText(each)} (digest ${each.id})`);
  const listed = inWords(theirs);
  // Every digest but the one kept goes, this one included: one command removes them all.
  const rest = [...others.slice(1).map((each) => each.id), schedule.id];
  const these = others.length === 1 ? 'these two split' : `these ${others.length + 1} split`;
  return ` Note: <#${schedule.channelId}> already gets ${listed} at this time; an item goes out once, in whichever digest posts it first, so ${these} the items they share. For one digest, change digest ${other.id} instead (\`/brief digest edit ${other.id} topics: …\`) and remove ${rest.length === 1 ? 'this one' : 'the others'} (\`/brief digest remove ${rest.join(' ')}\`).`;
}

/**
 * " It now applies to <#C1>'s other digest too (digest 3, pricing)…": feedback is a channel's, so what a
 * moved digest brought along also silences the digests already there, said before anyone wonders why.
 */
async function sharedFeedbackNote(deps: Deps, schedule: ScheduleView): Promise<string> {
  const others = (await listSchedules(deps, { channelId: schedule.channelId })).filter(
    (other) => !other.personal && other.id !== schedule.id,
  );
  if (others.length === 0) return '';
  const named = others.map((other) => `digest ${other.id}, ${topicsText(other)}`).join('; ');
  const which = others.length === 1 ? 'other digest' : `${others.length} other digests`;
  return ` It now applies to <#${schedule.channelId}>'s ${which} too (${named}): a channel's feedback holds for all its digests; the undo above lifts it for all of them.`;
}

/** A removal's undo: the add that makes it again, paused again after if it was; none for one with no topics left. */
function removedNote(schedule: Parameters<typeof recreateCommand>[0] & { status: string }): string {
  if (schedule.status === ScheduleStatus.NoTopics)
    return 'It had no topics left, so there is nothing to bring back; `/brief digest add` makes a new one.';
  const paused =
    schedule.status === ScheduleStatus.Paused
      ? ', then pause it again with `/brief digest pause <its new number>` (it was paused; added again it would run)'
      : '';
  return `To bring it back: /brief ${recreateCommand(schedule)}${paused}`;
}

/**
 * What a `digest now` did, never claiming a post that did not happen: posted, found nothing new
 * (measured against the last digest that went out), failed, or, on a second press within the
 * minute, what this minute's run did.
 */
async function digestNowReply(
  deps: Deps,
  schedule: Parameters<typeof pauseEnd>[0] & {
    id: number;
    channelId: string;
    status: string;
    topics: string;
    quietDay: string;
    pausedUntil: Date | null;
  },
  result: Awaited<ReturnType<typeof runDigestNow>>,
  since: Date,
  userId: string,
): Promise<string> {
  const channel = `<#${schedule.channelId}>`;
  const isPaused = schedule.status === ScheduleStatus.Paused;
  const resume = schedule.pausedUntil
    ? `${pauseEnd(schedule, schedule.pausedUntil).day}, when it comes back by itself (sooner: \`/brief digest resume ${schedule.id}\`)`
    : `\`/brief digest resume ${schedule.id}\``;
  // A paused digest is posted once on request; said, so nobody takes it for resumed.
  const oneOff = isPaused
    ? ` Digest ${schedule.id} is paused: this was a one-off, and it stays paused (resume it with /brief digest resume ${schedule.id}).`
    : '';
  const next = isPaused
    ? ` Digest ${schedule.id} is paused, so nothing goes out until ${resume}.`
    : ' The next digest comes at its time; see /brief digest list.';
  const ago = result.repeated ? 'less than a minute ago' : '';
  switch (result.status) {
    case RunStatus.Posted:
      if (!result.repeated) return `Posted ${countOf(result.items, 'item')} to ${channel}.${oneOff}`;
      return `Digest ${schedule.id} went out to ${channel} ${ago}; ${
        isPaused
          ? `it is paused, so nothing more goes out until ${resume}`
          : `anything newer comes with the next one (\`/brief digest preview ${schedule.id}\` shows it)`
      }.`;
    case RunStatus.Failed:
      return result.repeated
        ? `Digest ${schedule.id} could not be posted to ${channel} ${ago} (${result.error}); details in your DMs.`
        : `The digest could not be posted (${result.error}); details in your DMs.`;
    case RunStatus.Claimed:
    case RunStatus.Posting:
      return `Digest ${schedule.id} is being posted to ${channel}${result.error ? ` (Slack answered ${result.error}; I keep trying)` : ''}; the rest goes out within a few minutes, by itself.`;
    case RunStatus.Quiet:
      // This minute's scheduled run, a moment before the press.
      return `Digest ${schedule.id} ran at its time ${ago} and found nothing new, so ${
        schedule.quietDay === QuietDay.Note ? `${channel} got its quiet-day note` : 'nothing was posted'
      }.${next}`;
  }
  const topics = JSON.parse(schedule.topics) as string[];
  const why = await emptyQueriesRemark(deps, topics, userId);
  const now = deps.clock.now();
  const last = lastDigestOut(deps.db.sqlite, schedule.id, minuteOf(now));
  // Nothing to post from: the reason, not a promise of "the next digest".
  const missing = await nothingToPostText(deps, userId, 'it');
  if (!last && missing) return `Nothing was posted to ${channel}.${missing}`;
  if (!last)
    return `Nothing new for ${channel} yet, and no digest has gone out there, so nothing was posted.${why}${backlogRemark(deps, since, now, topics, true)}${next}`;
  const before =
    last.status === RunStatus.Posted
      ? `digest ${schedule.id} went out ${formatRelative(last.at, now)} (${countOf(last.items, 'item')})`
      : `digest ${schedule.id} last ran, ${formatRelative(last.at, now)} (nothing new then either)`;
  const note =
    schedule.quietDay === QuietDay.Note ? ' (quiet-day notes come with scheduled digests only)' : '';
  return `Nothing new for ${channel} since ${before}, so nothing was posted${note}.${why}${next}`;
}

/**
 * /brief digest unmute <id or #channel> [<feed number>|all]: a source muted or marked "not relevant"
 * in a channel's digests is back, ranked as before. Anyone may clear "not relevant" marks; a muted
 * source is for admins, as muting it is.
 */
async function unmuteSource(deps: Deps, userId: string, args: string): Promise<Message> {
  const [target, which] = words(args);
  const usageLine =
    'Usage: /brief digest unmute <id or #channel> [<feed number>|all] (/brief digest list shows what is muted)';
  if (!target) throw new UserError('USAGE', `Which digest or channel? ${usageLine}`);
  const channelId = /^#?\d{1,9}$/.test(target)
    ? (await findScheduleFor(deps, target, 'unmute', userId)).channelId
    : parseChannel(target, usageLine);
  const sources = (await feedbackByChannel(deps)).get(channelId) ?? [];
  if (sources.length === 0)
    return noticeMessage(
      `No source is muted or marked not relevant in <#${channelId}>'s digests; nothing to undo.`,
    );
  const chosen =
    which?.toLowerCase() === 'all'
      ? sources
      : which
        ? sources.filter((source) => String(source.feedId) === which.replace(/^#/, ''))
        : [];
  if (chosen.length === 0) {
    const feedId = Number(which?.replace(/^#/, ''));
    const feed =
      Number.isInteger(feedId) && feedId > 0
        ? await deps.db.prisma.feed.findUnique({ where: { id: feedId }, select: { id: true } })
        : null;
    const why = !which
      ? ''
      : feed
        ? `Feed ${feedId} has no feedback in <#${channelId}>. `
        : `There is no feed ${which.replace(/^#/, '')}. `;
    // One command per source, to copy as it stands.
    const lines = sources.map(
      (source) => `• ${feedbackText(source)}: \`/brief digest unmute ${target} ${source.feedId}\``,
    );
    // A bare unmute only lists, even one source: it is offered as a safe look.
    const [only] = sources;
    const text =
      sources.length === 1 && only
        ? `${why}<#${channelId}>'s digests have 1 source muted or marked: ${feedbackText(only)}. ${only.muted ? 'To bring it back' : 'To clear its marks'}: \`/brief digest unmute ${target} ${only.feedId}\``
        : `${why}<#${channelId}>'s digests have ${countOf(sources.length, 'source')} muted or marked; say which to bring back:\n${lines.join('\n')}\n• every one: \`/brief digest unmute ${target} all\``;
    if (which) throw new UserError('USAGE', text);
    return noticeMessage(text);
  }
  // Marks anyone may make, anyone may clear; a muted source comes back by an admin, as it left.
  if (chosen.some((source) => source.muted))
    await requireAdmin(deps, userId, "bring a muted source back into a channel's digests");
  for (const source of chosen) await clearFeedback(deps, channelId, source, userId);
  const names = chosen.map((source) => `${escapeText(source.source)} (feed ${source.feedId})`).join(', ');
  const none = await noDigestHereText(deps, channelId);
  if (none)
    return noticeMessage(
      `Unmuted ${names} in <#${channelId}>, but ${none}: a digest added there later ranks ${chosen.length === 1 ? 'it' : 'them'} as any other source.`,
    );
  return noticeMessage(
    `${names} ${chosen.length === 1 ? 'is' : 'are'} back in <#${channelId}>'s digests, ranked as before.`,
  );
}

/**
 * /brief digest mute <id or #channel> <feed number>: a source kept out of a channel's digests before
 * anything of it is posted, as Mute source does on a posted item; audited, undone with unmute.
 */
async function muteSource(deps: Deps, userId: string, args: string): Promise<Message> {
  await requireAdmin(deps, userId, 'mute sources in digests');
  const [target, ...named] = words(args);
  const which = named.join(' ');
  const usageLine =
    'Usage: /brief digest mute <id or #channel> <feed number> (numbers in /brief feeds list; undo with /brief digest unmute)';
  if (!target || !which) throw new UserError('USAGE', `Which digest and which feed? ${usageLine}`);
  const channelId = /^#?\d{1,9}$/.test(target)
    ? (await findScheduleFor(deps, target, 'mute', userId)).channelId
    : parseChannel(target, usageLine);
  const feedId = await feedToMute(deps, which, target, usageLine);
  const said = await recordFeedback(deps, { c: channelId, f: feedId }, FeedbackKind.MuteSource, userId);
  // The button's note reads "for this channel's"; here the channel is named.
  return noticeMessage(said.replace("this channel's", `<#${channelId}>'s`));
}

/**
 * The feed `digest mute` names, by number or address; a feed's name ("The Globex Blog", "globex")
 * gets the feeds it names, each with the command to type, as the feeds commands answer a name.
 */
async function feedToMute(deps: Deps, which: string, target: string, usageLine: string): Promise<number> {
  if (/^#?\d+$/.test(which)) {
    const feedId = Number(which.replace(/^#/, ''));
    const feed = await deps.db.prisma.feed.findUnique({ where: { id: feedId }, select: { id: true } });
    if (!feed) throw new UserError('USAGE', `There is no feed ${feedId}. ${usageLine}`);
    return feed.id;
  }
  const suggest = (feeds: Array<{ id: number; title: string | null; url: string }>) =>
    feeds
      .map(
        (feed) => `feed ${feed.id} (${feed.title ?? feed.url}): \`/brief digest mute ${target} ${feed.id}\``,
      )
      .join(' or ');
  if (!/\s/.test(which) && /[/.]/.test(which)) {
    // An address: the feed watching it, else the feeds of the web site it is on (a blog's home page).
    const feed = await findFeed(deps, which).catch((error: unknown) => {
      if (error instanceof UserError && error.code === 'FEED_NOT_FOUND') return null;
      throw error;
    });
    if (feed) return feed.id;
    const ofSite = await feedsOfSite(deps, which);
    if (ofSite.length)
      throw new UserError(
        'USAGE',
        `No feed reads ${which}, but it is the web site of ${ofSite.length === 1 ? 'a feed' : 'feeds'}: did you mean ${suggest(ofSite)}? Nothing was muted.`,
      );
    throw new UserError(
      'USAGE',
      `No feed reads ${which}, and no feed's web site is there. The feeds and their numbers: \`/brief feeds list\`. Nothing was muted.`,
    );
  }
  const { feeds, matched } = await findFeeds(deps, { text: which }, 3);
  if (feeds.length === 0) throw new UserError('USAGE', `No feed is named "${which}". ${usageLine}`);
  const more =
    matched > feeds.length ? `, …and ${matched - feeds.length} more (\`/brief feeds list ${which}\`)` : '';
  throw new UserError(
    'USAGE',
    `Feeds are named by number or address: did you mean ${suggest(feeds)}${more}? Nothing was muted.`,
  );
}

/** "blog.globex.example" of "http://www.blog.globex.example/x" or "blog.globex.example/x"; null for no address. */
function hostOf(address: string): string | null {
  const text = address.trim().replace(/^<|>$/g, '');
  const url = URL.canParse(text) && /^https?:/i.test(text) ? text : `https://${text}`;
  return URL.canParse(url) ? new URL(url).hostname.replace(/^www\./, '') : null;
}

/** The feeds whose address, web site or items' links are on the host an address names, at most 3. */
async function feedsOfSite(deps: Deps, address: string) {
  const host = hostOf(address);
  if (!host) return [];
  const feeds = await deps.db.prisma.feed.findMany({
    select: { id: true, title: true, url: true, siteUrl: true },
    orderBy: { id: 'asc' },
  });
  const linking = new Set(
    deps.db.sqlite
      .prepare(
        'SELECT DISTINCT feed_id FROM items WHERE url LIKE ? OR url LIKE ? OR url LIKE ? OR url LIKE ?',
      )
      .pluck()
      .safeIntegers(false)
      .all(
        ...['https', 'http'].flatMap((scheme) => [`${scheme}://${host}/%`, `${scheme}://www.${host}/%`]),
      ) as number[],
  );
  return feeds
    .filter(
      (feed) =>
        linking.has(feed.id) || [feed.url, feed.siteUrl].some((url) => url !== null && hostOf(url) === host),
    )
    .slice(0, 3);
}

/** The channel digests, and (for a preview) the asker's own follows, by number. */
/**
 * The channel digest a hint's command names: the number or channel typed, else the only channel digest's
 * number, else `<number>`.
 */
export async function digestTarget(deps: Deps, typed: string): Promise<string> {
  const [first = ''] = words(typed);
  if (/^#?\d{1,9}$/.test(first)) return first.replace(/^#/, '');
  if (parseMention(first)?.kind === 'channel' || /^#[\w.-]+$/.test(first)) return first;
  const channels = (await previewable(deps, '', 'now')).filter((schedule) => schedule.userId === null);
  return channels.length === 1 && channels[0] ? String(channels[0].id) : '<number>';
}

async function previewable(deps: Deps, userId: string, command: 'now' | 'preview' = 'preview') {
  // One's own follow may be previewed; `now` posts channel digests only.
  return (await deps.db.prisma.digestSchedule.findMany({ orderBy: { id: 'asc' } })).filter(
    (schedule) =>
      schedule.userId === null ||
      (command === 'preview' && schedule.userId === userId && schedule.status !== ScheduleStatus.NoTopics),
  );
}

/**
 * `digest now` or `digest preview` with no digest named: the only one there is, or the question which
 * (`why`: what came before the question, for a digest named in words that named none).
 */
async function onlyDigest(deps: Deps, userId: string, command: 'now' | 'preview', why = '') {
  const schedules = await previewable(deps, userId, command);
  const [only] = schedules;
  if (schedules.length === 1 && only && !why) return only;
  // A member's bare preview means their own follow: the channel digests are the admins' to run.
  const own = schedules.filter((schedule) => schedule.userId === userId);
  const member = command === 'preview' && !(await isAdmin(deps, userId));
  if (member && own.length === 1 && own[0] && !why) return own[0];
  if (!only)
    throw new UserError(
      'DIGEST_NOT_FOUND',
      `There is no digest to ${command === 'now' ? 'post' : 'preview'} yet. Add one with /brief ${addUsage}`,
    );
  const choices = schedules
    .slice(0, 10)
    .map((schedule) =>
      // Only the asker's own follows are among them.
      schedule.userId === null
        ? `${schedule.id}: <#${schedule.channelId}> ${describeTiming(schedule)}, ${topicsText(schedule)}`
        : `${schedule.id}: your follow of ${topicsText(schedule)} (DMs) ${describeTiming(schedule)}`,
    )
    .join(' · ');
  const more = schedules.length > 10 ? ` …and ${schedules.length - 10} more (/brief digest list)` : '';
  throw new UserError(
    'USAGE',
    `${why}Which digest? There ${schedules.length === 1 ? 'is 1' : `are ${schedules.length}`} (${choices}${more}). Say which by number or channel: /brief digest ${command} ${((member && own[0]) || only).id}.`,
  );
}

/**
 * "top 8 of 23" and how to get more: an admin edits the digest; a member, who cannot, gets the
 * follow that brings its first topic to their DMs with room for them (an admin can raise the size).
 */
async function memberLeftOut(
  deps: Deps,
  userId: string,
  schedule: Parameters<typeof leftOutHeading>[0],
  candidates: number,
): Promise<ReturnType<typeof leftOutHeading>> {
  const heading = leftOutHeading(schedule, candidates);
  if (!heading.raiseWith || schedule.userId !== null || (await isAdmin(deps, userId))) return heading;
  const [topic] = JSON.parse(schedule.topics) as string[];
  const raise = raisedMax(schedule.maxItems, candidates);
  return {
    ...heading,
    // Rendered inside backticks: the follow, then the admin's edit, each its own code span.
    raiseWith: `follow ${topic ?? 'everything'} daily 07:00 max ${raise}\` in your DMs, or ask ${await adminsToAsk(deps)} to run \`/brief ${heading.raiseWith}`,
  };
}

/** Words around a digest's topic in "digest preview my acme digest": not the topic. */
const previewFiller = new Set([
  'my',
  'the',
  'a',
  'digest',
  'digests',
  'follow',
  'follows',
  'of',
  'for',
  'on',
  'about',
]);

/**
 * The digest `digest preview` names: a number or channel, as other verbs take; or words such as
 * "my acme digest", read as the topics of one of the asker's follows or of a channel digest. None
 * found is asked about with every digest the asker may preview, their follows included.
 */
async function previewTarget(deps: Deps, userId: string, args: string) {
  const typed = words(args);
  const [first = ''] = typed;
  if (typed.length === 0) return onlyDigest(deps, userId, 'preview');
  if (/^#?\d{1,9}$/.test(first) || parseMention(first) || first.startsWith('#'))
    return findScheduleFor(deps, first, 'preview', userId);
  const wanted = typed.map((word) => word.toLowerCase()).filter((word) => !previewFiller.has(word));
  const mine = typed.some((word) => word.toLowerCase() === 'my');
  const matches = (await previewable(deps, userId)).filter((schedule) => {
    const topics = JSON.parse(schedule.topics) as string[];
    // "my everything digest", "all topics": a digest of every topic.
    const named = (word: string) =>
      topics.includes(word) ||
      (followsEverything(schedule) && /^(?:everything|all|every|topics?)$/.test(word));
    return wanted.length > 0 && wanted.every(named) && (!mine || schedule.userId);
  });
  // One's own follow first: "acme" is the asker's acme follow before a channel's acme digest.
  const [chosen] = [...matches].sort((a, b) => Number(!!b.userId) - Number(!!a.userId));
  if (chosen && (matches.length === 1 || chosen.userId)) return chosen;
  return onlyDigest(deps, userId, 'preview', `No single digest is "${typed.join(' ')}". `);
}

/**
 * A preview waits at most this long for the feeds not read for half an hour (a digest waits 20 s):
 * what a slower feed brings is stored when it answers, and in the digest.
 */
export const previewRefreshMs = 5_000;

/** What a digest would say now, shown only to the asker; nothing is posted or reserved. */
async function previewDigest(deps: Deps, userId: string, args: string): Promise<Message> {
  const schedule = pauseEndedAsRunning(await previewTarget(deps, userId, args), deps.clock.now());
  await refuseNoTopics(deps, schedule, 'preview');
  // The quiet feeds read first, as the digest will read them: the preview shows what it would post.
  await refreshBeforeDigest(deps, previewRefreshMs).ready;
  const now = deps.clock.now();
  // The runner's window (since the last digest that went out) and its exclusions: what the next run posts.
  const { since: sinceMs, previousCount } = nextDigestWindow(deps.db.sqlite, schedule.id, now);
  const since = new Date(sinceMs);
  const topics = JSON.parse(schedule.topics) as string[];
  const period =
    schedule.cadence === Cadence.Weekdays
      ? 'back to the previous weekday, Friday on a Monday'
      : schedule.cadence === Cadence.Weekly
        ? weeklyDays(schedule).length > 1
          ? 'back to its previous day'
          : 'a week'
        : 'a day';
  const firstWindow = `its first digest looks back one period of its schedule (${period}); later ones read since the one before`;
  // On the digest's own clock, its zone named: a Berlin follow's 01:34 is a UTC channel's 00:34.
  const sinceAt = windowStartText(since, schedule.timezone);
  const selected = selectDigest(
    deps.db.sqlite,
    { id: schedule.id, channelId: schedule.channelId, topicNames: topics, maxItems: schedule.maxItems },
    loadCandidates(deps.db.sqlite, since, now),
    topicIdsByName(deps.db.sqlite),
    since,
    now,
  );
  // Shown and numbered as the digest's thread will be.
  const digest = { ...selected, items: inThreadOrder(selected.items) };
  // A follow is the asker's own, named by its topic, never as a channel.
  // The title is plain text (escaped): another's follow is named by its owner in a line of its own.
  const owner = schedule.userId === userId ? 'your' : "a member's";
  // A paused digest previews what it would post, said so nobody takes it for running: in the one set
  // of brackets, and as plain text (the title is bold; code inside bold shows its marks).
  const timing = `${describeTiming(schedule)}${
    schedule.status === ScheduleStatus.Paused
      ? schedule.pausedUntil
        ? `; paused until ${pauseEnd(schedule, schedule.pausedUntil).day}, back by itself then, or sooner with /brief digest resume ${schedule.id}`
        : `; paused: nothing is posted until /brief digest resume ${schedule.id}`
      : ''
  }`;
  const title =
    schedule.userId === null
      ? `Preview of digest ${schedule.id} (${timing})`
      : topics.length
        ? `Preview of ${owner} ${topics.join(', ')} follow (digest ${schedule.id}, ${timing})`
        : `Preview of ${owner} follow of every topic (digest ${schedule.id}, ${timing})`;
  if (digest.items.length === 0)
    return noticeMessage(
      `${title} ${schedule.userId === null ? `for <#${schedule.channelId}>` : schedule.userId === userId ? 'in your DMs' : `in <@${schedule.userId}>'s DMs`}: nothing new ${previousCount === null ? `since ${sinceAt}` : `since the last digest (${sinceAt})`} for ${topics.join(', ') || 'its topics'}${previousCount === null ? `: ${firstWindow}` : ''}.${backlogRemark(deps, since, now, topics, previousCount === null)}${(await emptyQueriesRemark(deps, topics, userId)) || ` Check again later with /brief digest preview ${schedule.id}.`}`,
    );
  // As the digest will read, the model's gist included.
  const gist = await digestGist(deps, topics, digest.items);
  const parent = digestParentMessage(
    {
      title,
      // A follow's preview is for the asker's DMs, no channel.
      ...(schedule.userId === null ? { channelId: schedule.channelId } : {}),
      since,
      timeZone: schedule.timezone,
      previousCount,
      gist,
      ...(await memberLeftOut(deps, userId, schedule, digest.candidates)),
      recent: publishedSince(digest, since),
    },
    digest.items,
  );
  // A preview is only the asker's: its Not relevant and Mute source would change the channel's real
  // digests, so only admins get them, told so.
  // A follow's feedback buttons would act on its owner's DMs: not offered in an admin's preview of it.
  const admin = (await isAdmin(deps, userId)) && schedule.userId === null;
  const thread = digestThreadMessages(schedule.channelId, digest.items, now, {
    feedback: admin,
    since,
    conversations: conversationsAbout(deps, digest.items),
  }).flatMap((part) => part.message.blocks);
  await keepDigestShown(deps, userId, title, digest.items);
  const first = previousCount === null ? [context(`Since ${sinceAt}: ${firstWindow}.`)] : [];
  const whose =
    schedule.userId && schedule.userId !== userId
      ? [context(`<@${schedule.userId}>'s follow, in their DMs; only they change it.`)]
      : [];
  const note = context(
    admin
      ? `Not relevant and Mute source here apply to <#${schedule.channelId}>'s real digests; \`/brief digest unmute ${schedule.id} <feed number>\` (or \`… all\`) undoes them, and \`/brief digest unmute ${schedule.id}\` lists them.`
      : 'Not relevant and Mute source come with the posted digest.',
  );
  // The post's "in the thread" is the part below, here in the same message: a line between them says where it starts.
  const threadStart = [divider(), context('*The thread under the post:*')];
  return message(
    parent.text,
    capBlocks([...parent.blocks, ...whose, ...first, note, ...threadStart, ...thread]),
  );
}

/**
 * " Topic pricing's query `zzzqqq` matches nothing from the last 7 days: …": why a digest of named
 * topics stays empty when a query was narrowed too far, not news that may come later. "" otherwise.
 */
async function emptyQueriesRemark(deps: Deps, topics: string[], userId: string): Promise<string> {
  if (topics.length === 0) return '';
  const empty = (await listTopics(deps)).filter(
    (topic) => topics.includes(topic.name) && topic.items7d === 0,
  );
  if (empty.length === 0) return '';
  const named = empty.map((topic) => `${escapeText(topic.label)}'s query \`${topic.query}\``).join(' and ');
  const fix = (await isAdmin(deps, userId))
    ? `\`/brief topics edit ${empty[0]?.name} <query>\` changes it (\`/brief changes ${empty[0]?.name}\` shows who changed it last)`
    : `ask ${await adminsToAsk(deps)} to change it (\`/brief topics edit\`)`;
  return ` Topic ${named} ${empty.length === 1 ? 'matches' : 'match'} nothing from the last 7 days, so nothing new will come until it changes: ${fix}.`;
}

/**
 * " 14 items from before the feeds were added are not announced; …": why a new setup's window holds
 * nothing new while answers count those items. Nothing when there are none.
 */
function backlogRemark(deps: Deps, since: Date, now: Date, topics: string[], first: boolean): string {
  const kept = countBacklog(deps.db.sqlite, since, now, topics);
  if (kept === 0) return '';
  const items =
    kept === 1
      ? '1 item from before its feed was added is'
      : `${kept} items from before the feeds were added are`;
  return ` ${items} not announced (answers count them)${first ? '; the first digest will carry what arrives from now on' : ''}.`;
}

const followUsage =
  'Usage: /brief follow <topic or everything> [daily|weekdays|weekly mon] [07:00] [time zone, e.g. Europe/Berlin; yours by default] [max 8] [quiet: skip|note]';

/** /brief follow <topic> [daily 07:00] and /brief unfollow <topic>: personal digests in DMs. */
export async function followCommand(
  deps: Deps,
  userId: string,
  args: string,
  stop: boolean,
): Promise<Message> {
  refuseFollowForOthers(args, stop);
  const [typedTopic, ...rest] = words(plainText(args));
  // Topic keys are lowercase, without accents: "OUTAGES" is outages, "Économie" economie.
  const typedName = typedTopic?.replace(/,+$/, '');
  const topic = typedName ? topicNameKey(typedName) : typedName;
  if (!topic && stop) return noticeMessage(await whichFollowToStop(deps, userId));
  // A question back, as `unfollow` alone asks which: no fault, so no warning sign.
  if (!topic) return noticeMessage(await whichTopicToFollow(deps));
  const everything = await everythingAsked(deps, [typedTopic ?? '', ...rest]);
  // "unfollow all" stops every follow; "unfollow everything" the follow of every topic, when there is one.
  if (stop && everything && everything.phrase !== 'all' && (await findFollow(deps, userId, null)))
    return unfollowEverything(deps, userId);
  if (stop && /^(?:all|everything)$/i.test(topic)) return unfollowAll(deps, userId, rest);
  if (stop) {
    const others = await otherTopicsNamed(deps, userId, topic, rest);
    if (others.followed.length === 0) await refuseLeaveOut(deps, userId, [topic, ...others.notFollowed]);
    await refuseUnfollowed(deps, userId, topic, [typedTopic ?? '', ...rest].join(' '));
    if (others.followed.length > 0 || others.notFollowed.length > 0)
      return unfollowSeveral(deps, userId, [topic, ...others.followed], others.notFollowed);
    const [named] = topicLabelsOf(deps.db.sqlite, [topic]);
    const [stopped] = await unfollow(deps, userId, topic);
    const again = stopped ? followScheduleWords(stopped) : 'daily 07:00';
    // While every topic is followed, following one again would be refused: not offered.
    const still = await stillEverything(deps, userId, [topic]);
    return noticeMessage(
      still
        ? `You no longer get the ${named} digest.${still}`
        : `You no longer get the ${named} digest. Follow it again with \`/brief follow ${topic} ${again}\`; \`/brief my follows\` shows what you still follow.`,
    );
  }
  if (everything) return followEverything(deps, userId, everything.schedule);
  await refuseEverythingBut(deps, [typedTopic ?? '', ...rest]);
  await refuseSeveralTopics(deps, typedTopic ?? '', rest);
  await refuseTopicInWords(deps, topic, rest);
  await refuseQuestion(deps, topic, rest);
  const timing = await readFollowTiming(deps, userId, topic, rest);
  await refuseUnknownTopic(deps, topic, rest);
  const { schedule, was, unchanged, covered } = await follow(deps, userId, topic, timing);
  // Shown as typed ("Économie"); the commands name its key.
  const [named] = topicLabelsOf(deps.db.sqlite, [topic]);
  const size = schedule.maxItems === 8 ? '' : `, up to ${schedule.maxItems} items`;
  if (covered)
    return noticeMessage(
      `You already follow every topic, ${named} included: digest ${schedule.id}, ${inYourDms(schedule.when)}${size}. Nothing changed. To get ${named} on its own instead, stop that follow first: \`/brief unfollow everything\`, then \`/brief follow ${[topic, ...rest].join(' ')}\`.`,
    );
  if (unchanged)
    return noticeMessage(
      `You already follow ${named}, ${schedule.when}${size}: nothing changed. Stop with /brief unfollow ${topic}.`,
    );
  const change = was ? ` (was ${was})` : '';
  const kept = timing.keptDays ? keptDaysNote(topic, schedule, timing) : '';
  // A paused follow keeps its pause: the new schedule starts when it is resumed.
  const paused =
    schedule.status === ScheduleStatus.Paused
      ? ` It is paused, so nothing comes until \`/brief digest resume ${schedule.id}\`; then it comes on this schedule.`
      : '';
  return noticeMessage(
    `You follow ${named}: a digest ${inYourDms(schedule.when)}${size}${change}.${paused}${kept}${bareHourNote(timing.timeWord, timing.timeOfDay, timing.maxItems !== undefined)} It is digest ${schedule.id}; what it would send now: \`/brief digest preview ${schedule.id}\`.${await nothingToPostText(deps, userId, 'it')} Stop with /brief unfollow ${topic}.${zoneRemark(timing.zoneNote)}`,
  );
}

/**
 * "daily" (the default), "weekdays", "weekly mon", "every monday", "mondays": when it comes; a time,
 * a time zone (the person's own by default), and `max 5` or `quiet: note` as a channel digest takes them.
 */
async function readFollowTiming(
  deps: Deps,
  userId: string,
  followed: string | null,
  rest: string[],
): Promise<FollowTiming & { zoneNote?: string; timeWord?: string; keptDays?: boolean }> {
  const topic = followed ?? 'everything';
  let cadence: Cadence | undefined;
  let weekday: number | null = null;
  let maxWord: string | undefined;
  let quietDay: string | undefined;
  const spec: string[] = [];
  const typed = joinZoneWords(joinMeridiem(rest));
  refuseUnsupportedInterval(typed, topic);
  refuseTwoTimes(typed.join(' '), typed, 'add', topic);
  const list = everydayScheduleWords(typed);
  while (list.length) {
    const word = list.shift() as string;
    const day = /^(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*$/i.test(word) ? parseWeekday(word) : undefined;
    if (/^(?:every|on|at)$/i.test(word)) continue;
    if (/^daily$/i.test(word)) cadence = Cadence.Daily;
    else if (/^weekdays$/i.test(word)) cadence = Cadence.Weekdays;
    else if (/^weekly$/i.test(word)) cadence = Cadence.Weekly;
    else if (day !== undefined) {
      cadence = Cadence.Weekly;
      weekday = day;
    } else if (/^max[:=]?$/i.test(word)) maxWord = list.shift() ?? '';
    else if (/^max[:=]\d+$/i.test(word)) maxWord = word.slice(4);
    else if (/^quiet[:=]?$/i.test(word)) quietDay = (list.shift() ?? '').toLowerCase();
    else if (/^quiet[:=]\w+$/i.test(word)) quietDay = word.slice(6).toLowerCase();
    else spec.push(word);
  }
  const example = `/brief follow ${topic} daily 07:00 · weekdays 07:30 · weekly mon 08:00`;
  const existing = await findFollow(deps, userId, followed);
  // "weekly" alone, for a follow already weekly: its day stays.
  if (cadence === Cadence.Weekly && weekday === null && existing?.cadence === Cadence.Weekly)
    weekday = existing.weekday;
  if (cadence === Cadence.Weekly && weekday === null)
    throw new UserError(
      'USAGE',
      `Say which day for a weekly digest: /brief follow ${topic} weekly mon ${existing ? `${existing.timeOfDay} ${existing.timezone}` : '08:00'}`,
    );
  const maxItems = maxWord === undefined ? undefined : Number(maxWord);
  if (maxItems !== undefined && !(Number.isInteger(maxItems) && maxItems >= 1 && maxItems <= 50))
    throw new UserError('USAGE', `“max ${maxWord}”: a follow takes between 1 and 50 items. ${followUsage}`);
  if (quietDay !== undefined && quietDay !== QuietDay.Note && quietDay !== QuietDay.Skip)
    throw new UserError(
      'USAGE',
      `“quiet: ${quietDay}”: say quiet: skip (nothing on a quiet day, the default) or quiet: note (a line saying nothing is new). ${followUsage}`,
    );
  // A time zone may be named ("07:00 Europe/Berlin", "8am CET"); otherwise the person's own, from their profile.
  const named = spec.find(
    (word) => !parseTimeOfDay(word) && (parseTimeZone(word) || looksLikeTimeZone(word)),
  );
  const reading = named ? parseTimeZone(named) : undefined;
  const meant = named && !reading ? closestTimeZone(named) : undefined;
  if (named && meant)
    throw new UserError(
      'USAGE',
      `"${named}" is not a time zone I know. Did you mean \`/brief follow ${topic} ${rest.join(' ').replace(named, meant)}\`?`,
    );
  if (named && !reading)
    throw new UserError(
      'USAGE',
      `"${named}" is not a time zone I know. Use ${timeZoneExamples}, or leave it out to use yours.`,
    );
  // Only what was not understood is quoted: "07:00 max 3" is fine, "hourly" is not.
  const times = spec.filter((word) => word !== named && parseTimeOfDay(word));
  const unknown = spec.filter((word) => word !== named && !parseTimeOfDay(word));
  const wrongTime = unknown.find((word) => badTime.test(word));
  if (wrongTime) refuseBadTime(wrongTime);
  if (unknown.length)
    throw new UserError(
      'USAGE',
      `I don't understand "${unknown.join(' ')}". ${timeAdvice.replace(/^g/, 'G')}, and a day if you like: ${example}`,
    );
  if (times.length > 1)
    throw new UserError('USAGE', `One time per follow, not ${times.join(' and ')}: ${example}`);
  // A follow changed keeps what was not named: its days, time and zone, as a digest edit does.
  const timezone =
    reading?.zone ??
    existing?.timezone ??
    (await deps.directory.timeZone(userId)) ??
    deps.config.DEFAULT_TIMEZONE;
  const keptDays = cadence === undefined && existing !== undefined;
  return {
    cadence: cadence ?? (existing?.cadence as Cadence | undefined) ?? Cadence.Daily,
    weekday: keptDays ? existing.weekday : weekday,
    timeOfDay: times[0] ? (parseTimeOfDay(times[0]) as string) : (existing?.timeOfDay ?? '07:00'),
    timezone,
    ...(keptDays && existing.cadence !== Cadence.Daily ? { keptDays: true } : {}),
    ...(maxItems !== undefined ? { maxItems } : {}),
    ...(quietDay !== undefined ? { quietDay } : {}),
    ...(reading?.note ? { zoneNote: reading.note } : {}),
    ...(times[0] ? { timeWord: times[0] } : {}),
  };
}

/**
 * The whole follow command that gives one of the asker's follows the schedule words asked ("weekly",
 * "9am", "every friday"), what they leave out kept: a command that works as given. Weekly with no
 * day keeps a weekly follow's day, or takes Monday (`dayPicked`); `unchanged` when it is so already.
 */
export async function followChangeCommand(
  deps: Deps,
  userId: string,
  schedule: ScheduleView,
  asked: string,
): Promise<{ command: string; unchanged: boolean; dayPicked: boolean }> {
  const name = followName(schedule);
  const topic = followsEverything(schedule) ? null : name;
  const typed = everydayScheduleWords(words(asked));
  const dayPicked =
    schedule.cadence !== Cadence.Weekly &&
    typed.some((word) => word.toLowerCase() === Cadence.Weekly) &&
    !typed.some((word) => word.split(/[,/&+]+/).some((part) => parseWeekday(part) !== undefined));
  const timing = await readFollowTiming(deps, userId, topic, dayPicked ? [...typed, 'mon'] : typed);
  const existing = await findFollow(deps, userId, topic);
  const current = existing ? followScheduleWords(existing) : '';
  const after = followScheduleWords({
    ...timing,
    maxItems: timing.maxItems ?? schedule.maxItems,
    quietDay: timing.quietDay ?? schedule.quietDay,
  });
  return { command: `follow ${name} ${after}`, unchanged: after === current, dayPicked };
}

/**
 * " It still comes every Friday, as before; …": a changed follow whose days were not named keeps
 * them, said with the command that makes it daily instead (a time alone is no new cadence).
 */
function keptDaysNote(name: string, schedule: ScheduleView, timing: FollowTiming): string {
  const days = schedule.timing.replace(/ at .*$/, '').replace(/^weekdays$/, 'on weekdays');
  const daily = followScheduleWords({ ...schedule, ...timing, cadence: Cadence.Daily, weekday: null });
  return ` It still comes ${days}, as before; to have it every day: \`/brief follow ${name} ${daily}\`.`;
}

/**
 * "follow acme for @maria", "follow acme @maria": a follow goes to its owner's DMs and only they
 * start or stop one, so an admin cannot set one up for someone else; said so, with what can be done.
 */
function refuseFollowForOthers(args: string, stop: boolean): void {
  const other = words(args)
    .map(parseMention)
    .find((mention) => mention?.kind === 'user');
  if (!other) return;
  const verb = stop ? 'unfollow' : 'follow';
  throw new UserError(
    'FOLLOW_IS_OWN',
    `A follow is its owner's own: it goes to their DMs, and only they start or stop one, so nobody can ${verb} a topic for <@${other.id}>. Ask <@${other.id}> to type \`/brief follow <topic> daily 07:00\`, or give them a channel digest they are in: \`/brief digest add #channel daily 07:00 topics: <topic>\`.`,
  );
}

/** A topic that does not exist: the one meant, when close ("pricng"), as the full command to type. */
async function refuseUnknownTopic(deps: Deps, topic: string, rest: string[]): Promise<void> {
  const known = await listTopicNames(deps);
  if (known.includes(topic.toLowerCase())) return;
  // "everythng": the follow of every topic is meant, as a topic name mistyped would be.
  const guess = closest(topic, [...known, 'everything']);
  const command = `/brief follow ${[guess, ...rest].join(' ')}`;
  throw new UserError(
    'TOPIC_NOT_FOUND',
    `No topic "${topic}".${guess ? ` Did you mean \`${command}\`?` : ''} The topics are: ${topicNamesWithin(known) || 'none yet'}.`,
  );
}

/** `follow` with no topic: which topics there are, and the command for one, instead of the whole usage. */
async function whichTopicToFollow(deps: Deps): Promise<string> {
  const known = await listTopicNames(deps);
  const [first] = known;
  if (first === undefined) return `Follow which topic? ${await followHint(deps)}`;
  return `Follow which topic? The topics are: ${topicNamesWithin(known)}. \`/brief follow ${first} daily 07:00\` sends its digest to your DMs (\`/brief follow everything\`: every topic’s).`;
}

/** `unfollow all`: every follow of the asker stops, once confirmed, with the follow that brings each back. */
async function unfollowAll(deps: Deps, userId: string, rest: string[]): Promise<Message> {
  const mine = await myFollows(deps, userId);
  if (mine.length === 0) return noticeMessage(await whichFollowToStop(deps, userId));
  const names = mine.map(followLabel);
  const first = followName(mine[0] as ScheduleView);
  if (!rest.some((word) => /^(?:confirm|--yes|-y)$/i.test(word)))
    return noticeMessage(
      mine.length === 1
        ? `That stops your one follow, ${names[0]}. To stop it: \`/brief unfollow all confirm\` (or \`/brief unfollow ${first}\`).`
        : `That stops all ${countOf(mine.length, 'follow')} of yours: ${names.join(', ')}. To stop them: \`/brief unfollow all confirm\`; to stop one: \`/brief unfollow ${first}\`.`,
    );
  const again: string[] = [];
  for (const schedule of mine) {
    const [stopped] = await unfollow(deps, userId, followsEverything(schedule) ? null : followName(schedule));
    if (stopped) again.push(`\`/brief ${followAgainCommand(stopped)}\``);
  }
  return noticeMessage(
    `You no longer follow ${names.join(', ')}. To follow one again: ${again.join(' · ')}.`,
  );
}

/** "unfollow acme pricing", "unfollow acme, pricing and globex": the other topics named after the first. */
async function otherTopicsNamed(
  deps: Deps,
  userId: string,
  first: string,
  rest: string[],
): Promise<{ followed: string[]; notFollowed: string[] }> {
  const known = await listTopicNames(deps);
  const mine = (await listSchedules(deps, { userId })).flatMap((schedule) => schedule.topics.slice(0, 1));
  const named = [
    ...new Set(
      rest.map((word) => word.toLowerCase().replace(/[,.;]+$/, '')).filter((word) => known.includes(word)),
    ),
  ].filter((name) => name !== first);
  return {
    followed: named.filter((name) => mine.includes(name)),
    notFollowed: named.filter((name) => !mine.includes(name)),
  };
}

/** Stops each follow named, and says which named topics were not followed, so nothing named goes unsaid. */
async function unfollowSeveral(
  deps: Deps,
  userId: string,
  topics: string[],
  notFollowed: string[],
): Promise<Message> {
  const again: string[] = [];
  for (const topic of topics) {
    const [stopped] = await unfollow(deps, userId, topic);
    if (stopped) again.push(`\`/brief follow ${topic} ${followScheduleWords(stopped)}\``);
  }
  const digests = topics.length === 1 ? `the ${topics[0]} digest` : `the ${inWords(topics)} digests`;
  const still = await stillEverything(deps, userId, [...topics, ...notFollowed]);
  const unfollowed =
    notFollowed.length > 0 ? ` You don't follow ${inWords(notFollowed)}, so nothing changed there.` : '';
  return noticeMessage(
    still
      ? `You no longer get ${digests}.${still}`
      : `You no longer get ${digests}.${unfollowed} To follow ${topics.length === 1 ? 'it' : 'one'} again: ${again.join(' · ')}; \`/brief my follows\` shows what you still follow.`,
  );
}

/**
 * "follow the outage story": not a topic first, but a topic among the words (its plural's "s"
 * optional) is the one meant, offered as the command to type.
 */
async function refuseTopicInWords(deps: Deps, topic: string, rest: string[]): Promise<void> {
  const known = await listTopicNames(deps);
  if (known.includes(topic.toLowerCase())) return;
  const meant = rest
    .map((word) => word.toLowerCase().replace(/[^a-z0-9-]/g, ''))
    .map((word) => known.find((name) => name === word || name.replace(/s$/, '') === word.replace(/s$/, '')))
    .find(Boolean);
  if (!meant) return;
  throw new UserError(
    'TOPIC_NOT_FOUND',
    `No topic "${topic}": a follow starts with the topic. Did you mean \`/brief follow ${meant} daily 07:00\`? The topics are: ${topicNamesWithin(known)}.`,
  );
}

/** A word that starts a follow's schedule: "daily", "weekdays", "mon", "at", "07:00", "max 5". */
function startsSchedule(word: string): boolean {
  return (
    /^(?:daily|weekdays|weekly|every|on|at|(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*|max(?:[:=]\w*)?|quiet(?:[:=]\w*)?)$/i.test(
      word,
    ) || Boolean(parseTimeOfDay(word))
  );
}

/**
 * "follow anything I should worry about daily 07:00": a question, not a topic, before the schedule
 * (a word or two that ask nothing, "pricng dailly", are a topic or schedule mistyped, answered as
 * such). A follow is one topic's digest: the topics are named, and the question is offered to ask.
 */
async function refuseQuestion(deps: Deps, topic: string, rest: string[]): Promise<void> {
  const known = await listTopicNames(deps);
  if (known.includes(topic.toLowerCase())) return;
  const end = rest.findIndex(startsSchedule);
  const asked = [topic, ...rest.slice(0, end === -1 ? rest.length : end)];
  const asks =
    /^(?:what\S*|how|who|why|when|where|which|is|are|any\S*|should|do|does|did|can|tell|show|give)$/i;
  if (!(asked.length >= 3 || (asked.length === 2 && asks.test(topic)) || asked.at(-1)?.endsWith('?'))) return;
  const schedule = (end === -1 ? [] : rest.slice(end)).join(' ') || 'daily 07:00';
  const question = asked.join(' ');
  const topics = known.length
    ? `Follow one of the topics (${known.join(', ')}), e.g. \`/brief follow ${known[0]} ${schedule}\``
    : 'There are no topics to follow yet (an admin adds one with `/brief topics add <name> <query>`)';
  throw new UserError(
    'USAGE',
    `A follow is one topic's digest, not a question: “${question}”. ${topics}; to ask it now: \`/brief ${question}\`. Nothing was followed.`,
  );
}

/**
 * "unfollow what's new", "unfollow the pricing digest": no follow of the asker's by that name. Said
 * with the words as typed, what they do follow and how to stop it (a topic among the words first).
 */
async function refuseUnfollowed(deps: Deps, userId: string, topic: string, typed: string): Promise<void> {
  const mine = await myFollows(deps, userId);
  if (mine.some((follow) => followName(follow) === topic)) return;
  // Ended with its topic: that is the news, not "isn't a topic".
  const [ended] = await endedFollowsText(deps, userId, topic);
  if (ended) throw new UserError('NOT_FOLLOWING', `${ended} Nothing to stop.`);
  const said = words(typed.toLowerCase()).map((word) => word.replace(/[^a-z0-9-]/g, ''));
  const meant =
    mine.find((follow) => said.includes(followName(follow))) ??
    mine.find((follow) => closest(topic, [followName(follow)]));
  const known = await listTopicNames(deps);
  const phrase = typed.trim();
  const what =
    phrase.toLowerCase() === topic && known.includes(topic)
      ? `You don't follow ${topic}`
      : `“${phrase}” isn't ${known.includes(topic) ? 'a topic you follow' : 'a topic'}`;
  if (mine.length === 0)
    throw new UserError('NOT_FOLLOWING', `${what}. ${await whichFollowToStop(deps, userId)}`);
  const stopWith = (follow: ScheduleView) => `\`/brief unfollow ${followName(follow)}\``;
  const yours =
    mine.length === 1
      ? `you follow ${followLabel(mine[0] as ScheduleView)} (stop it with ${stopWith(mine[0] as ScheduleView)})`
      : `you follow ${followCount(mine)}: ${mine.map((follow) => `${stopWith(follow)} (${follow.timing})`).join(' · ')}`;
  throw new UserError(
    'NOT_FOLLOWING',
    meant
      ? `${what}. Did you mean ${stopWith(meant)}? Nothing was stopped.`
      : `${what}; ${yours}. Nothing was stopped.`,
  );
}

/**
 * "everything daily 07:00", "all topics at 8am", "what's new": every topic is asked for (unless a
 * topic has that name); `phrase`: the words that said so, `schedule`: the words after them.
 */
async function everythingAsked(
  deps: Deps,
  typed: string[],
): Promise<{ phrase: string; schedule: string[] } | undefined> {
  const lowered = typed.map((word) => word.toLowerCase());
  const end = lowered.findIndex((word, index) => index > 0 && startsSchedule(word));
  const phrase = (end === -1 ? lowered : lowered.slice(0, end)).join(' ').replace(/[?.!]+$/, '');
  if (
    !/^(?:all|everything|anything|all (?:the |of the )?topics|every topic|what'?s new|whatever'?s new)$/.test(
      phrase,
    )
  )
    return undefined;
  if ((await listTopicNames(deps)).includes(phrase)) return undefined;
  return { phrase, schedule: end === -1 ? [] : typed.slice(end) };
}

/**
 * `follow everything [daily 07:00]`: one digest of every topic in the asker's DMs, topics added
 * later included; their topic follows stay, each story coming once to their DMs.
 */
async function followEverything(deps: Deps, userId: string, scheduleWords: string[]): Promise<Message> {
  const known = await listTopicNames(deps);
  if (known.length === 0)
    throw new UserError(
      'USAGE',
      `There are no topics to follow yet. ${await addOneHint(deps, userId, '/brief topics add <name> <query>')} What's new, any time: \`/brief what's new\`. Nothing was followed.`,
    );
  const timing = await readFollowTiming(deps, userId, null, scheduleWords);
  const { schedule, was, unchanged } = await follow(deps, userId, null, timing);
  const size = schedule.maxItems === 8 ? '' : `, up to ${schedule.maxItems} items`;
  const stop = 'Stop with `/brief unfollow everything`.';
  if (unchanged)
    return noticeMessage(`You already follow every topic, ${schedule.when}${size}: nothing changed. ${stop}`);
  const others = (await listSchedules(deps, { userId })).filter(
    (other) => other.id !== schedule.id && other.status !== ScheduleStatus.NoTopics,
  );
  const alongside = others.length
    ? ` Your ${others.length === 1 ? 'follow' : 'follows'} of ${inWords(others.map(followLabel))} ${others.length === 1 ? 'stays' : 'stay'} too: a story comes to your DMs once, in whichever digest comes first. To keep only this one: \`/brief unfollow ${others.map(followName).join(' ')}\`.`
    : '';
  const change = was ? ` (was ${was})` : '';
  const kept = timing.keptDays ? keptDaysNote('everything', schedule, timing) : '';
  return noticeMessage(
    `You follow every topic: a digest ${inYourDms(schedule.when)}${size}${change}, with the top stories of all the topics Briefbot follows (${inWords(known).length <= 1500 ? inWords(known) : topicNamesWithin(known)}) and of any topic added later.${kept}${bareHourNote(timing.timeWord, timing.timeOfDay, timing.maxItems !== undefined)} It is digest ${schedule.id}; what it would send now: \`/brief digest preview ${schedule.id}\`.${await nothingToPostText(deps, userId, 'it')} ${stop}${alongside}${zoneRemark(timing.zoneNote)}`,
  );
}

/** `unfollow everything`: the follow of every topic stops; the asker's topic follows stay. */
async function unfollowEverything(deps: Deps, userId: string): Promise<Message> {
  const [stopped] = await unfollow(deps, userId, null);
  const again = stopped ? followAgainCommand(stopped) : 'follow everything daily 07:00';
  const left = (await listSchedules(deps, { userId })).filter(
    (schedule) => schedule.status !== ScheduleStatus.NoTopics,
  );
  const still = left.length
    ? ` You still follow ${inWords(left.map(followLabel))}; to stop ${left.length === 1 ? 'it' : 'them all'}: \`/brief unfollow ${left.length === 1 ? followName(left[0] as ScheduleView) : 'all'}\`.`
    : '';
  return noticeMessage(
    `You no longer get the digest of every topic. Follow it again with \`/brief ${again}\`.${still}`,
  );
}

/** After topic follows stopped: " You still get pricing in your follow of every topic (digest 4, …).", when so. */
async function stillEverything(deps: Deps, userId: string, topics: string[]): Promise<string> {
  const everything = await findFollow(deps, userId, null);
  return everything
    ? ` You still get ${inWords(topics)} in your follow of every topic (digest ${everything.id}, ${describeTiming(everything)}).`
    : '';
}

/** "`/brief follow acme daily 07:00` · `/brief follow globex daily 07:00`": a follow of each topic, at one schedule. */
function followEach(topics: string[], schedule: string): string {
  return topics.map((name) => `\`/brief follow ${name} ${schedule}\``).join(' · ');
}

/**
 * "follow everything except pricing": a follow is of one topic or of every topic, so none is left
 * out of it; the follows of the others are given, at the schedule typed, and the follow of every topic.
 */
async function refuseEverythingBut(deps: Deps, typed: string[]): Promise<void> {
  const lowered = typed.map((word) => word.toLowerCase().replace(/[,.;:]+$/, ''));
  const but = lowered.findIndex((word) => /^(?:except|but|minus|without|excluding)$/.test(word));
  if (
    but < 1 ||
    !/^(?:all|everything|all (?:the )?topics|every topic)$/.test(lowered.slice(0, but).join(' '))
  )
    return;
  const known = await listTopicNames(deps);
  const end = lowered.findIndex((word, index) => index > but && startsSchedule(word));
  const left = lowered.slice(but + 1, end === -1 ? undefined : end).filter((word) => known.includes(word));
  const schedule = (end === -1 ? [] : typed.slice(end)).join(' ') || 'daily 07:00';
  const kept = known.filter((name) => !left.includes(name));
  throw new UserError(
    'USAGE',
    `A follow is of one topic or of every topic, so it can't leave ${left.length ? inWords(left) : 'a topic'} out. Follow the topics you want instead: ${followEach(kept, schedule)}; or every topic: \`/brief follow everything ${schedule}\`. Nothing was followed.`,
  );
}

/**
 * "unfollow pricing" while following every topic: a follow is of one topic or of all of them, so
 * none can be left out of it; said so, with the follows that would do instead. Nothing is stopped.
 */
async function refuseLeaveOut(deps: Deps, userId: string, named: string[]): Promise<void> {
  const everything = await findFollow(deps, userId, null);
  const known = await listTopicNames(deps);
  const [first] = named;
  // A topic followed on its own is stopped as usual; a name that is no topic is answered as a slip.
  if (!everything || !first || !known.includes(first) || (await findFollow(deps, userId, first))) return;
  const topics = named.filter((name) => known.includes(name));
  const kept = known.filter((name) => !topics.includes(name));
  const instead = kept.length
    ? `To drop ${inWords(topics)}, follow the topics you want instead: \`/brief unfollow everything\`, then ${followEach(kept, followScheduleWords(everything))}.`
    : 'To stop it: `/brief unfollow everything`.';
  throw new UserError(
    'FOLLOWS_EVERYTHING',
    `You follow every topic (digest ${everything.id}, ${describeTiming(everything)}), so ${inWords(topics)} ${topics.length === 1 ? 'comes' : 'come'} in it: a follow is of one topic or of all of them, so it can't leave one out. ${instead} Nothing was stopped.`,
  );
}

/** The asker's follows, of a topic or of every topic; one left with no topic (an earlier version's) never runs and is not one. */
async function myFollows(deps: Deps, userId: string): Promise<ScheduleView[]> {
  return (await listSchedules(deps, { userId })).filter(
    (schedule) => schedule.status !== ScheduleStatus.NoTopics,
  );
}

/** "2 topics", or "every topic, and 1 topic on its own" when one follow is of every topic. */
function followCount(mine: ScheduleView[]): string {
  const alone = mine.filter((follow) => !followsEverything(follow)).length;
  if (alone === mine.length) return countOf(alone, 'topic');
  return alone
    ? `every topic, and ${countOf(alone, 'topic')} on ${alone === 1 ? 'its' : 'their'} own`
    : 'every topic';
}

/** `unfollow` alone: what the asker follows, and the command to stop each. */
async function whichFollowToStop(deps: Deps, userId: string): Promise<string> {
  const mine = await myFollows(deps, userId);
  if (mine.length === 0) {
    const ended = await endedFollowsText(deps, userId);
    return `You follow nothing, so there is nothing to stop.${ended.length ? ` ${ended.join(' ')}` : ''} ${await followHint(deps)}`;
  }
  const each = mine.map((schedule) => `\`/brief unfollow ${followName(schedule)}\` (${schedule.timing})`);
  return `Which follow? You follow ${followCount(mine)}: ${each.join(' · ')}.`;
}

/**
 * "follow pricing, acme daily 07:00": one follow is one topic, so each gets its own command, never
 * a schedule read from the second topic's name.
 */
async function refuseSeveralTopics(deps: Deps, typed: string, rest: string[]): Promise<void> {
  const known = new Set(await listTopicNames(deps));
  const topics = typed.toLowerCase().split(',').filter(Boolean);
  let afterComma = typed.endsWith(',');
  // "acme vs globex": a side by side is asked, not followed; its sides can be.
  const versus = /^(?:vs\.?|versus|v\.?|against)$/i.test(rest[0] ?? '') && rest.length > 1;
  let index = versus ? 1 : 0;
  for (; index < rest.length; index++) {
    const word = rest[index] as string;
    const parts = word.split(',').filter(Boolean);
    if (/^(?:and|&)$/i.test(word)) continue;
    if (!afterComma && !(versus && index === 1) && !parts.every((part) => known.has(part.toLowerCase())))
      break;
    topics.push(...parts.map((part) => part.toLowerCase()));
    afterComma = word.endsWith(',');
  }
  if (topics.length < 2) return;
  const schedule = rest.slice(index).join(' ') || 'daily 07:00';
  const each = topics.map((name) => `\`/brief follow ${name} ${schedule}\``).join(', then ');
  throw new UserError(
    'USAGE',
    versus
      ? `A side by side can't be followed: a follow is one topic's digest. Follow each side, ${each}; \`/brief ${topics.join(' vs ')}\` compares them any time. Nothing was followed yet.`
      : `Follow one topic at a time: ${each}; or every topic in one digest: \`/brief follow everything ${schedule}\`. Nothing was followed yet.`,
  );
}
