import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemDetails } from '../../src/briefing/digest.ts';
import { runCommand } from '../../src/commands/index.ts';
import { digestParentMessage, digestThreadMessages } from '../../src/slack/blocks/digest.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { watchIntlFeed, watchRssItems } from '../helpers/fixtures.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps({ now: '2026-11-02T09:00:00Z' });
});
afterEach(async () => {
  await deps.cleanup();
});

/** Watches a fixture feed of test/fixtures/feeds/intl, served as its bytes. */
const watch = (file: string): Promise<void> => watchIntlFeed(deps, file);

async function brief(text: string): Promise<string> {
  const reply = await runCommand(deps, { userId: 'UEXEC01', channelId: 'C0CHANNEL', text });
  return JSON.stringify(reply.blocks);
}

describe('answers about items in other languages', () => {
  it('never says none reads as negative when none was read, nor counts them neutral', async () => {
    await watch('de.xml');
    await watch('fr.xml');
    const blocks = await brief('complaints about société générale');
    expect(blocks).not.toMatch(/reads as negative/);
    expect(blocks).not.toMatch(/:white_circle: (?:neutral )?\d+%/);
    expect(blocks).toContain('Briefbot reads tone in English only, and none of the 2 mentions is in English');
    expect(blocks).toContain(
      'Tone not read for 2 of the 2 mentions, in French and German (Briefbot reads tone in English only)',
    );
  });

  it('names the languages whose tone was not read, as digests do', async () => {
    await watch('de.xml');
    await watch('fr.xml');
    await watch('ja.xml');
    // Nestlé: one German, one French item; the Japanese one names Société Générale only.
    const nestle = await brief('nestle');
    expect(nestle).toContain('Tone not read for 2 of the 2 mentions, in French and German (');
    const german = await brief('zurich');
    expect(german).toContain('Tone not read for 2 of the 2 mentions, in German (');
    const counted = await runCommand(deps, {
      userId: 'UEXEC01',
      channelId: 'C0CHANNEL',
      text: 'how many are negative',
    });
    expect(JSON.stringify(counted.blocks)).toContain('tone not read for 2 (in German)');
  });

  it('counts the English mentions’ tone apart from the others', async () => {
    await watch('de.xml');
    const host = 'https://wire.example.org';
    await watchRssItems(
      deps,
      host,
      `<item><guid>a</guid><title>Zürich Versicherung praised for excellent service</title><link>${host}/a</link>
      <pubDate>Mon, 02 Nov 2026 07:00:00 GMT</pubDate>
      <description>Customers say the insurer is great and the new app is a delight to use.</description></item>`,
    );
    const blocks = await brief('zurich');
    // The one English mention is all the percentages are of: 100% positive, not 33%.
    expect(blocks).toContain(':large_green_circle: positive 100% (1)');
    expect(blocks).toContain('Tone not read for 2 of the 3 mentions');
    const praise = await brief('any good news about zurich');
    expect(praise).toContain('Positive first: 1 of the 3 mentions');
    const complaints = await brief('complaints about zurich');
    expect(complaints).toContain('None of the 1 mention whose tone was read (of 3) reads as negative');
  });
});

describe('digests with items in other languages', () => {
  it('say how many items had no tone read, and in which languages, instead of counting them', async () => {
    await watch('de.xml');
    await watch('fr.xml');
    const ids = deps.db.sqlite.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
    const items = itemDetails(
      deps.db.sqlite,
      ids.map((id) => ({ id: Number(id), score: 1, otherSources: 0, topics: [] })),
    );
    const parent = digestParentMessage(
      { title: 'Digest', since: new Date('2026-11-01T09:00:00Z'), timeZone: 'UTC', previousCount: null },
      items,
    );
    const text = JSON.stringify(parent.blocks);
    expect(text).toContain(
      'Tone not read for 6 of the 6 items, in French and German (Briefbot reads tone in English only)',
    );
    expect(text).not.toMatch(/\d+ (negative|neutral|positive)/);
  });
});

describe('the language of a source', () => {
  it('is tagged in answers and digests when it is not English', async () => {
    await watch('de.xml');
    await watch('fr.xml');
    const blocks = await brief('société générale');
    expect(blocks).toContain('Wirtschaftsblatt · DE (_news_)');
    expect(blocks).toContain('Le Quotidien Économique · FR (_news_)');
    const ids = deps.db.sqlite.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
    const items = itemDetails(
      deps.db.sqlite,
      ids.map((id) => ({ id: Number(id), score: 1, otherSources: 0, topics: [] })),
    );
    const thread = JSON.stringify(
      digestThreadMessages('C0NEWS', items, new Date('2026-11-02T09:00:00Z')).map(
        ({ message }) => message.blocks,
      ),
    );
    expect(thread).toContain('_Wirtschaftsblatt · DE · ');
    expect(thread).toContain('_Le Quotidien Économique · FR · ');
  });
});
