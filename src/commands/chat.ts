import { listTopics } from '../analysis/topics.ts';
import {
  emptyFollowNote,
  followHint,
  followLabel,
  followName,
  followSettings,
  followsEverything,
  isFollowNamed,
  listSchedules,
  ScheduleStatus,
  type ScheduleView,
  topicsText,
} from '../briefing/schedules.ts';
import { followReader } from '../briefing/setup.ts';
import { endedFollowsText } from '../db/removals.ts';
import type { Deps } from '../deps.ts';
import { inWords } from '../format.ts';
import type { Message } from '../slack/blocks/common.ts';
import { noticeMessage } from '../slack/blocks/replies.ts';
import { isAdmin } from './access.ts';
import { followChangeCommand } from './digest.ts';

/**
 * What people say to Briefbot that is no question about the feeds: the command it means
 * ("what can you do" is help, "sources" the feeds list), or a reply of its own ("thanks").
 */
export type Said = { command: string } | { follows: true } | { reply: string } | { myDigest: MyDigest };

/** "stop my digest", "make it weekly": what to do with the asker's own digest, and which one if named. */
export type MyDigest = {
  action: 'stop' | 'pause' | 'resume' | 'change' | 'preview';
  which?: string;
  schedule?: string;
};

// "my digest", "the pricing digest", "these DMs", "my daily briefing": the digest (or follow) meant.
const digestNoun = String.raw`(?:(?:all\s+(?:of\s+)?(?:my|the|our)|my|our|the|this|these|those|your|that|all)\s+)?(?:([a-z][\w-]*)\s+)??(?:(?:daily|weekly|morning|personal|email|dm)\s+)?(?:digests?|follows?|briefings?|summar(?:y|ies)|dms?|direct\s+messages|subscriptions?)`;
const myDigestSayings: Array<[RegExp, MyDigest['action']]> = [
  [
    new RegExp(
      String.raw`^(?:stop|cancel|end|kill|disable|turn\s+off|switch\s+off|shut\s+off|unsubscribe(?:\s+me)?\s+from|opt\s+out\s+of|no\s+more|i\s+don['’]?t\s+want|get\s+rid\s+of)\s+${digestNoun}(?:\s+(?:any\s*more|please))?$|^(?:turn|switch|shut)\s+${digestNoun}\s+off(?:\s+please)?$|^stop\s+(?:sending|messaging|dm(?:['’]?ing)?|emailing)\s+(?:me)(?:\s+${digestNoun}|\s+(?:these|this|them|it|anything|stuff))?(?:\s+(?:any\s*more|please))?$|^stop(?:\s+(?:it|this|that|these|them))?(?:\s+please)?$`,
      'i',
    ),
    'stop',
  ],
  [
    new RegExp(
      String.raw`^(?:pause|hold|suspend|snooze|mute|put\s+on\s+hold)\s+${digestNoun}(?:\s+(?:for\s+now|for\s+a\s+while|please))?$|^put\s+${digestNoun}\s+on\s+hold(?:\s+(?:for\s+now|for\s+a\s+while|please))?$`,
      'i',
    ),
    'pause',
  ],
  [
    new RegExp(
      String.raw`^(?:resume|unpause|restart|turn\s+on|turn\s+back\s+on|switch\s+(?:back\s+)?on|start)\s+${digestNoun}(?:\s+(?:again|please))?$|^(?:turn|switch)\s+${digestNoun}\s+(?:back\s+)?on(?:\s+(?:again|please))?$`,
      'i',
    ),
    'resume',
  ],
  [
    // "preview my digest", "show me my pricing digest": with "my", and one, as "show digests" and "show me my digests" list them.
    new RegExp(
      String.raw`^(?:preview\s+${digestNoun}|(?:show|see)(?:\s+me)?\s+(?:a\s+)?preview\s+of\s+${digestNoun}|(?:show|see)(?:\s+me)?\s+my\s+(?:([a-z][\w-]*)\s+)?(?:digest|follow|briefing))(?:\s+please)?$`,
      'i',
    ),
    'preview',
  ],
];

