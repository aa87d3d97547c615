import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTopic } from '../../src/analysis/topics.ts';
import { itemDetails } from '../../src/briefing/digest.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createFeed, storeFeedItems } from '../helpers/digest.ts';

let deps: TestDeps;
beforeEach(async () => {
  deps = await createTestDeps();
});
afterEach(async () => {
  await deps.cleanup();
});

async function lineUnder(title: string, text: string, topics: string[] = []): Promise<string> {
  const feedId = await createFeed(deps, {
    host: `https://f${Math.random().toString(36).slice(2)}.example.com`,
  });
  const ids = await storeFeedItems(deps, feedId, [{ guid: 'g', title, text }]);
  const [item] = itemDetails(deps.db.sqlite, [{ id: ids.g as number, score: 1, otherSources: 0, topics }]);
  return item?.summary ?? 'missing';
}

describe('the line under a digest item', () => {
  it('is the first sentence that says something: not a score line, not the title again', async () => {
    expect(
      await lineUnder(
        'Acme Desk review: "Renewal quote went up 25%" (2/5 stars)',
        'Rating: 2 out of 5 stars. The account team sent a renewal quote 25% higher with no heads-up. We are looking at Globex.',
      ),
    ).toBe('The account team sent a renewal quote 25% higher with no heads-up.');
    expect(
      await lineUnder(
        'Acme raises prices',
        'Acme raises prices. Acme will move customers from per-seat pricing to three usage tiers at their next renewal.',
      ),
    ).toBe('Acme will move customers from per-seat pricing to three usage tiers at their next renewal.');
  });

  it('in a digest of a topic, is the first such sentence that speaks of the topic', async () => {
    await addTopic(deps, {
      name: 'pricing',
      query: 'pricing OR price OR "price increase" OR tier',
      actorId: 'USEED',
    });
    const title = 'Acme Desk review: "Solid ticketing, but the new pricing stings" (3/5 stars)';
    const text =
      'Rating: 3 out of 5 stars. What do you like best? The ticket views and macros are fast and my agents know them well. ' +
      'What do you dislike? Our renewal moved to the new usage tier and the price went up 15% for the same features. We are evaluating alternatives.';
    expect(await lineUnder(title, text, ['pricing'])).toBe(
      'Our renewal moved to the new usage tier and the price went up 15% for the same features.',
    );
    // Without a topic (or when no sentence speaks of it), the first sentence that says something.
    expect(await lineUnder(title, text)).toBe(
      'The ticket views and macros are fast and my agents know them well.',
    );
  });

  it('is shortened to 160 characters, and empty when the text only repeats the title', async () => {
    const long = `${'Customers describe the migration in detail and '.repeat(6)}end.`;
    const line = await lineUnder('Migration stories', long);
    expect(line.length).toBeLessThanOrEqual(160);
    expect(line.endsWith('…')).toBe(true);
    expect(await lineUnder('Acme ships the new dashboard', 'Acme ships the new dashboard.')).toBe('');
  });
});

describe('the line under an item in a company digest', () => {
  it("speaks of the item's other topics when no sentence names the digest's: the complaint, not the praise", async () => {
    await addTopic(deps, { name: 'acme', query: 'acme', actorId: 'USEED' });
    await addTopic(deps, { name: 'pricing', query: 'pricing OR price OR tier', actorId: 'USEED' });
    const feedId = await createFeed(deps, { host: 'https://reviews.example.com' });
    const ids = await storeFeedItems(deps, feedId, [
      {
        guid: 'r',
        title: 'Acme Desk review: "Solid ticketing, but the new pricing stings" (3/5 stars)',
        text:
          'Rating: 3 out of 5 stars. The ticket views and macros are fast and my agents know them well. ' +
          'Our renewal moved to the new usage tier and the price went up 15% for the same features.',
      },
    ]);
    const chosen = { id: ids.r as number, score: 1, otherSources: 0, topics: ['acme'] };
    const [item] = itemDetails(deps.db.sqlite, [{ ...chosen, alsoAbout: ['pricing'] }], ['acme']);
    expect(item?.summary).toBe(
      'Our renewal moved to the new usage tier and the price went up 15% for the same features.',
    );
    expect(itemDetails(deps.db.sqlite, [chosen])[0]?.summary).toBe(
      'The ticket views and macros are fast and my agents know them well.',
    );
  });
});
