import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/monitor/dates.ts';

describe('parseFeedDate', () => {
  it.each([
    ['Sun, 22 Nov 2026 10:00:00 GMT', '2026-11-22T10:00:00.000Z'],
    ['2026-11-22T10:00:00+01:00', '2026-11-22T09:00:00.000Z'],
    ['  2026-11-22T10:00:00Z\n  ', '2026-11-22T10:00:00.000Z'],
    ['Fri, 04 Dec 2026 14:00:00 EST', '2026-12-04T19:00:00.000Z'],
    // Zone abbreviations the built-in parser does not know.
    ['Sun, 22 Nov 2026 10:00:00 CEST', '2026-11-22T08:00:00.000Z'],
    ['Mon, 23 Nov 2026 10:00:00 AEDT', '2026-11-22T23:00:00.000Z'],
    ['2026-11-22T10:00:00 IST', '2026-11-22T04:30:00.000Z'],
    // Weekdays and months in other languages (a Brazilian news feed writes "Seg, 24 Set 2018").
    ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40.000Z'],
    ['mar., 24 nov. 2026 10:00:00 +0100', '2026-11-24T09:00:00.000Z'],
    ['3. März 2026 um 10:00 Uhr MEZ', '2026-03-03T09:00:00.000Z'],
    ['martes, 1 de diciembre de 2026 10:00:00 GMT', '2026-12-01T10:00:00.000Z'],
    ['12 juil. 2026 08:15 +0000', '2026-07-12T08:15:00.000Z'],
    ['1 août 2026 00:00 +0200', '2026-07-31T22:00:00.000Z'],
    ['23.11.2026 10:00 CET', '2026-11-23T09:00:00.000Z'],
    ['23-11-2026 10:00 GMT', '2026-11-23T10:00:00.000Z'],
    // A space before the offset, a dash before the time, seconds or milliseconds since 1970.
    ['2026-11-22T10:00:00 +01:00', '2026-11-22T09:00:00.000Z'],
    ['Sunday, November 22, 2026 - 10:00 GMT', '2026-11-22T10:00:00.000Z'],
    ['1795341600', '2026-11-22T10:00:00.000Z'],
    ['1795341600000', '2026-11-22T10:00:00.000Z'],
  ])('reads %j', (text, iso) => {
    expect(parseFeedDate(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '',
    '   ',
    'yesterday',
    'soon-ish',
    'Sat, 1 Jan 1900 00:00:00 GMT',
    '32/13/2026',
    '12345',
    '23-11-26',
    // .NET's DateTime.MinValue, which the built-in parser would read as 2001.
    'Mon, 01 Jan 0001 00:00:00 +0000',
    '0001-01-01T00:00:00Z',
  ])('gives null for %j', (text) => {
    expect(parseFeedDate(text)).toBeNull();
  });
});
