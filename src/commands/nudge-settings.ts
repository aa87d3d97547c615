import { topicLabel } from '../analysis/topics.ts';
import type { Deps } from '../deps.ts';
import { countOf } from '../format.ts';
import {
  context,
  escapeText,
  header,
  limits,
  lineSections,
  type Message,
  message,
  section,
} from '../slack/blocks/common.ts';

/**
 * The parts of the nudge policy the server sets, by the words an admin may type for them in
 * `topics set` ("quiet=22:00-07:00"): the variable, and how to read its value now.
 */
const serverSettings = [
  { words: ['quiet', 'quiet_hours', 'quiethours'], variable: 'NUDGE_QUIET_HOURS', what: 'quiet hours' },
  {
    words: ['hours', 'working', 'working_hours', 'business', 'business_hours', 'workday'],
    variable: 'BUSINESS_HOURS',
    what: 'working hours',
  },
  {
    words: ['remind', 'reminder', 'reminders'],
    variable: 'NUDGE_REMIND_AFTER_HOURS',
    what: 'the reminder delay',
  },
  {
    words: ['escalate', 'escalation', 'escalations', 'escalate_to'],
    variable: 'NUDGE_ESCALATE_AFTER_HOURS',
    what: 'the escalation delay (where escalations go: BRIEFBOT_ALERT_CHANNEL, else BRIEFBOT_ADMINS)',
  },
  {
    words: ['reply_reminder', 'claim_reminder', 'nag'],
    variable: 'NUDGE_REPLY_REMINDER_HOURS',
    what: "the claimant's reminder delay",
  },
  {
    words: ['limit', 'daily', 'daily_limit', 'max', 'cap'],
    variable: 'NUDGE_DAILY_LIMIT',
    what: 'the daily limit',
  },
  { words: ['expire', 'expiry', 'expires', 'ttl'], variable: 'NUDGE_EXPIRE_DAYS', what: 'the expiry' },
] as const;

/**
 * Why `topics set <topic> quiet=…` changes nothing: that part of the policy is the server's, said
 * with its variable and where the whole policy is shown; null for a word that names none of it.
 */
export function serverSettingRefusal(key: string): string | null {
  const setting = serverSettings.find((entry) =>
    (entry.words as readonly string[]).includes(key.toLowerCase()),
  );
  if (!setting) return null;
  return `"${escapeText(key)}" is not set per topic: ${setting.what} is set by the server (${setting.variable}) for every topic, so ask whoever runs Briefbot. \`/brief nudge settings\` shows the whole nudge policy in force; \`topics set\` changes a topic's channel= and threshold=. Nothing was changed.`;
}

/** "4 working hours", "1 working hour". */
function workingHours(hours: number): string {
  return countOf(hours, 'working hour');
}

/** Where escalations go: the alert channel when set, else each admin by DM. */
function escalationsTo(deps: Deps): string {
  const { BRIEFBOT_ALERT_CHANNEL: channel, BRIEFBOT_ADMINS: admins } = deps.config;
  if (channel) return `to <#${channel}> (BRIEFBOT_ALERT_CHANNEL), not to the admins' DMs`;
  if (admins.length === 0)
    return 'to nobody: set BRIEFBOT_ADMINS (admins by DM) or BRIEFBOT_ALERT_CHANNEL (a channel)';
  return `to ${admins.map((id) => `<@${id}>`).join(', ')} by DM (BRIEFBOT_ADMINS; BRIEFBOT_ALERT_CHANNEL would send them to a channel instead)`;
}

/**
 * `/brief nudge settings` (or `nudge policy`): the nudge policy in force, read-only. The server's
 * part names its variables; each topic's channel and threshold are what `topics set` changes.
 */
