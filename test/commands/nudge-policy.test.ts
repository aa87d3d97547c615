import { describe, expect, it } from 'vitest';
import { asksNudgePolicy } from '../../src/commands/nudge-settings.ts';
import { read, useCommandTests } from '../helpers/commands.ts';

const admin = 'UADMIN01';
const member = 'UMEMBER1';
const { brief } = useCommandTests(admin, { NUDGE_QUIET_HOURS: '22:00-07:00' });

describe('questions about the nudge policy', () => {
  const asked = [
    'who gets escalations?',
    'where do escalations go',
    'when are experts reminded?',
    'how soon are SMEs nudged',
    'what are the quiet hours?',
    'what is the nudge policy',
    'what is the escalation policy',
    'how do nudges work',
  ];

  it('are answered for an admin with the policy in force, never a news search', async () => {
    for (const question of asked) {
      const reply = read(await brief(question, admin));
      expect(reply, question).toContain('Nudge policy in force');
      expect(reply, question).toContain('*Quiet hours* 22:00–07:00');
      expect(reply, question).not.toMatch(/Nothing about|What people are saying/);
    }
  });

  it('point a member to the policy in a line', async () => {
    const reply = await brief('who gets escalations', member);
    expect(reply.blocks).toHaveLength(1);
    expect(read(reply)).toContain('`/brief nudge settings` shows it');
    expect(read(reply)).not.toContain('Nudge policy in force');
  });

  it('are told from news questions that use the same words', () => {
    for (const question of asked) expect(asksNudgePolicy(question), question).toBe(true);
    for (const question of [
      'is the price war escalating',
      'escalation of the outage',
      'quiet hours at the plant',
      'what are customers saying about reminders',
      'who is escalating the strike',
    ])
      expect(asksNudgePolicy(question), question).toBe(false);
  });
});
