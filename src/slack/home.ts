import type { HomeView } from '@slack/types';
import { listTopics } from '../analysis/topics.ts';
import { roleOf } from '../commands/access.ts';
import type { Deps } from '../deps.ts';
import { listFeeds, summarizeFeeds } from '../monitor/feeds.ts';
import { buildHomeView } from './blocks/home.ts';

/** Gathers what one viewer's App Home shows, and builds it. */
export async function buildHome(deps: Deps, userId: string): Promise<HomeView> {
  const [role, feeds, topics] = await Promise.all([
    roleOf(deps, userId),
    summarizeFeeds(deps),
    listTopics(deps),
  ]);
  const troubled = (await listFeeds(deps, { limit: 10, failingFirst: true })).filter(
    (feed) => feed.status === 'failing' || /failed/.test(feed.health),
  );
  return buildHomeView({ userId, role, feeds, troubledFeeds: troubled, topics });
}