export async function nudgeSettings(deps: Deps): Promise<Message> {
  const config = deps.config;
  const zone = config.DEFAULT_TIMEZONE;
  const remind = config.NUDGE_REMIND_AFTER_HOURS;
  const escalate = config.NUDGE_ESCALATE_AFTER_HOURS;
  // The follow-through reminds first, whatever the delays: an escalation due earlier waits for it.
  const escalation =
    escalate > remind
      ? `after ${workingHours(escalate)}`
      : `with the reminder, after ${workingHours(remind)} (NUDGE_ESCALATE_AFTER_HOURS is ${escalate}, not after the reminder)`;
  const server = [
    config.NUDGE_QUIET_HOURS === 'none'
      ? '• *Quiet hours*: none: nudges are posted at any hour (NUDGE_QUIET_HOURS)'
      : `• *Quiet hours* ${config.NUDGE_QUIET_HOURS.replace('-', '–')} ${zone}: nudges found then wait until they end (NUDGE_QUIET_HOURS)`,
    `• *Daily limit*: at most ${countOf(config.NUDGE_DAILY_LIMIT, 'nudge')} a day per channel; the rest wait for the next day (NUDGE_DAILY_LIMIT). A response asked for by hand is never held.`,
    `• *Working hours* ${config.BUSINESS_HOURS.replace('-', '–')}, Monday to Friday, in each person's time zone (${zone} by default): reminders and escalations are sent only then, and their delays count only these hours (BUSINESS_HOURS)`,
    `• *Reminder*: an unclaimed conversation gets one in its thread after ${workingHours(remind)} (NUDGE_REMIND_AFTER_HOURS)`,
    `• *Escalation*: still unclaimed, ${escalation}, ${escalationsTo(deps)} (NUDGE_ESCALATE_AFTER_HOURS); so is a claim still unanswered ${workingHours(escalate)} after its claimant's reminder`,
    `• *Claimant's reminder*: a DM after ${config.NUDGE_REPLY_REMINDER_HOURS} of their working hours without a reply (NUDGE_REPLY_REMINDER_HOURS)`,
    `• *Expiry*: a conversation open or claimed for ${countOf(config.NUDGE_EXPIRE_DAYS, 'day')} expires (NUDGE_EXPIRE_DAYS)`,
  ];
  const topics = await deps.db.prisma.topic.findMany({
    select: { name: true, displayName: true, channelId: true, threshold: true },
    orderBy: { name: 'asc' },
  });
  const perTopic = topics.map((topic) => {
    const threshold =
      topic.threshold === null ? `${config.NUDGE_THRESHOLD} (the default)` : String(topic.threshold);
    return topic.channelId
      ? `• *${escapeText(topicLabel(topic))}*: nudges go to <#${topic.channelId}> from a controversy score of ${threshold}`
      : `• *${escapeText(topicLabel(topic))}*: nudges off (no channel); threshold ${threshold}`;
  });
  return message('Nudge policy in force', [
    header('Nudge policy in force'),
    section(
      `*Set by the server* (environment variables: ask whoever runs Briefbot; they take effect at a restart)\n${server.join('\n')}`,
    ),
    // One line a topic, in as many sections as they take: a long topic list never loses its end to Slack's cut.
    ...lineSections(
      [
        `*Per topic* (\`/brief topics set <topic> channel=#… threshold=0.6\` changes these; the default threshold is ${config.NUDGE_THRESHOLD}, NUDGE_THRESHOLD)`,
        ...(perTopic.length ? perTopic : ['No topics yet: `/brief topics add <name> <query>`.']),
      ],
      limits.blocks - 5,
      (hidden) =>
        `…and ${hidden} more: \`/brief topics list <topic>\` shows a topic's channel and threshold.`,
    ),
    context(
      '`/brief nudge list` shows the conversations in progress; `/brief stats` how fast the team responds.',
    ),
  ]);
}

/**
 * Questions about the nudge policy, never news: "who gets escalations", "when are experts
 * reminded", "what are the quiet hours", "nudge policy". Not "is the price war escalating".
 */
const policyQuestions: RegExp[] = [
  /^(?:who|where)\s+(?:gets|receives|sees|handles|do|does|are)\s+(?:the\s+)?(?:nudge\s+)?escalations?(?:\s+(?:go|sent|get\s+sent|handled))?$/i,
  /^(?:when|how\s+(?:soon|often|long\s+until|quickly))\s+(?:are|is|do|does|will)\s+(?:the\s+)?(?:experts?|smes?|claimants?|people|we|i)\s+(?:get\s+)?(?:reminded|nudged|escalated|chased|pinged)$/i,
  /^(?:when|how\s+(?:soon|often))\s+(?:do|does|are|is)\s+(?:the\s+)?(?:nudges?|reminders?|escalations?)\s+(?:sent|go\s+out|escalate[ds]?|happen|fire)$/i,
  /^(?:what|when)(?:'s|’s|s|\s+is|\s+are)\s+(?:the\s+|our\s+)?(?:quiet\s+hours|working\s+hours\s+for\s+nudges|(?:nudge|escalation|reminder)\s+(?:policy|settings|rules|delays?|limits?)|daily\s+nudge\s+limit)$/i,
  /^how\s+(?:do|does|are)\s+(?:the\s+)?(?:nudges?|escalations?|reminders?)\s+(?:work|handled|set\s+up)$/i,
  /^(?:the\s+)?(?:(?:nudge|escalation|reminder)\s+(?:policy|settings|rules)|quiet\s+hours)$/i,
];

/** Whether a question asks about the nudge policy rather than the news. */
export function asksNudgePolicy(question: string): boolean {
  const text = question
    .trim()
    .replace(/[\s?!.]+$/, '')
    .replace(/\s+/g, ' ');
  return policyQuestions.some((form) => form.test(text));
}

/** A member asking about the nudge policy: where it is shown, in a line. */
export function nudgePolicyPointer(): Message {
  const text =
    'Nudges follow a policy the admins set (quiet hours, reminders, escalations): `/brief nudge settings` shows it, and an admin changes it.';
  return message(text, [section(`:information_source: ${text}`)]);
}
