import { describe, expect, it } from 'vitest';
import { joinZoneWords, parseTimeZone } from '../../src/commands/dates.ts';

describe('time zones in words', () => {
  it.each([
    ['pacific time', 'America/Los_Angeles'],
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['west coast', 'America/Los_Angeles'],
    ['central', 'America/Chicago'],
    ['central european time', 'Europe/Paris'],
    ['eastern european summer time', 'Europe/Athens'],
    ['UK time', 'Europe/London'],
    ['british time', 'Europe/London'],
    ['india time', 'Asia/Kolkata'],
    ['new york', 'America/New_York'],
    ['sao paulo time', 'America/Sao_Paulo'],
    ['gmt time', 'UTC'],
  ])('reads "%s" as %s', (typed, zone) => {
    expect(parseTimeZone(typed)?.zone).toBe(zone);
  });

  it('states a zone without summer time by its offset, one with it by its standard offset', () => {
    expect(parseTimeZone('india time')?.note).toBe('“india time” is read as Asia/Kolkata: UTC+5:30');
    // Southern hemisphere: summer is in January, standard time the lower offset.
    expect(parseTimeZone('new zealand time')?.note).toBe(
      '“new zealand time” is read as Pacific/Auckland: local time there, moving with its summer time (for a fixed offset, say UTC+12)',
    );
  });

  it('reads no zone in words that name none, nor in a region and city split over levels', () => {
    for (const typed of ['mars time', 'time', 'daily', 'center', 'north dakota', ''])
      expect(parseTimeZone(typed), typed).toBeUndefined();
  });

  it('joins the words of a zone into one, longest first, and leaves the others', () => {
    expect(joinZoneWords(['daily', '9am', 'central', 'european', 'time', 'max', '3'])).toEqual([
      'daily',
      '9am',
      'central european time',
      'max',
      '3',
    ]);
    expect(joinZoneWords(['9am', 'new', 'york', 'time'])).toEqual(['9am', 'new york time']);
    expect(joinZoneWords(['weekly', 'mon', '09:00', 'CET'])).toEqual(['weekly', 'mon', '09:00', 'CET']);
  });
});
