import { it } from 'vitest';
import { answerQuestion } from '../../src/briefing/answer.ts';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import { createTestDeps } from '../helpers/deps.ts';
import { loadDemoCorpus } from './corpus.ts';

it('explore', async () => {
  const deps = await createTestDeps();
  await loadDemoCorpus(deps);
  const rows = deps.db.sqlite
    .prepare(
      'SELECT i.id, i.cluster_id, c.source_count, f.kind, i.url, i.sentiment FROM items i JOIN feeds f ON f.id=i.feed_id LEFT JOIN clusters c ON c.id=i.cluster_id ORDER BY cluster_id',
    )
    .all();
  console.log(rows);
  const qs = process.env.QS?.split('|') ?? [
    'what are customers saying about pricing',
    'acme vs globex last 30 days',
    'outages',
    'tell me about the Acme outage',
  ];
  for (const q of qs) {
    const req = parseAsk(q, deps.clock.now(), 'Europe/Berlin');
    const a = await answerQuestion(deps, req, { userId: 'U1' });
    console.log('Q', q, JSON.stringify(req.subjects), req.customers);
    for (const s of a.subjects) {
      console.log(
        ' S',
        s.subject,
        s.topicName,
        s.counts.current,
        s.counts.byKind,
        s.themes,
        s.summary.sentences.map((x) => x.text + x.citations),
      );
      for (const it of s.items)
        console.log('   ', it.number, it.feedKind, it.otherSources, it.score.toFixed(3), it.url);
    }
    console.log(' sugg', a.suggestions);
  }
  await deps.cleanup();
});
