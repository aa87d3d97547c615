import { describe, expect, it } from 'vitest';
import { parseAsk } from '../../src/briefing/ask-parse.ts';
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
