import { describe, expect, it } from 'vitest';
import { beatExperts } from '../../src/engage/nudges.ts';
import { buildHome } from '../../src/slack/home.ts';
import { useCommandTests } from '../helpers/commands.ts';
import { createBeat } from '../helpers/nudges.ts';

const admin = 'U0ADMIN01';
const { current, brief } = useCommandTests(admin);

describe('an absence set ahead (sme away from … to …)', () => {
  it('keeps nudges coming to the expert until its first day, then sends them to the others on the beat; back cancels it', async () => {
    const { deps } = current();
    // Mon 2 Nov 09:00 UTC: away from Friday 6 Nov to Wednesday 11 Nov.
    const topicId = await createBeat(deps, { experts: [{ userId: 'U0MARIA1' }, { userId: 'U0SAM0001' }] });
    const set = await brief('sme away from friday to next wednesday', 'U0MARIA1');
    expect(set.text).toBe(
      'You are away from Fri 6 Nov until Wed 11 Nov (end of day, UTC). Nudges still come to you until then. From then, nudges go to the others on your beats (<@U0SAM0001> covers pricing). Cancel it: `/brief sme away me back`.',
    );
    // Before it starts: still asked, shown as planned in sme list and on App Home's beats line.
    expect((await beatExperts(deps, topicId)).smes).toEqual(['U0MARIA1', 'U0SAM0001']);
    expect(JSON.stringify((await brief('sme list')).blocks)).toContain(
      '<@U0MARIA1> — pricing · _away from Fri 6 Nov until Wed 11 Nov (end of day, UTC)_',
    );
    expect(JSON.stringify(await buildHome(deps, 'U0MARIA1'))).toContain(
      'You are marked *away from Fri 6 Nov until Wed 11 Nov (end of day, UTC)*: nudges still come to you until then. Cancel it: `/brief sme away me back`.',
    );
    // Friday: away, the nudges go to Sam; she is back after Wednesday.
    deps.clock.set('2026-11-06T00:30:00Z');
    expect(await beatExperts(deps, topicId)).toEqual({
      smes: ['U0SAM0001'],
      away: [{ userId: 'U0MARIA1', until: new Date('2026-11-11T23:59:00Z') }],
      left: [],
    });
    expect(JSON.stringify((await brief('sme list')).blocks)).toContain(
      '<@U0MARIA1> — pricing · _away until Wed 11 Nov (end of day, UTC)_',
    );
    deps.clock.set('2026-11-12T00:00:00Z');
    expect((await beatExperts(deps, topicId)).smes).toEqual(['U0MARIA1', 'U0SAM0001']);
  });

  it('is cancelled by `sme away me back` before it starts, and an admin sets one for an expert', async () => {
    const { deps } = current();
    const topicId = await createBeat(deps, { experts: [{ userId: 'U0MARIA1' }] });
    expect((await brief('sme away <@U0MARIA1> 2026-12-24 to 2027-01-02')).text).toBe(
      '<@U0MARIA1> is away from Thu 24 Dec until Sat 2 Jan 2027 (end of day, UTC). Nudges still go to them until then. Nobody else covers pricing: from then, an admin gives its conversations to someone, or puts another expert on that beat: `/brief sme add @someone pricing`. Cancel it: `/brief sme away @U0MARIA1 back`.',
    );
    // Taken off every beat and put back (the undo of `sme remove`): the absence set ahead is kept.
    await brief('sme remove <@U0MARIA1>');
    await brief('sme add <@U0MARIA1> pricing');
    expect(JSON.stringify((await brief('sme list')).blocks)).toContain(
      '_away from Thu 24 Dec until Sat 2 Jan 2027 (end of day, UTC)_',
    );
    expect((await beatExperts(deps, topicId)).smes).toEqual(['U0MARIA1']);
    expect((await brief('sme away me back', 'U0MARIA1')).text).toBe(
      'Your absence from Thu 24 Dec until Sat 2 Jan 2027 (end of day, UTC) is cancelled: nudges keep coming to you.',
    );
    deps.clock.set('2026-12-25T12:00:00Z');
    expect((await beatExperts(deps, topicId)).smes).toEqual(['U0MARIA1']);
  });
});

describe('away typed without sme', () => {
  it('"away until friday" marks the expert away, as `sme away until friday` does, never a news search; "away back" ends it', async () => {
    const { deps } = current();
    const topicId = await createBeat(deps, { experts: [{ userId: 'U0MARIA1' }, { userId: 'U0SAM0001' }] });
    expect((await brief('away until friday', 'U0MARIA1')).text).toMatch(
      /^You are away until Fri 6 Nov \(end of day, UTC\): no nudges until then\./,
    );
    expect((await beatExperts(deps, topicId)).smes).toEqual(['U0SAM0001']);
    expect((await brief('away back', 'U0MARIA1')).text).toMatch(/^Welcome back/);
    expect((await beatExperts(deps, topicId)).smes).toEqual(['U0MARIA1', 'U0SAM0001']);
    // Any other words after "away" are still a question.
    expect((await brief('away from acme', 'U0MARIA1')).text).not.toMatch(/away until|Welcome back/);
  });

  it('"back" and "I\'m back" end an expert\'s time away, as `sme away me back` does; from anyone else they stay a question', async () => {
    const { deps } = current();
    const topicId = await createBeat(deps, { experts: [{ userId: 'U0MARIA1' }, { userId: 'U0SAM0001' }] });
    for (const typed of ['back', "I'm back", 'im back!', 'I’m back now', 'i am back.']) {
      await brief('away until friday', 'U0MARIA1');
      expect((await beatExperts(deps, topicId)).smes, typed).toEqual(['U0SAM0001']);
      expect((await brief(typed, 'U0MARIA1')).text, typed).toMatch(/^Welcome back: you get nudges again\./);
      expect((await beatExperts(deps, topicId)).smes, typed).toEqual(['U0MARIA1', 'U0SAM0001']);
    }
    expect((await brief('back', 'U0MARIA1')).text).toBe('You were not marked away; nothing changed.');
    // No expert: not their time away, so not refused as an admin's command.
    expect((await brief("I'm back", 'U0EXEC001')).text).not.toMatch(
      /Welcome back|not marked away|mark experts away/,
    );
    expect((await brief('back to school pricing', 'U0MARIA1')).text).not.toMatch(
      /Welcome back|not marked away/,
    );
  });
});
