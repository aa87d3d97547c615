import { beforeAll, describe, expect, it } from 'vitest';
import { addTopic } from '../../src/analysis/topics.ts';
import { runCommand } from '../../src/commands/index.ts';
import { demoCompanyTopic } from '../../src/console/demo.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';
import { createTestDeps } from '../helpers/deps.ts';
import { createFeed, storeFeedItems } from '../helpers/digest.ts';

/** The line on top of an answer (its first context block), and the period and count under the title. */
function seen(reply: { blocks: unknown[]; text: string }) {
  const texts = JSON.stringify(reply.blocks);
  const notes = [...texts.matchAll(/:information_source: ((?:[^"\\]|\\.)+)"/g)].map((match) =>
    JSON.parse(`"${match[1]}"`),
  );
  const period = /"text":"((?:last|since|from|in) [^"·]*) · (\d+) mentions?/.exec(texts);
  return { notes: notes.join(' '), period: period?.[1], mentions: Number(period?.[2]) };
}

describe('a period named by an event ("since the launch"), looked up among the stories', () => {
  // Monday 2 November 2026, 09:00 UTC: Globex launched Assist AI on 31 Oct, Acme its fall release on
  // 27 Oct, Acme's EU outage and price rise came on 1 Nov and 31 Oct.
  const demo = useDemoCorpus();
  beforeAll(async () => {
    await addTopic(demo.deps, { ...demoCompanyTopic, actorId: 'USEED' });
  });

  it('answers "outage since the launch", with no company named, from our own launch, naming the later launch of another', async () => {
    const reply = await demo.brief('outage since the launch');
    const answer = seen(reply);
    // The runner-up's question is a button too, asked for whoever presses it.
    expect(JSON.stringify(reply.blocks)).toContain(
      '"block_id":"answer_choices","elements":[{"type":"button","text":{"type":"plain_text","text":"Since Globex\'s launch (31 Oct)","emoji":true},"action_id":"run_command","value":"ask outage since the Globex launch"',
    );
    expect(answer.period).toBe('since 27 October');
    expect(answer.notes).toContain(
      "Since the launch, read as Acme's launch (no company named, so ours), first told 27 Oct: “Acme Desk adds native Salesforce sync",
    );
    // The runner-up: Globex's launch, more recent, and the question that asks from it.
    expect(answer.notes).toContain(
      "For Globex's launch after it (first told 31 Oct: “Globex launches Assist AI, an autonomous support agent priced per res…” (SaaS Ledger)): `/brief outage since the Globex launch`.",
    );
    expect(answer.notes).not.toContain('cannot tell when');
    // The same count as the question asked by date, and the runner-up's question is answered from Globex's launch.
    expect(seen(await demo.brief('outage since 27 Oct')).mentions).toBe(answer.mentions);
    const theirs = seen(await demo.brief('outage since the Globex launch'));
    expect(theirs.period).toBe('since 31 October');
    expect(theirs.notes).toContain("read as Globex's launch, first told 31 Oct");
  });

  it('keeps the event for a follow-up: "and globex?" after "outage since the launch" is globex since it', async () => {
    await demo.brief('outage since the launch', 'UEXEC02');
    const answer = seen(await demo.brief('and globex?', 'UEXEC02'));
    expect(answer.period).toBe('since 31 October');
    expect(answer.notes).toContain("Since the launch, read as Globex's launch");
  });

  it("takes the company named, or the subject's own event: Acme's launch for acme, our launch", async () => {
    for (const question of [
      'acme since the launch',
      'outages since our launch',
      "pricing since acme's launch",
    ]) {
      const answer = seen(await demo.brief(question));
      expect(answer.period, question).toBe('since 27 October');
      expect(answer.notes, question).toContain("read as Acme's launch, first told 27 Oct");
    }
    expect(seen(await demo.brief("pricing since globex's launch")).period).toBe('since 31 October');
  });

  it('reads "before the price change" as the 30 days up to the day it was first told', async () => {
    const answer = seen(await demo.brief('pricing before the price change'));
    expect(answer.period).toBe('from 1 Oct to 30 Oct');
    expect(answer.notes).toContain(
      "Before the price change, read as Acme's price change, first told 31 Oct: “Acme raises Acme Desk prices",
    );
  });

  it('reads "since the outage" alone as everything since Acme\'s outage, not a lone uptime post of Globex\'s that morning', async () => {
    const answer = seen(await demo.brief('since the outage'));
    expect(answer.period).toBe('since 1 November');
    expect(answer.notes).toContain(
      "Since the outage, read as Acme's outage, first told 1 Nov: “Acme Desk suffers four-hour outage",
    );
  });

  it('says so when the stories hold no such event, with the question to ask by date', async () => {
    const answer = seen(await demo.brief('after the Globex acquisition'));
    expect(answer.period).toBe('last 7 days');
    expect(answer.notes).toContain(
      'No Globex acquisition in the stories of the last 90 days, so this is the last 7 days; name the day instead, e.g. `/brief what’s new since 26 Oct`.',
    );
    // Words that tell no kind of event are not looked up.
    expect(seen(await demo.brief('pricing since the meeting')).notes).toContain(
      'Briefbot cannot tell when the meeting was, so this is the last 7 days',
    );
  });
});

describe('an event two companies had the same day', () => {
  it('is never guessed: the note names both and the questions that ask for each', async () => {
    const deps = await createTestDeps();
    try {
      for (const [name, kind] of [
        ['initech', 'competitor'],
        ['globex', 'competitor'],
      ] as const)
        await addTopic(deps, { name, query: name, kind, actorId: 'USEED' });
      const morning = new Date('2026-11-01T07:00:00Z');
      const news = await createFeed(deps, { host: 'https://news.example', title: 'Trade News' });
      const forum = await createFeed(deps, {
        host: 'https://forum.example',
        title: 'Ops Forum',
        kind: 'forum',
      });
      await storeFeedItems(deps, news, [
        { guid: 'g1', title: 'Globex Assist goes down for three hours in the US', publishedAt: morning },
        {
          guid: 'i1',
          title: 'Initech Helpdesk outage hits European customers',
          publishedAt: new Date(morning.getTime() + 3 * 3600_000),
        },
      ]);
      await storeFeedItems(deps, forum, [
        { guid: 'g2', title: 'Globex outage: anyone else locked out?', publishedAt: morning },
        {
          guid: 'i2',
          title: 'Initech outage this morning, status page silent',
          publishedAt: new Date(morning.getTime() + 4 * 3600_000),
        },
      ]);
      const brief = (text: string) => runCommand(deps, { userId: 'UEXEC01', channelId: 'C0CHANNEL', text });
      const tied = seen(await brief('since the outage'));
      expect(tied.period).toBe('last 7 days');
      expect(tied.notes).toContain(
        "“The outage” could be Initech's outage (first told 1 Nov: “Initech Helpdesk outage",
      );
      expect(tied.notes).toContain("or Globex's (first told 1 Nov: “Globex Assist goes down");
      expect(tied.notes).toContain(
        'ask for one: `/brief what’s new since the Initech outage` or `/brief what’s new since the Globex outage`.',
      );
      // Each question offered is answered from that company's outage.
      const initech = seen(await brief('what’s new since the Initech outage'));
      expect(initech.period).toBe('since 1 November');
      expect(initech.notes).toContain("read as Initech's outage, first told 1 Nov");
    } finally {
      await deps.cleanup();
    }
  });
});

describe('a company named among many newer stories', () => {
  it('finds its event behind more than the 3,000 newest items of the quarter', async () => {
    const deps = await createTestDeps();
    try {
      await addTopic(deps, { name: 'initech', query: 'initech', kind: 'competitor', actorId: 'USEED' });
      const now = deps.clock.now().getTime();
      const news = await createFeed(deps, { host: 'https://news.example', title: 'Trade News' });
      await storeFeedItems(deps, news, [
        {
          guid: 'launch',
          title: 'Initech launches Helpdesk Copilot for support teams',
          publishedAt: new Date(now - 40 * 24 * 3600_000),
        },
        ...Array.from({ length: 3005 }, (_, at) => ({
          guid: `filler-${at}`,
          title: `Support tip ${at}: tag tickets by queue ${at}`,
          publishedAt: new Date(now - (at + 1) * 600_000),
        })),
      ]);
      const reply = await runCommand(deps, {
        userId: 'UEXEC01',
        channelId: 'C0CHANNEL',
        text: 'since the Initech launch',
      });
      expect(seen(reply).notes).toContain("read as Initech's launch, first told 23 Sep");
    } finally {
      await deps.cleanup();
    }
  });
});
