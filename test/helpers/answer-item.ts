import type { AnswerItem } from '../../src/briefing/answer.ts';

/**
 * An answer's item as blocks tests build one: a negative news story of 1 Nov 2026, 09:00 UTC, its
 * own only source, unnumbered; `fields` give what the test is about.
 */
export function answerItem(
  fields: Pick<AnswerItem, 'id' | 'title' | 'url' | 'feedTitle'> & Partial<AnswerItem>,
): AnswerItem {
  return {
    author: null,
    publishedAt: new Date('2026-11-01T09:00:00Z'),
    feedKind: 'news',
    feedCompetitor: null,
    sentiment: 'negative',
    clusterId: null,
    excerpt: '',
    sourceCount: 1,
    score: 1,
    number: 0,
    otherSources: 0,
    ...fields,
  };
}
