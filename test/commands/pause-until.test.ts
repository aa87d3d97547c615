import { describe, expect, it } from 'vitest';
import { runDueDigests } from '../../src/briefing/digest-runner.ts';
import { buildHome } from '../../src/slack/home.ts';
import { read, useCommandTests } from '../helpers/commands.ts';
import { createFeed, digestRuns } from '../helpers/digest.ts';

const { current, brief } = useCommandTests('UADMIN01');

const run = () => runDueDigests(current().deps, { owner: 'test', catchUpHours: 6 });
const statuses = async () =>
  (
    await current().deps.db.prisma.digestSchedule.findMany({
      select: { status: true },
      orderBy: { id: 'asc' },
    })
  ).map((schedule) => schedule.status);

describe('digest pause until a day: it comes back by itself', () => {
  it('keeps the end, shows it, resumes at the first slot on that day, once, and owes none before it', async () => {
    const { deps } = current();
    deps.clock.set('2026-12-24T10:00:00Z');
    await brief('topics add acme acme kind=company');
    await brief('digest add <#C0EXEC|exec> daily 09:00 topics: acme');
    await brief('digest add <#C0LATE|late> daily 23:30 topics: acme');

    const reply = read(await brief('digest pause <#C0EXEC|exec> for the holidays until january 4'));
    expect(reply).toMatch(
      /Digest 1 for <#C0EXEC> is paused: it comes back by itself on Mon 4 Jan \(first digest: Mon 4 Jan 09:00\)\. Resume it sooner with \/brief digest resume 1\./,
    );
    expect(reply).not.toMatch(/not kept|names no day/);
    expect(read(await brief('digest pause 2 until jan 4'))).toMatch(
      /Digest 2 for <#C0LATE> is paused: it comes back by itself on Mon 4 Jan \(first digest: Mon 4 Jan 23:30\)/,
    );
    expect(read(await brief('digest list'))).toMatch(/paused until Mon 4 Jan; next: Mon 4 Jan 09:00/);
    const home = JSON.stringify((await buildHome(deps, 'UADMIN01')).blocks);
    expect(home).toMatch(/paused until Mon 4 Jan/);

    // Still paused the day before.
    deps.clock.set('2027-01-03T09:00:30Z');
    await run();
    expect(await statuses()).toEqual(['paused', 'paused']);
    expect(digestRuns(deps)).toEqual([]);

    // Just after midnight: both run again, but digest 2's slot of 3 Jan 23:30 was in the pause, not caught up.
    deps.clock.set('2027-01-04T00:10:00Z');
    await run();
    expect(await statuses()).toEqual(['active', 'active']);
    expect(digestRuns(deps)).toEqual([]);
    expect(read(await brief('digest list'))).toMatch(/next: Mon 4 Jan 09:00/);

    // The first slot on that day runs, once.
    deps.clock.set('2027-01-04T09:00:30Z');
    await run();
    deps.clock.set('2027-01-04T09:01:30Z');
    await run();
    expect(digestRuns(deps).map((row) => [row.scheduleId, new Date(row.slot).toISOString()])).toEqual([
      [1, '2027-01-04T09:00:00.000Z'],
    ]);
    expect(read(await brief('changes'))).toMatch(/Briefbot resumed digest 1/);
  });

  it('reads "for 2 weeks" and "through", and refuses a day past or unreadable, pausing nothing', async () => {
    const { deps } = current();
    deps.clock.set('2026-11-25T15:00:00Z');
    await brief('topics add acme acme kind=company');
    await brief('digest add <#C0EXEC|exec> daily 09:00 topics: acme');
    await brief('digest add <#C0NEWS|news> daily 09:00 topics: acme');

    const past = read(await brief('digest pause 1 until yesterday'));
    expect(past).toMatch(
      /Tue 24 Nov has begun already, so a pause until then would end at once; nothing was paused\./,
    );
    expect(past).toMatch(
      /`\/brief digest pause 1 until jan 4`.*or pause it with no end: `\/brief digest pause 1`/,
    );
    const unreadable = read(await brief('digest pause 1 until the new year'));
    expect(unreadable).toMatch(
      /“until the new year” is not a day I can read, so nothing was paused\. Give the day/,
    );
    expect(read(await brief('digest pause 1 for 2 wekes'))).toMatch(/“for 2 wekes” is not a day I can read/);
    expect(await statuses()).toEqual(['active', 'active']);

    expect(read(await brief('digest pause 1 for 2 weeks'))).toMatch(
      /comes back by itself on Wed 9 Dec \(first digest: Wed 9 Dec 09:00\)/,
    );
    expect(read(await brief('digest pause 2 through dec 3'))).toMatch(/comes back by itself on Fri 4 Dec/);
    // A new end for a digest paused already replaces the old one.
    expect(read(await brief('digest pause 1 until dec 1'))).toMatch(
      /Digest 1 for <#C0EXEC> was paused already; now it comes back by itself on Tue 1 Dec/,
    );
    // A pause with no day takes the end away; so does a resume. Paused with none, it stays paused.
    expect(read(await brief('digest pause 1 for the holidays'))).toMatch(
      /Digest 1 for <#C0EXEC> stays paused, now with no end \(it was to come back by itself on Tue 1 Dec\)\. Resume it with \/brief digest resume 1\. “for the holidays” names no day/,
    );
    await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
    expect(read(await brief('digest now 2'))).toMatch(
      /until Fri 4 Dec, when it comes back by itself \(sooner: `\/brief digest resume 2`\)/,
    );
    await brief('digest pause 1 until dec 1');
    await brief('digest resume 1');
    await brief('digest pause 1');
    deps.clock.set('2026-12-10T09:00:30Z');
    await run();
    expect(await statuses()).toEqual(['paused', 'active']);
  });

  it('a pause whose day has come reads as running before the minute tick resumes it', async () => {
    const { deps } = current();
    deps.clock.set('2026-12-24T10:00:00Z');
    await brief('topics add acme acme kind=company');
    await brief('digest add <#C0EXEC|exec> daily 09:00 topics: acme');
    await createFeed(deps, { host: 'https://news.example.com', title: 'Example News' });
    await brief('digest pause 1 until jan 4');

    // Past midnight on 4 Jan; no tick has run (Briefbot just started, or the tick is behind).
    deps.clock.set('2027-01-04T00:10:00Z');
    const list = read(await brief('digest list'));
    expect(list).toMatch(/next: Mon 4 Jan 09:00/);
    expect(list).not.toMatch(/paused/);
    const home = JSON.stringify((await buildHome(deps, 'UADMIN01')).blocks);
    expect(home).not.toMatch(/paused until|posts nothing until resumed/);
    const preview = read(await brief('digest preview 1'));
    expect(preview).toMatch(/Preview of digest 1 \(daily at 09:00/);
    expect(preview).not.toMatch(/paused/);
    const now = read(await brief('digest now 1'));
    expect(now).not.toMatch(/paused|resume/);
    // Still the tick's to resume, once, by Briefbot.
    expect(await statuses()).toEqual(['paused']);
    await run();
    expect(await statuses()).toEqual(['active']);
  });

  it("pauses one's own follow until a day", async () => {
    const { deps } = current();
    deps.clock.set('2026-11-25T15:00:00Z');
    await brief('topics add acme acme kind=company');
    await brief('follow acme daily 07:00', 'UEXEC001');
    const reply = read(await brief('digest pause my digest until monday', 'UEXEC001'));
    expect(reply).toMatch(
      /Your follow of acme \(digest 1\) is paused until Mon 30 Nov \(first digest: Mon 30 Nov 07:00\)/,
    );
    deps.clock.set('2026-11-30T07:00:30Z');
    await run();
    expect(await statuses()).toEqual(['active']);
    expect(digestRuns(deps)).toHaveLength(1);
  });
});
