import type { KnownBlock } from '@slack/types';
import { hasUnspacedScript } from '../../analysis/query.ts';
import { toneLanguagesText } from '../../analysis/sentiment.ts';
import type { OthersOnlyTopic, TopicView } from '../../analysis/topics.ts';
import type { SearchHit } from '../../db/search.ts';
import type { SmeView } from '../../engage/smes.ts';
import { backlogNote, countOf, formatRelative, formatUntilDay, weekChange } from '../../format.ts';
import { competitorLabel } from '../../monitor/feed-kind.ts';
import {
  type AddFeedResult,
  competitorKindText,
  competitorTopicText,
  defaultKindText,
  type FeedSummary,
  type FeedView,
  feedCopiesText,
  slackFeedSet,
  slackTopicsAdd,
} from '../../monitor/feeds.ts';
import { Action, BlockId } from '../ids.ts';
import {
  actions,
  button,
  context,
  escapeFeedText,
  escapeText,
  header,
  limits,
  lineSections,
  link,
  type Message,
  message,
  section,
  truncate,
} from './common.ts';

export type HelpRole = 'admin' | 'sme' | 'member';

const guide = {
  member: [
    '*Executives and everyone*',
    '`/brief what are customers saying about pricing` — a summary with sentiment, trend and the sources (last 7 days)',
    '`/brief what’s new` — the week across every topic, and which topics moved · `/brief reviews of acme` — customers’ words',
    '`/brief what’s the buzz on acme last 30 days` · `/brief acme vs globex this week` · `/brief pricing since 2026-11-01`',
    '`/brief complaints about acme` — the negative side first · `/brief anything I should worry about` · `/brief more` — the next sources of your last answer · `/brief tell me more about 2` — its source 2, opened up',
    '`/brief help languages` — the languages whose tone is read',
    'On any message: *⋯ → Brief me on this* — the same briefing about what that message is about; or ask in the box on Briefbot’s Home tab',
    '`/brief topics list` — the topics Briefbot follows, with last week’s volume',
    '`/brief topics test pricing OR "price increase"` — what a query finds in the last 7 days',
    '`/brief feeds list` — the sources Briefbot reads, and their health',
    '`/brief sme list` — who answers for which topic',
    '`/brief nudge <item link>` — ask the experts to respond (also digests’ *Request a response* buttons and answers’ *Request a response…* menu)',
    '`/brief follow pricing daily 07:00` (or `weekdays 07:30`, `weekly mon 08:00`) — your own digest of a topic in DMs; again with another time changes it; `/brief unfollow pricing` · `/brief my follows` — what you follow',
  ],
  sme: [
    '*Subject-matter experts*',
    'When a topic you cover turns controversial, Briefbot asks you in its channel: press *Claim*, reply (*Draft a reply* in your DM gives a first draft), then *Mark replied* in your DM.',
    '`/brief claims` — your open conversations · `/brief nudge list` — the whole team’s · `/brief nudge claim 12` · `/brief nudge replied 12 <link>` · `/brief nudge release 12` — give one back',
    '`/brief nudge snooze 12 2d` (or `until monday`, `until 9am`) — no reminders till then; `/brief nudge unsnooze 12` · `/brief nudge dismiss 12 <why>` — not relevant · `/brief nudge move 12 security` — for another beat',
    '`/brief sme list` — your beats and your colleagues’ · `/brief stats me` — how fast you respond (30 days)',
    'Going away? `/brief sme away me until 2026-12-01` (`/brief sme away me back` on return)',
  ],
  admin: [
    '*Marketers (Briefbot admins)*',
    '`/brief feeds add https://example.com/feed.xml kind=review` — kinds: news, blog, forum, review, competitor, community',
    '`/brief feeds remove|pause|resume 3` — by number or address, several at once as `2 5` or `1-3`; `/brief feeds move 3 <new address>` when a publisher moves its feed; `/brief feeds import https://…/feeds.opml`',
    '`/brief topics add pricing pricing OR "price increase" -job kind=theme` — kinds: company, competitor, theme, product',
    '`/brief topics edit pricing pricing OR discount*` (keeps its experts and digests) · `/brief topics remove pricing`',
    '`/brief sme add @maria pricing, globex` · `/brief sme remove @maria [pricing]` · `/brief sme away @maria until friday`',
    '`/brief digest add #market-news daily 08:00 Europe/Berlin topics: pricing, globex max 8` (or `/brief digest add` for a form)',
    '`/brief digest edit 2 weekdays 07:30 max 5` (only what you give changes) · `/brief digest list` · `/brief digest pause|resume|remove 2 3` (numbers or a channel; `pause 2 until jan 4` comes back by itself; remove asks to confirm) · `/brief digest preview #market-news` · `/brief digest now #market-news` · `/brief digest mute|unmute #market-news 4` (keep a source out of a channel’s digests, or let it back)',
    '`/brief topics set pricing channel=#market-talk threshold=0.6` — where a topic’s nudges go, and how sensitive · `/brief nudge settings` — the whole nudge policy in force: quiet and working hours, reminders, escalations and where they go, the daily limit',
    '`/brief nudge list` — every conversation in progress · `/brief nudge reassign 12 @maria` · `/brief nudge reopen 12` — back to the experts · `/brief stats 30d` — how fast the team responds',
    '`/brief changes` — the last 20 changes: who changed what, and when · `/brief status` — Slack connection, feeds and digests at a glance',
  ],
} as const;

