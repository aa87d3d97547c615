import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    // Dutch "mrt" (maart) and Russian month abbreviations.
    ['di, 05 mrt 2024 10:00:00 +0100', '2024-03-05T09:00:00.000Z'],
    ['Вт, 05 ноя 2024 10:00:00 +0300', '2024-11-05T07:00:00.000Z'],
    ['15 мая 2024 08:00 +0000', '2024-05-15T08:00:00.000Z'],
    // Polish and Turkish months; Chinese, Japanese and Korean dates.
    ['wt., 05 lis 2024 09:00:00 +0100', '2024-11-05T08:00:00.000Z'],
    ['pon., 07 paź 2024 10:00:00 +0200', '2024-10-07T08:00:00.000Z'],
    ['Sal, 05 Kas 2024 09:00:00 +0300', '2024-11-05T06:00:00.000Z'],
    // Norwegian and Danish "des", Indonesian "Agt", Ukrainian, Czech and Finnish months; Finnish
    // "marras" (November), which the built-in parser would read as March by its first letters.
    ['tir, 03 des 2024 10:00:00 +0100', '2024-12-03T09:00:00.000Z'],
    ['Sel, 06 Agt 2024 08:00:00 +0700', '2024-08-06T01:00:00.000Z'],
    ['Вт, 05 лис 2024 10:00:00 +0200', '2024-11-05T08:00:00.000Z'],
    ['Пн, 14 жов 2024 09:30:00 +0300', '2024-10-14T06:30:00.000Z'],
    ['út, 03 pro 2024 10:00:00 +0100', '2024-12-03T09:00:00.000Z'],
    ['5. října 2024 10:00 +0200', '2024-10-05T08:00:00.000Z'],
    ['ti, 05 marras 2024 10:00:00 +0200', '2024-11-05T08:00:00.000Z'],
    ['5. marraskuuta 2024 10:00 +0200', '2024-11-05T08:00:00.000Z'],
    // Finnish times written with a dot, after "klo" (o'clock) or right after the date; Danish "kl.".
    ['ti, 05 marras 2024 klo 10.00', '2024-11-05T10:00:00.000Z'],
    ['ti, 05 marras 2024 klo 10.00 +0200', '2024-11-05T08:00:00.000Z'],
    ['05.11.2024 klo 10.00', '2024-11-05T10:00:00.000Z'],
    ['05.11.2024 10.00', '2024-11-05T10:00:00.000Z'],
    ['5. marraskuuta 2024 10.00.30 +0200', '2024-11-05T08:00:30.000Z'],
    ['2024-11-05 10.00', '2024-11-05T10:00:00.000Z'],
    ['3. december 2024 kl. 10.00', '2024-12-03T10:00:00.000Z'],
    ['2024年11月05日 09:00', '2024-11-05T09:00:00.000Z'],
    ['2024年11月5日(火) 09:00:00 +0900', '2024-11-05T00:00:00.000Z'],
    ['2024년 11월 5일 09:00', '2024-11-05T09:00:00.000Z'],
    // Dots separate a date day first (the built-in parser reads "05.11.2024" as May 11).
    ['05.11.2024 09:00', '2024-11-05T09:00:00.000Z'],
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
    '20261324T090500Z',
    // A decimal number after a year alone is no time, nor is a time with no date.
    '2024 12.50',
    'klo 10.00',
  ])('gives null for %j', (text) => {
    expect(parseFeedDate(text)).toBeNull();
  });
});

// Date strings from feedparser's date tests (kurtmckee/feedparser, tests/test_date_parsers.py, BSD-2-Clause).
describe('parseFeedDate on a server outside UTC', () => {
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it.each([
    // No zone written: read as UTC, the same on every server, not in the server's own zone.
    ['2004-07-08 23:56:58', '2004-07-08T23:56:58.000Z'],
    ['2004-07-08 23:56:58.0', '2004-07-08T23:56:58.000Z'],
    ['2004-07-08T23:56:58', '2004-07-08T23:56:58.000Z'],
    ['Thu, 01 Jan 2004', '2004-01-01T00:00:00.000Z'],
    ['Sun Jan  4 16:29:06 2004', '2004-01-04T16:29:06.000Z'],
    ['23.11.2026', '2026-11-23T00:00:00.000Z'],
    // Middle European Time under its older name.
    ['Thu, 30 Apr 2015 08:57:00 MET', '2015-04-30T07:57:00.000Z'],
    ['Thu, 30 Apr 2015 08:57:00 MEST', '2015-04-30T06:57:00.000Z'],
    // A written zone still counts, and a date alone stays the UTC day.
    ['Sun Jul 15 01:16:00 +0000 2012', '2012-07-15T01:16:00.000Z'],
    ['2004-07-08 23:56:58 -00:20', '2004-07-09T00:16:58.000Z'],
    ['Wed, 19 Feb 2012 22:40:00 GMT-01:01', '2012-02-19T23:41:00.000Z'],
    ['Tue, 24 Nov 2026 09:05:00 Z', '2026-11-24T09:05:00.000Z'],
    ['2026-11-24 09:05:00+01', '2026-11-24T08:05:00.000Z'],
    ['Tue, 24 Nov 2026 09:05:00 +01', '2026-11-24T08:05:00.000Z'],
    ['2003-12-31', '2003-12-31T00:00:00.000Z'],
    // ISO 8601's basic format, without separators.
    ['20261124T090500Z', '2026-11-24T09:05:00.000Z'],
    ['20261124T0905+0100', '2026-11-24T08:05:00.000Z'],
    ['20261124', '2026-11-24T00:00:00.000Z'],
    // POSIX zones: the IANA ones know summer time; another is read at its standard offset.
    ['Tue, 24 Nov 2026 09:05:00 EST5EDT', '2026-11-24T14:05:00.000Z'],
    ['Fri, 24 Jul 2026 09:05:00 EST5EDT', '2026-07-24T13:05:00.000Z'],
    ['2026-11-24T09:05:00 PST8PDT', '2026-11-24T17:05:00.000Z'],
    ['Tue, 24 Nov 2026 09:05:00 CET-1CEST', '2026-11-24T08:05:00.000Z'],
    // "GMT+1" is an hour east, as people mean it, not a POSIX zone.
    ['Tue, 24 Nov 2026 09:05:00 GMT+1', '2026-11-24T08:05:00.000Z'],
    // Day first with slashes only when the day cannot be a month; else the US reading stands.
    ['24/11/2026 10:00 CET', '2026-11-24T09:00:00.000Z'],
    ['05/11/2026', '2026-05-11T00:00:00.000Z'],
  ])('reads %j', (text, iso) => {
    expect(parseFeedDate(text)?.toISOString()).toBe(iso);
  });
});
