import {
  followHint,
  followName,
  followSettings,
  followsEverything,
  listSchedules,
  ScheduleStatus,
  type ScheduleView,
  topicsText,
} from '../briefing/schedules.ts';
import type { Deps } from '../deps.ts';
import { inWords } from '../format.ts';
import type { Message } from '../slack/blocks/common.ts';
import { noticeMessage } from '../slack/blocks/replies.ts';

/**
 * What people say to Briefbot that is no question about the feeds: the command it means
 * ("what can you do" is help, "sources" the feeds list), or a reply of its own ("thanks").
 */
export type Said = { command: string } | { follows: true } | { reply: string };

const sayings: Array<[RegExp, Said]> = [
  [
    /^(?:what\s+(?:can|do)\s+(?:you|i)\s+(?:do|ask(?:\s+you)?)|what\s+are\s+you|who\s+are\s+you|how\s+do(?:es)?\s+(?:this|it|you|briefbot)\s+work|how\s+do\s+i\s+use\s+(?:this|you|it|briefbot)|commands)$/i,
    { command: 'help' },
  ],
  [
    /^(?:what\s+(?:am\s+i|do\s+i)\s+(?:following|follow|subscribed\s+to)|(?:(?:list|show)\s+(?:me\s+)?)?my\s+(?:follows?|following|digests?|subscriptions?|topics)|(?:list|show)\s+(?:me\s+)?follows|follows|following)$/i,
    { follows: true },
  ],
  [
    /^(?:who\s+(?:are|is)\s+(?:the|our)\s+(?:experts?|smes?|subject[-\s]matter\s+experts)|list\s+(?:the\s+)?experts)$/i,
    { command: 'sme list' },
  ],
  [
    /^(?:(?:the\s+|your\s+|my\s+|our\s+)?sources|what\s+(?:sources|feeds)\s+do\s+you\s+(?:read|use|follow|watch)|what\s+do\s+you\s+read|what\s+are\s+your\s+sources|which\s+(?:sources|feeds))$/i,
    { command: 'feeds list' },
  ],
  [
    /^(?:(?:ok(?:ay)?|great|perfect|cool|nice|awesome)[\s,]+)?(?:thanks?(?:\s+(?:you|a\s+lot|so\s+much))?|thx|ty|cheers|much\s+appreciated|got\s+it|great|perfect|cool|nice|awesome)$/i,
    {
      reply:
        'You’re welcome. Ask again any time, e.g. `/brief what’s new` or `/brief what are customers saying about pricing`.',
    },
  ],
];

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
  const said = text
    .trim()
    .replace(/[\s?.!]+$/, '')
    .replace(/^(?:hey|hi|ok(?:ay)?|so|please)[\s,]+/i, '');
  // "who are the experts on pricing": who covers that topic.
  const beat = /^who\s+(?:are|is)\s+(?:the|our)\s+(?:experts?|smes?)\s+(?:on|for|covering)\s+(\S+)$/i.exec(
    said,
  );
  if (beat) return { command: `sme list ${beat[1]}` };
  // "stop following acme", "unsubscribe from pricing": the unfollow they mean, never a search.
  const stop =
    /^(?:stop|quit|cancel)\s+(?:following|my\s+follow\s+(?:of|on)|my\s+subscription\s+to)(?:\s+(.+))?$|^(?:unsubscribe|un-subscribe)(?:\s+(?:from|to)|\s+me\s+from)?(?:\s+(.+))?$|^(?:no\s+longer|don['’]?t|do\s+not)\s+follow\s+(.+?)(?:\s+any\s*more)?$/i.exec(
      said,
    );
  if (stop) return { command: `unfollow ${stop[1] ?? stop[2] ?? stop[3] ?? ''}`.trim() };
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
  if (mine.length === 0) return noticeMessage(`You follow nothing yet. ${await followHint(deps)}`);
  const lines = mine.map(
    (schedule) =>
      `• ${topicsText(schedule)} (digest ${schedule.id}): ${schedule.when}${followSettings(schedule)} · stop \`/brief unfollow ${followName(schedule)}\` · ${followPauseCommand(schedule)}`,
  );
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

/** "pause `/brief digest pause 3`", or the resume of a paused follow. */
function followPauseCommand(schedule: ScheduleView): string {
  return schedule.status === ScheduleStatus.Paused
    ? `resume \`/brief digest resume ${schedule.id}\``
    : `pause \`/brief digest pause ${schedule.id}\``;
}