/**
 * The main help for one role, one phone screen: the few things that role does most, each with an
 * example to copy, then the pages that hold the rest (every line of `guide` is on one of them).
 */
const mainHelp = {
  member: [
    '*Ask in plain words*',
    '`/brief what are customers saying about pricing` — summary, tone, trend and sources',
    '`/brief what’s new` — the week across every topic',
    '`/brief follow pricing daily 07:00` — a topic’s digest in your DMs',
    '`/brief nudge <item link>` — ask the experts to respond',
  ],
  sme: [
    '*Your conversations*',
    'Asked in a channel? Press *Claim*, reply, then *Mark replied* in your DM.',
    '`/brief what’s waiting for me` — your claims, then your beats’ open ones',
    '`/brief nudge snooze 12 2d` — no reminders till then',
    'Away? `/brief sme away me until 2026-12-01`',
    'Ask: `/brief what are customers saying about pricing`',
  ],
  admin: [
    '*Set up*',
    '`/brief feeds add https://example.com/feed.xml`',
    '`/brief topics add pricing pricing OR discount*`',
    '`/brief sme add @maria pricing`',
    '`/brief digest add #market-news daily 08:00`',
    '`/brief status` — at a glance · `/brief changes` — who changed what',
  ],
} as const;

/** The pages the main help names, for the rest. */
const morePages =
  '*More:* `/brief help asking` · `help digests` · `help feeds` · `help topics` · `help experts` · `help nudges` · `help languages` · all of it: `help all`';

/** The guide's lines about asking: the member's part that no group's help names. */
function askingLines(): string[] {
  const named = Object.values(helpGroups).flatMap((group) => [...group.names]);
  return guide.member.filter(
    (line) => !/^\*[^*]+\*$/.test(line) && !named.some((name) => line.includes(name)),
  );
}

/** "/brief help asking": every way to ask, and where else to ask from. */
export function askingHelp(): Message {
  return helpPage('asking', askingLines());
}

/**
 * The help for one role: a phone screen of what that role does most, then the pages with the rest;
 * `all` (`/brief help all`): every role's whole guide. `asked`: a part "/brief help <word>" named that
 * has no help of its own. `gettingStarted`: on a fresh install, the set-up order (or, for a member,
 * whom to ask), first; an admin's set-up lines give way to it.
 */
