import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { itemDetails } from '../../src/briefing/digest.ts';
import { responseStats } from '../../src/engage/metrics.ts';
import { createNudge, postPendingNudges } from '../../src/engage/nudges.ts';
import { digestThreadMessages } from '../../src/slack/blocks/digest.ts';
import { buildHome } from '../../src/slack/home.ts';
import { read, useCommandTests } from '../helpers/commands.ts';
import { sharedFeed } from '../helpers/fixtures.ts';
import { storeItem } from '../helpers/nudges.ts';

const { brief, current } = useCommandTests('UADMIN01');

/** Subscribes to a feed of test/fixtures/feeds/intl-search, its items stored as the poller stores them. */
async function addFeed(file: 'ja.xml' | 'de.xml'): Promise<void> {
  const host = `https://${file.replace('.xml', '')}.example.com`;
  nock(host)
    .get('/feed.xml')
    .reply(200, sharedFeed(`intl-search/${file}`), { 'content-type': 'application/rss+xml; charset=utf-8' });
  expect((await brief(`feeds add ${host}/feed.xml`)).text).toContain('Added');
}

describe('search in Japanese and Chinese', () => {
  it('finds a word inside a run of characters, in topics test, the topic links and answers alike', async () => {
    // Added before the feed: its items are linked by the topic matcher as they arrive.
    await brief('topics add nesure ネスレ kind=theme');
    await brief('topics add hokenryo 保険料 kind=theme');
    await addFeed('ja.xml');
    const cases: Array<[string, string]> = [
      ['ネスレ', 'ネスレ日本、過去最高益を発表'],
      ['最高益', 'ネスレ日本、過去最高益を発表'],
      ['保険料', 'チューリッヒ保険、保険料を12％引き上げ'],
      ['不満', 'チューリッヒ保険、保険料を12％引き上げ'],
      ['ソシエテ・ジェネラル', 'ソシエテ・ジェネラルで情報漏洩'],
      ['情報漏洩', 'ソシエテ・ジェネラルで情報漏洩'],
      ['雀巢', '雀巢公司发布季度业绩'],
      // Half-width katakana is the same word as full-width.
      ['ガス', 'ｶﾞｽ料金の値上げ、家計に打撃'],
    ];
    for (const [query, title] of cases) {
      const tested = read(await brief(`topics test ${query}`));
      expect(tested, query).toContain('matched 1 item in the last 7 days');
      expect(tested, query).toContain(title);
      const answer = read(await brief(query));
      expect(answer, query).toContain(`What people are saying about ${query}`);
      expect(answer, query).toContain('1 mention');
      expect(answer, query).toContain(title);
    }
    // The matcher that linked the items at ingest and the search agree.
    const listed = read(await brief('topics list'));
    expect(listed).toMatch(/\*hokenryo\* _theme_ · 1 item in 7 days/);
    expect(listed).toMatch(/\*nesure\* _theme_ · 1 item in 7 days/);
    expect(read(await brief('topics test 保険料 -ネスレ'))).toContain('matched 1 item');
    expect(read(await brief('topics test 保険料 ネスレ'))).toContain('matched 0 items');
  });

  it('does not suggest a prefix like pric* for a term that already matches inside words', async () => {
    await addFeed('ja.xml');
    const none = read(await brief('topics test 漏洩事件'));
    expect(none).toContain('matched 0 items');
    expect(none).toContain('a Japanese, Chinese, Korean or Thai term already matches inside longer words');
    expect(none).not.toContain('pric*');
  });
});

describe('ß and ss', () => {
  it('match each other in topics test, the topic links and answers, as Swiss spelling needs', async () => {
    await brief('topics add orders grossauftrag kind=theme confirm');
    await addFeed('de.xml');
    const both = ['Straßenbau: Großauftrag für Zürich Versicherung', 'Grossauftrag für Nestlé in Zürich'];
    for (const query of ['grossauftrag', 'GROSSAUFTRAG', 'großauftrag', 'strasse*']) {
      const tested = read(await brief(`topics test ${query}`));
      expect(tested, query).toContain('matched 2 items in the last 7 days');
      for (const title of both) expect(tested, query).toContain(title);
    }
    expect(read(await brief('topics list'))).toMatch(/\*orders\* _theme_ · 2 items in 7 days/);
    const answer = read(await brief('grossauftrag'));
    expect(answer).toContain('2 mentions');
    for (const title of both) expect(answer).toContain(title);
    // The capital ẞ is ß too; "Messe" stays Messe.
    expect(read(await brief('topics test "grosse plane"'))).toContain('GROẞE PLÄNE: Nestlé baut in Vevey');
    expect(read(await brief('topics test meße'))).toContain('matched 1 item');
  });
});

