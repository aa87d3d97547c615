import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTopic } from '../../src/analysis/topics.ts';
import { follow } from '../../src/briefing/schedules.ts';
import { Cadence } from '../../src/briefing/slots.ts';
import { claimNudge, dismissNudge, expireNudge, markReplied, snoozeNudge } from '../../src/engage/claims.ts';
import { postPendingNudges } from '../../src/engage/nudges.ts';
import { addSme } from '../../src/engage/smes.ts';
import { createTestDeps, type SentMessage, type TestDeps } from './deps.ts';
import { createFeed, createSchedule, storeFeedItems } from './digest.ts';
import { nudgeAbout } from './nudges.ts';
import { cachedFolder } from './temp-cache.ts';

export const bigAdmin = 'UADMIN01';
export const bigMember = 'UEXEC01';
/** The first expert, on many beats. */
export const bigExpert = 'UEXPERT00';

const emoji = '🚀📉🔥💬';
const cjk = '価格改定についての顧客の反応と競合他社の動き';
const longWords = (index: number, length: number) =>
  `${`Acme pricing ${index} ${emoji} ${cjk} <b>&amp; "quoted" *bold* _it_ `.repeat(Math.ceil(length / 80))}`.slice(
    0,
    length,
  );

/** Words no other seed shares, so near-duplicate clustering keeps each story apart. */
const distinctWords = (seed: number, length: number) => {
  const words: string[] = [];
  for (let at = 0; words.join(' ').length < length; at++)
    words.push(`${Array.from(emoji)[at % 4] ?? ''}s${seed}w${(seed * 7919 + at * 104729) % 99991}`);
  return words.join(' ').slice(0, length);
};

export type BigWorkspace = {
  feedIds: number[];
  topicNames: string[];
  experts: string[];
  nudgeIds: number[];
};

/**
 * A large workspace as a big customer grows one, through the real services: 400 feeds with long
 * titles and addresses (some failing, some paused), 120 topics with long queries, 60 experts on
 * many beats, 300 conversations in every state, 40 channel digests and a member following 30 topics,
 * and items with 5,000-character titles, emoji and CJK.
 */