export function helpMessage(
  role: HelpRole,
  asked?: string,
  all = false,
  gettingStarted?: string | null,
): Message {
  const intro = 'Briefbot follows what news, blogs, forums and reviews say about your market.';
  const note =
    role === 'admin'
      ? 'You are a Briefbot admin.'
      : role === 'sme'
        ? 'You are an expert on a beat.'
        : 'You can ask and read everything.';
  const shortAsked = escapeText(asked?.slice(0, 40) ?? '');
  const noHelp = asked
    ? `There is no help for “${shortAsked}”: the pages are below. To ask what is said about “help ${shortAsked}”: \`/brief ask help ${shortAsked}\`.`
    : undefined;
  // An admin's status and change log are on no group's page: they stay when the set-up gives way.
  const main = role === 'admin' && gettingStarted ? [mainHelp.admin.at(-1) ?? ''] : [...mainHelp[role]];
  const body = all
    ? [guide.member, guide.sme, guide.admin].map((part) => section(part.join('\n')))
    : [section(main.join('\n')), context(morePages)];
  return message(`${noHelp ? `No help for “${asked?.slice(0, 40)}”. ` : ''}Briefbot help. ${intro}`, [
    header('Briefbot'),
    ...(noHelp ? [section(noHelp)] : []),
    ...(gettingStarted ? [section(gettingStarted)] : []),
    ...(all ? [section(`${intro} ${note}`)] : [context(note)]),
    ...body,
    ...(all
      ? [
          context(
            'One part with every form its commands take: `/brief digest help` (or feeds, topics, sme, nudge).',
          ),
        ]
      : []),
    actions(BlockId.HelpActions, [
      button('Feeds', Action.RunCommand, 'feeds list'),
      button('Topics', Action.RunCommand, 'topics list'),
      button('Experts', Action.RunCommand, 'sme list'),
    ]),
  ]);
}

/** Command groups with a help of their own (`/brief digest help`, `/brief help digest`): the guide's lines that name them. */
export const helpGroups = {
  feeds: { title: 'Feeds', names: ['/brief feeds'] },
  topics: { title: 'Topics', names: ['/brief topics'] },
  sme: { title: 'Experts', names: ['/brief sme'] },
  digest: { title: 'Digests', names: ['/brief digest', '/brief follow'] },
  // "Going away?": an expert away gets no nudges, which is nudges' business too.
  nudge: {
    title: 'Nudges',
    names: ['/brief nudge', '/brief claims', '/brief stats', '*Claim*', 'Going away?'],
  },
} as const;

export type HelpGroup = keyof typeof helpGroups;

/**
 * One group's help: what the guide says about it, then its full syntax. `adminNote`: shown instead
 * of the guide's admin part, to someone who is not an admin.
 */