/** "make it weekly", "send my digest at 9am instead", "less often please": a change to one's digest. */
function readDigestChange(said: string): MyDigest | undefined {
  const often = new RegExp(
    String.raw`^(?:(?:can\s+(?:it|you\s+make\s+it)\s+come|(?:send|make)\s+(?:it|them|${digestNoun})|${digestNoun})\s+)?(?:less|more)\s+(?:often|frequently|frequent)(?:\s+please)?$`,
    'i',
  );
  if (often.test(said))
    return {
      action: 'change',
      schedule: /\bmore\s+(?:often|frequent)/i.test(said) ? 'more often' : 'less often',
    };
  if (/^(?:fewer|not\s+so\s+many)\s+(?:digests|dms|messages)(?:\s+please)?$/i.test(said))
    return { action: 'change', schedule: 'less often' };
  const change = new RegExp(
    String.raw`^(?:make|change|move|switch|set|send|have)\s+(?:it|them|${digestNoun})\s+(?:to\s+|come\s+|arrive\s+)?(.+?)(?:\s+instead)?(?:\s+please)?$`,
    'i',
  ).exec(said);
  const schedule = change?.[2]?.replace(/^(?:to|on|at)\s+/i, '') ?? '';
  // Only schedule words: "send it to maria" is no change of schedule.
  const scheduleWord =
    /^(?:daily|weekly|weekdays|every|each|on|at|mon|tue|wed|thu|fri|sat|sun|\d{1,2}(?::\d\d)?(?:am|pm)?|am|pm|mornings?|day|week|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|instead|and)$/i;
  if (!change || !schedule.split(/\s+/).every((word) => scheduleWord.test(word))) return undefined;
  return { action: 'change', schedule, ...(change[1] ? { which: change[1].toLowerCase() } : {}) };
}

