import { describe, expect, it } from 'vitest';
import { read, useCommandTests } from '../helpers/commands.ts';

const { current, brief } = useCommandTests('UADMIN01');

describe('digest edit "to" a time, a cadence or a channel', () => {
  it('reads "to" as "at" is read, never as a topic named "to"', async () => {
    await brief('topics add acme acme kind=company');
    await brief('digest add <#C0EXEC|exec> weekdays 09:00 topics: acme');
    const schedule = () => current().deps.db.prisma.digestSchedule.findFirstOrThrow();

    const time = read(await brief('digest edit 1 to 10:00'));
    expect(time).toMatch(/Digest 1 for <#C0EXEC> now: weekdays at 10:00 UTC/);
    expect(time).not.toMatch(/I don't understand|topics: to/);
    expect((await schedule()).timeOfDay).toBe('10:00');

    // "to 8", the bare hour, as "at 8".
    expect(read(await brief('digest edit <#C0EXEC|exec> to 8'))).toMatch(/now: weekdays at 08:00 UTC/);
    expect(read(await brief('digest edit 1 to 11am'))).toMatch(/now: weekdays at 11:00 UTC/);
    expect(read(await brief('digest edit 1 to daily'))).toMatch(/now: daily at 11:00 UTC/);
    expect(read(await brief('digest edit 1 to <#C0BOARD|board>'))).toMatch(
      /Digest 1 for <#C0BOARD> \(was <#C0EXEC>/,
    );
    expect(await schedule()).toMatchObject({ channelId: 'C0BOARD', cadence: 'daily', timeOfDay: '11:00' });

    // "to" before anything else is still asked about, and nothing changes.
    expect(read(await brief('digest edit 1 to pricing'))).toMatch(/I don't understand "to pricing"/);
    expect(await schedule()).toMatchObject({ channelId: 'C0BOARD', cadence: 'daily', timeOfDay: '11:00' });
  });
});

describe('digest add with the channel said last', () => {
  it('takes "every weekday at 9 in #exec" as the digest of #exec', async () => {
    await brief('topics add acme acme kind=company');
    const reply = read(await brief('digest add every weekday at 9 in <#C0EXEC|exec>'));
    expect(reply).toMatch(/Digest 1 for <#C0EXEC>: weekdays at 09:00 UTC/);
    expect(
      read(await brief('digest add weekly mon 8am Europe/London to <#C0LON|london> topics: acme')),
    ).toMatch(/Digest 2 for <#C0LON>: every Monday at 08:00 Europe\/London .*acme, up to 8 items/);
    const schedules = await current().deps.db.prisma.digestSchedule.findMany({ orderBy: { id: 'asc' } });
    expect(schedules.map(({ channelId, cadence, timeOfDay }) => ({ channelId, cadence, timeOfDay }))).toEqual(
      [
        { channelId: 'C0EXEC', cadence: 'weekdays', timeOfDay: '09:00' },
        { channelId: 'C0LON', cadence: 'weekly', timeOfDay: '08:00' },
      ],
    );
    // No channel at all is still asked for.
    expect(read(await brief('digest add daily 9am'))).toMatch(/Start with the channel/);
  });
});