export function groupHelpMessage(group: HelpGroup, syntax: string, adminNote?: string): Message {
  const { title, names } = helpGroups[group];
  // A command in several roles' parts ("/brief sme list") is shown once, as the first part says it.
  const seen = new Set<string>();
  const parts = adminNote === undefined ? [guide.member, guide.sme, guide.admin] : [guide.member, guide.sme];
  const lines = parts.flat().filter((line) => {
    if (/^\*[^*]+\*$/.test(line) || !names.some((name) => line.includes(name))) return false;
    const command = /^`([^`]+)`/.exec(line)?.[1] ?? line;
    if (seen.has(command)) return false;
    seen.add(command);
    return true;
  });
  return message(`Briefbot help: ${title.toLowerCase()}`, [
    header(`Briefbot help: ${title.toLowerCase()}`),
    section(lines.join('\n')),
    section(`*In full:* ${escapeText(syntax)}`),
    ...(adminNote ? [context(adminNote)] : []),
    context('Everything Briefbot does: `/brief help`'),
  ]);
}

/** A reply in words; one too long for a section (a list of 30 follows) goes on in the next, line by line. */
export function noticeMessage(text: string, detail = ''): Message {
  // The detail, smaller, under the line that says what happened and what to do.
  if (detail) return message(`${text}\n${detail}`, [...longTextSections(text), context(detail)]);
  return message(text, longTextSections(text));
}

/** Text in sections of whole lines, within the block budget of a message. */
function longTextSections(text: string): KnownBlock[] {
  if (text.length <= limits.sectionText - 100) return [section(text)];
  return lineSections(
    text.split('\n'),
    limits.blocks - 5,
    (hidden) => `…and ${countOf(hidden, 'more line')}.`,
  );
}

/** What a change to several feeds did ("Removed 2 of 3 feeds:"), one line per feed. */
export function feedChangesMessage(summary: string, lines: string[], next: string): Message {
  return message(summary, [
    section(`*${summary}*`),
    ...lineSections(lines, 40, (more) => `…and ${more} more.`),
    section(next),
  ]);
}

/** An OPML import: the totals, then each feed added and each one skipped, with why. */
export function importMessage(report: { summary: string; added: string[]; skipped: string[] }): Message {
  const list = (title: string, lines: string[]) =>
    lines.length
      ? [
          section(`*${title}*`),
          ...lineSections(
            lines.map((line) => (line.startsWith('…') ? line : `• ${escapeText(line)}`)),
            10,
            (more) => `…and ${more} more.`,
          ),
        ]
      : [];
  return message(report.summary, [
    section(report.summary),
    ...list('Added', report.added),
    ...list('Skipped', report.skipped),
  ]);
}

export function errorMessage(text: string): Message {
  return message(text, longTextSections(`:warning: ${text}`));
}

/** What Briefbot cannot tell, though nothing went wrong: the information mark, not the warning. */
export function infoMessage(text: string): Message {
  return message(text, longTextSections(`:information_source: ${text}`));
}

const statusIcon: Record<string, string> = {
  active: ':large_green_circle:',
  failing: ':red_circle:',
  paused: ':double_vertical_bar:',
};

// The health text of a feed read without fault whose newest item is months old (staleFeedNote).
const staleHealth = /may no longer be updated/;

export function feedLine(feed: FeedView): string {
  const resume = feed.status === 'paused' ? ` (resume it with \`/brief feeds resume ${feed.id}\`)` : '';
  const stale =
    feed.status === 'active' && staleHealth.test(feed.health)
      ? ` Check its site for a newer feed: \`/brief feeds move ${feed.id} <new-url>\`; or remove it: \`/brief feeds remove ${feed.id}\``
      : '';
  return `${feedIcon(feed)} *${feed.id}* ${feedName(feed)} · ${countOf(feed.items, 'item')} · ${escapeText(feed.health)}${resume}${stale}`;
}

/**
 * A feed's row in plain words, for someone who cannot change feeds: what is wrong, with no
 * command they could not run (nor the number those commands take).
 */
export function plainFeedLine(feed: FeedView): string {
  return `${feedIcon(feed)} ${feedName(feed)} · ${escapeText(feed.health)}`;
}

/** The row's colour: red failing, yellow retrying or stale, green ok, paused. */
function feedIcon(feed: FeedView): string {
  return feed.status === 'active' && (/failed/.test(feed.health) || staleHealth.test(feed.health))
    ? ':large_yellow_circle:'
    : (statusIcon[feed.status] ?? '');
}

/** "<url|Globex Blog> _news (Globex)_", with the feed's own title when an OPML list named it otherwise. */
function feedName(feed: FeedView): string {
  const own = feed.ownTitle ? ` (its own title: ${escapeText(feed.ownTitle)})` : '';
  return `${link(feed.url, feed.title ?? feed.url)}${own} _${feed.kind}${feed.competitor ? ` (${escapeText(competitorLabel(feed.competitor))})` : ''}_`;
}

export type { FeedSummary };

/** "7 ok, 2 stale, 1 retrying, 1 failing, 0 paused": one count per row colour; stale and retrying (yellow) when there are some. */
export function feedCountsText(summary: FeedSummary): string {
  const ok = summary.active - summary.stale - summary.retrying;
  return [
    `${ok} ok`,
    ...(summary.stale ? [`${summary.stale} stale`] : []),
    ...(summary.retrying ? [`${summary.retrying} retrying`] : []),
    `${summary.failing} failing`,
    `${summary.paused} paused`,
  ].join(', ');
}

/** The feeds, failing ones first; at any number of feeds the message stays within Slack's limits. */
/** The feeds with their health; `filtered`: only those a `/brief feeds list <filter>` kept. */
export function feedsListMessage(
  feeds: FeedView[],
  summary: FeedSummary,
  filtered?: { label: string; matched: number },
  /** What to do about no feeds, for the reader (`addOneHint`). */
  addHint = 'An admin can add one: `/brief feeds add https://example.com/feed.xml`',
  /** The feeds listed on the pages before this one. */
  offset = 0,
): Message {
  if (summary.total === 0) return noticeMessage(`Briefbot reads no feeds yet. ${addHint}`);
  if (filtered?.matched === 0) {
    return noticeMessage(
      `No feed matches "${escapeText(filtered.label)}" among ${countOf(summary.total, 'feed')}. Filter by failing, stale, paused, ok, a kind (news, blog, forum, review, competitor, community) or words in a title, an address or a competitor's name.`,
    );
  }
  const ordered = [...feeds].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
  const headline = filtered
    ? `${countOf(filtered.matched, 'feed')} matching "${filtered.label}" (of ${summary.total})`
    : `${countOf(summary.total, 'feed')}: ${feedCountsText(summary)}`;
  const listed = filtered?.matched ?? summary.total;
  const hidden = listed - offset - feeds.length;
  const moreLine = (count: number) =>
    `…and ${count} more: \`/brief more\` shows the next; narrow with \`/brief feeds list <words>\` (or failing, stale, paused, a kind), or see them all with \`npx briefbot feeds list\`.`;
  const lines = ordered.map(feedLine);
  if (hidden > 0) lines.push(moreLine(hidden));
  // A later page says which feeds it holds, and a page past the last says where the list ends.
  const range =
    offset === 0
      ? ''
      : feeds.length === 0
        ? ` · no feeds after the first ${listed}`
        : ` · ${offset + 1}–${offset + feeds.length} of ${listed}`;
  return message(`${headline}${range}`, [
    section(`*${escapeText(headline)}*${range}`),
    // When sections run out, the line above is among those cut: count the feeds only.
    ...lineSections(lines, 45, (more) => moreLine(more + hidden - (hidden > 0 ? 1 : 0))),
  ]);
}

function rank(feed: FeedView): number {
  if (feed.status === 'failing') return 0;
  if (/failed/.test(feed.health)) return 1;
  if (feed.status === 'active' && staleHealth.test(feed.health)) return 2;
  return feed.status === 'paused' ? 3 : 4;
}

export function feedAddedMessage({
  feed,
  backlogItems,
  foundOnPage,
  schemeNote,
  topicToAdd,
  copiesOf,
  kindDefaulted,
  ownBlogOf,
}: AddFeedResult): Message {
  const found = foundOnPage ? ` (${foundOnPage} is a web page; this is its site's feed)` : '';
  const scheme = schemeNote ? ` ${escapeText(schemeNote)}` : '';
  const foundMrkdwn = foundOnPage
    ? ` ${escapeText(foundOnPage)} is a web page; its site's feed is ${escapeText(feed.url)}.`
    : '';
  const competitor = competitorKindText(
    feed,
    undefined,
    slackFeedSet(feed.id),
    `\`/brief feeds remove ${feed.id}\``,
  );
  const track = competitorTopicText(topicToAdd ? [topicToAdd] : [], slackTopicsAdd);
  const kind = defaultKindText({ kindDefaulted, ownBlogOf }, slackFeedSet(feed.id));
  const copies = feedCopiesText(copiesOf, backlogItems, `\`/brief feeds remove ${feed.id}\``);
  const stands = [competitor, kind, track]
    .filter(Boolean)
    .map((part) => ` ${part}`)
    .join('');
  // Its items all months old: "answers count them now" would promise answers it cannot give.
  const since = /^no new items since ([^:;]+)/.exec(feed.health)?.[1];
  const stale = since
    ? ` Its newest item is from ${since}, so it may no longer be updated: answers about recent weeks find nothing in it.`
    : '';
  const mirror = `${copies ? ` ${copies}` : ''}${stale}`;
  const text = `Added feed ${feed.id}: ${feed.title ?? feed.url}${found}.${schemeNote ? ` ${schemeNote}` : ''} ${backlogNote(backlogItems)}${mirror}${stands}`;
  return message(text, [
    section(
      `:white_check_mark: Added feed *${feed.id}*: ${link(feed.url, feed.title ?? feed.url)} (_${feed.kind}_).${scheme}${foundMrkdwn} ${backlogNote(backlogItems)}${escapeText(mirror)}${stands}`,
    ),
  ]);
}

/**
 * "*globex* _competitor_ · 9 items by others in 7 days (was 4) · its own posts: 8": one topic's week,
 * a competitor's counted as `othersOnly` counts it, on Home and in `topics list` alike.
 */
export function topicVolumeText(topic: OthersOnlyTopic): string {
  return `*${escapeText(topic.label)}* _${topic.kind}_ · ${countOf(topic.items7d, 'item')}${topic.ownPosts7d === undefined ? '' : ' by others'} in 7 days${weekChange(topic.items7d, topic.itemsPrevious7d)}${topic.ownPosts7d ? ` · its own posts: ${topic.ownPosts7d}` : ''}`;
}

/**
 * `defaultThreshold`: NUDGE_THRESHOLD, for topics without a threshold of their own; `filtered`: only
 * those a `/brief topics list <words>` kept, of `total`.
 */
export function topicsListMessage(
  topics: OthersOnlyTopic[],
  defaultThreshold: number,
  filtered?: { label: string; total: number },
  forAdmin = true,
  /** What to do about no topics, for the reader (`addOneHint`). */
  addHint = 'An admin can add one: `/brief topics add pricing pricing OR "price increase" -job`',
  /** Whom a reader who is no admin asks for a topic (`adminsToAsk`). */
  askAdmins = 'a Briefbot admin',
): Message {
  if (topics.length === 0 && filtered && filtered.total > 0) {
    return noticeMessage(
      `No topic matches "${escapeText(filtered.label)}" among ${countOf(filtered.total, 'topic')}. \`/brief topics list\` shows them all.`,
    );
  }
  if (topics.length === 0) return noticeMessage(`No topics yet. ${addHint}`);
  const nudges = (topic: TopicView) =>
    topic.channelId
      ? `nudges <#${topic.channelId}> at ${topic.threshold ?? `${defaultThreshold} (default)`}`
      : 'no nudges (no channel)';
  const lines = topics.map((topic) => {
    const volume = topicVolumeText(topic);
    return forAdmin
      ? `${volume} · ${nudges(topic)} · \`${escapeText(topic.query).replace(/`/g, "'")}\``
      : volume;
  });
  const first = escapeText(topics[0]?.name ?? 'pricing');
  const headline = filtered
    ? `${countOf(topics.length, 'topic')} matching "${filtered.label}" (of ${filtered.total})`
    : countOf(topics.length, 'topic');
  return message(headline, [
    section(`*${escapeText(headline)}*`),
    ...lineSections(
      lines,
      47,
      (more) => `…and ${more} more; narrow with \`/brief topics list <words in a name or query>\`.`,
    ),
    context(
      forAdmin
        ? "Nudges go to a topic's channel when an item scores its threshold or more for controversy (0–1). Change them: `/brief topics set <name> channel=#channel threshold=0.6`"
        : `Ask about any of them: \`/brief what are customers saying about ${first}\`, or get a topic's new stories each morning: \`/brief follow ${first}\`. Admins add and change topics: ask ${askAdmins}.`,
    ),
  ]);
}

