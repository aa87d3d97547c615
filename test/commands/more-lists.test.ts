import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/index.ts';
import { useCommandTests } from '../helpers/commands.ts';
import { createFeed } from '../helpers/digest.ts';
import { createBeat, nudgeAbout } from '../helpers/nudges.ts';

const admin = 'U0ADMIN01';
const { current, brief } = useCommandTests(admin);

/** Every text of a reply's blocks, one string. */
const read = (reply: { blocks: unknown[] }): string => JSON.stringify(reply.blocks);

describe('"more" after a long feeds list', () => {
  it('shows the next page of feeds, then says the list is done; in another channel it is not that list', async () => {
    const { deps } = current();
    for (let index = 1; index <= 130; index++)
      await createFeed(deps, { host: `https://site${index}.example`, title: `Site ${index} news` });
    const first = await brief('feeds list');
    expect(first.text).toBe('130 feeds: 130 ok, 0 failing, 0 paused');
    expect(read(first)).toContain('…and 70 more: `/brief more` shows the next');
    expect(read(first)).toContain('site60.example');
    expect(read(first)).not.toContain('site61.example');
    const second = await brief('more');
    expect(second.text).toBe('130 feeds: 130 ok, 0 failing, 0 paused · 61–120 of 130');
    expect(read(second)).toContain('site61.example');
    expect(read(second)).toContain('site120.example');
    expect(read(second)).not.toContain('site60.example/');
    expect(read(second)).toContain('…and 10 more');
    const third = await brief('show me more');
    expect(third.text).toMatch(/· 121–130 of 130$/);
    expect(read(third)).toContain('site130.example');
    expect((await brief('more')).text).toMatch(/^That list has no more pages: its last one is above\./);
    // Narrowed, the next page is of the same narrowing.
    await brief('feeds list news');
    expect((await brief('more')).text).toBe('130 feeds matching "news" (of 130) · 61–120 of 130');
    // The list was shown in this channel: "more" elsewhere is about answers, as before.
    await brief('feeds list');
    const elsewhere = await runCommand(deps, { userId: admin, channelId: 'C0OTHER', text: 'more' });
    expect(elsewhere.text).toMatch(/^There is no recent answer of yours to continue\./);
    expect((await brief('more')).text).toMatch(/· 61–120 of 130$/);
    // Another person's "more" in the same channel is not this list either.
    const other = await runCommand(deps, { userId: 'U0OTHER01', channelId: 'C0CHANNEL', text: 'more' });
    expect(other.text).toMatch(/^There is no recent answer of yours to continue\./);
  });

  it('says a short list is all shown, rather than paging an older answer', async () => {
    const { deps } = current();
    await createFeed(deps, { host: 'https://one.example' });
    await brief('feeds list');
    expect((await brief('more')).text).toMatch(/^That list has no more pages/);
  });
});

describe('"more" after a long nudge list', () => {
  it('shows the next ten of each group, then says the list is done', async () => {
    const { deps } = current();
    const feedId = await createFeed(deps, { host: 'https://news.example' });
    const topicId = await createBeat(deps, { experts: [{ userId: 'U0EXPERT1' }] });
    for (let index = 1; index <= 23; index++)
      await nudgeAbout(deps, { feedId, guid: `g${index}`, title: `Price story ${index}`, topicId });
    const first = await brief('nudge list');
    expect(read(first)).toContain('Not posted yet (23)');
    expect(read(first)).toContain('…and 13 more: `/brief more` shows the next');
    expect(read(first)).toContain('Price story 10');
    expect(read(first)).not.toContain('Price story 11');
    const second = await brief('more');
    expect(second.text).toMatch(/^Conversations in progress \(page 2 of 3\): 23 not posted yet/);
    expect(read(second)).toContain('Not posted yet (23, 11–20)');
    expect(read(second)).toContain('Price story 11');
    expect(read(second)).not.toContain('Price story 10>');
    expect(read(await brief('more'))).toContain('Price story 23');
    expect((await brief('more')).text).toMatch(/^That list has no more pages/);
  });

  it("pages one topic's list as it pages the team's, and goes on with that topic", async () => {
    const { deps } = current();
    const feedId = await createFeed(deps, { host: 'https://news.example' });
    const topicId = await createBeat(deps, { experts: [{ userId: 'U0EXPERT1' }] });
    const other = await createBeat(deps, { name: 'outages', query: 'outage', experts: [] });
    for (let index = 1; index <= 12; index++)
      await nudgeAbout(deps, { feedId, guid: `g${index}`, title: `Price story ${index}`, topicId });
    await nudgeAbout(deps, { feedId, guid: 'o1', title: 'Outage story', topicId: other });
    const first = await brief('nudge list pricing');
    expect(first.text).toMatch(/^Conversations in progress on pricing: 12 not posted yet/);
    expect(read(first)).toContain('…and 2 more: `/brief more` shows the next');
    // One topic's list never points to one topic's list.
    expect(read(first)).not.toContain("one topic's");
    const second = await brief('more');
    expect(second.text).toMatch(/^Conversations in progress on pricing \(page 2 of 2\): 12 not posted yet/);
    expect(read(second)).toContain('Price story 12');
    expect(read(second)).not.toContain('Outage story');
    expect((await brief('nudge list pricing page 2')).text).toBe(second.text);
    expect((await brief('more')).text).toMatch(/^That list has no more pages/);
  });
});