describe('topic names with accents', () => {
  it('are shown as typed, and found with or without them', async () => {
    await addFeed('de.xml');
    const added = read(await brief('topics add nestlé Nestlé kind=competitor'));
    expect(added).toContain('Added topic *nestlé* (competitor): `Nestlé`. It already matches 2 items');
    expect(added).toContain('Accents are optional: `nestle` names it too.');
    expect(read(await brief('topics add zürich-ag Zürich kind=company'))).toContain(
      'Added topic *zürich-ag*',
    );
    expect(read(await brief('topics edit nestlé Nestlé OR Vevey'))).toContain('Topic *nestlé* (competitor)');
    expect(read(await brief('topics list'))).toContain('`Nestlé OR Vevey`');
    expect(read(await brief('topics test nestlé'))).toContain('topic nestle');
    expect(read(await brief('sme add <@U0MARIA1|maria> nestlé'))).toContain('nestle');
    // Asked with its accent, the topic answers: its query finds 3 items, the word nestlé alone 2.
    await brief('topics edit nestle Nestlé OR Straßenbau');
    const answer = read(await brief('nestlé'));
    expect(answer).toContain('3 mentions');
    // A name in another script has no a–z spelling: the error says what a name may hold.
    expect(read(await brief('topics add ネスレ ネスレ'))).toContain(
      'letters a–z, digits, - or _ (at most 40; accents are dropped, so nestlé is nestle)',
    );
  });
});

describe('Économie and Café', () => {
  it('are listed, answered and shown on Home as typed, and asked about with or without accents', async () => {
    await addFeed('de.xml');
    expect(read(await brief('topics add Économie grossauftrag confirm'))).toContain(
      'Added topic *Économie* (theme): `grossauftrag`. It already matches 2 items',
    );
    expect(read(await brief('topics add Café Vevey confirm'))).toContain('Added topic *Café* (theme)');
    const listed = read(await brief('topics list'));
    expect(listed).toMatch(/\*Café\* _theme_ · 1 item in 7 days/);
    expect(listed).toMatch(/\*Économie\* _theme_ · 2 items in 7 days/);
    expect(listed).not.toMatch(/economie|cafe\b/);
    for (const asked of ['Économie', 'economie', 'ÉCONOMIE', 'what are customers saying about economie']) {
      const answer = read(await brief(asked));
      expect(answer, asked).toMatch(/What (people|customers) are saying about Économie/);
      expect(answer, asked).toContain('2 mentions');
    }
    expect(read(await brief('cafe'))).toContain('What people are saying about Café');
    expect(read(await brief('topics edit cafe Vevey OR Nestlé'))).toContain(
      'Topic *Café* (theme) now searches',
    );
    expect(read(await brief('topics edit économie kind=product'))).toContain(
      'Topic *Économie* is now product',
    );
    const home = JSON.stringify(await buildHome(current().deps, 'UADMIN01'));
    expect(home).toContain('*Café* _theme_');
    expect(home).toContain('*Économie* _product_');
    // A digest's thread heads its items with the name as typed, and its tone line counts them so.
    const { sqlite } = current().deps.db;
    const itemOn = (topic: string) =>
      sqlite
        .prepare(
          'SELECT item_id FROM item_topics it JOIN topics t ON t.id = it.topic_id WHERE t.name = ? LIMIT 1',
        )
        .pluck()
        .safeIntegers(false)
        .get(topic) as number;
    const items = itemDetails(sqlite, [
      { id: itemOn('economie'), topics: ['economie'], score: 2, otherSources: 0 },
      { id: itemOn('cafe'), topics: ['cafe'], score: 1, otherSources: 0 },
    ]);
    expect(items).toHaveLength(2);
    const thread = JSON.stringify(digestThreadMessages('C0NEWS', items, current().deps.clock.now()));
    expect(thread).toContain('*Économie*');
    expect(thread).toContain('*Café*');
    expect(thread).not.toMatch(/\*(economie|cafe)\*/);
  });
});