export function hitLine(hit: SearchHit, now: Date): string {
  const source = hit.feedTitle ? ` — ${escapeFeedText(hit.feedTitle)}` : '';
  return `• ${link(hit.url, hit.title)}${source}, ${formatRelative(hit.publishedAt, now)}`;
}

/**
 * `paging`: which page of `size` this is, and the command that shows another (its page number
 * given), for the matches beyond this page: named, never left unreachable.
 */
export function topicTestMessage(
  query: string,
  result: { total: number; hits: SearchHit[] },
  now: Date,
  window: number | string = 7,
  topic?: string,
  paging: { page: number; size: number; command: (page: number) => string } = {
    page: 1,
    size: result.hits.length,
    command: () => '',
  },
  /** Each hit's controversy score (0–1), what a topic's nudge threshold is compared with. */
  scores?: Map<number, number>,
  /** Why nothing matched when the feeds are the cause, not the query (`emptySearchCause`). */
  cause: string | null = null,
): Message {
  // A number of days back, or a period's words ("since Monday", "in October").
  const over = typeof window === 'number' ? `in the last ${countOf(window, 'day')}` : window;
  const matched = `matched ${countOf(result.total, 'item')} ${over}`;
  const headline = topic ? `topic ${topic} ("${query}") ${matched}` : `"${query}" ${matched}`;
  // In code, not bold: a query's own "*" (price*) would otherwise end the bold span.
  const code = `\`${escapeText(query).replace(/`/g, "'")}\``;
  const shown = topic ? `topic ${escapeText(topic)} (${code}) ${matched}` : `${code} ${matched}`;
  // A topic's name stands for its query; the word alone is a phrase in quotes.
  const wordItself = topic
    ? [context(`To test the word itself: \`/brief topics test "${escapeText(topic)}"\``)]
    : [];
  if (result.total === 0) {
    return message(headline, [
      section(
        cause
          ? `${shown}. ${cause}`
          : hasUnspacedScript(query)
            ? `${shown}. Try fewer characters, or OR between alternatives: a Japanese, Chinese, Korean or Thai term already matches inside longer words.`
            : `${shown}. Try fewer words, OR between alternatives, or a prefix like \`pric*\`.`,
      ),
      ...wordItself,
    ]);
  }
  const typed = (page: number) => `\`/brief ${escapeText(paging.command(page)).replace(/`/g, "'")}\``;
  const first = (paging.page - 1) * paging.size;
  const pages = Math.ceil(result.total / paging.size);
  if (result.hits.length === 0) {
    // A page past the last: how many there are, and the last to type.
    return message(headline, [
      section(
        `${shown}: ${countOf(pages, 'page')} of ${paging.size}, so there is no page ${paging.page}. The last: ${typed(pages)}`,
      ),
      ...wordItself,
    ]);
  }
  const which =
    paging.page > 1
      ? `; ${first + 1}–${first + result.hits.length}, newest first:`
      : result.total > result.hits.length
        ? `; the ${result.hits.length} newest:`
        : ':';
  const left = result.total - first - result.hits.length;
  const next =
    left > 0
      ? [
          context(
            `${left > paging.size ? `The next ${paging.size} of the other ${left}` : `The other ${left}`}: ${typed(paging.page + 1)}`,
          ),
        ]
      : [];
  return message(headline, [
    section(`${shown}${which}`),
    ...lineSections(
      result.hits.map((hit) => {
        const score = scores?.get(hit.id);
        return `${hitLine(hit, now)}${score === undefined ? '' : ` · controversy ${score.toFixed(2)}`}`;
      }),
      40,
      (more) => `…and ${more} more.`,
    ),
    ...next,
    ...wordItself,
    ...(scores
      ? [
          context(
            "Controversy (0–1): a topic's nudges go out from its threshold (`/brief nudge settings` shows each topic's).",
          ),
        ]
      : []),
  ]);
}