/** Slack's emoji codes, `:fire:`, `:+1::skin-tone-2:` (never a time's "10:30:"). */
const slackEmoji = /:(?:[a-z][a-z0-9_'+-]*|\+1|-1):/gi;
/** Emoji typed as characters, with their skin tones and joiners. */
const pictographs = /[\p{Extended_Pictographic}\p{Emoji_Modifier}]|\ufe0f|\u200d/gu;
/** 👍 🙏 👌 👏 🙌 ❤️ (and their Slack codes): thanks, as "thanks" is. */
const thanksEmoji =
  /👍|🙏|👌|👏|🙌|❤|:(?:\+1|thumbsup|pray|ok_hand|clap|raised_hands|heart|skin-tone-\d):|\p{Emoji_Modifier}|\ufe0f|\s/gu;
const thanksReply =
  'You’re welcome. Ask again any time, e.g. `/brief what’s new` or `/brief what are customers saying about pricing`.';

/** The reply to emoji alone: a thank-you's, or how to ask. */
function wordlessReply(whole: string): string {
  if (whole.replace(thanksEmoji, '') === '') return thanksReply;
  return 'I read questions in words, e.g. `/brief what’s new this week` or `/brief what are customers saying about pricing`; `/brief help` lists the rest.';
}

const sayings: Array<[RegExp, Said]> = [
  [
    /^(?:what\s+(?:can|do)\s+(?:you|i)\s+(?:do|ask(?:\s+you)?)(?:\s+for\s+(?:me|us))?|how\s+can\s+you\s+help(?:\s+(?:me|us))?|what\s+are\s+you|who\s+are\s+you|how\s+do(?:es)?\s+(?:this|it|you|briefbot)\s+work|how\s+do\s+i\s+use\s+(?:this|you|it|briefbot)|commands)$/i,
    { command: 'help' },
  ],
  [
    /^(?:what\s+(?:am\s+i|do\s+i)\s+(?:following|follow|subscribed\s+to)|(?:(?:list|show)\s+(?:me\s+)?)?my\s+(?:follows?|following|digests?|subscriptions?|topics)|(?:list|show)\s+(?:me\s+)?follows|follows|following)$/i,
    { follows: true },
  ],
  // "my claims", "what's on my plate": an expert's own conversations, never a search for "claims".
  [
    /^(?:(?:(?:list|show)\s+(?:me\s+)?)?my\s+(?:open\s+)?(?:claims|conversations)|what\s+(?:have|did)\s+i\s+claim(?:ed)?|what(?:['’]?s|\s+is)\s+on\s+my\s+plate)$/i,
    { command: 'claims' },
  ],
  [
    /^(?:who\s+(?:are|is)\s+(?:the|our)\s+(?:experts?|smes?|subject[-\s]matter\s+experts)|list\s+(?:the\s+)?experts)$/i,
    { command: 'sme list' },
  ],
  [
    /^(?:(?:the\s+|your\s+|my\s+|our\s+)?sources|what\s+(?:sources|feeds)\s+do\s+you\s+(?:read|use|follow|watch)|what\s+do\s+you\s+read|what\s+are\s+your\s+sources|which\s+(?:sources|feeds))$/i,
    { command: 'feeds list' },
  ],
  // "settings", "my preferences": where each setting is, never a search for the word.
  [
    /^(?:(?:my|your|the|briefbot(?:['’]s)?)\s+)?(?:settings|preferences|prefs|options|config(?:uration)?)$/i,
    {
      reply:
        'Briefbot’s settings are its commands. Your own digests in your DMs: `/brief my follows` (start one with `/brief follow pricing daily 07:00`). What it reads and follows: `/brief feeds list`, `/brief topics list`; digests in channels: `/brief digest list` (Briefbot admins change those). Every command: `/brief help`.',
    },
  ],
  [
    /^(?:(?:ok(?:ay)?|great|perfect|cool|nice|awesome)[\s,]+)?(?:thanks?(?:\s+(?:you|a\s+lot|so\s+much))?|thx|ty|cheers|much\s+appreciated|got\s+it|great|perfect|cool|nice|awesome)$/i,
    { reply: thanksReply },
  ],
];

// "hi", "hello there", "good morning": a greeting back and two questions to try, not the week's briefing.
const greeting =
  /^(?:hey|hi|hello|hiya|howdy|yo|(?:good\s+)?(?:morning|afternoon|evening))(?:[\s,]+(?:there|briefbot|all|everyone|team))?$/i;
const greetingReply =
  'Hello! Ask me about the news Briefbot follows, e.g. `/brief what’s new this week` or `/brief what are customers saying about pricing`.';

/**
 * "what's waiting for me", "anything for me?", "what do I need to do", "anything I need to respond
 * to": the asker's own queue, in words of the first person (never "us" or "we", the team's).
 */
const forMe = [
  /^(?:is\s+there\s+)?(?:anything|something|what(?:['’]?s|\s+is)?)\s+(?:(?:still\s+)?waiting\s+(?:for|on)\s+me|for\s+me(?:\s+to\s+(?:do|respond\s+to|reply\s+to|answer|claim))?|on\s+me)(?:\s+(?:today|now|yet|still))?$/i,
  /^what\s+(?:do|should|must|can)\s+i\s+(?:(?:still\s+)?(?:need|have|ought)\s+to\s+)?(?:do|work\s+on|look\s+at)(?:\s+(?:today|now|next|first))?$/i,
  /^(?:(?:what(?:['’]?s|\s+is)\s+(?:in\s+|on\s+)?)|(?:show\s+(?:me\s+)?))?my\s+(?:queue|to-?do(?:\s+list)?|inbox|tasks)$/i,
];

/** Whether a question asks what waits for the asker themself (`respond`: it already reads as "what waits on us"). */
export function asksWhatWaitsForMe(question: string, respond = false): boolean {
  const said = question
    .trim()
    .replace(/[\s?.!]+$/, '')
    .replace(/^(?:hey|hi|ok(?:ay)?|so|please)[\s,]+/i, '');
  if (forMe.some((pattern) => pattern.test(said))) return true;
  return respond && /\b(?:i|me|my)\b/i.test(said) && !/\b(?:we|us|our)\b/i.test(said);
}

/** The command that lists what "list <things>" names. */
const listCommands: Record<string, string> = {
  feeds: 'feeds list',
  topics: 'topics list',
  digests: 'digest list',
  nudges: 'nudge list',
  claims: 'claims',
};

/** What a /brief text that is no question means, or null for a question. */
export function readSaying(text: string): Said | null {
  const typed = text.trim().replace(/[\s?.!]+$/, '');
  // "?" alone asks what Briefbot does; emoji alone ask nothing: neither is the week's briefing.
  if (typed === '') return { command: 'help' };
  // "thanks 👍", "great thanks :pray:": the words are what is said.
  const whole = typed
    .replace(slackEmoji, ' ')
    .replace(pictographs, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?.!,]+$/, '');
  if (!/[\p{L}\p{N}]/u.test(whole)) return { reply: wordlessReply(typed) };
  if (greeting.test(whole)) return { reply: greetingReply };
  const said = whole.replace(/^(?:hey|hi|ok(?:ay)?|so|please)[\s,]+/i, '');
  // "who are the experts on pricing": who covers that topic.
  const beat = /^who\s+(?:are|is)\s+(?:the|our)\s+(?:experts?|smes?)\s+(?:on|for|covering)\s+(\S+)$/i.exec(
    said,
  );
  if (beat) return { command: `sme list ${beat[1]}` };
  // "stop my digest", "pause my briefing", "make it weekly": the asker's own digest, never a search.
  const mine = myDigestSayings.find(([pattern]) => pattern.test(said));
  if (mine) {
    const which = (mine[0].exec(said)?.slice(1).find(Boolean) ?? '').toLowerCase();
    return { myDigest: { action: mine[1], ...(which ? { which } : {}) } };
  }
  const change = readDigestChange(said);
  if (change) return { myDigest: change };
  // "stop following acme", "unsubscribe from pricing": the unfollow they mean, never a search.
  const stop =
    /^(?:stop|quit|cancel)\s+(?:following|my\s+follow\s+(?:of|on)|my\s+subscription\s+to)(?:\s+(.+))?$|^(?:unsubscribe|un-subscribe)(?:\s+(?:from|to)|\s+me\s+from)?(?:\s+(.+))?$|^(?:no\s+longer|don['’]?t|do\s+not)\s+follow\s+(.+?)(?:\s+any\s*more)?$/i.exec(
      said,
    );
  if (stop) return { command: `unfollow ${stop[1] ?? stop[2] ?? stop[3] ?? ''}`.trim() };
  // "subscribe to pricing daily 8am", "sign me up for acme": the follow they mean, never a search for "subscribe".
  const start = /^(?:subscribe|sign\s+(?:me\s+)?up)(?:\s+me)?(?:\s+(?:to|for))?(?:\s+(.+))?$/i.exec(said);
  if (start) return { command: `follow ${start[1] ?? ''}`.trim() };
  // "send me a daily digest of everything at 8am": the follow of every topic they describe.
  const digestOf =
    /^(?:(?:send|give|dm|email)\s+me|i(?:\s+want|\s+would\s+like|['’]d\s+like))\s+(?:a\s+|the\s+|my\s+)?(daily|weekly|weekday)?\s*(?:digest|summary|briefing|brief)\s+(?:of|on|about|covering|with)\s+(?:everything|all(?:\s+(?:the\s+)?topics)?|every\s+topic)\b(.*)$/i.exec(
      said,
    );
  if (digestOf) {
    const cadence = digestOf[1]?.toLowerCase().replace(/^weekday$/, 'weekdays') ?? '';
    return { command: `follow everything ${cadence} ${digestOf[2] ?? ''}`.replace(/\s+/g, ' ').trim() };
  }
  // "list topics", "show digests": the command, its words in the other order.
  const listing =
    /^(?:list|show)\s+(?:me\s+)?(?:the\s+|all\s+)?(feeds?|topics?|digests?|nudges?|claims)$/i.exec(said);
  if (listing)
    return { command: listCommands[(listing[1] ?? '').toLowerCase().replace(/s?$/, 's')] ?? 'help' };
  return sayings.find(([pattern]) => pattern.test(said))?.[1] ?? null;
}

/** "What am I following": the asker's personal digests, each with the commands that stop, pause or change it. */
export async function myFollowsMessage(deps: Deps, userId: string): Promise<Message> {
  // A follow left with no topic (before follows ended with their topic) never runs: not listed.
  const mine = (await listSchedules(deps, { userId })).filter(
    (schedule) => schedule.status !== ScheduleStatus.NoTopics,
  );
  if (mine.length === 0) {
    // A follow that ended with its topic: said, not "yet".
    const ended = await endedFollowsText(deps, userId);
    return noticeMessage(
      ended.length
        ? `You follow nothing now. ${ended.join(' ')} ${await followHint(deps)}`
        : `You follow nothing yet. ${await followHint(deps)}`,
    );
  }
  const topics = await listTopics(deps);
  const reader = await followReader(deps, userId);
  const lines = mine.map((schedule) => {
    const empty = emptyFollowNote(schedule, topics, reader);
    return `• ${topicsText(schedule)} (digest ${schedule.id}): ${schedule.when}${followSettings(schedule)} · stop \`/brief unfollow ${followName(schedule)}\` · ${followPauseCommand(schedule)}${empty ? ` · ${empty}` : ''}`;
  });
  const everything = mine.find(followsEverything);
  const alone = mine.filter((schedule) => schedule !== everything);
  // A topic followed on its own and in the follow of every topic comes once: said, with how to keep one.
  const overlap =
    everything && alone.length
      ? `\nYour follow of every topic brings ${inWords(alone.map(followName))} too: a story comes once, in whichever digest comes first. To keep only the one of every topic: \`/brief unfollow ${alone.map(followName).join(' ')}\`.`
      : '';
  const example = mine[0] as ScheduleView;
  return noticeMessage(
    `You follow:\n${lines.join('\n')}${overlap}\nTo change one, follow it again with another schedule, e.g. \`/brief follow ${followName(example)} weekly mon 08:00\` (what you leave out stays as it is).`,
  );
}

/**
 * An admin's "change the exec digest to 10" with no follow of theirs: it is about a channel digest, so
 * the digest command that does it, with the channel digests' numbers (never "an admin changes them").
 */
async function channelDigestText(deps: Deps, userId: string, asked: MyDigest): Promise<string | undefined> {
  if (!(await isAdmin(deps, userId))) return undefined;
  const channel = (await listSchedules(deps)).filter((schedule) => !schedule.personal);
  const [only] = channel;
  if (!only) return undefined;
  const id = channel.length === 1 ? String(only.id) : '&lt;number&gt;';
  // "to 10": the hour, as `at 10` reads; "less often" is no setting of a channel digest.
  const schedule = /^\d{1,2}$/.test(asked.schedule ?? '')
    ? `${asked.schedule}:00`
    : asked.schedule && !/ often$/.test(asked.schedule)
      ? asked.schedule
      : '&lt;new schedule&gt;';
  const command = {
    stop: `digest remove ${id}`,
    pause: `digest pause ${id}`,
    resume: `digest resume ${id}`,
    change: `digest edit ${id} ${schedule}`,
    preview: `digest preview ${id}`,
  }[asked.action];
  const listed = channel.map((schedule) => `${schedule.id} (<#${schedule.channelId}>, ${schedule.timing})`);
  return `You follow nothing, so this is about a channel digest: \`/brief ${command}\`. The channel digests: ${listed.join(' · ')}.`;
}

/** "pause `/brief digest pause 3`", or the resume of a paused follow. */
function followPauseCommand(schedule: ScheduleView): string {
  return schedule.status === ScheduleStatus.Paused
    ? `resume \`/brief digest resume ${schedule.id}\``
    : `pause \`/brief digest pause ${schedule.id}\``;
}

/**
 * "stop my digest", "pause my briefing", "make it weekly": the command that does it to the asker's
 * one follow (or the one named), or, when that is not one follow, their follows with the command for each.
 */
export async function myDigestCommand(
  deps: Deps,
  userId: string,
  asked: MyDigest,
): Promise<{ command: string } | { message: Message }> {
  const mine = (await listSchedules(deps, { userId })).filter(
    (schedule) => schedule.status !== ScheduleStatus.NoTopics,
  );
  // With no follow of theirs, a preview is of the channel digests, as `digest preview` asks.
  if (asked.action === 'preview' && mine.length === 0) return { command: 'digest preview' };
  if (mine.length === 0)
    return {
      message: noticeMessage(
        (await channelDigestText(deps, userId, asked)) ??
          `You follow nothing, so no digest of yours comes to your DMs. A digest in a channel is the channel's: \`/brief digest list\` shows them, and an admin changes them. ${await followHint(deps)}`,
      ),
    };
  const named = mine.filter((schedule) => isFollowNamed(schedule, asked.which ?? ''));
  // A digest named that is none of theirs ("stop my pricing digest" while following every topic):
  // the command that names it, whose reply says why nothing is done to the others.
  if (asked.which && named.length === 0) {
    const which = asked.which;
    if (asked.action === 'stop') return { command: `unfollow ${which}` };
    if (asked.action === 'preview') return { command: `digest preview ${which}` };
    if (asked.action !== 'change') return { command: `digest ${asked.action} my ${which} digest` };
    if (asked.schedule && !/ often$/.test(asked.schedule))
      return { command: `follow ${which} ${asked.schedule}` };
  }
  const meant = named.length ? named : mine;
  const paused = meant.filter((schedule) => schedule.status === ScheduleStatus.Paused);
  const [only] = asked.action === 'resume' && paused.length === 1 ? paused : meant;
  const often = /^(?:less|more) often$/.test(asked.schedule ?? '');
  if (meant.length === 1 || (asked.action === 'resume' && paused.length === 1)) {
    const one = only as ScheduleView;
    if (asked.action === 'stop') return { command: `unfollow ${followName(one)}` };
    if (asked.action === 'pause') return { command: `digest pause ${one.id}` };
    if (asked.action === 'resume') return { command: `digest resume ${one.id}` };
    if (asked.action === 'preview') return { command: `digest preview ${one.id}` };
    if (weeklyWithoutDay(asked.schedule) && one.cadence !== 'weekly')
      return {
        message: noticeMessage(
          `Your follow of ${followLabel(one)} (digest ${one.id}) comes ${one.timing}. Which day for a weekly one? \`/brief follow ${followName(one)} weekly mon ${timeOf(one)}\` (or tue, wed, thu, fri, sat, sun). Nothing changed yet.`,
        ),
      };
    if (!often) return { command: `follow ${followName(one)} ${asked.schedule ?? ''}`.trim() };
  }
  // Each follow's command in full, what was not asked kept: it works as given.
  const changes =
    asked.action === 'change' && !often
      ? await Promise.all(
          meant.map((schedule) => followChangeCommand(deps, userId, schedule, asked.schedule ?? '')),
        )
      : [];
  const each = meant.map(
    (schedule, index) =>
      `${meant.length > 1 ? '• ' : 'Your follow of '}${followLine(schedule, asked, changes[index])}`,
  );
  const all =
    asked.action === 'stop' && meant.length > 1 ? `\nAll of them: \`/brief unfollow all confirm\`.` : '';
  const anyDay = changes.some((change) => change.dayPicked && !change.unchanged)
    ? '\nMonday is only a pick: any other day works in its place (tue, wed, thu, fri, sat, sun).'
    : '';
  const which = meant.length > 1 ? `Which one? You follow ${meant.length}:\n` : '';
  return { message: noticeMessage(`${which}${each.join('\n')}${all}${anyDay}`) };
}

/** One follow, with the command that does what was asked to it ("less often": the schedules that would be). */
function followLine(
  schedule: ScheduleView,
  asked: MyDigest,
  change?: { command: string; unchanged: boolean },
): string {
  const name = followName(schedule);
  // A paused follow is said so: its timing is when it would come once resumed.
  const paused = schedule.status === ScheduleStatus.Paused ? '; paused' : '';
  const what = `${followLabel(schedule)} (digest ${schedule.id}, ${schedule.timing}${paused})`;
  if (asked.action === 'stop') return `${what}: stop \`/brief unfollow ${name}\``;
  if (asked.action === 'pause') return `${what}: pause \`/brief digest pause ${schedule.id}\``;
  if (asked.action === 'preview') return `${what}: preview \`/brief digest preview ${schedule.id}\``;
  if (asked.action === 'resume')
    return schedule.status === ScheduleStatus.Paused
      ? `${what}: resume \`/brief digest resume ${schedule.id}\``
      : `${what}: not paused`;
  if (asked.schedule === 'less often' || asked.schedule === 'more often')
    return `${what}; ${asked.schedule}: ${oftenText(schedule, asked.schedule === 'less often')}`;
  // "make it weekly" for a follow that is weekly already: nothing to offer.
  if (change?.unchanged) return `${what}: already ${asked.schedule?.replace(/\s+instead$/i, '')}`;
  return `${what}: \`/brief ${change?.command ?? `follow ${name} ${asked.schedule ?? ''}`}\``;
}

/** "weekly", "weekly instead": a weekly schedule asked for with no day named. */
function weeklyWithoutDay(schedule = ''): boolean {
  return /\bweekly\b/i.test(schedule) && !/\b(?:mon|tue|wed|thu|fri|sat|sun)/i.test(schedule);
}

/** "08:00 UTC": a follow's time and zone, as a follow command takes them. */
function timeOf(schedule: ScheduleView): string {
  const time = / at (\d\d:\d\d) /.exec(`${schedule.timing} `)?.[1] ?? '08:00';
  return `${time} ${schedule.timeZone}`;
}

/** The cadences one step less (or more) often than a follow's, each as the follow that sets it. */
function oftenText(schedule: ScheduleView, less: boolean): string {
  const name = followName(schedule);
  const at = timeOf(schedule);
  const order = ['daily', 'weekdays', 'weekly'];
  const now = order.indexOf(schedule.cadence);
  const next = less ? order.slice(now + 1) : order.slice(0, Math.max(now, 0)).reverse();
  if (next.length === 0)
    return less
      ? `it already comes once a week, the least often a follow comes; a break: \`/brief digest pause ${schedule.id}\`, or stop it: \`/brief unfollow ${name}\``
      : 'it already comes every day, the most often a follow comes';
  return next
    .map((cadence) => `\`/brief follow ${name} ${cadence === 'weekly' ? 'weekly mon' : cadence} ${at}\``)
    .join(' or ');
}