async function buildBigWorkspace(deps: TestDeps): Promise<BigWorkspace> {
  const topicNames: string[] = [];
  for (let index = 0; index < 120; index++) {
    const name = `${['acme', 'initech', 'hooli', 'pricing'][index % 4]}-${index}-${'x'.repeat(30)}`.slice(
      0,
      40,
    );
    const terms = Array.from({ length: 12 }, (_, at) => `"acme pricing ${index} variant ${at}"`);
    const query = `pricing OR ${terms.join(' OR ')} -hiring -jobs`;
    const kind = (['company', 'competitor', 'theme', 'product'] as const)[index % 4];
    await addTopic(deps, { name, query, kind, actorId: bigAdmin });
    topicNames.push(name);
  }
  for (const [index, name] of topicNames.entries()) {
    await deps.db.prisma.topic.update({ where: { name }, data: { channelId: `C0TALK${index % 5}` } });
  }

  const feedIds: number[] = [];
  for (let index = 0; index < 400; index++) {
    const host = `https://news-${index}-${'long-subdomain-'.repeat(8)}example.com`;
    const id = await createFeed(deps, {
      host: `${host}/${'section/'.repeat(20)}${index}`,
      title: `${longWords(index, 300)} feed ${index}`,
      kind: ['news', 'blog', 'forum', 'review', 'competitor', 'community'][index % 6] ?? 'news',
    });
    feedIds.push(id);
    if (index % 7 === 3)
      await deps.db.prisma.feed.update({
        where: { id },
        data: {
          status: 'failing',
          consecutiveFailures: 5,
          lastError: `HTTP 500: ${'the server said something very long about it '.repeat(30)}`,
          failingSince: deps.clock.now(),
        },
      });
    if (index % 11 === 5) await deps.db.prisma.feed.update({ where: { id }, data: { status: 'paused' } });
  }

  // Items: 5,000-character titles, emoji and CJK, every topic matched ("pricing").
  for (const feedId of feedIds.slice(0, 40)) {
    await storeFeedItems(
      deps,
      feedId,
      Array.from({ length: 8 }, (_, at) => ({
        guid: `big-${feedId}-${at}`,
        title: `Pricing ${feedId}-${at}: ${longWords(feedId * 10 + at, 5000)}`,
        text: `Customers hate the pricing change ${feedId} ${at}. ${longWords(at, 4000)}`,
        author: `${longWords(at, 300)}`,
        comments: 1000 + at,
      })),
    );
  }

  const experts: string[] = [];
  for (let index = 0; index < 60; index++) {
    const userId = `UEXPERT${String(index).padStart(2, '0')}`;
    const beats =
      index === 0 ? topicNames : topicNames.filter((_, at) => at % 60 === index || at % 7 === index % 7);
    await addSme(deps, { userId, topics: beats.slice(0, 40), actorId: bigAdmin });
    experts.push(userId);
  }

  const nudgeIds: number[] = [];
  const nudgeFeed = feedIds[100] as number;
  const topics = await deps.db.prisma.topic.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
  for (let index = 0; index < 300; index++) {
    const title = `${index % 3 === 0 ? `${cjk} ${distinctWords(index, 5000)}` : `Conversation ${index}`} ${index} ${Array.from(
      { length: 6 },
      (_, at) => `w${index * 13 + at * 7}`,
    ).join(' ')}`;
    nudgeIds.push(
      await nudgeAbout(deps, {
        feedId: nudgeFeed,
        guid: `nudge-${index}`,
        title,
        topicId: topics[index % topics.length]?.id ?? null,
        channelId: `C0TALK${index % 5}`,
      }),
    );
  }
  await postPendingNudges(deps);
  for (const [index, id] of nudgeIds.entries()) {
    const expert = index % 2 === 0 ? bigExpert : (experts[index % experts.length] as string);
    switch (index % 6) {
      case 1:
        await claimNudge(deps, id, expert, true);
        break;
      case 2:
        await claimNudge(deps, id, expert, true);
        await markReplied(deps, id, expert, `https://reply.example.com/${'path/'.repeat(100)}${index}`, true);
        break;
      case 3:
        await dismissNudge(deps, id, bigAdmin, longWords(index, 600), true);
        break;
      case 4:
        await claimNudge(deps, id, expert, true);
        await expireNudge(deps, id);
        break;
      case 5:
        await snoozeNudge(deps, id, bigAdmin, new Date(deps.clock.now().getTime() + 86_400_000), true);
        break;
    }
  }

  for (let index = 0; index < 40; index++) {
    await createSchedule(
      deps,
      {
        channelId: `C0NEWS${String(index).padStart(2, '0')}`,
        timeOfDay: `${String(index % 24).padStart(2, '0')}:00`,
        topics: topicNames.slice(index, index + 20),
        maxItems: 50,
      },
      bigAdmin,
    );
  }
  for (const name of topicNames.slice(0, 30)) {
    await follow(deps, bigMember, name, {
      cadence: Cadence.Daily,
      weekday: null,
      timeOfDay: '07:00',
      timezone: 'Europe/Berlin',
    });
  }
  return { feedIds, topicNames, experts, nudgeIds };
}

/** The environment the big workspace is built and used with. */
const bigEnv = { BRIEFBOT_ADMINS: bigAdmin };
/** Besides the database file: what the builder returned, what it posted, and the clock's time after. */
type Snapshot = BigWorkspace & { sent: SentMessage[]; now: string };

/**
 * The big workspace in a database of this test file's own: built once (30 s) for these sources,
 * under the temp folder (see cachedFolder), and copied for each caller, so no two share a database.
 */
export async function openBigWorkspace(): Promise<{ deps: TestDeps; big: BigWorkspace }> {
  const folder = await cachedFolder('briefbot-big-workspace-', async (staging) => {
    const deps = await createTestDeps({ env: bigEnv });
    try {
      const big = await buildBigWorkspace(deps);
      const snapshot: Snapshot = { ...big, sent: deps.sent, now: deps.clock.now().toISOString() };
      deps.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      copyFileSync(deps.config.DATABASE_URL.replace(/^file:/, ''), join(staging, 'big.db'));
      writeFileSync(join(staging, 'snapshot.json'), JSON.stringify(snapshot));
    } finally {
      await deps.cleanup();
    }
  });
  const {
    sent,
    now: builtAt,
    ...big
  } = JSON.parse(readFileSync(join(folder, 'snapshot.json'), 'utf8')) as Snapshot;
  const deps = await createTestDeps({ env: bigEnv, copyOf: join(folder, 'big.db') });
  deps.sent.push(...sent);
  deps.clock.set(builtAt);
  return { deps, big };
}