/** `hadExperts`: there were experts once (the last was removed): "any more", not "yet". */
export function smeListMessage(
  smes: SmeView[],
  timeZone: string,
  now: Date,
  topic?: string,
  hadExperts = false,
  /** What to do about no experts, for the reader (`addOneHint`). */
  addHint = 'An admin can add one: `/brief sme add @maria pricing, globex`',
): Message {
  if (smes.length === 0) return noticeMessage(`No experts ${hadExperts ? 'any more' : 'yet'}. ${addHint}`);
  // An expert whose last topic was removed has no beat: listed apart, not counted "on their beats".
  const onBeats = smes.filter((sme) => sme.topics.length > 0);
  const without = smes.filter((sme) => sme.topics.length === 0);
  const lines = onBeats.map((sme) => {
    // An absence set ahead names its first day: until then, the expert still gets nudges.
    const from =
      sme.awayFrom && sme.awayFrom > now
        ? `from ${formatUntilDay(sme.awayFrom, timeZone, now).replace(/ \(.*\)$/, '')} `
        : '';
    const away =
      sme.awayUntil && sme.awayUntil > now
        ? ` · _away ${from}until ${formatUntilDay(sme.awayUntil, timeZone, now)}_`
        : '';
    return `<@${sme.userId}> — ${sme.labels.map(escapeText).join(', ')}${away}`;
  });
  const headline = topic
    ? `${countOf(onBeats.length, 'expert')} on ${escapeText(topic)}`
    : `${countOf(onBeats.length, 'expert')} on their beats`;
  const apart = without.length
    ? [
        section(
          `*${countOf(without.length, 'expert')} without a beat:* ${without.map((sme) => `<@${sme.userId}>`).join(', ')} (\`/brief sme add @… &lt;topic&gt;\` gives one a beat, \`/brief sme remove @…\` ends it)`,
        ),
      ]
    : [];
  return message(countOf(smes.length, 'expert'), [
    ...(onBeats.length ? [section(`*${headline}*`)] : []),
    ...lineSections(lines, 48, (more) => `…and ${more} more.`),
    ...apart,
  ]);
}

