import { describe, expect, it } from 'vitest';
import { type AskFrame, askText, parseAsk } from '../../src/briefing/ask-parse.ts';

const berlin = 'Europe/Berlin';
// Monday 2 November 2026, 10:00 in Berlin (CET, UTC+1).
const monday = new Date('2026-11-02T09:00:00Z');
// Thursday 5 November 2026, 10:00 in Berlin.
const thursday = new Date('2026-11-05T09:00:00Z');
const dayMs = 24 * 3600 * 1000;

function parse(text: string, now: Date = monday, timeZone = berlin) {
  return parseAsk(text, now, timeZone);
}

describe('parseAsk windows', () => {
  it('defaults to the last 7 days, ending now', () => {
    const { window } = parse('pricing');
    expect(window.label).toBe('last 7 days');
    expect(window.days).toBe(7);
    expect(window.until).toEqual(monday);
    expect(window.since).toEqual(new Date(monday.getTime() - 7 * dayMs));
  });

  it('"today" starts at local midnight in the time zone, not at UTC midnight', () => {
    const { subjects, window } = parse('pricing today', thursday);
    expect(subjects).toEqual(['pricing']);
    expect(window.label).toBe('today');
    expect(window.since.toISOString()).toBe('2026-11-04T23:00:00.000Z');
    expect(window.until).toEqual(thursday);
    expect(window.days).toBe(1);
    // The same instant in New York is still Thursday, but its midnight is 05:00 UTC.
    expect(parse('pricing today', thursday, 'America/New_York').window.since.toISOString()).toBe(
      '2026-11-05T05:00:00.000Z',
    );
  });

  it('"today" follows the clock change: midnight was still winter time on the day DST began', () => {
    const { window } = parse('pricing today', new Date('2026-03-29T09:00:00Z'));
    expect(window.since.toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('"yesterday" is the whole previous local day, ending at local midnight', () => {
    const { subjects, window } = parse('outages yesterday', thursday);
    expect(subjects).toEqual(['outages']);
    expect(window.label).toBe('yesterday');
    expect(window.since.toISOString()).toBe('2026-11-03T23:00:00.000Z');
    expect(window.until.toISOString()).toBe('2026-11-04T23:00:00.000Z');
    expect(window.days).toBe(1);
  });

  it.each([
    // Thursday 5 November 2026 in Berlin: local midnights are 23:00 UTC the day before.
    ['acme since yesterday', 'since yesterday', '2026-11-03T23:00:00.000Z'],
    ['acme since monday', 'since Monday', '2026-11-01T23:00:00.000Z'],
    ['acme since Tuesday', 'since Tuesday', '2026-11-02T23:00:00.000Z'],
    ['acme since last friday', 'since Friday', '2026-10-29T23:00:00.000Z'],
    ['acme since thurs', 'since Thursday', '2026-10-28T23:00:00.000Z'],
    ['acme since last week', 'since last week', '2026-10-25T23:00:00.000Z'],
    ['acme this quarter', 'this quarter', '2026-09-30T22:00:00.000Z'],
    ['acme this year', 'this year', '2025-12-31T23:00:00.000Z'],
  ])('"%s" is %s, from local midnight', (text, label, since) => {
    const { subjects, window } = parse(text, thursday);
    expect(subjects).toEqual(['acme']);
    expect(window.label).toBe(label);
    expect(window.since.toISOString()).toBe(since);
    expect(window.until).toEqual(thursday);
  });

  it('"last 24 hours" is exactly that many hours, counted as whole days for the trend', () => {
    const { subjects, window } = parse('acme in the last 12 hours', thursday);
    expect(subjects).toEqual(['acme']);
    expect(window).toMatchObject({ label: 'last 12 hours', days: 1 });
    expect(thursday.getTime() - window.since.getTime()).toBe(12 * 3600_000);
    expect(parse('acme past 48 hours', thursday).window).toMatchObject({ label: 'last 48 hours', days: 2 });
  });

  it('"last month", "last quarter", "last year" are the calendar periods before this one', () => {
    const month = parse('pricing last month').window;
    expect(month.label).toBe('in October');
    expect(month.since.toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(month.until.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(month.days).toBe(31);
    const quarter = parse('during last quarter pricing').window;
    expect(quarter.label).toBe('in Q3 2026');
    expect(quarter.since.toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(quarter.until.toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(parse('acme last year').window).toMatchObject({ label: 'in 2025', days: 365 });
    // In January, last month is December of the year before.
    expect(parse('acme last month', new Date('2027-01-10T09:00:00Z')).window.label).toBe('in December 2026');
    // "the last month" and "the past month" stay rolling.
    expect(parse('pricing in the last month').window).toMatchObject({ label: 'last 30 days', days: 30 });
  });

  it.each([
    ['pricing last 48h', 2, 'last 48 hours'],
    ['pricing past 24 hrs', 1, 'last 24 hours'],
    ['pricing last three days', 3, 'last 3 days'],
    ['pricing over the past couple of weeks', 14, 'last 2 weeks'],
    ['pricing past few days', 3, 'last 3 days'],
    ['pricing last fortnight', 14, 'last 14 days'],
    ['pricing (last 30 days)', 30, 'last 30 days'],
    ['pricing, last 30 days', 30, 'last 30 days'],
    ['this week pricing', 1, 'this week'],
    ['last 30 days: pricing', 30, 'last 30 days'],
    ['pricing this morning', 1, 'today'],
    ['pricing since nov 1', 2, 'since 1 November'],
    ['pricing since 1st november', 2, 'since 1 November'],
    ['and pricing?', 7, 'last 7 days'],
    ['what about pricing last 3 days', 3, 'last 3 days'],
  ])('"%s" asks about pricing over %i days (%s)', (text, days, label) => {
    const { subjects, window } = parse(text);
    expect(subjects).toEqual(['pricing']);
    expect(window.days).toBe(days);
    expect(window.label).toBe(label);
  });

  it('more ways to ask: "what\'s globex up to", "give me the headlines", "pricing for this week", a side asked for', () => {
    expect(parse("what's globex up to").subjects).toEqual(['globex']);
    expect(parse('give me the headlines')).toMatchObject({ overview: true });
    expect(parse('pricing for this week')).toMatchObject({
      subjects: ['pricing'],
      window: { label: 'this week' },
    });
    expect(parse('acme v. globex').subjects).toEqual(['acme', 'globex']);
    expect(parse('pricing trends').subjects).toEqual(['pricing']);
    expect(parse('complaints about acme')).toMatchObject({
      subjects: ['acme'],
      tone: 'negative',
      customers: true,
    });
    expect(parse('negative reviews of acme')).toMatchObject({ subjects: ['acme'], tone: 'negative' });
    expect(parse('any bad press on acme')).toMatchObject({ subjects: ['acme'], tone: 'negative' });
    expect(parse('why are customers angry about pricing')).toMatchObject({
      subjects: ['pricing'],
      tone: 'negative',
    });
    expect(parse('what do people love about globex')).toMatchObject({
      subjects: ['globex'],
      tone: 'positive',
    });
    // A tone word that is the subject is no side asked for.
    expect(parse('what are customers saying about negative churn').tone).toBeUndefined();
    expect(parse('what are customers saying about pricing').tone).toBeUndefined();
  });

  it('a date that does not exist says so', () => {
    expect(() => parse('pricing since 2026-13-45')).toThrow('2026-13-45 is not a date');
    expect(() => parse('pricing since 2026-02-30')).toThrow('is not a date');
  });

  it('"in November" is that whole month, the latest one (last year\'s when it has not come yet)', () => {
    const november = parse('acme in november', thursday).window;
    expect(november.label).toBe('in November');
    expect(november.since.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    // This month so far: it ends now.
    expect(november.until).toEqual(thursday);
    const march = parse('acme in mar', thursday).window;
    expect(march.label).toBe('in March');
    expect(march.since.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(march.until.toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(march.days).toBe(31);
    expect(parse('acme in december', thursday).window.label).toBe('in December 2025');
    // Not a month: part of the subject.
    expect(parse('acme in mayhem', thursday)).toMatchObject({
      subjects: ['acme in mayhem'],
      window: { label: 'last 7 days' },
    });
  });

  it('"since Monday" asked on a Monday means a week ago, not this midnight', () => {
    expect(parse('acme since monday', monday).window.since.toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('"this week" starts on Monday at local midnight', () => {
    const { window } = parse('pricing this week', thursday);
    expect(window.label).toBe('this week');
    expect(window.since.toISOString()).toBe('2026-11-01T23:00:00.000Z');
    expect(window.until).toEqual(thursday);
    expect(window.days).toBe(4);
    // A calendar period so far: an empty one is answered over the rolling period instead.
    expect(window.fallbackDays).toBe(7);
    expect(parse('pricing this month', thursday).window.fallbackDays).toBe(30);
    expect(parse('pricing today', thursday).window.fallbackDays).toBe(1);
    expect(parse('pricing this quarter', thursday).window.fallbackDays).toBe(30);
    expect(parse('pricing this year', thursday).window.fallbackDays).toBe(30);
    expect(parse('pricing yesterday', thursday).window.fallbackDays).toBeUndefined();
    expect(parse('pricing since yesterday', thursday).window.fallbackDays).toBeUndefined();
    expect(parse('pricing last 7 days', thursday).window.fallbackDays).toBeUndefined();
    // On a Monday, the week is just today.
    expect(parse('pricing this week', monday).window.since.toISOString()).toBe('2026-11-01T23:00:00.000Z');
    // Los Angeles: Monday 2 November at 00:00 PST is 08:00 UTC.
    expect(parse('pricing this week', thursday, 'America/Los_Angeles').window.since.toISOString()).toBe(
      '2026-11-02T08:00:00.000Z',
    );
  });

  it.each([
    ['pricing last 30 days', 30, 'last 30 days'],
    ['pricing last 1 day', 1, 'last 1 day'],
    ['pricing last 2 weeks', 14, 'last 2 weeks'],
    ['pricing in the past 3 weeks', 21, 'last 3 weeks'],
    ['pricing last 3 months', 90, 'last 3 months'],
    ['pricing last week', 7, 'last 7 days'],
    ['pricing past day', 1, 'last 24 hours'],
    ['pricing over the last 30 days', 30, 'last 30 days'],
    ['pricing for the past week', 7, 'last 7 days'],
    ['pricing during the last month', 30, 'last 30 days'],
    ['pricing this past week', 7, 'last 7 days'],
    ['pricing over the past year', 365, 'last 365 days'],
    ['pricing lately', 7, 'last 7 days'],
    ['pricing recently', 7, 'last 7 days'],
    ['pricing last 2 quarters', 180, 'last 2 quarters'],
    ['Pricing   LAST 30 DAYS', 30, 'last 30 days'],
  ])('"%s" is a rolling window of %i days', (text, days, label) => {
    const { subjects, window } = parse(text);
    expect(subjects.map((subject) => subject.toLowerCase())).toEqual(['pricing']);
    expect(window.days).toBe(days);
    expect(window.label).toBe(label);
    expect(window.until).toEqual(monday);
    expect(window.since).toEqual(new Date(monday.getTime() - days * dayMs));
  });

  it('caps a rolling window at a year', () => {
    const { window } = parse('pricing last 900 days');
    expect(window.days).toBe(365);
    expect(window.since).toEqual(new Date(monday.getTime() - 365 * dayMs));
  });

  it('"since 2026-11-01" starts at that local midnight', () => {
    const { subjects, window } = parse('pricing since 2026-11-01');
    expect(subjects).toEqual(['pricing']);
    expect(window.label).toBe('since 2026-11-01');
    expect(window.since.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(window.until).toEqual(monday);
    expect(window.days).toBe(2);
    expect(parse('pricing since 2026-9-7').window.label).toBe('since 2026-09-07');
  });

  it('keeps "this month" to the local calendar month', () => {
    const { window } = parse('acme this month', thursday);
    expect(window.label).toBe('this month');
    expect(window.since.toISOString()).toBe('2026-10-31T23:00:00.000Z');
  });
});

describe('parseAsk subjects and forms', () => {
  it('"what are customers saying about X" asks about customers', () => {
    const request = parse('what are customers saying about pricing');
    expect(request.subjects).toEqual(['pricing']);
    expect(request.customers).toBe(true);
    expect(request.question).toBe('what are customers saying about pricing');
  });

  it.each([
    ['what are users saying about the new pricing', ['new pricing']],
    ['What do reviewers think about Acme Desk', ['Acme Desk']],
    ['how are our customers feeling about outages', ['outages']],
    ['what’s customers saying about “pricing”', ['pricing']],
  ])('"%s" is a customer question', (text, subjects) => {
    const request = parse(text);
    expect(request.subjects).toEqual(subjects);
    expect(request.customers).toBe(true);
  });

  it.each([
    ['what are people saying about acme', ['acme']],
    ['what is the press writing about globex', ['globex']],
    ["what's the buzz on Globex Assist", ['Globex Assist']],
    ['what is the latest chatter about outages', ['outages']],
    ['any news on acme', ['acme']],
    ['tell me about the Acme outage', ['Acme outage']],
    ['brief me on pricing', ['pricing']],
    ['how is acme doing', ['acme']],
    ['how is globex doing vs acme', ['globex', 'acme']],
    ['how is globex doing compared with acme this week', ['globex', 'acme']],
    ['ask pricing', ['pricing']],
    ['ask what are people saying about pricing', ['pricing']],
  ])('"%s" is not limited to customers', (text, subjects) => {
    const request = parse(text);
    expect(request.subjects).toEqual(subjects);
    expect(request.customers).toBe(false);
  });

  it('"… from customers" also asks about customers, and the words are not part of the subject', () => {
    const request = parse('pricing from our customers last 30 days');
    expect(request.subjects).toEqual(['pricing']);
    expect(request.customers).toBe(true);
    expect(request.window.days).toBe(30);
  });

  it('"what are globex customers saying": globex, in its customers\' words', () => {
    for (const text of [
      'what are globex customers saying',
      'what did globex customers say',
      "what are globex's customers saying",
    ])
      expect(parse(text), text).toMatchObject({ subjects: ['globex'], customers: true });
    // Our customers are everyone's overview of customers, never a subject "our".
    expect(parse('what are our customers saying')).toMatchObject({ overview: true, customers: true });
  });

  it('reads a window after a question form, and drops the trailing "?"', () => {
    const request = parse('what are customers saying about pricing last 30 days?');
    expect(request.subjects).toEqual(['pricing']);
    expect(request.customers).toBe(true);
    expect(request.window.label).toBe('last 30 days');
    expect(request.question).toBe('what are customers saying about pricing last 30 days?');
    expect(parse("what's the buzz on acme this week?", thursday)).toMatchObject({
      subjects: ['acme'],
      window: { label: 'this week', days: 4 },
    });
  });

  it('"and for outages?", "what about for globex": the opening and its "for" are dropped, never searched', () => {
    for (const [text, subject] of [
      ['and for outages?', 'outages'],
      ['what about for outages', 'outages'],
      ['and for globex?', 'globex'],
      ['and for pricing last 30 days', 'pricing'],
    ] as const)
      expect(parse(text).subjects, text).toEqual([subject]);
    // "for" starting a question of its own is not an opening: it stays where the question form reads it.
    expect(parse('positive stories for acme').subjects).toEqual(['acme']);
  });

  it('"X last 30 days" keeps the subject and the window apart', () => {
    const request = parse('acme desk outage last 30 days');
    expect(request.subjects).toEqual(['acme desk outage']);
    expect(request.window.days).toBe(30);
  });

  it('"X vs Y" gives two subjects', () => {
    expect(parse('acme vs globex').subjects).toEqual(['acme', 'globex']);
    expect(parse('Acme vs. Globex last 30 days')).toMatchObject({
      subjects: ['Acme', 'Globex'],
      window: { days: 30 },
    });
    expect(parse('acme compared to globex').subjects).toEqual(['acme', 'globex']);
  });

  it('"X versus Y this week" gives two subjects and the week', () => {
    const request = parse('acme versus globex this week', thursday);
    expect(request.subjects).toEqual(['acme', 'globex']);
    expect(request.window.label).toBe('this week');
    expect(request.window.since.toISOString()).toBe('2026-11-01T23:00:00.000Z');
  });

  it('takes quoted subjects without their quotes', () => {
    expect(parse('"acme desk" vs "globex assist"').subjects).toEqual(['acme desk', 'globex assist']);
    expect(parse('tell me about “status page”').subjects).toEqual(['status page']);
    expect(parse("what's the buzz on 'usage tiers'?").subjects).toEqual(['usage tiers']);
  });

  it('keeps at most two subjects', () => {
    expect(parse('acme vs globex vs initech versus umbrella last month').subjects).toEqual([
      'acme',
      'globex',
    ]);
  });

  it('normalises whitespace in the question it keeps', () => {
    const request = parse('  what are   customers saying about   pricing  ');
    expect(request.question).toBe('what are customers saying about pricing');
    expect(request.subjects).toEqual(['pricing']);
  });

  it('a text that is only a window asks for the overview of that window', () => {
    const request = parse('last 30 days');
    expect(request.subjects).toEqual([]);
    expect(request.overview).toBe(true);
    expect(request.window.days).toBe(30);
  });

  it.each([
    ['reviews of acme desk', ['acme desk'], true],
    ['complaints about pricing', ['pricing'], true],
    ['the latest feedback on Globex Assist', ['Globex Assist'], true],
    ['sentiment of globex', ['globex'], false],
    ['overall sentiment on acme', ['acme'], false],
    ['coverage of the Acme outage', ['Acme outage'], false],
    ["what's new with globex", ['globex'], false],
    ['whats new with globex', ['globex'], false],
    ["how's pricing trending", ['pricing'], false],
    ['acme reviews', ['acme'], true],
    ['acme news', ['acme'], false],
    ['pricing summary', ['pricing'], false],
    ['give me a summary of pricing', ['pricing'], false],
    ['what should I know about acme', ['acme'], false],
    ['why are customers angry about pricing', ['pricing'], true],
    ['what do people hate about acme', ['acme'], false],
    ['what do customers like about globex', ['globex'], true],
    ['globex complaints', ['globex'], true],
    ['acme vs globex reviews', ['acme', 'globex'], true],
    ['is globex any good', ['globex'], false],
    ['is acme worth it', ['acme'], false],
    ["what's the word on the street about globex", ['globex'], false],
    ['how is acme perceived', ['acme'], false],
    ['compare acme and globex', ['acme', 'globex'], false],
    ['compare acme with globex', ['acme', 'globex'], false],
    ['what is happening at acme', ['acme'], false],
    ['who is talking about usage pricing', ['usage pricing'], false],
    ['is anyone writing about status pages', ['status pages'], false],
    ['latest on acme', ['acme'], false],
    ['show me the latest on pricing', ['pricing'], false],
  ])('"%s" asks about %j (customers: %s)', (text, subjects, customers) => {
    const request = parse(text);
    expect(request).toMatchObject({ subjects, customers, overview: false });
  });

  it.each([
    ["what's new", false],
    ['whats new', false],
    ['whats the latest', false],
    ['what changed', false],
    ['anything new?', false],
    ['what happened', false],
    ["what's the latest", false],
    ['top stories', false],
    ['headlines', false],
    ['catch me up', false],
    ['what did I miss', false],
    ['what did we miss', false],
    ['what have we missed', false],
    ['what are customers saying', true],
    ['what are people talking about', false],
    ['How do users feel', true],
    ['customer feedback', true],
    ['the latest reviews', true],
    ['the latest news', false],
    ['latest news', false],
  ])('"%s" asks for the overview (customers: %s)', (text, customers) => {
    const request = parse(text);
    expect(request).toMatchObject({ subjects: [], customers, overview: true });
  });

  it('everyday phrasings: "what did we miss yesterday", "what should I tell the board about pricing", "tldr on globex"', () => {
    expect(parse('what did we miss yesterday')).toMatchObject({
      overview: true,
      subjects: [],
      window: { label: 'yesterday' },
    });
    for (const text of [
      'what should I tell the board about pricing',
      'what do we tell the CEO about pricing?',
      'how should I brief leadership on pricing',
    ])
      expect([text, parse(text).subjects, parse(text).overview]).toEqual([text, ['pricing'], false]);
    for (const text of ['tldr on globex', 'tl;dr on globex', 'the gist of globex'])
      expect([text, parse(text).subjects]).toEqual([text, ['globex']]);
  });

  it.each([
    ['how did the outage play in the press', 'outage', false],
    ['how is the price rise landing with customers', 'price rise', true],
    ['how did the globex launch go over', 'globex launch', false],
    ['sentiment trend for pricing', 'pricing', false],
    ['volume over time of outages', 'outages', false],
    ['what do reviewers say about acme desk', 'acme desk', true],
    ['how negative is the pricing conversation', 'pricing', false],
    ['how heated is the talk about acme', 'acme', false],
    ['has sentiment on pricing improved', 'pricing', false],
    ['is the outage story dying down', 'outage', false],
    ['what did customers say about pricing', 'pricing', true],
    ['what have users been saying about globex', 'globex', true],
    ['why is pricing trending', 'pricing', false],
    ['where are people talking about globex', 'globex', false],
    ['what are the top complaints about acme', 'acme', true],
    ['how many mentions of globex', 'globex', false],
    ['how much coverage did the outage get', 'outage', false],
    ['the pricing situation', 'pricing', false],
    ['what did Priya Raman say', 'Priya Raman', false],
    ['what has kate_m been posting', 'kate_m', false],
    ['what are competitors doing', 'competitors', false],
    ['who is the most vocal critic of acme', 'acme', false],
    ['which sources are the most negative about pricing', 'pricing', false],
    ['who is talking about acme the most', 'acme', false],
    ['give me 3 bullets on pricing', 'pricing', false],
    ["what's the latest on the EU outage", 'EU outage', false],
  ])('"%s" asks about %s (customers: %s)', (text, subject, customers) => {
    expect(parse(text)).toMatchObject({ subjects: [subject], customers, overview: false });
  });

  it.each([
    ["who's winning, acme or globex?", ['acme', 'globex']],
    ['which is better, acme or globex', ['acme', 'globex']],
    ['how do we compare to globex', ['we', 'globex']],
    ['how does acme stack up against globex', ['acme', 'globex']],
  ])('"%s" is side by side', (text, subjects) => {
    expect(parse(text).subjects).toEqual(subjects);
  });

  it('the press asked about weighs news first: "how did the outage play in the press", "acme in the press"', () => {
    expect(parse('how did the outage play in the press')).toMatchObject({
      subjects: ['outage'],
      press: true,
    });
    expect(parse('what is the media saying about globex')).toMatchObject({
      subjects: ['globex'],
      press: true,
    });
    expect(parse('acme in the press')).toMatchObject({ subjects: ['acme'], press: true });
    // With no subject too: the overview, the press's, as "what is the press saying" is.
    for (const text of [
      'what are analysts saying',
      'what are the analysts saying',
      'what is the media saying',
    ])
      expect(parse(text), text).toMatchObject({ overview: true, press: true });
    expect(parse('what are customers saying about acme').press).toBeUndefined();
    expect(parse('what are people saying').press).toBeUndefined();
    expect(parse('acme').press).toBeUndefined();
  });

  it('a quarter by name and a range of days are windows', () => {
    // Thursday 5 November 2026, Berlin.
    expect(parse('globex in q3', thursday)).toMatchObject({
      subjects: ['globex'],
      window: {
        label: 'in Q3 2026',
        since: new Date('2026-06-30T22:00:00Z'),
        until: new Date('2026-09-30T22:00:00Z'),
        days: 92,
      },
    });
    // This quarter's, so far; a quarter not begun yet is last year's.
    expect(parse('pricing q4', thursday).window).toMatchObject({ label: 'in Q4 2026', until: thursday });
    expect(parse('pricing in q1', new Date('2026-02-01T09:00:00Z')).window.label).toBe('in Q1 2026');
    expect(parse('pricing q4', new Date('2026-02-01T09:00:00Z')).window.label).toBe('in Q4 2025');
    expect(() => parse('pricing q1 2027', thursday)).toThrow('Q1 2027 has not begun');
    expect(parse('acme from oct 1 to oct 15', thursday)).toMatchObject({
      subjects: ['acme'],
      window: {
        label: 'from 1 Oct to 15 Oct',
        since: new Date('2026-09-30T22:00:00Z'),
        until: new Date('2026-10-15T22:00:00Z'),
        days: 15,
      },
    });
    expect(parse('acme between 2026-10-01 and 2026-10-31', thursday).window.label).toBe(
      'from 1 Oct to 31 Oct',
    );
    // A range that runs on past now ends now.
    expect(parse('acme from nov 1 to nov 30', thursday).window.until).toEqual(thursday);
    expect(parse('acme from dec 20 to jan 5', thursday).window).toMatchObject({
      since: new Date('2025-12-19T23:00:00Z'),
      until: new Date('2026-01-05T23:00:00Z'),
    });
    expect(() => parse('acme between 2026-10-15 and 2026-10-01', thursday)).toThrow(
      '2026-10-01 comes before 2026-10-15',
    );
  });

  it('a slip in a window\'s unit is still the window; "compliants" asks for the negative side', () => {
    expect(parse('pricing last 30 dyas')).toMatchObject({ subjects: ['pricing'], window: { days: 30 } });
    expect(parse('pricing last 2 wks')).toMatchObject({ subjects: ['pricing'], window: { days: 14 } });
    expect(parse('compliants about acme')).toMatchObject({
      subjects: ['acme'],
      tone: 'negative',
      customers: true,
    });
    expect(parse('gdpr compliant vendors').subjects).toEqual(['gdpr compliant vendors']);
  });

  it('a number of sources asked for is kept, 1 to 10', () => {
    expect(parse('top 3 stories').count).toBe(3);
    expect(parse('top ten stories').count).toBe(10);
    expect(parse('top 25 stories').count).toBe(10);
    expect(parse('give me 3 bullets on pricing')).toMatchObject({ subjects: ['pricing'], count: 3 });
    expect(parse('pricing last 3 days').count).toBeUndefined();
  });

  it('"the biggest story" is one story; "the biggest stories" and "top complaints" are a page', () => {
    expect(parse("what's the biggest story this week", thursday)).toMatchObject({ overview: true, count: 1 });
    expect(parse('what is the most debated issue').count).toBe(1);
    expect(parse('the main thing').count).toBe(1);
    expect(parse('the biggest stories').count).toBeUndefined();
    expect(parse('what are the top complaints').count).toBeUndefined();
  });

  it('"top 3 stories this week" is the overview of the week', () => {
    expect(parse('top 3 stories this week', thursday)).toMatchObject({
      overview: true,
      window: { label: 'this week' },
    });
  });

  it.each([
    ['anything I should worry about?', 'negative'],
    ['is there anything we need to be concerned about', 'negative'],
    ['any red flags this week', 'negative'],
    ["what's the bad news", 'negative'],
    ['what do I need to know', undefined],
    ['what are the top complaints', 'negative'],
    ["what's the biggest story", undefined],
    ['what is most controversial', undefined],
    ['most debated topics', undefined],
    ['who is the most vocal critic', 'negative'],
    ['which sources are the most negative', 'negative'],
    ['who are the biggest fans', 'positive'],
    ['give me the bad news', 'negative'],
    ['sentiment', undefined],
    ['tl;dr', undefined],
    ['hey', undefined],
    ['anything we should know about', undefined],
  ])('"%s" asks for the overview, tone %s', (text, tone) => {
    const request = parse(text);
    expect(request).toMatchObject({ subjects: [], overview: true });
    expect(request.tone).toBe(tone);
  });

  it('an overview keeps its window: "what changed this week", "top stories yesterday"', () => {
    expect(parse('what changed this week', thursday)).toMatchObject({
      overview: true,
      window: { label: 'this week', days: 4 },
    });
    expect(parse('top stories yesterday', thursday)).toMatchObject({
      overview: true,
      window: { label: 'yesterday', days: 1 },
    });
  });

  it("side by side takes two subjects and names the ones left out; a possessive is searched without its 's", () => {
    expect(parse('acme vs. globex vs. initech')).toMatchObject({
      subjects: ['acme', 'globex'],
      leftOut: ['initech'],
    });
    expect(parse('acme vs globex').leftOut).toBeUndefined();
    expect(parse("what are people saying about acme's pricing").subjects).toEqual(['acme pricing']);
    expect(parse('what are people saying about acme’s pricing').subjects).toEqual(['acme pricing']);
  });

  it('"recap of the week", "summary of the month": the overview of that period, unless a window is given', () => {
    expect(parse('summary of the week')).toMatchObject({
      overview: true,
      window: { label: 'last 7 days', days: 7 },
    });
    expect(parse('recap of the month')).toMatchObject({
      overview: true,
      window: { label: 'last 30 days', days: 30 },
    });
    expect(parse('give me a roundup of the day')).toMatchObject({ overview: true, window: { days: 1 } });
    expect(parse('summary of the week last 30 days')).toMatchObject({ overview: true, window: { days: 30 } });
    expect(parse('summary of pricing')).toMatchObject({ overview: false, subjects: ['pricing'] });
  });

  it('a week’s summary or talking points, however asked, is the overview; whom it is for is no subject', () => {
    for (const text of [
      'summarise the week for the board',
      'give me a summary of this week',
      'weekly summary pls',
      'what should i tell the board',
      'what do I say to leadership?',
      'board talking points',
      'talking points for the CEO',
      'quick update for the exec team',
      'exec summary',
      'i need a weekly recap',
    ])
      expect(parse(text), text).toMatchObject({ overview: true, subjects: [] });
    expect(parse('weekly summary pls').window.label).toBe('last 7 days');
    expect(parse('give me a summary of this week').window.label).toBe('this week');
    expect(parse('daily recap').window.label).toBe('last 24 hours');
    expect(parse('monthly update').window).toMatchObject({ label: 'last 30 days', days: 30 });
    // A subject named stays the subject, whoever the answer is for.
    expect(parse('what should I tell the board about pricing').subjects).toEqual(['pricing']);
    expect(parse('pricing summary for the board').subjects).toEqual(['pricing']);
    expect(parse('summary of the outage for the board').subjects).toEqual(['outage']);
    expect(parse('give me an update on globex').subjects).toEqual(['globex']);
    expect(parse('talking points on pricing').subjects).toEqual(['pricing']);
  });

  it('slips in the words around the subject are mended; a real word the question needs stays', () => {
    expect(parse('wat are custmers sayng about pricng')).toMatchObject({
      subjects: ['pricng'],
      customers: true,
      question: 'wat are custmers sayng about pricng',
    });
    expect(parse('what are custmers sayng about pricing')).toMatchObject({
      subjects: ['pricing'],
      customers: true,
    });
    expect(parse('what are peopel talkng about')).toMatchObject({ overview: true });
    expect(parse('what are customers complainig about')).toMatchObject({ overview: true, tone: 'negative' });
    expect(parse('how is sentimnet on acme').subjects).toEqual(['acme']);
    // "staying", "paying": words of their own, one slip from "saying", never mended.
    expect(parse('are customers staying with us').subjects).toEqual(['customers staying with us']);
    expect(parse('are customers paying more').subjects).toEqual(['customers paying more']);
  });

  it('"anything on …", "do we have anything new about …": the words asking are never part of the subject', () => {
    expect(parse('anything on dana whitfield').subjects).toEqual(['dana whitfield']);
    expect(parse('anything on the acme outage from this morning?')).toMatchObject({
      subjects: ['acme outage'],
      window: { label: 'today' },
    });
    expect(parse('do we have anything new about pricing').subjects).toEqual(['pricing']);
    expect(parse('what have you got on globex').subjects).toEqual(['globex']);
    expect(parse('got anything on northwind').subjects).toEqual(['northwind']);
    expect(parse('any info on globex assist').subjects).toEqual(['globex assist']);
    expect(parse('is there anything about outages').subjects).toEqual(['outages']);
    expect(parse('anything new')).toMatchObject({ overview: true });
  });

  it('a subject is never mistaken for an overview', () => {
    expect(parse('new pricing')).toMatchObject({ subjects: ['new pricing'], overview: false });
    expect(parse('what changed at acme')).toMatchObject({ subjects: ['acme'], overview: false });
    expect(parse('news about globex')).toMatchObject({ subjects: ['globex'], overview: false });
  });
});

describe('parseAsk edge cases', () => {
  it('starts "this week" on the local Monday even far east of UTC', () => {
    // Thursday 5 November 2026, 09:00 in Auckland (UTC+13).
    const { window } = parseAsk('pricing this week', new Date('2026-11-04T20:00:00Z'), 'Pacific/Auckland');
    expect(window.since.toISOString()).toBe('2026-11-01T11:00:00.000Z');
  });

  it('labels a capped window as what is searched', () => {
    expect(parse('pricing last 900 days').window).toMatchObject({ days: 365, label: 'last 365 days' });
    expect(parse('pricing last 0 days').window).toMatchObject({ days: 1, label: 'last 1 day' });
  });

  it('searches a period typed from more than a year ago, as typed, and heads another year with its year', () => {
    const since = parse('biden since 2022-07-01', monday, 'UTC');
    expect(since.subjects).toEqual(['biden']);
    expect(since.window).toMatchObject({
      since: new Date('2022-07-01T00:00:00Z'),
      label: 'since 2022-07-01',
    });
    expect(since.notes ?? []).toEqual([]);
    for (const text of ['biden in july 2022', 'biden july 2022'])
      expect(parse(text, monday, 'UTC'), text).toMatchObject({
        subjects: ['biden'],
        window: {
          since: new Date('2022-07-01T00:00:00Z'),
          until: new Date('2022-08-01T00:00:00Z'),
          label: 'in July 2022',
        },
      });
    expect(parse('biden from 2022-07-27 to 2022-07-29').window.label).toBe('from 27 Jul 2022 to 29 Jul 2022');
    expect(() => parse('pricing in may 2099')).toThrow(/May 2099 has not begun/);
  });

  it('refuses a "since" date in the future with a clear message', () => {
    expect(() => parse('pricing since 2027-01-01')).toThrow(/2027-01-01 is in the future/);
  });
});

describe('parseAsk: subjects hidden in filler, decoration and typos', () => {
  it('a question with no subject is the overview, never a search for its filler words', () => {
    for (const text of ['what do you know', 'what’s different', 'anything interesting', 'what has changed'])
      expect(parse(text)).toMatchObject({ overview: true, subjects: [] });
    expect(parse('any good news?')).toMatchObject({ overview: true, tone: 'positive' });
    expect(parse("what's going well")).toMatchObject({ overview: true, tone: 'positive' });
    expect(parse("what's going wrong")).toMatchObject({ overview: true, tone: 'negative' });
    const different = parse("what's different from last week");
    expect(different).toMatchObject({
      overview: true,
      window: { label: 'last 7 days', before: { label: 'the 7 days before' } },
    });
    expect(parse('how has pricing changed since last week')).toMatchObject({
      subjects: ['pricing'],
      window: { label: 'since last week' },
    });
    // A real word among them keeps the subject.
    expect(parse('good pricing')).toMatchObject({ overview: false, subjects: ['good pricing'] });
  });

  it('the same topic whatever decoration or framing surrounds it', () => {
    for (const text of [
      '*pricing*',
      '_pricing_',
      'pricing 🔥',
      'pricing :fire:',
      '<!channel> pricing',
      '@here pricing',
      'should we respond to the pricing backlash',
      'how has pricing changed',
    ])
      expect(parse(text).subjects, text).toEqual(['pricing']);
    for (const text of ['globex vs', 'vs globex']) expect(parse(text).subjects, text).toEqual(['globex']);
    // The race is the company against the one named, side by side.
    for (const text of ['is globex winning', 'is globex losing ground'])
      expect(parse(text).subjects, text).toEqual(['us', 'globex']);
    expect(parse('globex vs').notes?.[0]).toMatch(/^Side by side needs two subjects/);
    expect(parse('is globex winning').notes).toBeUndefined();
    expect(parse('only news about pricing')).toMatchObject({ subjects: ['pricing'], press: true });
    expect(parse('just reviews of acme')).toMatchObject({ subjects: ['acme'], customers: true });
  });

  it('a mistyped intent word keeps its side; "positive stories about acme" is positive first', () => {
    expect(parse('complants about acme')).toMatchObject({
      subjects: ['acme'],
      tone: 'negative',
      customers: true,
    });
    expect(parse('acme complants')).toMatchObject({ subjects: ['acme'], tone: 'negative' });
    expect(parse('praize for acme')).toMatchObject({ subjects: ['acme'], tone: 'positive' });
    expect(parse('reveiws of acme')).toMatchObject({ subjects: ['acme'], customers: true });
    expect(parse('positive stories about acme')).toMatchObject({ subjects: ['acme'], tone: 'positive' });
    expect(parse('bad coverage of globex')).toMatchObject({ subjects: ['globex'], tone: 'negative' });
    // Real words near an intent word stay themselves.
    expect(parse('prices at acme')).not.toHaveProperty('tone');
    expect(parse('preview of acme').customers).toBe(false);
  });

  it('"acme vs acme" is one subject, with a note', () => {
    const twice = parse('acme vs Acme');
    expect(twice.subjects).toEqual(['acme']);
    expect(twice.notes).toEqual(['“Acme” is named twice, so here it is on its own.']);
  });
});

describe('parseAsk: more time phrases', () => {
  it('a year is that calendar year; "since 2025" runs until now; a year to come is refused', () => {
    const year = parse('pricing in 2025');
    expect(year).toMatchObject({ subjects: ['pricing'], window: { label: 'in 2025', days: 365 } });
    expect(year.window.since.toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(year.window.until.toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(parse('pricing 2026').window).toMatchObject({ label: 'in 2026', until: monday });
    expect(parse('pricing since 2025').window).toMatchObject({ label: 'since 2025', until: monday });
    expect(parse('q3 2026').window.label).toBe('in Q3 2026');
    expect(() => parse('pricing in 2027')).toThrow('2027 has not begun');
  });

  it('"over the weekend" is the latest Saturday and Sunday; "ytd" the year so far', () => {
    for (const now of [monday, thursday]) {
      const { subjects, window } = parse('pricing over the weekend', now);
      expect(subjects).toEqual(['pricing']);
      expect(window.label).toBe('over the weekend');
      expect(window.since.toISOString()).toBe('2026-10-30T23:00:00.000Z');
      expect(window.until.toISOString()).toBe('2026-11-01T23:00:00.000Z');
    }
    // On a Sunday: this weekend, so far.
    const sunday = new Date('2026-11-08T09:00:00Z');
    expect(parse('pricing this weekend', sunday).window.since.toISOString()).toBe('2026-11-06T23:00:00.000Z');
    expect(parse('pricing ytd').window).toMatchObject({ label: 'year to date', until: monday });
    expect(parse('pricing year to date').window.since.toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it('a window still to come says so; a window longer than a year and too many sources are capped with a note', () => {
    for (const text of [
      'pricing next week',
      'pricing tomorrow',
      'next month acme',
      'pricing in the coming weeks',
    ])
      expect(() => parse(text), text).toThrow('is still to come');
    const long = parse('pricing last 400 days');
    expect(long.window).toMatchObject({ label: 'last 365 days', days: 365 });
    expect(long.notes).toEqual([
      'Briefbot looks back a year at most, so this covers the last 365 days, not the last 400 days.',
    ]);
    const top = parse('top 20 stories');
    expect(top).toMatchObject({ overview: true, count: 10 });
    expect(top.notes?.[0]).toMatch(/^A page shows at most 10 sources/);
    expect(parse('top 3 stories').notes).toBeUndefined();
    expect(parse('top 0 stories')).not.toHaveProperty('count');
    expect(parse('top 0 stories').notes).toEqual(['A page shows at least one source: here are the top 5.']);
  });

  it('"pricing this week vs last week": the last 7 days, set beside the 7 days just before them', () => {
    for (const text of [
      'pricing this week vs last week',
      'pricing compared to last week',
      'pricing vs last week',
      'pricing this week versus last week',
    ]) {
      const request = parse(text);
      expect(request.subjects, text).toEqual(['pricing']);
      expect(request.window.label).toBe('last 7 days');
      expect(request.window.before, text).toEqual({
        since: new Date(monday.getTime() - 14 * dayMs),
        until: new Date(monday.getTime() - 7 * dayMs),
        days: 7,
        label: 'the 7 days before',
      });
      expect(request.notes, text).toBeUndefined();
    }
    expect(parse('pricing compared with last month').window).toMatchObject({
      label: 'last 30 days',
      before: { label: 'the 30 days before', days: 30 },
    });
    expect(parse('how is acme doing compared to last month')).toMatchObject({
      subjects: ['acme'],
      window: { label: 'last 30 days', before: { label: 'the 30 days before' } },
    });
    // A window alone is no comparison.
    expect(parse('pricing last 7 days').window.before).toBeUndefined();
    // Two subjects still compare: "acme vs globex last week".
    expect(parse('acme vs globex last week').subjects).toEqual(['acme', 'globex']);
  });

  it('"compare this week with last week" and its family: the overview against the week before, never a subject "compare"', () => {
    for (const [text, subjects] of [
      ['compare this week with last week', []],
      ['comparing this week to last week', []],
      ['this week vs last week', []],
      ['this week versus last week', []],
      ['how does this week compare to last week', []],
      ['compare this week and the week before', []],
      ['compare pricing this week with last week', ['pricing']],
      ['how does pricing compare this week to last week', ['pricing']],
      ['how does pricing compare to last week', ['pricing']],
    ] as const) {
      const request = parse(text);
      expect(request.subjects, text).toEqual(subjects);
      expect(request.overview, text).toBe(subjects.length === 0);
      expect(request.window.label, text).toBe('last 7 days');
      expect(request.window.before?.label, text).toBe('the 7 days before');
    }
    for (const text of ['what changed since last week', "what's changed since last week"])
      expect(parse(text), text).toMatchObject({
        overview: true,
        window: { label: 'last 7 days', before: { label: 'the 7 days before' } },
      });
    expect(parse('how is this month stacking up against last month').window.label).toBe('last 30 days');
    // Two subjects are still side by side.
    expect(parse('compare acme with globex').subjects).toEqual(['acme', 'globex']);
  });

  it('two periods named ("outages: march vs april", "last month vs the month before"): the later one, with the earlier before it', () => {
    const at = (iso: string) => new Date(iso);
    for (const text of [
      'outages: march vs april',
      'outages in march vs april',
      'outages april compared to march',
      'outages in april versus in march',
    ]) {
      const request = parse(text);
      expect(request.subjects, text).toEqual(['outages']);
      expect(request.window, text).toEqual({
        since: at('2026-03-31T22:00:00Z'),
        until: at('2026-04-30T22:00:00Z'),
        days: 30,
        label: 'in April',
        before: {
          since: at('2026-02-28T23:00:00Z'),
          until: at('2026-03-31T22:00:00Z'),
          days: 31,
          label: 'in March',
        },
      });
    }
    expect(parse('pricing last month vs the month before').window).toMatchObject({
      label: 'in October',
      before: { label: 'in September', since: at('2026-08-31T22:00:00Z'), until: at('2026-09-30T22:00:00Z') },
    });
    for (const text of [
      'pricing last 30 days vs the 30 days before',
      'pricing last 30 days vs the period before',
      'pricing last 30 days vs the previous 30 days',
    ]) {
      const request = parse(text);
      expect(request, text).toMatchObject({
        subjects: ['pricing'],
        window: { label: 'last 30 days', before: { label: 'the 30 days before', days: 30 } },
      });
      expect(request.window.before?.until, text).toEqual(request.window.since);
      expect(request.notes, text).toBeUndefined();
    }
    // Two periods that overlap: the longer one ends where the other begins, and a note says so.
    const overlap = parse('pricing yesterday vs last week');
    expect(overlap).toMatchObject({
      subjects: ['pricing'],
      window: { label: 'yesterday', before: { label: 'the 7 days before', days: 7 } },
    });
    expect(overlap.window.before?.until).toEqual(overlap.window.since);
    expect(overlap.notes).toEqual([
      'Last 7 days takes in yesterday, so yesterday is set against the 7 days before it.',
    ]);
    // Two subjects and a period stay side by side; a month never becomes a subject.
    expect(parse('acme vs globex in march')).toMatchObject({
      subjects: ['acme', 'globex'],
      window: { label: 'in March' },
    });
    expect(parse('acme vs globex in march').window.before).toBeUndefined();
    expect(parse('acme vs march').window.before).toBeUndefined();
  });
});

describe('askText', () => {
  it('writes a question that parseAsk reads back as the same subjects, window, audience and side', () => {
    const frames: AskFrame[] = [
      { subjects: [], windowLabel: 'last 30 days', customers: false },
      { subjects: [], windowLabel: 'this week', customers: false, tone: 'negative' },
      { subjects: [], windowLabel: 'in 2025', customers: true },
      { subjects: ['pricing'], windowLabel: 'over the weekend', customers: true, tone: 'negative' },
      { subjects: ['acme'], windowLabel: 'year to date', customers: true, tone: 'positive' },
      { subjects: ['acme', 'globex'], windowLabel: 'in November', customers: false, tone: 'negative' },
      { subjects: ['outages'], windowLabel: 'from 1 Nov to 15 Nov', customers: false, press: true },
      { subjects: ['AI agents'], windowLabel: 'in Q3 2026', customers: false, tone: 'positive' },
      { subjects: ['pricing'], windowLabel: 'since 2026-11-01', customers: false },
      // "anything i should worry about", then "just customers" (or "any good news", then "only reviews").
      { subjects: [], windowLabel: 'last 7 days', customers: true, tone: 'negative' },
      { subjects: [], windowLabel: 'last 30 days', customers: true, tone: 'positive' },
    ];
    for (const frame of frames) {
      const read = parse(askText(frame), thursday);
      expect(
        {
          subjects: read.subjects,
          windowLabel: read.window.label,
          customers: read.customers,
          ...(read.press ? { press: true } : {}),
          ...(read.tone ? { tone: read.tone } : {}),
        },
        askText(frame),
      ).toEqual(frame);
    }
  });
});

describe('parseAsk: the words around a subject are never the subject', () => {
  it.each([
    ['whats teh buzz on globx', ['globx']],
    ['what does kate_m think', ['kate_m']],
    // "our": the company's, searched as such ("acme NPS"), never everyone's.
    ['whats our NPS', ['us NPS']],
    ['our pricing', ['us pricing']],
    ['what are customers saying about our pricing', ['us pricing']],
    ['what are our competitors doing', ['competitors']],
    ['are customers leaving us', ['customers leaving us']],
    ['is globex gaining on us', ['us', 'globex']],
    ['what is globex saying about us', ['globex on us']],
    ['what is globex saying about acme', ['globex on acme']],
    ['is the outage over', ['outage']],
    ['<@U0EXPERT1> pricing', ['pricing']],
    ['pricing <#C0NEWS|news>', ['pricing']],
    ['@UEXPERT01 pricing', ['pricing']],
    ['pricing #CDEMONEWS', ['pricing']],
    ['#GDPR fines', ['#GDPR fines']],
    ['who is dana whitfield', ['dana whitfield']],
    ['who is winning, acme or globex', ['acme', 'globex']],
    ['what is the competitor doing on AI', ['competitor AI']],
    ['pricing, outages', ['pricing and outages']],
    ['what are peple saying about pricng', ['pricng']],
  ])('%s → %j', (text, subjects) => {
    expect(parse(text).subjects).toEqual(subjects);
  });

  it('reads the side asked for around the subject', () => {
    expect(parse('how many complaints about pricing')).toMatchObject({
      subjects: ['pricing'],
      tone: 'negative',
    });
    // Whose words said twice: by a word before the noun, or "from customers" after it.
    expect(parse('complaints from customers about acme last 30 days')).toMatchObject({
      subjects: ['acme'],
      tone: 'negative',
      customers: true,
    });
    expect(parse('negative customer reviews of globex')).toMatchObject({
      subjects: ['globex'],
      tone: 'negative',
      customers: true,
    });
    expect(parse("customers' praise for acme")).toMatchObject({ subjects: ['acme'], tone: 'positive' });
    expect(parse('should I be worried about globex')).toMatchObject({
      subjects: ['globex'],
      tone: 'negative',
    });
    expect(parse('who is the most vocal critic of acme')).toMatchObject({
      subjects: ['acme'],
      tone: 'negative',
    });
  });

  it('a window after a comma stays the window; a list of subjects is joined by "and"', () => {
    expect(parse('pricing, last 30 days')).toMatchObject({
      subjects: ['pricing'],
      window: { label: 'last 30 days' },
    });
    expect(parse('pricing, yesterday')).toMatchObject({
      subjects: ['pricing'],
      window: { label: 'yesterday' },
    });
    expect(parse('pricing, outages, globex').subjects).toEqual(['pricing and outages and globex']);
  });

  it('"summarize the week in 3 bullets" is the overview of the week, three sources', () => {
    expect(parse('summarize the week in 3 bullets')).toMatchObject({
      overview: true,
      count: 3,
      window: { label: 'last 7 days' },
    });
  });
});

describe('parseAsk: side by side compares like with like', () => {
  it.each([
    ['how do we stack up against globex on pricing', ['us pricing', 'globex pricing']],
    ['compare our pricing to globex pricing', ['us pricing', 'globex pricing']],
    ['compare our pricing to globex', ['us pricing', 'globex pricing']],
    ['acme vs globex on pricing', ['acme pricing', 'globex pricing']],
    // "cheaper": the pricing side by side, the company first.
    ['is globex cheaper than us', ['us pricing', 'globex pricing']],
    ['are we more expensive than globex?', ['us pricing', 'globex pricing']],
    ['who is cheaper, acme or globex', ['acme pricing', 'globex pricing']],
    ['acme vs globex', ['acme', 'globex']],
    ['how do we compare to globex', ['we', 'globex']],
    ['acme on pricing vs globex on outages', ['acme on pricing', 'globex on outages']],
  ])('%s → %j', (text, subjects) => {
    expect(parse(text).subjects).toEqual(subjects);
  });
});

describe('parseAsk: measures of the conversation are never a subject', () => {
  it.each([
    ["what's our share of voice vs globex", ['us', 'globex']],
    ["what's our share of voice", ['us', 'competitors']],
    ['what share of voice do we have', ['us', 'competitors']],
    ["what's globex's share of voice", ['us', 'globex']],
    ["what's our share of voice on pricing", ['us pricing', 'competitors pricing']],
    ['is our reputation improving', ['us']],
    ["is acme's reputation getting worse", ['acme']],
    ['what percentage of mentions about pricing are negative', ['pricing']],
    ['how is the sentiment on pricing', ['pricing']],
    ['has sentiment on pricing improved', ['pricing']],
    ['sentiment on acme vs globex', ['acme', 'globex']],
  ])('%s → %j', (text, subjects) => {
    expect(parse(text).subjects).toEqual(subjects);
  });

  it('"what percentage of mentions are negative" is the overview, negative first', () => {
    expect(parse('what percentage of mentions are negative')).toMatchObject({
      subjects: [],
      overview: true,
      tone: 'negative',
    });
    expect(parse('what percentage of reviews are negative')).toMatchObject({
      overview: true,
      customers: true,
      tone: 'negative',
    });
    expect(parse('has customer sentiment on pricing changed')).toMatchObject({
      subjects: ['pricing'],
      customers: true,
    });
  });
});

describe('parseAsk: the race and what one side says about the other', () => {
  it.each([
    ['is globex gaining on us', ['us', 'globex']],
    ['is globex winning', ['us', 'globex']],
    ['are we losing to globex', ['us', 'globex']],
    ['is globex beating us', ['us', 'globex']],
    ['are we winning', ['us', 'competitors']],
    ['is globex gaining on initech', ['globex', 'initech']],
    ['is globex struggling', ['globex']],
    ['is acme ahead of globex', ['acme', 'globex']],
    ['is the outage behind us', ['outage']],
    ['what is globex saying about acme', ['globex on acme']],
    ['what has globex said about our company', ['globex on us']],
    ['what are customers saying about pricing', ['pricing']],
    ['what is globex saying about itself', ['globex on itself']],
    ["globex's own posts", ['globex on itself']],
    ['what did globex say themselves', ['globex on itself']],
    ['globex own posts', ['globex on itself']],
    ['globex staff', ['globex on itself']],
    ['what are customers saying about themselves', ['themselves']],
    ['our staff', ['us staff']],
  ])('%s → %j', (text, subjects) => {
    expect(parse(text).subjects).toEqual(subjects);
  });

  it('"the biggest story about globex" is globex, one story; "top 3 stories about pricing" three', () => {
    expect(parse("what's the biggest story about globex")).toMatchObject({ subjects: ['globex'], count: 1 });
    expect(parse('top 3 stories about pricing')).toMatchObject({ subjects: ['pricing'], count: 3 });
  });

  it('"the top 3 about acme", as a follow-up\'s note writes it, is acme, three stories', () => {
    for (const text of [
      'The top 3 about Acme',
      'the top 3 about acme',
      'top 3 about acme',
      'top three on acme',
    ]) {
      const read = parse(text);
      expect(
        read.subjects.map((subject) => subject.toLowerCase()),
        text,
      ).toEqual(['acme']);
      expect(read, text).toMatchObject({ count: 3, overview: false });
    }
  });
});

describe('parseAsk: the week before', () => {
  it('"the previous week", "pricing the week before" are the calendar week before this one', () => {
    // Thursday 5 November: this week began on Monday 2 November.
    for (const text of ['the previous week', 'what about the previous week', 'the week before']) {
      const read = parse(text, thursday);
      expect(read.overview, text).toBe(true);
      expect(read.window.label, text).toBe('from 26 Oct to 1 Nov');
      expect(read.window.days, text).toBe(7);
    }
    expect(parse('pricing the week before', thursday)).toMatchObject({
      subjects: ['pricing'],
      window: { label: 'from 26 Oct to 1 Nov' },
    });
  });
});

describe('askText keeps the format and the sentiment question', () => {
  it('a count, bullets and a question about how the tone moved read back as asked', () => {
    const frames: AskFrame[] = [
      { subjects: ['pricing'], windowLabel: 'last 30 days', customers: false, count: 3, bullets: true },
      { subjects: [], windowLabel: 'last 7 days', customers: false, count: 3 },
      { subjects: ['globex'], windowLabel: 'yesterday', customers: true, count: 1 },
      { subjects: ['pricing'], windowLabel: 'last 30 days', customers: false, toneChange: true },
      { subjects: ['outages'], windowLabel: 'from 1 Nov to 15 Nov', customers: true, toneChange: true },
    ];
    for (const frame of frames) {
      const text = askText(frame);
      const read = parse(text, thursday);
      expect(
        {
          subjects: read.subjects,
          windowLabel: read.window.label,
          customers: read.customers,
          ...(read.count ? { count: read.count } : {}),
          ...(/\bbullets?\b/.test(text) ? { bullets: true } : {}),
          ...(/\bsentiment\b/.test(text) ? { toneChange: true } : {}),
        },
        text,
      ).toEqual(frame);
    }
  });
});

describe('askText words a question as a person would', () => {
  it('never asks for a number twice when the words already ask for it', () => {
    const frame: AskFrame = {
      subjects: ['top 3 things'],
      windowLabel: 'last 7 days',
      customers: false,
      count: 3,
    };
    expect(askText(frame)).toBe('top 3 things last 7 days');
  });

  it('asks how the tone moved "in the last 7 days", never "changed last 7 days"', () => {
    expect(
      askText({ subjects: ['acme'], windowLabel: 'last 7 days', customers: false, toneChange: true }),
    ).toBe('has sentiment on acme changed in the last 7 days');
    expect(
      askText({ subjects: ['acme'], windowLabel: 'past 2 weeks', customers: true, toneChange: true }),
    ).toBe('has customer sentiment on acme changed in the past 2 weeks');
    expect(
      askText({ subjects: ['acme'], windowLabel: 'in November', customers: false, toneChange: true }),
    ).toBe('has sentiment on acme changed in November');
  });
});

describe('a who-question joined with how the tone moved', () => {
  it.each([
    ['who is saying what about pricing and has sentiment changed', ['pricing'], false, 'last 7 days'],
    ["who's talking about acme and has the mood shifted?", ['acme'], false, 'last 7 days'],
    [
      'who is saying what about pricing and has customer sentiment changed last 30 days',
      ['pricing'],
      true,
      'last 30 days',
    ],
  ])('reads "%s" as who, then the move of its subject', (typed, subjects, customers, label) => {
    const read = parse(typed, thursday);
    expect(read).toMatchObject({ subjects, customers, who: true, window: { label } });
  });

  it.each([
    ['has sentiment on pricing changed and who is saying it', ['pricing'], 'last 7 days'],
    ["pricing last 30 days, and who's talking about it?", ['pricing'], 'last 30 days'],
  ])('reads "%s" the other way round alike', (typed, subjects, label) => {
    expect(parse(typed, thursday)).toMatchObject({ subjects, who: true, window: { label } });
  });

  it('is written back as the user would say it, and read again as asked', () => {
    const frame: AskFrame = {
      subjects: ['pricing'],
      windowLabel: 'last 30 days',
      customers: false,
      toneChange: true,
      who: true,
    };
    const text = askText(frame);
    expect(text).toBe('who is saying what about pricing and has sentiment changed in the last 30 days');
    expect(askText({ ...frame, customers: true, windowLabel: 'in October' })).toBe(
      'who is saying what about pricing and has customer sentiment changed in October',
    );
    expect(parse(text, thursday)).toMatchObject({
      subjects: ['pricing'],
      who: true,
      window: { label: 'last 30 days' },
    });
  });
});

describe('an executive’s everyday wording', () => {
  it.each([
    ['top 3 things i need to know', 3],
    ['top 5 things we need to know about', 5],
  ])('reads "%s" as the overview, that many stories', (typed, count) => {
    expect(parse(typed)).toMatchObject({ subjects: [], overview: true, count });
  });

  it.each([
    ['how bad was the outage', ['outage']],
    ['how big was the pricing backlash', ['pricing']],
    ['is the outage still a problem', ['outage']],
    ['is pricing still an issue', ['pricing']],
    ['what is the trend on pricing', ['pricing']],
    ['did the outage hurt us', ['outage']],
    ['how has globex fared', ['globex']],
    ['how did we do', ['we']],
    ['summarize globex for me', ['globex']],
    ['whats the story with the outage', ['outage']],
    ['what’s the deal with globex', ['globex']],
    ['give me the headlines on acme', ['acme']],
  ])('reads "%s" as its subject alone', (typed, subjects) => {
    expect(parse(typed)).toMatchObject({ subjects, overview: false });
  });

  it.each([
    ['customers on acme last 30 days', ['acme']],
    ['customer reaction to pricing', ['pricing']],
    ['customer views on acme', ['acme']],
  ])('reads "%s" as customers’ own words about its subject', (typed, subjects) => {
    expect(parse(typed)).toMatchObject({ subjects, customers: true });
  });

  it('reads "how is the market reacting to our price increase" as the subject, and "how are customers taking the outage" as customers’', () => {
    expect(parse('how is the market reacting to our price increase')).toMatchObject({
      subjects: ['us price increase'],
      customers: false,
    });
    expect(parse('how are customers taking the outage')).toMatchObject({
      subjects: ['outage'],
      customers: true,
    });
  });

  it.each([
    ['any problems with pricing', ['pricing']],
    ['are there any issues with acme?', ['acme']],
    ['problems with the outage last month', ['outage']],
    ['concerns about pricing', ['pricing']],
  ])('reads "%s" as its subject, the negative first, never a search for "problems"', (typed, subjects) => {
    expect(parse(typed)).toMatchObject({ subjects, overview: false, tone: 'negative' });
  });

  it('reads "is globex eating our lunch" as globex, never a search for "eating" or "lunch"', () => {
    expect(parse('is globex eating our lunch')).toMatchObject({ subjects: ['globex'], overview: false });
    expect(parse('is globex eating our lunch').tone).toBeUndefined();
  });

  it('reads "what are customers angry about" as customers’ own words, the negative first', () => {
    expect(parse('what are customers angry about')).toMatchObject({
      subjects: [],
      overview: true,
      customers: true,
      tone: 'negative',
    });
  });

  it('reads "a 3 bullet summary" as three bullets, of the subject named or of everything', () => {
    expect(parse('give me a 3 bullet summary for the board')).toMatchObject({
      subjects: [],
      overview: true,
      count: 3,
    });
    expect(parse('a 3 bullet summary of pricing')).toMatchObject({ subjects: ['pricing'], count: 3 });
  });

  it('reads "are customers happy" as customers’ own words, both sides, and "is the press upset" as the press', () => {
    const happy = parse('are customers happy?');
    expect(happy).toMatchObject({ subjects: [], overview: true, customers: true });
    expect(happy.tone).toBeUndefined();
    expect(parse('is the press upset')).toMatchObject({ subjects: [], overview: true, press: true });
    // With a subject, the subject: "are customers happy with pricing".
    expect(parse('are customers happy with pricing')).toMatchObject({
      subjects: ['pricing'],
      customers: true,
    });
  });

  it.each(['who should respond', 'who needs to reply to this'])(
    'reads "%s" as what is waiting for a response',
    (typed) => {
      expect(parse(typed)).toMatchObject({ subjects: [], overview: true, respond: true });
    },
  );

  it.each(['whats the trend', 'what’s the big picture', 'whats the vibe'])(
    'reads "%s" as the overview, never a search for its words',
    (typed) => {
      expect(parse(typed)).toMatchObject({ subjects: [], overview: true });
    },
  );

  it.each(['is there a crisis', 'any crisis brewing', 'any problems', 'any red flags', 'any fires?'])(
    'reads "%s" as everything, the negative first',
    (typed) => {
      expect(parse(typed)).toMatchObject({ subjects: [], overview: true, tone: 'negative' });
    },
  );

  it.each([
    ['whos our biggest critic', 'negative'],
    ['who are our biggest critics', 'negative'],
    ['who’s our biggest fan', 'positive'],
  ])('reads "%s" as that side of the company', (typed, tone) => {
    expect(parse(typed)).toMatchObject({ subjects: ['us'], overview: false, tone });
  });

  it.each([
    ['give me the 30 second version', []],
    ['the elevator pitch', []],
    ['pricing, 30-second version', ['pricing']],
  ])('reads "%s" as the one-line answer', (typed, subjects) => {
    expect(parse(typed)).toMatchObject({ subjects, shape: 'line' });
  });
});

describe('parseAsk: audit round 4', () => {
  it('reads "what did customers say" as "what are customers saying", in any window', () => {
    for (const [past, present] of [
      ['what did customers say yesterday', 'what are customers saying yesterday'],
      ['what did customers say this week', 'what are customers saying this week'],
      ['what have users been saying', 'what are users saying'],
      ['what did reviewers think', 'what do reviewers think'],
    ] as const) {
      const { question: _asked, ...read } = parse(past);
      const { question: _same, ...expected } = parse(present);
      expect(read, past).toEqual(expected);
      expect(read, past).toMatchObject({ overview: true, customers: true });
    }
  });

  it('"tell me more about pricing" and its kind are pricing, never the words "tell me more"', () => {
    for (const text of [
      'tell me more about pricing',
      'more about pricing',
      'tell me about pricing',
      'give me more on pricing',
      'tell me a bit more about pricing last 30 days',
    ])
      expect(parse(text).subjects, text).toEqual(['pricing']);
  });

  it('"share of voice" alone is the measure: the company against its competitors', () => {
    expect(parse('share of voice').subjects).toEqual(parse("what's our share of voice").subjects);
  });

  it('"acme vs globex customers only" is the customers side by side, never "globex customers only" as a side', () => {
    for (const text of [
      'acme vs globex customers only',
      'acme vs globex only reviews',
      'acme vs globex reviews only',
      'acme vs globex from customers',
    ]) {
      const asked = parse(text);
      expect(asked.subjects, text).toEqual(['acme', 'globex']);
      expect(asked.customers, text).toBe(true);
    }
    const news = parse('acme vs globex news only');
    expect(news.subjects).toEqual(['acme', 'globex']);
    expect(news.press).toBe(true);
  });

  it('"share of voice on pricing" is ours on pricing against theirs, never the company against the theme', () => {
    for (const theme of ['pricing', 'outages'])
      expect(parse(`share of voice on ${theme}`).subjects, theme).toEqual(
        parse(`what's our share of voice on ${theme}`).subjects,
      );
    expect(parse('share of voice on pricing').subjects).toEqual(['us pricing', 'competitors pricing']);
    // "for globex" names whose share it is.
    expect(parse('share of voice for globex').subjects).toEqual(['us', 'globex']);
  });
});

describe('parseAsk: a language asked for', () => {
  it('reads "in German", "only English" and "German press only" as the sources in that language', () => {
    expect(parse('in German')).toMatchObject({ overview: true, language: 'de' });
    expect(parse('only English')).toMatchObject({ overview: true, language: 'en' });
    expect(parse('German press only')).toMatchObject({ overview: true, language: 'de', press: true });
    expect(parse('nestle in english')).toMatchObject({ subjects: ['nestle'], language: 'en' });
    expect(parse('nestle from German sources')).toMatchObject({ subjects: ['nestle'], language: 'de' });
  });

  it('keeps the rest of the question: the press, the side and the window', () => {
    const french = parse('what is the French press saying about nestle');
    expect(french).toMatchObject({ subjects: ['nestle'], language: 'fr', press: true });
    expect(french.question).toBe('what is the French press saying about nestle');
    const complaints = parse('complaints about nestle in German last 30 days');
    expect(complaints).toMatchObject({ subjects: ['nestle'], language: 'de', tone: 'negative' });
    expect(complaints.window.label).toBe('last 30 days');
  });

  it('reads "German news", "French press" and "Spanish coverage" as the language, the rest as the subject', () => {
    for (const [text, language] of [
      ['german news', 'de'],
      ['French press', 'fr'],
      ['spanish coverage', 'es'],
      ['the latest German news', 'de'],
    ] as const)
      expect(parse(text), text).toMatchObject({ overview: true, subjects: [], language });
    expect(parse('spanish coverage of acme')).toMatchObject({ subjects: ['acme'], language: 'es' });
    expect(parse('what is the German news saying about pricing')).toMatchObject({
      subjects: ['pricing'],
      language: 'de',
    });
    expect(parse('german news last 30 days')).toMatchObject({ overview: true, language: 'de' });
    expect(parse('german news last 30 days').window.label).toBe('last 30 days');
  });

  it('takes a language named as the subject for the subject', () => {
    for (const text of ['german', 'german market', 'investment in German startups', 'english football']) {
      const read = parse(text);
      expect(read.language, text).toBeUndefined();
      expect(read.overview, text).toBe(false);
    }
    expect(parse('german market').subjects).toEqual(['german market']);
  });

  it('is written back by askText, and read again as asked', () => {
    const frame: AskFrame = {
      subjects: ['nestle'],
      windowLabel: 'last 30 days',
      customers: false,
      press: true,
      language: 'de',
    };
    const text = askText(frame);
    expect(text).toBe('nestle in the press in German last 30 days');
    expect(parse(text)).toMatchObject({ subjects: ['nestle'], language: 'de', press: true });
    expect(
      parse(askText({ subjects: [], windowLabel: 'last 7 days', customers: false, language: 'en' })),
    ).toMatchObject({ overview: true, language: 'en' });
  });
});
