import { describe, expect, it } from 'vitest';
import { competitorLabel, guessCompetitor } from '../../src/monitor/feed-kind.ts';

describe('competitorLabel', () => {
  it('gives a name typed in lower case or in capitals one first capital, and keeps capitals of its own', () => {
    expect(competitorLabel('initech')).toBe('Initech');
    // Typed in capitals, a name is not shouted back in running text.
    expect(competitorLabel('INITECH')).toBe('Initech');
    expect(competitorLabel('HELP SCOUT')).toBe('Help Scout');
    expect(competitorLabel('GLOBEX-CORP')).toBe('Globex-Corp');
    // A short name in capitals reads as an acronym; mixed capitals are the company's own.
    expect(competitorLabel('IBM')).toBe('IBM');
    expect(competitorLabel('NASA')).toBe('NASA');
    expect(competitorLabel('HubSpot')).toBe('HubSpot');
    expect(competitorLabel('SaaS')).toBe('SaaS');
  });
});

describe('guessCompetitor', () => {
  it('takes no word about feeds for a company: "RSS Title" names none', () => {
    const at = { url: 'https://feeds.example.com/a.xml', siteUrl: null };
    expect(guessCompetitor({ ...at, title: 'RSS Title' }, [])).toBeUndefined();
    expect(guessCompetitor({ ...at, title: 'Atom feed' }, [])).toBeUndefined();
    expect(guessCompetitor({ ...at, title: 'Initech News' }, [])).toBe('Initech');
  });
});