describe('a topic named with accents on every surface', () => {
  it('shows Économie as typed in nudges, digests, stats, sme list, changes and its removal', async () => {
    const { deps } = current();
    await addFeed('de.xml');
    /** What a person reads, commands to type left out: those may name the key ("economie"). */
    const prose = (text: string) => text.replace(/`[^`]*`/g, '`…`').replace(/\/brief [\w -]+/g, '/brief …');
    const showsTyped = (text: string, where: string) => {
      expect(text, where).toContain('Économie');
      expect(prose(text), where).not.toContain('economie');
    };
    expect(read(await brief('topics add Économie grossauftrag confirm'))).toContain('Added topic *Économie*');
    await brief('topics set economie channel=<#C0TALK|talk>');
    showsTyped(read(await brief('sme add <@U0MARIA1|maria> Économie')), 'sme add');
    showsTyped(read(await brief('sme list')), 'sme list');
    showsTyped(read(await brief('sme list economie')), 'sme list economie');
    // A name no topic has lists the topics as typed, each of which names it.
    showsTyped(read(await brief('sme list nosuch')), 'no topic');
    showsTyped(
      read(await brief('digest add <#C0NEWS|news> daily 09:00 topics: nosuch')),
      'no topic in digest add',
    );
    // The nudge in the topic's channel, and the DM its expert gets.
    const itemId = deps.db.sqlite
      .prepare(
        "SELECT item_id FROM item_topics it JOIN topics t ON t.id = it.topic_id WHERE t.name = 'economie'",
      )
      .pluck()
      .safeIntegers(false)
      .get() as number;
    const topicId = deps.db.sqlite.prepare("SELECT id FROM topics WHERE name = 'economie'").pluck().get();
    createNudge(deps, {
      itemId,
      topicId: Number(topicId),
      channelId: 'C0TALK',
      reasons: [],
      angle: null,
      requestedBy: null,
    });
    await postPendingNudges(deps);
    const posted = deps.sent.filter((sent) => sent.channel === 'C0TALK');
    expect(posted.length).toBeGreaterThan(0);
    for (const sent of posted) showsTyped(JSON.stringify(sent.message), 'nudge post');
    showsTyped(read(await brief('nudge list')), 'nudge list');
    // A digest of the topic, named as typed (and given it as typed), titled so.
    showsTyped(read(await brief('digest add <#C0NEWS|news> daily 09:00 topics: Économie')), 'digest add');
    showsTyped(read(await brief('digest list')), 'digest list');
    // A story of the day, for the digest to post.
    deps.clock.set('2026-11-02T08:30:00Z');
    await storeItem(deps, 1, 'fresh', 'Neuer Grossauftrag für Vevey');
    deps.clock.set('2026-11-02T09:00:00Z');
    showsTyped(read(await brief('digest preview 1')), 'digest preview');
    expect((await brief('digest now 1')).text).toMatch(/^Posted/);
    const parent = deps.sent.find((sent) => sent.channel === 'C0NEWS' && !sent.threadTs);
    expect(parent?.message.text).toMatch(/^Digest: Économie: /);
    // The overview's breakdown by topic, as an executive reads it.
    await brief('topics add Café Vevey confirm');
    const overview = read(await brief("what's new"));
    expect(overview).toMatch(/By topic\*\\n[^"]*Économie \d/);
    expect(prose(overview)).not.toMatch(/economie \d/);
    // A conversation on a topic nobody covers says so, naming it as typed.
    const cafeId = deps.db.sqlite.prepare("SELECT id FROM topics WHERE name = 'cafe'").pluck().get();
    const fresh = deps.db.sqlite
      .prepare('SELECT max(id) FROM items')
      .pluck()
      .safeIntegers(false)
      .get() as number;
    createNudge(deps, {
      itemId: fresh,
      topicId: Number(cafeId),
      channelId: 'C0TALK',
      reasons: [],
      angle: null,
      requestedBy: null,
    });
    await postPendingNudges(deps);
    expect(read(await brief('nudge list'))).toContain('no expert covers Café yet');
    showsTyped(read(await brief('stats 30d')), 'stats');
    showsTyped(read(await brief('stats 30d Économie')), 'stats of the topic');
    showsTyped(read(await brief('changes')), 'changes');
    // Commands to type take the name as typed as well as its key.
    showsTyped(read(await brief('changes Économie')), 'changes Économie');
    showsTyped(read(await brief('nudge list Économie')), 'nudge list Économie');
    showsTyped(read(await brief('follow Économie')), 'follow');
    showsTyped(read(await brief('my follows')), 'my follows');
    showsTyped(read(await brief('unfollow Économie')), 'unfollow');
    expect(read(await brief('topics set Économie threshold=0.7'))).toContain('Économie');
    // A query narrowed to nothing: the warning and the digest's preview name it as typed.
    const narrowed = read(await brief('topics edit economie zzzqqq'));
    showsTyped(narrowed, 'topics edit warning');
    expect(narrowed).toContain('will get none of Économie');
    expect(read(await brief('digest preview 1'))).toContain(
      "Topic Économie's query `zzzqqq` matches nothing",
    );
    await brief('topics edit economie grossauftrag');
    // Removed: the reply, the expert's DM and the log name it as typed; adding it again keeps it so.
    const removed = read(await brief('topics remove Économie confirm'));
    showsTyped(removed, 'topics remove');
    expect(removed).toContain('`/brief topics add Économie grossauftrag`');
    const told = deps.sent.filter((sent) => sent.channel === 'U0MARIA1');
    showsTyped(JSON.stringify(told.at(-1)?.message), 'DM of the removal');
    const log = read(await brief('changes'));
    showsTyped(log, 'changes after removal');
    expect(log).toContain('removed topic Économie');
    // Its conversation outlives it: filed under its name as typed, found by either spelling.
    const stats = read(await brief('stats 30d'));
    showsTyped(stats, 'stats after removal');
    expect(stats).toContain('Économie (removed)');
    for (const asked of ['stats 30d Économie', 'stats 30d economie'])
      expect(read(await brief(asked)), asked).toContain('Responses on Économie, last 30 days');
    showsTyped(read(await brief('nudge list')), 'nudge list after removal');
    // npx briefbot stats reads the same figures.
    expect(responseStats(deps, 30).byTopic.map((row) => row.label)).toContain('Économie (removed)');
  });
});
