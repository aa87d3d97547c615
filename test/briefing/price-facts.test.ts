import { describe, expect, it } from 'vitest';
import { priceFactsOf } from '../../src/briefing/price-facts.ts';

const source = (number: number, title: string, excerpt: string, feedKind = 'news') => ({
  number,
  title,
  excerpt,
  feedKind,
});

describe('priceFactsOf', () => {
  it('quotes the clause that gives a price figure, one a source, what others say before the competitor’s own', () => {
    const facts = priceFactsOf([
      source(
        1,
        'Transparent pricing: why we publish every plan price',
        'Every plan is on our pricing page, and renewals never rise more than 5% a year.',
        'competitor',
      ),
      source(
        2,
        'Globex launches Assist AI',
        "Unlike Acme's seat-based add-on, Globex charges $0.90 per resolved conversation, a model that puts pressure on incumbents.",
      ),
      source(
        3,
        'Price war? Globex offers 40% discount to teams switching from Acme',
        'It runs until March. It costs 40% less.',
      ),
    ]);
    expect(facts).toEqual([
      { text: 'Globex charges $0.90 per resolved conversation', number: 2, own: false },
      { text: 'Globex offers 40% discount to teams switching from Acme', number: 3, own: false },
    ]);
  });

  it('gives the competitor’s own claim, marked as such, when nothing else has a figure', () => {
    expect(
      priceFactsOf([
        source(1, 'Tip: ask for the multi-year discount', 'Ask before your renewal call.'),
        source(2, 'Our pricing', 'Renewals never rise more than 5% a year.', 'competitor'),
      ]),
    ).toEqual([{ text: 'Renewals never rise more than 5% a year', number: 2, own: true }]);
  });

  it("counts as the side's own claims only those of a feed that stands for it: another competitor's are what others say", () => {
    const initech = {
      ...source(1, 'Initech pricing', 'Globex renewals rise 20% a year.', 'competitor'),
      feedCompetitor: 'Initech',
    };
    const globex = {
      ...source(2, 'Our pricing', 'Renewals never rise more than 5% a year.', 'competitor'),
      feedCompetitor: 'globex',
    };
    expect(priceFactsOf([globex, initech], 'globex')).toEqual([
      { text: 'Globex renewals rise 20% a year', number: 1, own: false },
      { text: 'Renewals never rise more than 5% a year', number: 2, own: true },
    ]);
  });

  it('skips questions and figures that are no price, and cuts a long clause around its figure', () => {
    expect(
      priceFactsOf([
        source(1, 'Is Globex really 30% cheaper?', 'The market share of the two is estimated at 41% today.'),
        source(
          2,
          'Renewal news',
          'Our account team told us in a short call last Tuesday that the renewal quote for next year would be 25% higher than the quote we signed two years ago for the same seats.',
        ),
      ]),
    ).toEqual([
      {
        text: '…renewal quote for next year would be 25% higher than the quote…',
        number: 2,
        own: false,
      },
    ]);
  });

  it('quotes first the sources that state the side’s price most directly: naming it, a price or its change, newer first, then as ranked', () => {
    const at = (hoursAgo: number) => ({
      publishedAt: new Date(Date.UTC(2026, 10, 20, 12) - hoursAgo * 3_600_000),
    });
    const facts = priceFactsOf(
      [
        {
          ...source(1, 'Renewal season', 'Our renewal quote under the new pricing is 17% higher.', 'forum'),
          ...at(1),
        },
        { ...source(2, 'Acme Desk now costs $49 per seat', 'The plan page changed on Monday.'), ...at(72) },
        { ...source(3, 'Acme offers 20% discount to annual plans', 'Until March.'), ...at(2) },
        {
          ...source(4, 'Acme raises Acme Desk prices by up to 18%', 'Per-seat plans give way to tiers.'),
          ...at(20),
        },
      ],
      'acme pricing',
    );
    expect(facts).toEqual([
      { text: 'Acme raises Acme Desk prices by up to 18%', number: 4, own: false },
      { text: 'Acme Desk now costs $49 per seat', number: 2, own: false },
    ]);
    // Without a side named, the figure a source gives first still counts, the newest first among equals.
    expect(
      priceFactsOf([
        { ...source(1, 'Prices', 'It costs $20 per seat.'), ...at(48) },
        { ...source(2, 'Prices', 'It costs $25 per seat.'), ...at(5) },
      ]).map((fact) => fact.number),
    ).toEqual([2, 1]);
  });
});
