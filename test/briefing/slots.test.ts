import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDueDigests } from '../../src/briefing/digest-runner.ts';
import { describeTiming, inYourDms, latestSlot, nextSlot, type Timing } from '../../src/briefing/slots.ts';
import { createTestDeps, type TestDeps } from '../helpers/deps.ts';
import { createSchedule } from '../helpers/digest.ts';

const berlin: Timing = { cadence: 'daily', timeOfDay: '08:00', weekday: null, timezone: 'Europe/Berlin' };
const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('slots of a daily 08:00 Europe/Berlin digest across the end of summer time (25 Oct 2026)', () => {
  it('is 06:00Z while summer time lasts and 07:00Z after', () => {
    expect(iso(nextSlot(berlin, at('2026-10-24T00:00:00Z')))).toBe('2026-10-24T06:00:00.000Z');
    expect(iso(nextSlot(berlin, at('2026-10-24T06:00:00Z')))).toBe('2026-10-25T07:00:00.000Z');
    expect(iso(nextSlot(berlin, at('2026-10-25T07:00:00Z')))).toBe('2026-10-26T07:00:00.000Z');
  });

  it('latestSlot is the slot at or before now, nextSlot strictly after', () => {
    expect(iso(latestSlot(berlin, at('2026-10-24T05:59:59Z')))).toBe('2026-10-23T06:00:00.000Z');
    expect(iso(latestSlot(berlin, at('2026-10-24T06:00:00Z')))).toBe('2026-10-24T06:00:00.000Z');
    expect(iso(latestSlot(berlin, at('2026-10-25T06:59:00Z')))).toBe('2026-10-24T06:00:00.000Z');
    expect(iso(latestSlot(berlin, at('2026-10-25T07:00:00Z')))).toBe('2026-10-25T07:00:00.000Z');
    expect(iso(nextSlot(berlin, at('2026-10-26T06:59:00Z')))).toBe('2026-10-26T07:00:00.000Z');
  });

  it('a time that does not exist on the spring-forward day runs once that day, an hour later', () => {
    const early = { ...berlin, timeOfDay: '02:30' };
    // 29 Mar 2026: 02:00 CET jumps to 03:00 CEST.
    expect(iso(nextSlot(early, at('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(nextSlot(early, at('2026-03-29T01:30:00Z')))).toBe('2026-03-30T00:30:00.000Z');
    expect(iso(latestSlot(early, at('2026-03-29T12:00:00Z')))).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('cadences', () => {
  it('weekdays skip the weekend (23 Oct 2026 is a Friday)', () => {
    const weekdays = { ...berlin, cadence: 'weekdays' };
    expect(iso(nextSlot(weekdays, at('2026-10-23T06:00:00Z')))).toBe('2026-10-26T07:00:00.000Z');
    expect(iso(latestSlot(weekdays, at('2026-10-25T12:00:00Z')))).toBe('2026-10-23T06:00:00.000Z');
    expect(iso(latestSlot(weekdays, at('2026-10-26T07:00:00Z')))).toBe('2026-10-26T07:00:00.000Z');
  });

  it('weekly runs on its day only', () => {
    const monday = { ...berlin, cadence: 'weekly', weekday: 1, timeOfDay: '09:00' };
    expect(iso(nextSlot(monday, at('2026-10-20T10:00:00Z')))).toBe('2026-10-26T08:00:00.000Z');
    expect(iso(latestSlot(monday, at('2026-10-25T23:00:00Z')))).toBe('2026-10-19T07:00:00.000Z');
    const friday = { ...monday, weekday: 5 };
    expect(iso(nextSlot(friday, at('2026-10-20T10:00:00Z')))).toBe('2026-10-23T07:00:00.000Z');
  });

  it('America/New_York: 12:00Z before its clocks go back on 1 Nov 2026, 13:00Z after', () => {
    const newYork = { ...berlin, timezone: 'America/New_York' };
    expect(iso(nextSlot(newYork, at('2026-10-31T00:00:00Z')))).toBe('2026-10-31T12:00:00.000Z');
    expect(iso(nextSlot(newYork, at('2026-10-31T12:00:00Z')))).toBe('2026-11-01T13:00:00.000Z');
    // 21:00 on 2 Nov in New York is already 3 Nov in UTC: the local date decides.
    expect(iso(latestSlot(newYork, at('2026-11-03T02:00:00Z')))).toBe('2026-11-02T13:00:00.000Z');
    expect(iso(nextSlot(newYork, at('2026-11-03T02:00:00Z')))).toBe('2026-11-03T13:00:00.000Z');
  });

  it('a zone ahead of UTC: 08:00 in Tokyo is 23:00Z the day before', () => {
    const tokyo = { ...berlin, timezone: 'Asia/Tokyo' };
    expect(iso(latestSlot(tokyo, at('2026-11-02T23:30:00Z')))).toBe('2026-11-02T23:00:00.000Z');
    expect(iso(nextSlot(tokyo, at('2026-11-02T22:59:00Z')))).toBe('2026-11-02T23:00:00.000Z');
  });

  it('several weekly days: each comes in turn, Monday and Thursday (26 and 29 Oct 2026)', () => {
    const twice = { ...berlin, cadence: 'weekly', weekday: 1, days: '1,4' };
    expect(iso(nextSlot(twice, at('2026-10-26T07:00:00Z')))).toBe('2026-10-29T07:00:00.000Z');
    expect(iso(nextSlot(twice, at('2026-10-29T07:00:00Z')))).toBe('2026-11-02T07:00:00.000Z');
    expect(iso(latestSlot(twice, at('2026-10-28T12:00:00Z')))).toBe('2026-10-26T07:00:00.000Z');
    expect(describeTiming(twice)).toBe('every Monday and Thursday at 08:00 Europe/Berlin');
    expect(describeTiming({ ...twice, days: '1,3,5' })).toBe(
      'every Monday, Wednesday and Friday at 08:00 Europe/Berlin',
    );
  });

  it('describes a timing the way people type it', () => {
    expect(describeTiming(berlin)).toBe('daily at 08:00 Europe/Berlin');
    expect(describeTiming({ ...berlin, cadence: 'weekly', weekday: 3 })).toBe(
      'every Wednesday at 08:00 Europe/Berlin',
    );
  });
});

describe('the runner, driven by an injected clock', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps({ env: { BRIEFBOT_ADMINS: 'UADMIN01' }, now: '2026-10-21T22:00:00Z' });
  });
  afterEach(async () => {
    await deps.cleanup();
  });

  /** Ticks the clock every 30 minutes, runs the runner at each tick, and says when each schedule ran. */
  async function runTimes(until: string): Promise<Map<number, string[]>> {
    const times = new Map<number, string[]>();
    while (deps.clock.now() < at(until)) {
      deps.clock.advance(30 * 60_000);
      for (const report of await runDueDigests(deps, { owner: 'test', catchUpHours: 6 })) {
        times.set(report.scheduleId, [...(times.get(report.scheduleId) ?? []), iso(deps.clock.now())]);
      }
    }
    return times;
  }

  it('runs each schedule at its local time, once per slot, across both DST changes', async () => {
    const daily = await createSchedule(deps, { channelId: 'C0DAILY' });
    const weekdays = await createSchedule(deps, { channelId: 'C0WEEKDAY', cadence: 'weekdays' });
    const weekly = await createSchedule(deps, {
      channelId: 'C0WEEKLY',
      cadence: 'weekly',
      weekday: 2,
      timeOfDay: '09:00',
    });
    const newYork = await createSchedule(deps, { channelId: 'C0NY', timezone: 'America/New_York' });
    const times = await runTimes('2026-11-03T00:00:00Z');
    expect(times.get(daily)).toEqual([
      '2026-10-22T06:00:00.000Z',
      '2026-10-23T06:00:00.000Z',
      '2026-10-24T06:00:00.000Z',
      '2026-10-25T07:00:00.000Z',
      '2026-10-26T07:00:00.000Z',
      '2026-10-27T07:00:00.000Z',
      '2026-10-28T07:00:00.000Z',
      '2026-10-29T07:00:00.000Z',
      '2026-10-30T07:00:00.000Z',
      '2026-10-31T07:00:00.000Z',
      '2026-11-01T07:00:00.000Z',
      '2026-11-02T07:00:00.000Z',
    ]);
    expect(times.get(weekdays)).toEqual([
      '2026-10-22T06:00:00.000Z',
      '2026-10-23T06:00:00.000Z',
      '2026-10-26T07:00:00.000Z',
      '2026-10-27T07:00:00.000Z',
      '2026-10-28T07:00:00.000Z',
      '2026-10-29T07:00:00.000Z',
      '2026-10-30T07:00:00.000Z',
      '2026-11-02T07:00:00.000Z',
    ]);
    expect(times.get(weekly)).toEqual(['2026-10-27T08:00:00.000Z']);
    expect(times.get(newYork)).toHaveLength(12);
    expect(times.get(newYork)?.slice(8)).toEqual([
      '2026-10-30T12:00:00.000Z',
      '2026-10-31T12:00:00.000Z',
      '2026-11-01T13:00:00.000Z',
      '2026-11-02T13:00:00.000Z',
    ]);
    // One note per run (nothing new, quiet: note), nothing else.
    expect(deps.sent.filter((sent) => sent.channel === 'C0DAILY')).toHaveLength(12);
  }, 60_000);
});

describe('inYourDms', () => {
  it('reads as a sentence: on weekdays, daily, every Monday', () => {
    const words = (timing: Timing) => inYourDms(describeTiming(timing));
    expect(words({ cadence: 'weekdays', timeOfDay: '08:00', weekday: null, timezone: 'UTC' })).toBe(
      'in your DMs on weekdays at 08:00 UTC',
    );
    expect(words({ cadence: 'daily', timeOfDay: '08:00', weekday: null, timezone: 'UTC' })).toBe(
      'in your DMs daily at 08:00 UTC',
    );
    expect(words({ cadence: 'weekly', timeOfDay: '09:00', weekday: 1, timezone: 'UTC' })).toBe(
      'in your DMs every Monday at 09:00 UTC',
    );
  });
});
