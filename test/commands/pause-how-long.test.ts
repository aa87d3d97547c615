import { describe, expect, it } from 'vitest';
import { read, useCommandTests } from '../helpers/commands.ts';
import { createFeed } from '../helpers/digest.ts';

const { current, brief } = useCommandTests('UADMIN01');

describe('a pause given a length ("for the holidays", "until jan 5")', () => {
  it('pauses the digest named, never one numbered in the date, and says a pause with no day has no end', async () => {
    await brief('topics add acme acme kind=company');
    for (const channel of ['C0EXEC', 'C0NEWS', 'C0SALES', 'C0PRESS', 'C0BOARD'])
      await brief(`digest add <#${channel}|x> weekdays 09:00 topics: acme`);
    const reply = read(await brief('digest pause 1 until jan 5'));
    expect(reply).toMatch(/Digest 1 for <#C0EXEC> is paused: it comes back by itself on Tue 5 Jan/);
    // "until", "jan" and "5" are no digests: no line about them, and digest 5 still runs.
    expect(reply).not.toMatch(/until:|jan:|No digest/);
    const statuses = await current().deps.db.prisma.digestSchedule.findMany({
      select: { id: true, status: true },
      orderBy: { id: 'asc' },
    });
    expect(statuses.map((schedule) => schedule.status)).toEqual([
      'paused',
      'active',
      'active',
      'active',
      'active',
    ]);

    const channel = read(await brief('digest pause <#C0NEWS|news> for the holidays'));
    expect(channel).toMatch(/Digest 2 for <#C0NEWS> is paused\. Resume it with \/brief digest resume 2\./);
    expect(channel).toMatch(
      /“for the holidays” names no day, so it stays paused until someone resumes it, with the resume command above\. To have it come back by itself: `\/brief digest pause #C0NEWS until jan 4` or `\/brief digest pause #C0NEWS for 2 weeks`/,
    );
    expect(channel).not.toMatch(/for:|the:|holidays:/);
  });

  it('pauses the feed named and reads no feed in "for the holidays"', async () => {
    await createFeed(current().deps, { host: 'https://news.example.com', title: 'Example News' });
    const reply = read(await brief('feeds pause 1 for the holidays'));
    expect(reply).toMatch(/Paused feed 1 \(Example News\)\./);
    expect(reply).toMatch(
      /Resume it with `\/brief feeds resume 1`\. A pause has no end date, so “for the holidays” is not kept/,
    );
    expect(reply).not.toMatch(/No feed "for"/);
  });
});