/**
 * A reply the response URL would not take (a Slack outage), sent as a DM once Slack is back: what
 * it answers, where and when it was asked (in the reader's own time zone), then the reply as it was.
 * One meant for the channel (`shared`) says it was not posted there.
 */
export function undeliveredReplyMessage(
  reply: Message,
  asked: { text: string; channelId: string | null; at: Date; shared?: boolean },
): Message {
  const seconds = Math.floor(asked.at.getTime() / 1000);
  const channel = asked.channelId && /^[CG]/.test(asked.channelId) ? `<#${asked.channelId}>` : null;
  const where = channel ? ` in ${channel}` : '';
  const command = `/brief ${truncate(asked.text, 100)}`.trim();
  const lead = asked.shared
    ? `Slack could not post this answer in ${channel ?? 'the conversation'} when it was ready, so it was not shared; here it is, to share again there`
    : 'Slack could not show this answer when it was ready, so here it is';
  const note = `${lead}: \`${escapeText(command)}\`${where}, <!date^${seconds}^{date_short_pretty} at {time}|${asked.at.toISOString().slice(0, 16).replace('T', ' ')} UTC>.`;
  return message(`${command}: ${lead}. ${reply.text}`, [context(`:warning: ${note}`), ...reply.blocks]);
}

/** A help page: its title, its lines, and the way to everything. */
export function helpPage(title: string, lines: string[]): Message {
  return message(`Briefbot help: ${title}`, [
    header(`Briefbot help: ${title}`),
    section(escapeText(lines.join('\n'))),
    context('Everything Briefbot does: `/brief help`'),
  ]);
}

/** "/brief help languages": the languages whose tone is read, and what happens to the others. */
export function languagesHelp(): Message {
  return helpPage('languages', [
    `*Tone is read in ${toneLanguagesText}*, each by its own lexicon.`,
    'A mention in any other language is still found, counted and shown, marked :globe_with_meridians: tone not read, never guessed as neutral; the shares of positive, neutral and negative are of the mentions read.',
    'One language only: add `in German`, `only English` or `French press only` to a question; `in all languages` goes back to every one.',
  ]);
}
