import { describe, expect, it } from 'vitest';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
import { asksWhatWaitsForMe } from '../../src/commands/chat.ts';
import type { Reply } from '../../src/commands/index.ts';
import { useDemoCorpus } from '../helpers/demo-corpus.ts';

const now = '2026-11-02T09:00:00Z';
const demo = useDemoCorpus({ now });
const { brief } = demo;

function shown(reply: Reply): string {
  return JSON.stringify(reply.blocks);
}

function itemId(title: string): number {
  return demo.deps.db.sqlite
    .prepare('SELECT id FROM items WHERE title LIKE ?')
    .pluck()
    .safeIntegers(false)
    .get(`${title}%`) as number;
}

describe('what is waiting for a response', () => {
  it.each([
    'anything I need to respond to',
    'anything we need to respond to?',
    'what needs a response',
    'what should we reply to',
    'anything waiting on us',
    'is there anything we should respond to this week',
    'what needs responding to',
    'which stories need a reply',
  ])('"%s" asks what waits on us, never a search for its words', (question) => {
    const asked = parseAsk(question, new Date(now), 'UTC');
    expect(asked.respond).toBe(true);
    expect(asked.subjects).toEqual([]);
  });

  it('"should we respond to the pricing backlash" is still about pricing', () => {
    const asked = parseAsk('should we respond to the pricing backlash', new Date(now), 'UTC');
    expect(asked.respond).toBeUndefined();
    expect(asked.subjects).toEqual(['pricing']);
  });

  it('lists the open conversations, then the negative stories nobody was asked about, each with Request a response', async () => {
    const outage = itemId('Acme Desk suffers four-hour outage');
    const before = await brief('anything I need to respond to');
    expect(before.text).toContain('What is waiting for a response');
    expect(shown(before)).toContain('*Conversations waiting on us:* none in progress.');
    expect(shown(before)).toContain(`"value":"nudge item #${outage}"`);
    expect(shown(before)).not.toContain('No item says');

    const asked = (await brief(`nudge item #${outage}`, 'UMARKET1')).text;
    const conversation = /conversation (\d+)/.exec(asked)?.[1];
    expect(conversation).toBeDefined();

    // No expert is on the outages beat here, so the conversation waits for an admin.
    const after = await brief('what needs a response');
    const blocks = shown(after);
    expect(blocks).toContain('*Conversations waiting on us (1)*');
    expect(blocks).toContain(
      `• *${conversation}* <https://saasledger.example/2026/acme-desk-eu-outage|Acme Desk suffers four-hour outage across EU region; status page lagged> · outages · nobody to ask: an admin gives it to an expert · \`/brief nudge ${conversation}\``,
    );
    // The story asked about is in the conversations, not among the stories nobody was asked about.
    expect(blocks).not.toContain(`"value":"nudge item #${outage}"`);
    const requests = [...blocks.matchAll(/"value":"nudge item #(\d+)"/g)].map((match) => Number(match[1]));
    expect(requests.length).toBeGreaterThan(0);
    for (const id of requests)
      expect(demo.deps.db.sqlite.prepare('SELECT sentiment FROM items WHERE id = ?').pluck().get(id)).toBe(
        'negative',
      );
    expect(blocks).toContain('`/brief nudge list` shows every conversation in progress');
  });

  it('its Share to channel posts it for everyone there, saying who asked, with no buttons to press', async () => {
    const asked = await brief('anything waiting on us');
    expect(JSON.stringify(asked.blocks)).toContain('"value":"share --post anything waiting on us"');
    const posted = await brief('share --post anything waiting on us');
    expect(posted.visibility).toBe('in_channel');
    const blocks = shown(posted);
    expect(blocks).toContain('Asked by <@UEXEC01>: “anything waiting on us”');
    expect(blocks).toContain('What is waiting for a response');
    expect(blocks).not.toContain('"type":"button"');
  });
});

describe("what's waiting for me", () => {
  it.each([
    "what's waiting for me",
    'anything for me?',
    'what do I need to do',
    'is there anything waiting for me today',
    'what should I work on',
    'anything I need to respond to',
    'my queue',
  ])('"%s" asks for the asker\'s own queue', (question) => {
    expect(asksWhatWaitsForMe(question, parseAsk(question, new Date(now), 'UTC').respond)).toBe(true);
  });

  it.each([
    'anything waiting on us',
    'what needs a response',
    'what should we reply to',
    'should we respond to the pricing backlash',
    'what do customers need',
  ])('"%s" is not the asker\'s own queue', (question) => {
    expect(asksWhatWaitsForMe(question, parseAsk(question, new Date(now), 'UTC').respond)).toBe(false);
  });

  it('an expert gets their claims with what is due when, then what waits on their beats; others keep the team overview', async () => {
    demo.deps.workspaceAdmins.add('UADMIN01');
    await brief('sme add <@UEXPERT9> pricing outages', 'UADMIN01');
    const price = itemId('Acme price increase: are you renegotiating');
    const outage = itemId('Acme Desk suffers four-hour outage');
    const asked = (await brief(`nudge item #${price}`, 'UADMIN01')).text;
    const pricing = Number(/conversation (\d+)/.exec(asked)?.[1]);
    expect(pricing).toBeGreaterThan(0);
    const outages = demo.deps.db.sqlite
      .prepare("SELECT id FROM nudges WHERE item_id = ? AND state = 'open'")
      .pluck()
      .safeIntegers(false)
      .get(outage) as number;

    const before = await brief("what's waiting for me", 'UEXPERT9');
    expect(before.text).toContain(
      'Waiting for you: 0 conversations you hold · 2 conversations on your beats',
    );
    expect(shown(before)).not.toContain('What is waiting for a response');
    expect(shown(before)).toContain('*Yours to reply to:* none, you hold no conversation.');
    expect(shown(before)).toContain('*Waiting for a claim on your beats (2)*');
    for (const id of [pricing, outages])
      expect(shown(before)).toContain(`"action_id":"nudge_claim","value":"${id}"`);

    await brief(`nudge claim ${pricing}`, 'UEXPERT9');
    const after = shown(await brief('what do I need to do', 'UEXPERT9'));
    expect(after).toContain('*Yours to reply to (1)*');
    // 9 working hours from Mon 09:00 end as Monday's do, so the reminder is Tuesday's first hour.
    expect(after).toContain(
      'a reminder Tue 3 Nov 09:00 UTC unless a reply is recorded · the claim expires Mon 9 Nov 09:00 UTC',
    );
    expect(after).toContain(`"action_id":"nudge_mark_replied","value":"${pricing}"`);
    expect(after).toContain('*Waiting for a claim on your beats (1)*');
    expect(after).toContain(`\`/brief nudge claim ${outages}\``);
    expect(after).not.toContain(`\`/brief nudge claim ${pricing}\``);

    for (const who of ['UEXEC01', 'UADMIN01']) {
      const overview = await brief('anything for me?', who);
      expect(overview.text).toContain('What is waiting for a response');
      expect(shown(overview)).toContain(`*Conversations waiting on us (2)*`);
    }
  });
});
